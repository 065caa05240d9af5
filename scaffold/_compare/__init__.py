"""`scaffold compare`: Flask and Django side by side, sizes and, if asked, boot, memory, load."""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from scaffold._apps.launch import serve_app
from scaffold._apps.targets import Target, resolve, workspace
from scaffold._compare.size import Size, size
from scaffold._process.server import Server
from scaffold._process.supervisor import Supervisor, rss_mib
from scaffold.errors import CompareError, InputError, ServerError
from scaffold.kinds import ServerName

__all__ = ["Comparison", "compare", "tree_diff"]

_SERVER_TIMEOUT_S = 30.0
"""How long a server has, from spawning to its last measured answer."""


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
    targets: Sequence[str | os.PathLike[str]],
    *,
    boot: bool = False,
    load: bool = False,
    repeat: int = 3,
) -> list[Comparison]:
    """The figures of each target, booting and loading each one in turn if asked.

    A target is a project folder or a template name, generated into a temporary folder.
    """
    if not targets:
        raise InputError("give at least one TARGET: a project folder or a template name.")
    results = []
    with workspace() as folder, Supervisor() as supervisor:
        for target in resolve(targets, folder):
            # Counted before any server runs: Django's creates db.sqlite3 as it starts.
            counted = size(target.app.root)
            figures: dict[str, float | None] = {}
            if boot:
                figures |= _boot(target, repeat, supervisor)
            if load:
                figures |= _load(target, supervisor)
            results.append(Comparison(target.name, target.app.kind.name, counted, **figures))
    return results


def tree_diff(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> str:
    """The unified diff from target `a`'s tree to target `b`'s (a folder or a template name)."""
    from scaffold._compare.treediff import diff_trees

    with workspace() as folder:
        left, right = resolve([a, b], folder)
        return diff_trees(left.app.root, right.app.root)


def _boot(target: Target, repeat: int, supervisor: Supervisor) -> dict[str, float | None]:
    boots, memory = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        with _served(target, "dev", supervisor) as server:
            answer = server.first
            while answer.status != 200:
                time.sleep(0.01)
                answer = server.get("/")
            boots.append(time.perf_counter() - start)
            memory.append(rss_mib(server.process))
    known = [m for m in memory if m is not None]
    return {
        "boot_s": round(statistics.median(boots), 3),
        "rss_mib": round(statistics.median(known), 1) if known else None,
    }


def _load(target: Target, supervisor: Supervisor) -> dict[str, float | None]:
    from scaffold._compare.load import load

    with _served(target, "wsgi", supervisor) as server:
        result = load(server.url + "/")
    if result.failures or not result.requests:
        raise CompareError(f"{target.name}: {result.failures} requests failed under load.")
    return {
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p99_ms": round(result.p99_ms, 2),
    }


@contextlib.contextmanager
def _served(target: Target, server: ServerName, supervisor: Supervisor) -> Iterator[Server]:
    try:
        with serve_app(
            target.app,
            server=server,
            python=sys.executable,
            supervisor=supervisor,
            timeout=_SERVER_TIMEOUT_S,
        ) as running:
            yield running
    except ServerError as err:
        shown = "".join(f"\n  | {line}" for line in err.output.splitlines())
        raise CompareError(f"{target.name}: {err}{shown}") from None
    except TimeoutError:
        raise CompareError(
            f"{target.name}: '/' did not answer 200 within {_SERVER_TIMEOUT_S:g} s."
        ) from None
