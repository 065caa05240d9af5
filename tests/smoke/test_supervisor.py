"""The supervisor waits for its commands to the end, or to the timeout, then nothing is left."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import scaffold
from scaffold._process import keeper
from scaffold._process.supervisor import Supervisor
from scaffold._process.tail import Tail
from scaffold.errors import SignalError
from support import assert_gone, ignoring, imported_modules


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


def test_commands_start_with_no_signal_ignored_whatever_scaffold_ignores(
    supervisor: Supervisor, tmp_path: Path
) -> None:
    # Python ignores SIGPIPE and SIGXFSZ in itself; nohup, SIGHUP; a background job, SIGINT.
    ignored = (signal.SIGHUP, signal.SIGINT, signal.SIGQUIT)
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in ignored}
    try:
        code, output = supervisor.run(
            ["grep", "SigIgn", "/proc/self/status"], cwd=tmp_path, timeout=30
        )
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    assert code == 0, output
    # Signals 1 to 31; above them, the C library keeps two of its own ignored.
    assert int(output.split()[-1], 16) & 0x7FFFFFFF == 0, output


def test_a_keeper_started_with_sigchld_ignored_still_gives_the_commands_exit_code(
    tmp_path: Path,
) -> None:
    argv = [sys.executable, "-I", "-S", keeper.__file__, "1", sys.executable, "-c", "exit(3)"]
    run = subprocess.run(ignoring([signal.SIGCHLD], argv), cwd=tmp_path, timeout=10)
    assert run.returncode == 3


def test_a_program_that_ignores_sigchld_is_told_to_restore_it(tmp_path: Path) -> None:
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        with pytest.raises(SignalError, match=r"SIGCHLD is ignored in this process"):
            next(scaffold.smoke([tmp_path]))
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_a_keeper_puts_its_leash_on_without_importing_ctypes(tmp_path: Path) -> None:
    """A server waits for its keeper's start: the leash (prctl) comes from _ctypes, the C
    half of ctypes, without the 8 ms of ctypes itself. And it holds: a process the
    command orphans stays the keeper's, and is stopped with the rest."""
    script = (
        "import os, subprocess, sys\n"
        "orphan = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "open('orphan', 'w').write(str(orphan.pid))\n"
        "os._exit(0)\n"
    )
    argv = [sys.executable, "-I", "-S", "-X", "importtime", keeper.__file__, "30"]
    ran = subprocess.run(
        [*argv, sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert_gone(int((tmp_path / "orphan").read_text()))
    imported = imported_modules(ran.stderr)
    assert "_ctypes" in imported
    assert "ctypes" not in imported


@pytest.mark.parametrize(
    ("line", "cut", "kept"),
    [
        ("gcc -o build/temp.linux-x86_64-cpython-311/thing.o", "cpython-31", "cpython-"),
        ("ModuleNotFoundError: No module named 'flask_sqlalchemy'", "'flask_sqlal", "'"),
    ],
)
def test_a_long_line_is_cut_before_the_word_the_cut_falls_in(
    line: str, cut: str, kept: str
) -> None:
    """Cut inside it, a compiler's `cpython-311` would read as Python 3.1 (the advice then
    names no Python older than it), a module's name as another module's: a line longer
    than 300 characters is cut where the word its 300th character is in starts."""
    at = line.index(cut)
    padded = " " * (300 - len(cut) - at) + line  # `cut` ends at the 300th character
    with Tail() as output:
        os.write(output.write_end, f"{padded}\nnext line\n".encode())
        output.close()
        shown = output.text(None).split("\n")
    assert shown == [padded[: 300 - len(cut)] + kept + "… (cut)", "next line"]


def test_the_line_the_kept_output_begins_inside_is_left_out() -> None:
    """Of a server's or installer's output smoke keeps the last 64 KiB: the line they
    begin inside has lost its start, and `flask_sqlalchemy` would read as `sqlalchemy`."""
    lines = "sqlalchemy'\n" + "the next line\n" * 4000
    kept = lines + "x" * (64 * 1024 - len(lines) - 1) + "\n"  # 64 KiB from `sqlalchemy`
    with Tail() as output:
        os.write(output.write_end, f"No module named 'flask_{kept}".encode())
        output.close()
        shown = output.text(None).split("\n")
    assert shown[0] == "the next line"
