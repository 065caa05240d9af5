"""The supervisor waits for its commands to the end, or to the timeout, then nothing is left."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from scaffold._process.supervisor import Supervisor
from scaffold._process.tail import Tail
from support import assert_gone


@pytest.fixture(params=["pidfd", "no pidfd"])
def waits(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test twice: as on Linux, and as where processes cannot be waited for by fd."""
    if request.param == "no pidfd":
        monkeypatch.delattr(os, "pidfd_open", raising=False)
    return str(request.param)


def test_a_command_that_ends_gives_its_exit_code_and_output(
    waits: str, supervisor: Supervisor, tmp_path: Path
) -> None:
    code, output = supervisor.run(
        [sys.executable, "-c", "print('done'); raise SystemExit(3)"], cwd=tmp_path, timeout=30
    )
    assert (code, output) == (3, "done")


def test_a_command_past_its_timeout_is_stopped_with_what_it_started(
    waits: str, supervisor: Supervisor, tmp_path: Path
) -> None:
    # It starts a child in a session of its own, and records the child's pid.
    script = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], "
        "start_new_session=True)\n"
        "open('pid', 'w').write(str(child.pid))\n"
        "time.sleep(60)\n"
    )
    code, _ = supervisor.run([sys.executable, "-c", script], cwd=tmp_path, timeout=1)
    assert code == -1
    assert_gone(int((tmp_path / "pid").read_text()))


def test_a_burst_of_stop_signals_still_stops_everything(
    supervisor: Supervisor, tmp_path: Path
) -> None:
    # The command records its pid and its child's, whole, then waits.
    script = (
        "import os, subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "open('pids.new', 'w').write(f'{os.getpid()} {child.pid}')\n"
        "os.replace('pids.new', 'pids')\n"
        "time.sleep(60)\n"
    )
    with Tail() as output:
        keeper = supervisor.spawn([sys.executable, "-c", script], cwd=tmp_path, output=output)
        deadline = time.monotonic() + 30
        while not (tmp_path / "pids").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        pids = [int(pid) for pid in (tmp_path / "pids").read_text().split()]
        # Signals one after another, as a terminal, CI and a dying parent may send them.
        for n in range(300):
            with contextlib.suppress(ProcessLookupError):
                os.kill(keeper.pid, (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)[n % 3])
        keeper.wait(timeout=30)
    for pid in pids:
        assert_gone(pid)
