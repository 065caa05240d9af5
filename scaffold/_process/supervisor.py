"""Child processes that are always stopped: each under a keeper, all on record per run.

A Supervisor belongs to one run. Each command it starts runs under a keeper
(scaffold/_process/keeper.py), which holds every process the command starts,
whatever it does, and stops them all when told to or when scaffold dies. Closing
the supervisor stops whatever that run still has running, so one run's early end
never touches another's.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from scaffold._closing import Closing
from scaffold._process.children import require_exit_statuses
from scaffold._process.keeper import descendants
from scaffold._process.tail import Tail
from scaffold._temporary import TemporaryFolder
from scaffold.errors import ShutDownError

__all__ = ["Supervisor", "rss_mib"]

STOP_GRACE_S = 1.0
"""How long a command has to end after SIGTERM before it gets SIGKILL."""
_KEEPER = str(Path(__file__).with_name("keeper.py"))


class Supervisor(Closing):
    """The child processes of one run; `close()` (or leaving `with`) stops them all."""

    def __init__(self) -> None:
        require_exit_statuses()
        self._running: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._scratch: TemporaryFolder | None = None

    @property
    def scratch(self) -> Path:
        """A temporary folder of this run's own, removed when it closes."""
        with self._lock:
            if self._scratch is None:
                self._scratch = TemporaryFolder("scaffold-run-")
            return self._scratch.path

    def spawn(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        output: Tail,
        env: Mapping[str, str | None] | None = None,
    ) -> subprocess.Popen[bytes]:
        """Start `argv` under a keeper, printing into `output`.

        `env` changes scaffold's environment for it: a value of None removes the name.
        """
        if self._closed.is_set():
            raise ShutDownError("scaffold is shutting down: no new process is started.")
        # PWD names the folder it runs in, as a shell's cd would set it, not scaffold's
        # (an app writing to $PWD/app.log must write into its copy, not the project).
        environment = {**os.environ, "PWD": str(Path(cwd).absolute())}
        environment.pop("OLDPWD", None)
        for name, value in (env or {}).items():
            if value is None:
                environment.pop(name, None)
            else:
                environment[name] = value
        process = subprocess.Popen(
            [sys.executable, "-I", "-S", _KEEPER, str(STOP_GRACE_S), *argv],
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output.write_end,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        output.started()
        with self._lock:
            self._running.add(process)
        if self._closed.is_set():  # close() ran while this one was starting
            self.stop(process)
        return process

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        """Stop `process` and everything it started (its keeper escalates to SIGKILL)."""
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        if not _ended(process, STOP_GRACE_S + 3):  # the keeper itself is stuck: end its session
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        with self._lock:
            self._running.discard(process)

    def close(self) -> None:
        """Stop every process this supervisor started that is still running; start no more."""
        self._closed.set()
        with self._lock:
            running = list(self._running)
        for process in running:
            self.stop(process)
        if self._scratch is not None:
            self._scratch.remove()

    def run(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        timeout: float,
        env: Mapping[str, str | None] | None = None,
    ) -> tuple[int, str]:
        """Run `argv` to the end (or stop it after `timeout` s): its exit code and output
        (the last 64 KiB: an install's cause may come long before its last lines)."""
        with Tail() as output:
            process = self.spawn(argv, cwd=cwd, output=output, env=env)
            try:
                code = process.returncode if _ended(process, timeout) else -1
            finally:
                self.stop(process)
            output.close()
            return code, output.text(lines=None)


def _ended(process: subprocess.Popen[bytes], timeout: float) -> bool:
    """Wait up to `timeout` seconds for `process` to end: whether it did (and is reaped).

    On Linux the wait ends the moment the process does; Popen.wait(timeout) looks
    at it less and less often, and can be 50 ms late.
    """
    try:
        pidfd = os.pidfd_open(process.pid) if process.returncode is None else None
    except (AttributeError, OSError):  # not Linux, or too old a kernel
        pidfd = None
    if pidfd is not None:
        try:
            poller = select.poll()
            poller.register(pidfd, select.POLLIN)  # readable once the process has ended
            if not poller.poll(timeout * 1000):
                return False
        finally:
            os.close(pidfd)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return True


def rss_mib(process: subprocess.Popen[bytes]) -> float | None:
    """Resident memory of every process `process` started, in MiB (None without /proc).

    The keeper itself is not counted: only the command and what it started.
    """
    if not Path("/proc").is_dir():
        return None
    total_kib = 0
    for pid in descendants(process.pid):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended while being read
    return total_kib / 1024
