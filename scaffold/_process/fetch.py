"""One HTTP GET with a hard deadline for the whole exchange and a cap on the body.

A server may never answer, trickle a byte at a time, or stream without end: the
deadline holds for connecting, the headers and the body alike, and at most 1 MiB
of the body is read.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from dataclasses import dataclass
from typing import NamedTuple

from scaffold._process.threads import signals_held

__all__ = ["MAX_BODY_BYTES", "Answer", "fetch"]

MAX_BODY_BYTES = 1024 * 1024


class Answer(NamedTuple):
    """What a server answered."""

    status: int
    body: str
    complete: bool
    """False when the body was longer than MAX_BODY_BYTES and was cut there."""


@dataclass
class _Watchdog:
    """Shuts the socket at the deadline, which unblocks any read on it."""

    sock: socket.socket | None = None
    """Held here: once the answer is under way, the connection lets go of its socket."""
    expired: bool = False

    def fire(self) -> None:
        self.expired = True
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)


def fetch(host: str, port: int, path: str, *, deadline: float) -> Answer:
    """GET `path` from `host`:`port`, all of it by `deadline` (time.monotonic()).

    Raises TimeoutError past the deadline, and OSError or http.client.HTTPException
    when the connection fails or the answer is not HTTP.
    """
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("no time left")
    connection = http.client.HTTPConnection(host, port, timeout=remaining)
    watchdog = _Watchdog()
    timer = threading.Timer(remaining, watchdog.fire)
    timer.daemon = True
    with signals_held():
        timer.start()
    try:
        connection.connect()
        watchdog.sock = connection.sock
        if watchdog.expired:  # it fired while connecting
            raise TimeoutError("the deadline passed")
        connection.request("GET", path, headers={"Connection": "close"})
        response = connection.getresponse()
        body = bytearray()
        while len(body) <= MAX_BODY_BYTES:
            chunk = response.read1(65536)
            if not chunk:
                break
            body += chunk
    except (OSError, http.client.HTTPException):
        if watchdog.expired:
            raise TimeoutError("the deadline passed") from None
        raise
    finally:
        timer.cancel()
        connection.close()
    if watchdog.expired:
        raise TimeoutError("the deadline passed")
    complete = len(body) <= MAX_BODY_BYTES
    charset = response.headers.get_content_charset() or "utf-8"
    try:
        text = bytes(body[:MAX_BODY_BYTES]).decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        text = bytes(body[:MAX_BODY_BYTES]).decode("utf-8", errors="replace")
    return Answer(response.status, text, complete)
