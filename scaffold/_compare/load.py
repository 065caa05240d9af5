"""A short, bounded HTTP load on one URL: a fixed number of requests, a hard time limit."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["LoadResult", "load"]


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
    requests: int = 500,
    concurrency: int = 4,
    time_limit: float = 10.0,
    warmup: int = 20,
) -> LoadResult:
    """Send up to `requests` GETs to `url` over `concurrency` connections, for `time_limit` s.

    `warmup` requests go first, unmeasured, so that lazy start-up work is not counted.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    path = parts.path or "/"
    for _ in range(warmup):
        _get(host, port, path, time_limit)
    latencies: list[float] = []
    failures = 0
    remaining = requests
    lock = threading.Lock()
    deadline = time.perf_counter() + time_limit

    def worker() -> None:
        nonlocal remaining, failures
        while time.perf_counter() < deadline:
            with lock:
                if remaining == 0:
                    return
                remaining -= 1
            start = time.perf_counter()
            ok = _get(host, port, path, time_limit)
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - start)
                else:
                    failures += 1

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


def _get(host: str, port: int, path: str, timeout: float) -> bool:
    """Whether one GET of `path` is answered 200."""
    try:
        # A new connection each time, as gunicorn's sync workers close them.
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.request("GET", path)
        ok = connection.getresponse().status == 200
        connection.close()
    except OSError:
        return False
    return ok
