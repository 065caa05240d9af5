"""`scaffold compare`: Flask and Django side by side, sizes and, if asked, boot, memory, load."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from scaffold._apps.hints import explain, status_hint
from scaffold._apps.interpreter import base_python, find_python, require_runnable
from scaffold._apps.launch import check_env, check_host, serve_app
from scaffold._apps.targets import Target, resolve, workspace
from scaffold._compare.figures import MEASURED, Comparison, Spread
from scaffold._compare.size import size
from scaffold._output import check_writable, write_whole
from scaffold._process.server import Server
from scaffold._process.supervisor import Supervisor, rss_mib
from scaffold.errors import CompareError, InputError, ServerError
from scaffold.kinds import ServerName

__all__ = ["MEASURED", "Comparison", "Spread", "compare", "tree_diff"]

_SERVER_TIMEOUT_S = 30.0
"""How long a server has, from spawning to its last measured answer."""


def compare(
    targets: Sequence[str | os.PathLike[str]],
    *,
    boot: bool = False,
    load: bool = False,
    repeat: int = 3,
    load_seconds: float = 2.0,
    html: str | os.PathLike[str] | None = None,
    host: str | None = None,
    env: Mapping[str, str] | None = None,
    python: str | None = None,
) -> list[Comparison]:
    """The figures of each target, booting and loading each one in turn if asked.

    A target is a project folder or a template name, generated into a temporary folder.
    Each measured figure is taken `repeat` times; each load sample lasts `load_seconds`.
    With `html`, a page showing the figures, charts and code is written there. Every
    request carries `host` as its Host header (default: the server's address and
    port), and `env` is added to the servers' environment. The servers run on `python`,
    else each project's own virtualenv's, else scaffold's, as smoke's do.
    """
    if not targets:
        raise InputError("give at least one TARGET: a project folder or a template name.")
    check_host(host)
    check_env(env or {})
    chosen = find_python(python) if python else None
    if html is not None:
        check_writable(Path(html))
    results = []
    with workspace() as folder, Supervisor() as supervisor:
        resolved = resolve(targets, folder)
        pythons = [base_python(target.app.root, chosen) for target in resolved]
        for python_found in pythons if boot or load else ():
            require_runnable(python_found)  # each, before any server starts
        for target, python_found in zip(resolved, pythons, strict=True):
            # Counted before any server runs: Django's creates db.sqlite3 as it starts.
            counted = size(target.app.root)
            figures: dict[str, Spread | None] = {}
            serving = _Serving(host, dict(env or {}), python_found)
            if boot:
                figures |= _boot(target, repeat, supervisor, serving)
            if load:
                figures |= _load(target, repeat, load_seconds, supervisor, serving)
            results.append(Comparison(target.name, target.app.kind.name, counted, **figures))
        if html is not None:
            from scaffold._compare.report import html_report

            write_whole(Path(html), html_report(results, [t.app.root for t in resolved]))
    return results


def tree_diff(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> str:
    """The unified diff from target `a`'s tree to target `b`'s (a folder or a template name)."""
    from scaffold._compare.treediff import diff_trees

    with workspace() as folder:
        left, right = resolve([a, b], folder)
        return diff_trees(left.app.root, right.app.root)


class _Serving(NamedTuple):
    host: str | None
    env: dict[str, str]
    python: str


def _boot(
    target: Target, repeat: int, supervisor: Supervisor, serving: _Serving
) -> dict[str, Spread | None]:
    boots, memory = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        with _served(target, "dev", supervisor, serving) as server:
            boots.append(time.perf_counter() - start)
            memory.append(rss_mib(server.process))
    known = [m for m in memory if m is not None]
    return {
        "boot_s": Spread.of(boots, 3),
        "rss_mib": Spread.of(known, 1) if known else None,
    }


def _load(
    target: Target, repeat: int, seconds: float, supervisor: Supervisor, serving: _Serving
) -> dict[str, Spread | None]:
    from scaffold._compare.load import load

    samples = []
    with _served(target, "wsgi", supervisor, serving) as server:
        for _ in range(repeat):
            result = load(server.url + "/", duration=seconds, host=serving.host)
            if result.failures or not result.requests:
                raise CompareError(f"{target.name}: {result.failures} requests failed under load.")
            samples.append(result)
    return {
        "rps": Spread.of([r.rps for r in samples], 1),
        "p50_ms": Spread.of([r.p50_ms for r in samples], 2),
        "p99_ms": Spread.of([r.p99_ms for r in samples], 2),
    }


@contextlib.contextmanager
def _served(
    target: Target, server: ServerName, supervisor: Supervisor, serving: _Serving
) -> Iterator[Server]:
    try:
        with serve_app(
            target.app,
            server=server,
            python=serving.python,
            supervisor=supervisor,
            timeout=_SERVER_TIMEOUT_S,
            env=serving.env,
            host=serving.host,
        ) as running:
            first = running.first
            if first.status != 200:
                # An error page's figures would not be the app's: say so at once.
                hint = status_hint(target.app, first.status, running.host, running.output())
                raise CompareError(
                    f"{target.name}: GET / answered {first.said}, not 200; compare measures "
                    f"apps that answer '/'.{hint} `scaffold smoke {target.app.root}` says more."
                )
            yield running
    except ServerError as err:
        shown = "".join(f"\n  | {line}" for line in err.output.splitlines())
        said = explain(err, target.app, serving.python, otherwise="--python", naming="FLASK_APP=")
        raise CompareError(f"{target.name}: {said}{shown}") from None
