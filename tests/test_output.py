"""Where scaffold writes what the user asked for: reports and its own output.

A report path is replaced whole only when it names a regular file (or nothing);
a link, /dev/stdout or a pipe is written into, as a shell's `>` would. A write
that fails, there or on stdout, is one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sample_apps import flask_app
from support import snapshot

pytestmark = pytest.mark.integration

SCAFFOLD = [sys.executable, "-m", "scaffold"]


def _scaffold(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SCAFFOLD, *args], capture_output=True, text=True, timeout=60,
                          **kwargs)  # type: ignore[call-overload]  # fmt: skip


@pytest.fixture
def app(tmp_path: Path) -> Path:
    return flask_app(tmp_path / "app")


@pytest.mark.parametrize("command", ["smoke", "compare"])
def test_a_report_through_a_symbolic_link_lands_in_its_target(
    command: str, app: Path, tmp_path: Path
) -> None:
    target = tmp_path / "reports" / "report"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "report"
    link.symlink_to(target)
    option = "--junit-xml" if command == "smoke" else "--html"
    run = _scaffold(command, option, str(link), str(app))
    assert run.returncode == 0, run.stderr
    assert link.is_symlink()  # not replaced by a file of its own
    assert target.read_text().startswith("<?xml" if command == "smoke" else "<!doctype html>")


def test_a_report_to_dev_stdout_goes_to_standard_output(tmp_path: Path) -> None:
    run = _scaffold("compare", "flask-single", "--html", "/dev/stdout")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("<!doctype html>")
    assert Path("/dev/stdout").is_symlink()


def test_a_report_into_a_pipe_reaches_its_reader(app: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = _scaffold("smoke", "--junit-xml", str(fifo), str(app))
    reader.join(timeout=30)
    assert run.returncode == 0, run.stderr
    assert len(received) == 1
    assert received[0].startswith(b"<?xml")
    assert fifo.is_fifo()


def test_a_pipe_that_nothing_reads_is_an_error_not_a_wait(app: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    run = _scaffold("smoke", "--junit-xml", str(fifo), str(app))
    assert run.returncode == 1
    assert run.stdout.startswith("PASS")
    assert run.stderr == f"Error: cannot write '{fifo}': nothing reads from it.\n"


def test_a_folder_as_a_report_is_refused_before_anything_runs(tmp_path: Path) -> None:
    app = flask_app(tmp_path / "app", "raise SystemExit('this app must never be started')\n")
    before = snapshot(tmp_path)
    run = _scaffold("smoke", "--junit-xml", str(tmp_path), str(app))
    assert run.returncode == 2
    assert run.stderr.endswith(f"File '{tmp_path}' is a directory.\n")
    assert snapshot(tmp_path) == before


def test_a_full_disk_under_a_report_is_one_line(app: Path) -> None:
    run = _scaffold("smoke", "--junit-xml", "/dev/full", str(app))
    assert run.returncode == 1
    assert run.stderr == "Error: cannot write '/dev/full': No space left on device.\n"


@pytest.mark.parametrize("command", ["smoke", "new"])
def test_a_full_disk_under_standard_output_is_one_line(
    command: str, app: Path, tmp_path: Path
) -> None:
    args = [str(app)] if command == "smoke" else ["flask-single", "hello", "-o", str(tmp_path)]
    with Path("/dev/full").open("w") as full:
        run = subprocess.run([*SCAFFOLD, command, *args], stdout=full, stderr=subprocess.PIPE,
                             text=True, timeout=60)  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.endswith(
        "Error: No space left on device: free some space, then run the command again.\n"
    )
    assert "Traceback" not in run.stderr
