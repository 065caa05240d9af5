"""One target's smoke test: serve it, request "/" and `?name=<script>`, judge the answers."""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from scaffold._apps.detect import App
from scaffold._apps.interpreter import require_runnable
from scaffold._apps.serving import base_python, served
from scaffold._apps.targets import Target
from scaffold._process.fetch import MAX_BODY_BYTES, MAX_HEADER_BYTES, Answer, shown
from scaffold._process.server import Server
from scaffold._process.supervisor import Supervisor
from scaffold._smoke.options import SmokeOptions
from scaffold._smoke.redirects import redirect_hint
from scaffold._smoke.slots import Slots
from scaffold.errors import ProcessError, ScaffoldError, flag, option

if TYPE_CHECKING:
    from scaffold._smoke.fresh_env import FreshEnvs

__all__ = ["SmokeResult", "check"]

_PROBE = "<script>"
_PROBE_ESCAPED = "&lt;script&gt;"
_ADVICE_REQUEST_S = 2.0
"""The longest a request made only to advise (a path to check instead) may take."""
MAX_KEPT_BODY = 10_000
"""The most of a body a result keeps, in characters."""


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
    """The project's folder."""
    request: str = "/"
    """The first path requested, whose status and body these are."""
    shard: str | None = None
    """'K/N' when the run was the K-th of N shards."""


class _Outcome(NamedTuple):
    passed: bool
    status: int | None = None
    body: str | None = None
    error: str | None = None
    output: str = ""


def check(
    target: Target,
    options: SmokeOptions,
    *,
    envs: FreshEnvs | None,
    supervisor: Supervisor,
    slots: Slots | None = None,
    turn: int | None = None,
) -> SmokeResult:
    """Smoke-test `target`, its processes run by `supervisor`: the result, pass or fail.

    Its fresh environment, if asked for, is made first; then it waits for one of
    `slots` in its `turn`, and frees it before its server stops. Its time leaves out
    the wait.
    """
    start = time.monotonic()
    waited_s = 0.0
    # As its server serves it: what its hints' commands name too (FLASK_APP=wsgi).
    app = target.app.served_by(options.serving.server)
    slots = slots or Slots(1)
    tell = options.progress or (lambda _: None)
    python = base = ""
    installed = app.requirements_root()  # whose requirements a fresh env holds
    try:
        python = base = base_python(app, options.serving)
        require_runnable(python)
        if envs is not None:
            if turn is not None:
                slots.step_aside(turn)  # installing may take a while: the next go first
            tell(f"installing requirements for {target.name} …")
            python = envs.python_for(installed, base)
        with slots.slot(turn) as slot:
            waited_s = slot.waited_s
            tell(f"starting {target.name} ({options.serving.server}) …")
            outcome = _serve(app, options, python, supervisor, on_judged=slot.free)
    except ProcessError as err:
        other_ways = "" if options.fresh_env else f"{option('python')} or {flag('fresh_env')}"
        from scaffold._apps.hints import explain  # on a failure alone

        said = explain(
            err, app, python, other_ways=other_ways, fresh_env=options.fresh_env,
            env=options.serving.env, smoke=True, requirements=options.requirements,
        )  # fmt: skip
        outcome = _Outcome(False, error=said, output=err.output)
    except ScaffoldError as err:
        outcome = _Outcome(False, error=str(err))
    finally:
        if turn is not None:
            slots.step_aside(turn)  # however it ended, no later turn waits for it
        if envs is not None and base:
            envs.done_with(installed, base)
    return SmokeResult(
        target=target.name,
        kind=app.kind.name,
        server=options.serving.server,
        elapsed_s=round(time.monotonic() - start - waited_s, 3),
        path=str(app.root),
        request=options.paths[0],
        **outcome._asdict(),
    )


def _serve(
    app: App,
    options: SmokeOptions,
    python: str,
    supervisor: Supervisor,
    on_judged: Callable[[], None],
) -> _Outcome:
    """Serve `app` with `python`, request it and judge the answers; `on_judged()` is
    called as soon as they are, before the server stops."""
    serving = served(
        app, options.serving, supervisor=supervisor, python=python, first_path=options.paths[0]
    )
    with serving as server:
        first = server.first
        body = first.body[:MAX_KEPT_BODY]
        problem = _judge(app, options, server, first)
        on_judged()
        if problem:
            output = server.output()
            if first.status != options.status:
                from scaffold._apps.hints import status_hint
                from scaffold._apps.path_hints import credentials_hint, not_found_hint
                from scaffold._apps.script_hints import script_setup

                hint = status_hint(app, first.status, server.host, server.output(None),
                                   options.serving.env, first.location, first.body)  # fmt: skip
                fetch = partial(_fetched, server) if options.status == 200 else None
                hint = hint or not_found_hint(
                    first.status, options.paths[0], first.body, app, fetch
                )
                problem += (hint or credentials_hint(first.status)) + script_setup(
                    app, first.status
                )
            return _Outcome(False, first.status, body, problem, output)
        return _Outcome(True, first.status, body)


