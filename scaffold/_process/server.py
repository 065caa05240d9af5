"""Start a server process on a free port, wait until it answers over HTTP, always stop it."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from scaffold._process.supervisor import Supervisor
from scaffold.errors import ServerExitedError, ServerTimeoutError

__all__ = ["Server", "free_port", "serve"]

_POLL_INTERVAL_S = 0.02
# Terminal colour codes and other control characters, which have no place in a report.
_CONTROL = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Server:
    """A running server process and where it answers."""

    url: str
    process: subprocess.Popen[bytes]
    _log: IO[bytes]

    def output(self, lines: int = 20) -> str:
        """The last `lines` lines the server printed (stdout and stderr), as plain text."""
        self._log.flush()
        self._log.seek(0)
        text = _CONTROL.sub("", self._log.read().decode(errors="replace"))
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
    supervisor: Supervisor,
    env: Mapping[str, str] | None = None,
    timeout: float = 30.0,
) -> Iterator[Server]:
    """Run `argv` in `cwd` under `supervisor` until http://127.0.0.1:`port`/ answers.

    Leaving stops it and every child it started (reloaders, workers) too. Raises
    ServerExitedError if it ends first and ServerTimeoutError if it does not
    answer within `timeout` seconds; the message ends with its last output lines.
    """
    # Append mode: the server shares this file's offset, and reading moves it.
    with tempfile.TemporaryFile(mode="a+b") as log:
        process = supervisor.spawn(argv, cwd=cwd, output=log, env=env)
        server = Server(url=f"http://127.0.0.1:{port}", process=process, _log=log)
        try:
            _wait_until_answering(server, timeout)
            yield server
        finally:
            supervisor.stop(process)


def _wait_until_answering(server: Server, timeout: float) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise ServerExitedError(
                f"the server exited with code {server.process.returncode} before answering",
                output=server.output(),
            )
        try:
            requests.get(server.url + "/", timeout=1.0, allow_redirects=False)
            return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise ServerTimeoutError(
                f"the server did not answer within {timeout:g} s", output=server.output()
            )
        time.sleep(_POLL_INTERVAL_S)
