"""pytest plugin: the `scaffold_app` fixture serves a project for the test that asks for it.

Parametrize it indirectly with a template name or a project path, optionally
with the server to use:

    @pytest.mark.parametrize("scaffold_app", ["flask-single", {"target": "site", "server": "wsgi"}],
                             indirect=True)
    def test_home(scaffold_app):
        assert requests.get(scaffold_app.url + "/").status_code == 200

The app is served as `scaffold.serve` serves it (and `scaffold smoke`): on the
project's own virtualenv when it has one. Its server ends with the process that
asked for it, however that ends; under pytest-xdist, a worker serving apps ends
the moment the run's main process does, even by `kill -9`, and its servers with it.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scaffold import RunningApp, ScaffoldError, serve

__all__ = ["RunningApp", "scaffold_app"]

_USAGE = (
    "scaffold_app needs a target: parametrize it with indirect=True and a template name, "
    "a project path, or {'target': ..., 'server': 'dev' | 'wsgi' | 'asgi'}."
)


@pytest.fixture
def scaffold_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningApp]:
    """Generate or take a project, serve it on a free port, yield it, then stop the server."""
    param = getattr(request, "param", None)
    if isinstance(param, (str, os.PathLike)):
        param = {"target": param}
    if not isinstance(param, dict) or "target" not in param or set(param) - {"target", "server"}:
        pytest.fail(_USAGE)
    _end_with_the_xdist_controller()
    with contextlib.ExitStack() as stack:
        try:
            served = serve(param["target"], server=param.get("server", "dev"), workdir=tmp_path)
            app = stack.enter_context(served)
        except ScaffoldError as err:
            pytest.fail(f"scaffold_app: {err}")
        yield app


_watching = threading.Event()


def _end_with_the_xdist_controller() -> None:
    """In a pytest-xdist worker, end the worker when the process that started it ends.

    A worker notices its controller's end only when it next talks to it, seconds
    later, or never while a test runs on. Its servers' keepers are leashed to it
    (they end when it does), so the worker ending at once ends them at once.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ or _watching.is_set():
        return
    _watching.set()
    controller = os.getppid()
    threading.Thread(
        target=_end_with, args=(controller,), name="scaffold-xdist-watch", daemon=True
    ).start()


def _end_with(controller: int) -> None:
    # Ctrl-C and the like are the main thread's: a wait here must not swallow them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    try:
        pidfd = os.pidfd_open(controller)
    except (AttributeError, OSError):  # not Linux, or too old a kernel: look now and then
        while os.getppid() == controller:
            time.sleep(0.1)
    else:
        if os.getppid() == controller:  # else it ended before it could be watched
            select.select([pidfd], [], [])  # readable once the process has ended
    os.kill(os.getpid(), signal.SIGKILL)
