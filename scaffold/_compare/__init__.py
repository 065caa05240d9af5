"""`scaffold compare`: Flask and Django side by side, sizes and, if asked, boot, memory, load."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from scaffold._apps.hints import explain, status_hint
from scaffold._apps.interpreter import require_runnable
from scaffold._apps.roles import app_roles
from scaffold._apps.serving import Serving, base_python, served
from scaffold._apps.targets import Target, resolve, workspace
from scaffold._checked import is_count, is_seconds
from scaffold._compare.figures import MEASURED, Comparison, Spread
from scaffold._compare.size import size
from scaffold._output import check_writable, write_whole
from scaffold._process.server import Server
from scaffold._process.supervisor import Supervisor, rss_mib
from scaffold.errors import CompareError, InputError, ServerError, option
from scaffold.frameworks import ServerName

__all__ = ["MEASURED", "Comparison", "Spread", "compare", "tree_diff"]

_SERVER_TIMEOUT_S = 30.0
"""How long a server has, from spawning to its last measured answer."""
_MAX_REPEAT = 1000
_MAX_LOAD_SECONDS = 3600.0


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
    env_file: Sequence[str | os.PathLike[str]] = (),
    python: str | None = None,
    roles: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[Comparison]:
    """The figures of each target, booting and loading each one in turn if asked.

    A target is a project folder or a template name, generated into a temporary folder.
    Each measured figure is taken `repeat` times; each load sample lasts `load_seconds`.
    With `html`, a page showing the figures, charts and code is written there. Every
    request carries `host` as its Host header (default: the server's address and
    port), and `env` is added to the servers' environment, over the settings the
    `env_file`s make (a .env). The servers run on `python`,
    else each project's own virtualenv's, else the activated one's, else scaffold's, as
    smoke's do. With `roles`
    (and always for `html`), each Comparison holds the code playing each role.
    `progress`, if given, is told as each target's measuring of a figure starts.
    """
    if isinstance(targets, (str, os.PathLike)) or not targets:
        raise InputError("give at least one TARGET: a project folder or a template name.")
    _check_counts(repeat, load_seconds)
    how = Serving.checked(python=python, env=env, host=host, timeout=_SERVER_TIMEOUT_S,
                          env_file=env_file)  # fmt: skip
    if html is not None:
        check_writable(Path(html))
    results = []
    with workspace() as folder, Supervisor() as supervisor:
        resolved = resolve(targets, folder, environ=how.environ)
        pythons = [base_python(target.app, how) for target in resolved]
        for python_found in pythons if boot or load else ():
            require_runnable(python_found)  # each, before any server starts
        for target, python_found in zip(resolved, pythons, strict=True):
            # Counted before any server runs: Django's creates db.sqlite3 as it starts.
            counted = size(target.app.root)
            figures: dict[str, Spread | None] = {}
            running = _Measuring(target, how, supervisor, python_found)
            if boot:
                if progress:
                    progress(f"booting {target.name} {_times(repeat)} …")
                figures |= _boot(running, repeat)
            if load:
                if progress:
                    samples = f"{repeat} samples of " if repeat > 1 else ""
                    progress(f"loading {target.name}: {samples}{load_seconds:g} s of requests …")
                figures |= _load(running, repeat, load_seconds)
            found = app_roles(target.app) if roles or html is not None else None
            results.append(
                Comparison(target.name, target.app.kind.name, counted, **figures, roles=found)
            )
        if html is not None:
            from scaffold._compare.report import html_report

            write_whole(Path(html), html_report(results, [t.app.root for t in resolved]))
    return results


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _check_counts(repeat: object, load_seconds: object) -> None:
    """Raise InputError unless `repeat` and `load_seconds` are counts a measure can take."""
    if not is_count(repeat, 1, _MAX_REPEAT):
        raise InputError(
            f"repeat {repeat!r} is not a number of times to measure: use 1 to {_MAX_REPEAT}.",
            parameter="repeat",
        )
    if not is_seconds(load_seconds, _MAX_LOAD_SECONDS):
        raise InputError(
            f"load_seconds {load_seconds!r} is not a finite number of seconds above 0 (and "
            "at most an hour).",
            parameter="load_seconds",
        )


def tree_diff(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> str:
    """The unified diff from target `a`'s tree to target `b`'s (a folder or a template name)."""
    from scaffold._project.treediff import diff_trees

    with workspace() as folder:
        left, right = resolve([a, b], folder)
        return diff_trees(left.app.root, right.app.root)


class _Measuring(NamedTuple):
    """A target being measured, and how its servers are started."""

    target: Target
    how: Serving
    supervisor: Supervisor
    python: str


def _boot(measuring: _Measuring, repeat: int) -> dict[str, Spread | None]:
    boots, memory = [], []
    for _ in range(repeat):
        with _served(measuring, "dev") as server:
            # From the spawn of the server that answered: not the copy of the project,
            # nor a try whose port another process took.
            boots.append(server.boot_s)
            memory.append(rss_mib(server.process))
    known = [m for m in memory if m is not None]
    return {
        "boot_s": Spread.of(boots, 3),
        "rss_mib": Spread.of(known, 1) if known else None,
    }


def _load(measuring: _Measuring, repeat: int, seconds: float) -> dict[str, Spread | None]:
    from scaffold._compare.load import load

    samples = []
    with _served(measuring, "wsgi") as server:
        for _ in range(repeat):
            result = load(server.url + "/", duration=seconds, host=measuring.how.host)
            if result.failures or not result.requests:
                name = measuring.target.name
                raise CompareError(f"{name}: {result.failures} requests failed under load.")
            samples.append(result)
    return {
        "rps": Spread.of([r.rps for r in samples], 1),
        "p50_ms": Spread.of([r.p50_ms for r in samples], 2),
        "p99_ms": Spread.of([r.p99_ms for r in samples], 2),
    }


@contextlib.contextmanager
def _served(measuring: _Measuring, server: ServerName) -> Iterator[Server]:
    target = measuring.target
    app = target.app.served_by(server)  # for its hints
    try:
        serving = served(
            app, measuring.how, supervisor=measuring.supervisor, python=measuring.python,
            server=server,
        )  # fmt: skip
        with serving as running:
            first = running.first
            if first.status != 200:
                # An error page's figures would not be the app's: say so at once.
                hint = status_hint(app, first.status, running.host, running.output(None),
                                   measuring.how.env, first.location, first.body)  # fmt: skip
                raise CompareError(
                    f"{target.name}: GET / answered {first.said}, not 200; compare measures "
                    f"apps that answer '/'.{hint} `scaffold smoke {app.root}` says more."
                )
            yield running
    except ServerError as err:
        shown = "".join(f"\n  | {line}" for line in err.output.splitlines())
        said = explain(
            err, app, measuring.python, other_ways=option("python"), app_option="FLASK_APP=",
            env=measuring.how.env,
        )  # fmt: skip
        raise CompareError(f"{target.name}: {said}{shown}") from None
