"""A bounded HTTP load on one URL, cheap enough on the CPU not to starve the server it measures.

On a 2-core machine the load generator shares the CPU with the server, so every
microsecond it spends per request is taken from the figure it reports. Hence: the
address resolved once, the request's bytes built once, plain sockets, and the
responses parsed by httptools (the C parser uvicorn uses) rather than http.client.
Each request has a connection of its own, as gunicorn's sync workers close them.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httptools

__all__ = ["LoadResult", "load"]

_MAX_RESPONSE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class LoadResult:
    """Throughput and latency of the requests that were answered 200."""

    requests: int
    failures: int
    rps: float
    p50_ms: float
    p99_ms: float


def load(
    url: str,
    *,
    requests: int = 20_000,
    concurrency: int = 4,
    duration: float = 2.0,
    warmup: int = 50,
    grace: float = 1.0,
    host: str | None = None,
) -> LoadResult:
    """GET `url` over `concurrency` connections at once for `duration` s or `requests` requests.

    No request starts after `duration`, and none lasts more than `grace` s beyond it.
    `warmup` requests go first, unmeasured, so that lazy start-up work is not counted.
    Two seconds is the shortest sample whose req/s stayed within about 15 % run to
    run on a busy 2-core machine (half a second: 40 %). `host` is the Host header
    (default: the URL's host and port).
    """
    parts = urlsplit(url)
    address_host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = parts.path or "/"
    address = socket.getaddrinfo(address_host, port, type=socket.SOCK_STREAM)[0]
    header = host or f"{address_host}:{port}"
    message = f"GET {target} HTTP/1.1\r\nHost: {header}\r\nConnection: close\r\n\r\n"
    request = _Request(address[0], address[4], message.encode("ascii"))
    warmed = time.perf_counter() + duration
    for _ in range(warmup):
        request.send(warmed + grace)
    latencies: list[float] = []
    failures = 0
    remaining = requests
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker() -> None:
        nonlocal remaining, failures
        mine: list[float] = []
        failed = 0
        clock = time.perf_counter
        while clock() < deadline:
            with lock:
                if remaining == 0:
                    break
                remaining -= 1
            start = clock()
            if request.send(deadline + grace):
                mine.append(clock() - start)
            else:
                failed += 1
        with lock:
            latencies.extend(mine)
            failures += failed

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if not latencies:
        return LoadResult(0, failures, 0.0, 0.0, 0.0)
    centiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return LoadResult(
        requests=len(latencies),
        failures=failures,
        rps=len(latencies) / elapsed,
        p50_ms=statistics.median(latencies) * 1000,
        p99_ms=centiles[98] * 1000,
    )


class _Request:
    """One GET, sent on a new connection each time; `send` says whether it was answered 200."""

    def __init__(self, family: socket.AddressFamily, address: tuple[object, ...], data: bytes):
        self._family, self._address, self._data = family, address, data

    def send(self, deadline: float) -> bool:
        """Whether the answer is a whole 200 response, by `deadline` at the latest."""
        response = _Response()
        parser = httptools.HttpResponseParser(response)
        received = 0
        try:
            with socket.socket(self._family, socket.SOCK_STREAM) as sock:
                # Each blocking call may last until the deadline; the reads are bounded
                # in bytes, so a server that trickles is cut off there too.
                sock.settimeout(max(deadline - time.perf_counter(), 0.001))
                sock.connect(self._address)
                sock.sendall(self._data)
                while not response.complete and received <= _MAX_RESPONSE_BYTES:
                    if time.perf_counter() > deadline:
                        return False
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    received += len(chunk)
                    parser.feed_data(chunk)
        except (OSError, httptools.HttpParserError):
            return False
        return response.complete and parser.get_status_code() == 200


class _Response:
    """What httptools reports of a response: only whether it is complete."""

    complete = False

    def on_message_complete(self) -> None:
        self.complete = True