def _expected(app: App, options: SmokeOptions) -> tuple[str | None, str | None]:
    """The body of the first path and of it with ?name=<script>; None: any body.

    A generated project must greet the world on "/", and the probe by name; any
    other app may answer what it likes, and ignore the probe, but never echo it raw.
    """
    if options.any_body:
        return None, None
    if options.expect is not None:
        return options.expect, None
    if app.greeting is not None and options.paths[0] == "/":
        return f"{app.greeting}, World!", f"{app.greeting}, {_PROBE_ESCAPED}!"
    return None, None


def _judge(app: App, options: SmokeOptions, server: Server, first: Answer) -> str | None:
    """What is wrong with the answers, or None if nothing is."""
    expected, expected_probe = _expected(app, options)
    first_path, *other_paths = options.paths
    try:
        problem = _wrong(first, f"GET {first_path}", options.status, expected, server)
        if problem and options.expect is None and expected is not None and first.status == 200:
            problem += _greeting_hint(app, first)
        for path in other_paths:
            request = f"GET {path}"
            problem = problem or _wrong(_get(server, request, options, path), request,
                                        options.status, None, server)  # fmt: skip
        if problem or first.status != 200:
            return problem  # a redirect or an error page has no greeting to probe
        request = f"GET {first_path} with name={_PROBE}"
        probe = _get(server, request, options, first_path, name=_PROBE)
    except _Failed as failed:
        return str(failed)
    if expected_probe is not None:
        problem = _wrong(probe, request, 200, expected_probe)
        if problem:
            return problem
    # Unescaped, the probe comes back once more than the page holds it anyway (a
    # greeting may well say "<script>").
    if probe.body.count(_PROBE) > first.body.count(_PROBE):
        return f"{request} answered {shown(probe.body)}: the name is not HTML-escaped."
    return None


def _fetched(server: Server, path: str) -> tuple[int, str] | None:
    """GET `path` of `server`, for advice: its status and body; None if it did not answer
    within a few seconds (a page that hangs holds up no result)."""
    try:
        answer = server.ask(path, _ADVICE_REQUEST_S)
    except (OSError, TimeoutError):
        return None
    return answer.status, answer.body


class _Failed(Exception):
    """Raised when a request gets no answer: its message says why."""


def _get(server: Server, request: str, options: SmokeOptions, path: str, **params: str) -> Answer:
    try:
        return server.get(path, **params)
    except TimeoutError:
        raise _Failed(
            f"{request} did not finish within the {options.serving.timeout:g} s timeout."
        ) from None
    except OSError as err:
        raise _Failed(f"{request} failed: {type(err).__name__}: {err}.") from None


def _greeting_hint(app: App, answer: Answer) -> str:
    """Where a generated project's expected greeting comes from, and how to check another."""
    said = answer.body.strip()
    fits = said.isprintable() and 0 < len(said) <= 80
    new = option("expect", shlex.quote(said), repr(said)) if fits else option("expect", "TEXT")
    return (
        f" The greeting expected is the one the project's .scaffold.json records "
        f"({shown(app.greeting or '')}): if you changed it, check the new text with "
        f"{new}, or the status alone with {flag('any_body')}."
    )


def _wrong(
    answer: Answer, request: str, status: int, expected: str | None, server: Server | None = None
) -> str | None:
    """What is wrong with `answer`: its status, its size, its body if one is expected
    (with the `server`, a redirect is followed to say where it ends)."""
    if answer.too_long == "headers":
        return f"{request} answered headers longer than {MAX_HEADER_BYTES // 1024} KiB."
    if answer.status != status:
        hint = redirect_hint(answer, server)
        return f"{request} answered {answer.said}, expected {status}.{hint}"
    if answer.too_long:
        return f"{request} answered a body longer than {MAX_BODY_BYTES // 1024 // 1024} MiB."
    if expected is not None and answer.body != expected:
        return f"{request} answered {shown(answer.body)}, expected {shown(expected)}."
    return None
