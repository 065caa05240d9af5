"""scaffold's own temporary folders: removed when done, and after a kill by the next run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from scaffold._temporary import LOCK_FILE, TemporaryFolder, sweep
from support import listing

_MAKER = """\
import sys, time
from pathlib import Path
from scaffold._temporary import TemporaryFolder

folder = TemporaryFolder("scaffold-run-", Path(sys.argv[1]))
(folder.path / "db.sqlite3").write_text("rows")
print(folder.path, flush=True)
time.sleep(120)
"""


def test_a_folder_is_removed_on_leaving_its_block(tmp_path: Path) -> None:
    with TemporaryFolder("scaffold-", tmp_path) as folder:
        (folder / "env" / "bin").mkdir(parents=True)
        assert folder.parent == tmp_path
        assert folder.name.startswith("scaffold-")
    assert listing(tmp_path) == []


def test_removing_twice_is_quiet(tmp_path: Path) -> None:
    folder = TemporaryFolder("scaffold-run-", tmp_path)
    folder.remove()
    folder.remove()
    assert listing(tmp_path) == []


def test_the_folder_of_a_killed_process_goes_with_the_next_sweep(tmp_path: Path) -> None:
    maker = subprocess.Popen([sys.executable, "-c", _MAKER, str(tmp_path)],
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        folder = Path(maker.stdout.readline().strip())  # type: ignore[union-attr]
        sweep(tmp_path)
        assert (folder / "db.sqlite3").read_text() == "rows"  # its process still runs
        maker.send_signal(signal.SIGKILL)
        maker.wait(timeout=10)
        assert folder.is_dir()  # nothing ran to remove it
        with TemporaryFolder("scaffold-", tmp_path) as mine:
            assert listing(tmp_path) == [mine.name]
    finally:
        maker.kill()
        maker.wait()
        maker.stdout.close()  # type: ignore[union-attr]


def test_a_live_folder_of_another_run_is_left_alone(tmp_path: Path) -> None:
    first = TemporaryFolder("scaffold-run-", tmp_path)
    try:
        # Same process, other run: the lock is on the open file, not the process.
        with TemporaryFolder("scaffold-run-", tmp_path):
            assert first.path.is_dir()
        sweep(tmp_path)
        assert listing(tmp_path) == [first.path.name]
    finally:
        first.remove()


def test_what_scaffold_did_not_make_is_never_swept(tmp_path: Path) -> None:
    kept = tmp_path / "scaffold-kept"  # as --keep leaves it: no lock file
    (kept / "0" / "site1").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / LOCK_FILE).touch()
    (tmp_path / "scaffold-link").symlink_to(elsewhere)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / LOCK_FILE).touch()
    (tmp_path / "scaffold-file").write_text("not a folder")
    fifo = tmp_path / "scaffold-fifo"
    fifo.mkdir()
    os.mkfifo(fifo / LOCK_FILE)  # opened without waiting for a writer
    (tmp_path / "scaffold-folder-lock" / LOCK_FILE).mkdir(parents=True)
    before = listing(tmp_path)
    start = time.monotonic()
    sweep(tmp_path)
    assert time.monotonic() - start < 5
    assert listing(tmp_path) == before


def test_a_sweep_of_a_folder_that_cannot_be_read_says_nothing(tmp_path: Path) -> None:
    sweep(tmp_path / "missing")
    (tmp_path / "file").write_text("")
    sweep(tmp_path / "file")
    assert listing(tmp_path) == ["file"]
