"""One HTTP GET with a hard deadline for the whole exchange and a cap on the body.

A server may never answer, trickle a byte at a time, or stream without end: the
deadline holds for connecting, the headers and the body alike (each blocking call
waits only until it), and at most 64 KiB of headers and 1 MiB of body are read.
The answer is parsed by httptools (llhttp, the parser uvicorn uses), which also
spares scaffold the start-up cost of http.client and the email package.
"""

from __future__ import annotations

import re
import socket
import time
from typing import Literal, NamedTuple

import httptools

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_HEADER_BYTES",
    "Answer",
    "NoAnswerError",
    "NotHTTPError",
    "fetch",
    "shown",
]

MAX_BODY_BYTES = 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024
"""The most of an answer read before its body starts: curl's own cap is 100 KiB."""
_SHOWN_CHARS = 200
_CHARSET = re.compile(rb"charset=\"?([\w.:-]+)", re.IGNORECASE)


class Answer(NamedTuple):
    """What a server answered."""

    status: int
    body: str
    too_long: Literal["", "body", "headers"] = ""
    """What was longer than scaffold reads, and cut: "body" (MAX_BODY_BYTES) or
    "headers" (MAX_HEADER_BYTES; then no body was read); empty if nothing was."""
    location: str = ""
    """Its Location header: where a redirect leads."""

    @property
    def said(self) -> str:
        """Its status, with where it redirects to: `302 to '/login/'`."""
        return f"{self.status} to {shown(self.location)}" if self.location else str(self.status)


def shown(text: str) -> str:
    """`text` from an answer, as a Python literal cut to a length that fits a report."""
    if len(text) <= _SHOWN_CHARS:
        return repr(text)
    return f"{text[:_SHOWN_CHARS]!r}… ({len(text) - _SHOWN_CHARS} more characters)"


class NoAnswerError(TimeoutError):
    """Raised when a server took a request and had not answered it by the deadline: it
    listens, and what answers it is waiting on something."""


class NotHTTPError(ConnectionError):
    """Raised when a server closes the connection without a whole HTTP answer, or sends
    something else: to someone waiting for a server, it is not up yet."""

    def __init__(self, message: str, received: bytes = b"") -> None:
        super().__init__(message)
        self.received = received
        """The start of what it sent instead, if anything."""


class _Response:
    """What httptools reports, as it parses."""

    def __init__(self) -> None:
        self.headers_done = False
        self.complete = False
        self.content_type = b""
        self.location = b""
        self.body = bytearray()

    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() == b"content-type":
            self.content_type = value
        elif name.lower() == b"location":
            self.location = value

    def on_headers_complete(self) -> None:
        self.headers_done = True

    def on_body(self, body: bytes) -> None:
        self.body += body

    def on_message_complete(self) -> None:
        self.complete = True


def fetch(
    address: str, port: int, path: str, *, deadline: float, host: str | None = None
) -> Answer:
    """GET `path` from the IPv4 `address`, port `port`, all of it by `deadline`.

    `host` is the request's Host header, `address:port` if None.

    `deadline` is a time.monotonic() reading. Raises TimeoutError past it,
    NotHTTPError when the answer is not HTTP, and OSError when the connection fails.
    """
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("no time left")
    host = host or f"{address}:{port}"
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    response = _Response()
    parser = httptools.HttpResponseParser(response)
    # Not socket.create_connection: its name lookup costs 5 ms on first use, and an
    # address needs none.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(remaining)
        sock.connect((address, port))
        sock.sendall(request.encode("ascii"))
        before_body, start = 0, b""
        while not response.complete and len(response.body) <= MAX_BODY_BYTES:
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise TimeoutError("the deadline passed")
                sock.settimeout(remaining)
                data = sock.recv(65536)
            except TimeoutError:
                raise NoAnswerError("the request had no whole answer by the deadline") from None
            if not data:
                break  # closed: the end of a body without a length, or of nothing
            start = start or data[:_SHOWN_CHARS]
            try:
                parser.feed_data(data)
            except httptools.HttpParserError as err:
                raise NotHTTPError(f"the answer is not HTTP: {err}", start) from None
            before_body += 0 if response.headers_done else len(data)
            if before_body > MAX_HEADER_BYTES:
                return Answer(parser.get_status_code(), "", too_long="headers")
    if not response.headers_done:
        raise NotHTTPError("the server closed the connection before answering", start)
    too_long: Literal["", "body"] = "body" if len(response.body) > MAX_BODY_BYTES else ""
    location = response.location.decode("latin-1")  # HTTP's own charset for headers
    return Answer(parser.get_status_code(), _text(response), too_long, location)


def _text(response: _Response) -> str:
    body = bytes(response.body[:MAX_BODY_BYTES])
    match = _CHARSET.search(response.content_type)
    charset = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace")
