"""Flask and Django side by side: sizes, and optionally boot time, memory and throughput."""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from scaffold.errors import CompareError, ServerError
from scaffold.launch import serve_app
from scaffold.measure import Size, size
from scaffold.processes import rss_mib
from scaffold.server import Server
from scaffold.targets import Target

__all__ = ["Comparison", "compare", "render"]


@dataclass(frozen=True)
class Comparison:
    """One target's figures; the measured ones are None unless asked for."""

    target: str
    kind: str
    size: Size
    boot_s: float | None = None
    """Median seconds from spawning the dev server to its first good answer on "/"."""
    rss_mib: float | None = None
    """Median resident memory of the server's processes once it answers, in MiB."""
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None

    def as_dict(self) -> dict[str, object]:
        """Flat, as JSON shows it: target, kind, the size figures, then the measured ones."""
        row = asdict(self)
        return {"target": row.pop("target"), "kind": row.pop("kind"), **row.pop("size"), **row}


def compare(
    targets: Sequence[Target], *, boot: bool = False, load: bool = False, repeat: int = 3
) -> list[Comparison]:
    """The figures of each target, booting and loading each one in turn if asked."""
    results = []
    for target in targets:
        # Counted before any server runs: Django's creates db.sqlite3 as it starts.
        counted = size(target.app.root)
        figures: dict[str, float | None] = {}
        if boot:
            figures |= _boot(target, repeat)
        if load:
            figures |= _load(target)
        results.append(Comparison(target.name, target.app.kind, counted, **figures))
    return results


def _boot(target: Target, repeat: int) -> dict[str, float | None]:
    import requests

    boots, memory = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        with _served(target, "dev") as server:
            while requests.get(server.url + "/", timeout=10).status_code != 200:
                if time.perf_counter() - start > 30:
                    raise CompareError(f"{target.name}: '/' never answered 200.")
                time.sleep(0.01)
            boots.append(time.perf_counter() - start)
            memory.append(rss_mib(server.process))
    known = [m for m in memory if m is not None]
    return {
        "boot_s": round(statistics.median(boots), 3),
        "rss_mib": round(statistics.median(known), 1) if known else None,
    }


def _load(target: Target) -> dict[str, float | None]:
    from scaffold.load import load

    with _served(target, "wsgi") as server:
        result = load(server.url + "/")
    if result.failures or not result.requests:
        raise CompareError(f"{target.name}: {result.failures} requests failed under load.")
    return {
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p99_ms": round(result.p99_ms, 2),
    }


@contextlib.contextmanager
def _served(target: Target, server: str) -> Iterator[Server]:
    try:
        with serve_app(target.app, server=server, python=sys.executable) as running:
            yield running
    except ServerError as err:
        shown = "".join(f"\n  | {line}" for line in err.output.splitlines())
        raise CompareError(f"{target.name}: {err}{shown}") from None


_COLUMNS = (
    ("target", "target"),
    ("kind", "kind"),
    ("files", "files"),
    ("python_files", ".py files"),
    ("lines", "lines"),
    ("code_lines", "code lines"),
    ("imports", "imports"),
    ("requirements", "requirements"),
    ("boot_s", "boot s"),
    ("rss_mib", "RSS MiB"),
    ("rps", "req/s"),
    ("p50_ms", "p50 ms"),
    ("p99_ms", "p99 ms"),
)


def render(results: Sequence[Comparison], fmt: str) -> str:
    """`results` as an aligned table, a GitHub markdown table, or JSON."""
    rows = [r.as_dict() for r in results]
    if fmt == "json":
        return json.dumps(rows, indent=2)
    columns = [(key, title) for key, title in _COLUMNS if any(row[key] is not None for row in rows)]
    cells = [[_cell(row[key]) for key, _ in columns] for row in rows]
    titles = [title for _, title in columns]
    numeric = [key not in ("target", "kind", "imports", "requirements") for key, _ in columns]
    if fmt == "markdown":
        rule = ["---:" if n else "---" for n in numeric]
        return "\n".join(f"| {' | '.join(line)} |" for line in [titles, rule, *cells])
    widths = [max(len(line[i]) for line in [titles, *cells]) for i in range(len(titles))]

    def aligned(line: list[str]) -> str:
        padded = [
            cell.rjust(w) if n else cell.ljust(w)
            for cell, w, n in zip(line, widths, numeric, strict=True)
        ]
        return "  ".join(padded).rstrip()

    return "\n".join(aligned(line) for line in [titles, *cells])


def _cell(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value)) or "-"
    return str(value)
