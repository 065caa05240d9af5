"""Child processes that can always be stopped: each in a session of its own, all on record.

Stopping a session stops every process in it (reloaders, workers, pip's
builders), and `shutdown` stops whatever is still running when scaffold itself
is interrupted.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

from scaffold.errors import ShutDownError

__all__ = ["rss_mib", "run", "shutdown", "spawn", "stop"]

_STOP_GRACE_S = 5.0
_running: set[subprocess.Popen[bytes]] = set()
_lock = threading.Lock()
_shut_down = threading.Event()


def spawn(
    argv: Sequence[str],
    *,
    cwd: Path,
    output: IO[bytes],
    env: Mapping[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Start `argv` in a new session, its stdout and stderr both going to `output`."""
    if _shut_down.is_set():
        raise ShutDownError("scaffold is shutting down: no new process is started.")
    process = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    with _lock:
        _running.add(process)
    if _shut_down.is_set():  # shutdown() ran while this one was starting
        stop(process)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop `process` and everything in its session: SIGTERM, then SIGKILL after a grace."""
    for sig, grace in ((signal.SIGTERM, _STOP_GRACE_S), (signal.SIGKILL, None)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            break
        except subprocess.TimeoutExpired:
            continue
    # Children that outlived the leader (say, a worker) would still hold the session.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with _lock:
        _running.discard(process)


def shutdown() -> None:
    """Stop every process that `spawn` started and is still running; start no more."""
    _shut_down.set()
    with _lock:
        running = list(_running)
    for process in running:
        stop(process)


def run(argv: Sequence[str], *, cwd: Path, timeout: float) -> tuple[int, str]:
    """Run `argv` to the end (or stop it after `timeout` s): its exit code and output."""
    with tempfile.TemporaryFile() as output:
        process = spawn(argv, cwd=cwd, output=output)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = -1
        finally:
            stop(process)
        output.seek(0)
        return code, output.read().decode(errors="replace")


def rss_mib(process: subprocess.Popen[bytes]) -> float | None:
    """Resident memory of every process in `process`'s session, in MiB (None without /proc)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    total_kib = 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # After the command name in parentheses: state, ppid, pgrp, session.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != process.pid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended while being read
    return total_kib / 1024
