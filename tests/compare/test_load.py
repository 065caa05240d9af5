"""The load generator: bounded in requests, seconds and bytes, whatever the server does."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scaffold._compare.load import load

Handler = Callable[[socket.socket], None]


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], str]]:
    """Start a raw TCP server whose every connection `handler` deals with; its URL."""
    listeners: list[socket.socket] = []

    def start(handler: Handler) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)

        def accept() -> None:
            while True:
                try:
                    connection, _ = listener.accept()
                except OSError:
                    return
                threading.Thread(target=_closing, args=(handler, connection), daemon=True).start()

        threading.Thread(target=accept, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}/"

    yield start
    for listener in listeners:
        listener.close()


def _closing(handler: Handler, connection: socket.socket) -> None:
    with connection:
        handler(connection)


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = 404 if self.path == "/missing" else 200
        body = b"Hello, World!"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_no_more_than_the_requests_asked_for_are_made(http_url: str) -> None:
    result = load(http_url + "/", requests=120, duration=10, warmup=5)
    assert (result.requests, result.failures) == (120, 0)
    assert result.rps > 0
    assert 0 < result.p50_ms <= result.p99_ms


def test_answers_other_than_200_are_failures(http_url: str) -> None:
    result = load(http_url + "/missing", requests=20, duration=10, warmup=0)
    assert (result.requests, result.failures) == (0, 20)


def _silent(connection: socket.socket) -> None:
    while connection.recv(1024):  # until the client gives up and closes
        pass


def _endless(connection: socket.socket) -> None:
    connection.recv(1024)
    connection.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    try:
        while True:
            connection.sendall(b"10000\r\n" + b"x" * 0x10000 + b"\r\n")
    except OSError:
        pass


def _garbage(connection: socket.socket) -> None:
    connection.recv(1024)
    connection.sendall(b"this is not HTTP\r\n\r\n")
    connection.close()


@pytest.mark.parametrize(
    "handler", [_silent, _endless, _garbage], ids=["silent", "endless", "garbage"]
)
def test_a_server_that_misbehaves_is_failures_within_the_time_allowed(
    serve: Callable[[Handler], str], handler: Handler
) -> None:
    url = serve(handler)
    start = time.monotonic()
    result = load(url, duration=0.3, warmup=1, grace=0.2)
    # The sample, the warm-up, and the grace for each.
    assert time.monotonic() - start < 0.3 * 2 + 2 * 0.2 + 0.5
    assert result.requests == 0
    assert result.failures >= 1
