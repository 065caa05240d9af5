"""Child processes that can always be stopped: each in a session of its own, all on record.

A Supervisor belongs to one run. Stopping a session stops every process in it
(reloaders, workers, pip's builders), and closing the supervisor stops whatever
that run still has running, so one run's early end never touches another's.
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
from types import TracebackType
from typing import IO

from scaffold.errors import ShutDownError

__all__ = ["Supervisor", "rss_mib", "stop"]

_STOP_GRACE_S = 5.0


class Supervisor:
    """The child processes of one run; `close()` (or leaving `with`) stops them all."""

    def __init__(self) -> None:
        self._running: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()

    def __enter__(self) -> Supervisor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def spawn(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        output: IO[bytes],
        env: Mapping[str, str] | None = None,
    ) -> subprocess.Popen[bytes]:
        """Start `argv` in a new session, its stdout and stderr both going to `output`."""
        if self._closed.is_set():
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
        with self._lock:
            self._running.add(process)
        if self._closed.is_set():  # close() ran while this one was starting
            self.stop(process)
        return process

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        """Stop `process` and everything in its session (see `stop`)."""
        stop(process)
        with self._lock:
            self._running.discard(process)

    def close(self) -> None:
        """Stop every process this supervisor started that is still running; start no more."""
        self._closed.set()
        with self._lock:
            running = list(self._running)
        for process in running:
            self.stop(process)

    def run(self, argv: Sequence[str], *, cwd: Path, timeout: float) -> tuple[int, str]:
        """Run `argv` to the end (or stop it after `timeout` s): its exit code and output."""
        with tempfile.TemporaryFile() as output:
            process = self.spawn(argv, cwd=cwd, output=output)
            try:
                code = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                code = -1
            finally:
                self.stop(process)
            output.seek(0)
            return code, output.read().decode(errors="replace")


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
