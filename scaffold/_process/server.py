"""Start a server on a free port, wait until it answers over HTTP, always stop it."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from scaffold._process.fetch import Answer, NoAnswerError, NotHTTPError, fetch
from scaffold._process.keeper import descendants
from scaffold._process.ports import free_port, listening, strangers_on
from scaffold._process.supervisor import Supervisor
from scaffold._process.tail import Tail
from scaffold.errors import (
    PortTakenError,
    RequestTimeoutError,
    ServerExitedError,
    ServerTimeoutError,
)

__all__ = ["Server", "free_port", "serve_command"]

_HOST = "127.0.0.1"
_SHORTEST_PAUSE_S = 0.002
_LONGEST_PAUSE_S = 0.025
_OUTPUT_SETTLE_S = 1.0
"""The longest wait for a failed server to pause its output before it is read."""


@dataclass
class Server:
    """A running server process and where it answers."""

    port: int
    process: subprocess.Popen[bytes]
    deadline: float
    """When its check must be over (time.monotonic()): booting and every request."""
    first: Answer
    """Its first answer (to GET / unless told another path), which told that it was up."""
    host: str
    """The Host header of its requests."""
    boot_s: float
    """Seconds from its spawn to its first answer."""
    _output: Tail = field(repr=False)

    @property
    def url(self) -> str:
        """Where it answers, with no trailing slash."""
        return f"http://{_HOST}:{self.port}"

    def output(self, lines: int | None = 20) -> str:
        """The last `lines` lines the server printed (stdout and stderr; None: all that is
        kept), as plain text,
        once it has stopped printing for a moment (a second at most, and never past the
        deadline): what it said about a failed request."""
        self._output.settle(min(_OUTPUT_SETTLE_S, self.deadline - time.monotonic()))
        return self._output.text(lines)

    def get(self, path: str, **params: str) -> Answer:
        """GET `path` (with `params` as its query), all of it by the deadline.

        Raises TimeoutError past the deadline, OSError on a failed connection or an
        answer that is not HTTP (NotHTTPError).
        """
        joint = "&" if "?" in path else "?"
        query = f"{joint}{urlencode(params)}" if params else ""
        return fetch(_HOST, self.port, path + query, deadline=self.deadline, host=self.host)

    def ask(self, path: str, seconds: float) -> Answer:
        """GET `path` within `seconds`, and by the deadline: a request made only to advise
        (a page that hangs must hold up no result). Raises as `get` does."""
        by = min(self.deadline, time.monotonic() + seconds)
        return fetch(_HOST, self.port, path, deadline=by, host=self.host)


@contextlib.contextmanager
def serve_command(
    argv: Sequence[str],
    *,
    cwd: Path,
    port: int,
    supervisor: Supervisor,
    timeout: float = 30.0,
    env: Mapping[str, str | None] | None = None,
    first_path: str = "/",
    host: str | None = None,
) -> Iterator[Server]:
    """Run `argv` in `cwd` under `supervisor` until http://127.0.0.1:`port``first_path` answers.

    Leaving stops it and every process it started. Raises PortTakenError if another
    process holds `port`, ServerExitedError if it ends first and ServerTimeoutError
    if it has not answered within `timeout` seconds, which bound the server's
    requests too (`Server.get`). `host` is the Host header of every request,
    `127.0.0.1:port` if None.
    """
    deadline = time.monotonic() + timeout
    host = host or f"{_HOST}:{port}"
    with Tail() as output:
        spawned = time.perf_counter()
        process = supervisor.spawn(argv, cwd=cwd, output=output, env=env)
        try:
            not_http: list[bytes] = []
            try:
                first = _first_answer(process, port, first_path, host, deadline, output, not_http)
            except TimeoutError as err:
                # A server that had answered, not with HTTP, is said to, even when the
                # last try ran into the deadline before its answer came (a busy machine).
                if isinstance(err, NoAnswerError) and not not_http:
                    raise RequestTimeoutError(
                        f"the server took the request for {first_path}, and had not answered "
                        f"it when the {timeout:g} s timeout ran out",
                        output=output.text(),
                        printed=output.text(None),
                    ) from None
                said = (
                    f"answered, but not with HTTP, within {timeout:g} s: {not_http[-1]!r}"
                    if not_http
                    else f"did not answer within {timeout:g} s"
                )
                raise ServerTimeoutError(
                    f"the server {said}", output=output.text(), printed=output.text(None)
                ) from None
            boot_s = time.perf_counter() - spawned
            yield Server(port, process, deadline, first, host, boot_s, output)
        finally:
            supervisor.stop(process)


def _first_answer(
    process: subprocess.Popen[bytes],
    port: int,
    path: str,
    host: str,
    deadline: float,
    output: Tail,
    not_http: list[bytes],
) -> Answer:
    """Poll GET `path` until the server answers; TimeoutError past `deadline`.

    What it sent that was not HTTP, the last time it did, is put in `not_http`.

    Only a port the server's own processes listen on is asked: one that nothing
    listens on yet is not, and one that another process holds raises PortTakenError
    before that process is asked. Any answer is then the server's, never that of a
    stranger that held the port a moment and has let it go since.

    Most servers say something the moment they listen, so the polls follow what
    they print: one soon after output comes (2 ms after the last, at the soonest),
    then at growing intervals, up to 25 ms apart while they say nothing. Each poll
    costs CPU that the server, on a busy machine, needs to boot.
    """
    seen = output.chunks()
    pause = _SHORTEST_PAUSE_S
    owned: frozenset[str] = frozenset()
    while True:
        if process.poll() is not None:
            output.close()  # what it printed last may still be in the pipe: read it all
            _require_own(port, process, output)  # it lost the port to another process?
            raise ServerExitedError(
                f"the server exited with code {process.returncode} before answering",
                output=output.text(),
                printed=output.text(None),
            )
        sockets = listening(port)
        if sockets and not sockets <= owned:
            _require_own(port, process, output)
            owned = sockets
        if sockets is None or sockets:  # someone listens (or it cannot be told): ask
            try:
                return fetch(_HOST, port, path, deadline=deadline, host=host)
            except ConnectionError as err:
                if isinstance(err, NotHTTPError) and err.received:
                    not_http[:] = [err.received]
                # It closed, or is gone: a moment later it listens again, or poll() tells.
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the deadline passed")
        polled = time.monotonic()
        now = output.wait_for_more(seen, min(pause, remaining))
        if now == seen:
            pause = min(pause * 2, _LONGEST_PAUSE_S)
        else:
            seen, pause = now, _SHORTEST_PAUSE_S
            time.sleep(max(0.0, polled + _SHORTEST_PAUSE_S - time.monotonic()))


def _require_own(port: int, process: subprocess.Popen[bytes], output: Tail) -> None:
    """Raise PortTakenError if a process other than the server's own listens on `port`."""
    strangers = strangers_on(port, {process.pid, *descendants(process.pid)})
    if strangers:
        who = ", ".join("a process scaffold cannot see" if p < 0 else f"pid {p}" for p in strangers)
        raise PortTakenError(
            f"port {port} is held by another process ({who}), not by the server: its "
            "answers are not the app's. Stop that process, or run again for another port",
            output=output.text(),
            printed=output.text(None),
        )
