"""The least a click command can do for smoke's job: boot servers, see a 200, kill them.

    python benchmarks/click_floor.py BOOTS.json

BOOTS.json lists one [folder, argv, env, port] per server. They are booted as many
at a time as there are CPUs, as smoke boots them, each to a first 200 on "/", then
killed. Nothing else: no copy, no keeper, no check of what answers. bench.py times
it against the floor, to show what being a Python click command costs before any of
scaffold's own work; it imports click and the standard library only.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

import click

_GIVE_UP_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def boot_to_first_response(argv: list[str], cwd: Path, port: int, env: Mapping[str, str]) -> float:
    """Seconds from spawning a server to its first 200 on "/"; the server is then stopped."""
    start = time.perf_counter()
    server = subprocess.Popen(
        argv,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=env,
    )
    try:
        while True:
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    return time.perf_counter() - start
            if server.poll() is not None or time.perf_counter() - start > _GIVE_UP_S:
                raise RuntimeError(f"{argv} did not answer")
            time.sleep(0.005)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _boot(server: tuple[str, list[str], dict[str, str], int]) -> float:
    folder, argv, env, port = server
    return boot_to_first_response(argv, Path(folder), port, {**os.environ, **env})


@click.command()
@click.argument("boots", type=click.File())
def main(boots: IO[str]) -> None:
    """Boot the servers BOOTS lists, as many at a time as there are CPUs."""
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(pool.map(_boot, json.load(boots)))


if __name__ == "__main__":
    main()
