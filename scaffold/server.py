"""Start a server process on a free port, wait until it answers over HTTP, always stop it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from scaffold.errors import ServerExitedError, ServerTimeoutError

__all__ = ["Server", "free_port", "serve"]

_POLL_INTERVAL_S = 0.02
_STOP_GRACE_S = 5.0


@dataclass
class Server:
    """A running server process and where it answers."""

    url: str
    process: subprocess.Popen[bytes]
    _log: IO[bytes]

    def output(self, lines: int = 20) -> str:
        """The last `lines` lines the server printed (stdout and stderr together)."""
        self._log.flush()
        self._log.seek(0)
        text = self._log.read().decode(errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serve(
    argv: Sequence[str],
    *,
    cwd: Path,
    port: int,
    env: Mapping[str, str] | None = None,
    timeout: float = 30.0,
) -> Iterator[Server]:
    """Run `argv` in `cwd` until http://127.0.0.1:`port`/ answers; stop it on leaving.

    The process runs in a session of its own, so stopping it stops every child
    it started (reloaders, workers) too. Raises ServerExitedError if it ends first
    and ServerTimeoutError if it does not answer within `timeout` seconds; the
    exception's message ends with the server's last output lines.
    """
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = Server(url=f"http://127.0.0.1:{port}", process=process, _log=log)
        try:
            _wait_until_answering(server, timeout)
            yield server
        finally:
            _stop(process)


def _wait_until_answering(server: Server, timeout: float) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise ServerExitedError(
                f"the server exited with code {server.process.returncode} before answering:\n"
                f"{server.output()}"
            )
        try:
            requests.get(server.url + "/", timeout=1.0)
            return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise ServerTimeoutError(
                f"the server did not answer within {timeout:g} s:\n{server.output()}"
            )
        time.sleep(_POLL_INTERVAL_S)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the process and everything in its session: SIGTERM, then SIGKILL."""
    for sig, grace in ((signal.SIGTERM, _STOP_GRACE_S), (signal.SIGKILL, None)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            break
        except subprocess.TimeoutExpired:
            continue
    # Children that outlived the leader (e.g. gunicorn workers) still hold the group.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
