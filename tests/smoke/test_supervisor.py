"""The supervisor waits for its commands to the end, or to the timeout, then nothing is left."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from scaffold._process.supervisor import Supervisor
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
