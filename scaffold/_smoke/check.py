"""One target's smoke test: serve it, request "/" and `?name=<script>`, judge the answers."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from scaffold._apps.detect import App
from scaffold._apps.launch import serve_app
from scaffold._apps.targets import Target
from scaffold._process.fetch import MAX_BODY_BYTES, Answer
from scaffold._process.server import Server
from scaffold._process.supervisor import Supervisor
from scaffold._smoke.fresh_env import fresh_env
from scaffold.errors import InputError, ProcessError, ScaffoldError, ServerExitedError
from scaffold.kinds import KINDS, ServerName

__all__ = ["SmokeOptions", "SmokeResult", "check", "find_python"]

DEFAULT_EXPECT = "Hello, World!"
_PROBE = "<script>"
_PROBE_ESCAPED = "&lt;script&gt;"
# What to install when a module is missing: the packages the kinds need, by import name.
_PACKAGES = {package.lower(): package for kind in KINDS for package in kind.packages}
_MISSING_MODULE = re.compile(r"No module named '?(\w+)")
_SHOWN_CHARS = 200
MAX_KEPT_BODY = 10_000
"""The most of a body a result keeps, in characters."""


@dataclass(frozen=True)
class SmokeOptions:
    """How to serve and what to expect; the same for every target of a run."""

    server: ServerName
    timeout: float
    expect: str | None
    """The body "/" must return; None: from the answers file, else 'Hello, World!'."""
    python: str
    fresh_env: bool


@dataclass(frozen=True)
class SmokeResult:
    """The outcome of one target's smoke test."""

    target: str
    kind: str
    server: str
    passed: bool
    status: int | None
    """The status of GET /, or None when the server never answered."""
    body: str | None
    """The body of GET /, its first 10,000 characters."""
    elapsed_s: float
    error: str | None = None
    output: str = ""
    """The server's last output lines, kept when the test failed."""
    path: str = ""


def find_python(python: str) -> str:
    """The interpreter `python` names (a path, or a command on PATH), or InputError."""
    found = shutil.which(python)
    if found is None:
        raise InputError(f"--python '{python}' is not an interpreter that can be run.")
    # Absolute, as servers run in the project's folder; not resolved, as that would
    # step out of a virtualenv whose python is a symlink.
    return str(Path(found).absolute())


class _Outcome(NamedTuple):
    passed: bool
    status: int | None = None
    body: str | None = None
    error: str | None = None
    output: str = ""


def check(
    target: Target, options: SmokeOptions, *, env_dir: Path, supervisor: Supervisor
) -> SmokeResult:
    """Smoke-test `target`, its processes run by `supervisor`: the result, pass or fail."""
    start = time.monotonic()
    outcome = _attempt(target.app, options, env_dir, supervisor)
    return SmokeResult(
        target=target.name,
        kind=target.app.kind.name,
        server=options.server,
        elapsed_s=round(time.monotonic() - start, 3),
        path=str(target.app.root),
        **outcome._asdict(),
    )


def _attempt(app: App, options: SmokeOptions, env_dir: Path, supervisor: Supervisor) -> _Outcome:
    python = options.python
    try:
        if options.fresh_env:
            python = fresh_env(app.root, base_python=python, into=env_dir, supervisor=supervisor)
        serving = serve_app(
            app,
            server=options.server,
            python=python,
            timeout=options.timeout,
            supervisor=supervisor,
        )
        with serving as server:
            first = server.first
            body = first.body[:MAX_KEPT_BODY]
            problem = _judge(app, options, server, first)
            if problem:
                return _Outcome(False, first.status, body, problem, server.output())
            return _Outcome(True, first.status, body)
    except ProcessError as err:
        return _Outcome(False, error=_explain(err, python), output=err.output)
    except ScaffoldError as err:
        return _Outcome(False, error=str(err))


def _expected(app: App, options: SmokeOptions) -> tuple[str, str | None]:
    """The body of "/", and of "/?name=<script>" (None: only check that it is escaped).

    A generated project must greet the probe by name; any other app may ignore it.
    """
    if options.expect is not None:
        return options.expect, None
    if app.greeting is not None:
        return f"{app.greeting}, World!", f"{app.greeting}, {_PROBE_ESCAPED}!"
    return DEFAULT_EXPECT, None


def _judge(app: App, options: SmokeOptions, server: Server, first: Answer) -> str | None:
    """What is wrong with the answers, or None if nothing is."""
    import http.client

    expected, expected_probe = _expected(app, options)
    problem = _wrong(first, "GET /", expected)
    if problem:
        return problem
    request = f"GET /?name={_PROBE}"
    try:
        probe = server.get("/", name=_PROBE)
    except TimeoutError:
        return f"{request} did not finish within the {options.timeout:g} s timeout."
    except (OSError, http.client.HTTPException) as err:
        return f"{request} failed: {type(err).__name__}: {err}."
    problem = _wrong(probe, request, expected_probe)
    if problem:
        return problem
    # Unescaped, the probe comes back once more than the page holds it anyway (a
    # greeting may well say "<script>").
    if probe.body.count(_PROBE) > first.body.count(_PROBE):
        return f"{request} answered {_shown(probe.body)}: the name is not HTML-escaped."
    return None


def _wrong(answer: Answer, request: str, expected: str | None) -> str | None:
    """What is wrong with `answer`: its status, its size, its body if one is expected."""
    if answer.status != 200:
        return f"{request} answered {answer.status}, expected 200."
    if not answer.complete:
        return f"{request} answered a body longer than {MAX_BODY_BYTES // 1024 // 1024} MiB."
    if expected is not None and answer.body != expected:
        return f"{request} answered {_shown(answer.body)}, expected {_shown(expected)}."
    return None


def _shown(text: str) -> str:
    """`text` as a Python literal, cut to a length that fits a report."""
    if len(text) <= _SHOWN_CHARS:
        return repr(text)
    return f"{text[:_SHOWN_CHARS]!r}… ({len(text) - _SHOWN_CHARS} more characters)"


def _explain(err: ProcessError, python: str) -> str:
    """The server's failure, with what to install when a framework is missing."""
    match = _MISSING_MODULE.search(err.output)
    if isinstance(err, ServerExitedError) and match and match.group(1) in _PACKAGES:
        package = _PACKAGES[match.group(1)]
        return (
            f"{err}: {package} is not installed for {python}. Install it there "
            f"(python -m pip install {package}), or use --python or --fresh-env."
        )
    return str(err)
