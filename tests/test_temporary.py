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


# Makes a folder of files in argv[1], then removes it, killing itself with SIGKILL just
# before the argv[2]-th removal of a file or folder; prints how many there were.
_KILLED_REMOVING = """
import os, shutil, signal, sys
from pathlib import Path
from scaffold._temporary import TemporaryFolder

kill_at, calls = int(sys.argv[2]), [0]
folder = TemporaryFolder("scaffold-", Path(sys.argv[1]))
for name in ("a", "b", "c"):
    (folder.path / name).mkdir()
    (folder.path / name / "file").write_text(name)
    (folder.path / f"{name}.txt").write_text(name)
for module, name in ((os, "unlink"), (os, "rmdir"), (Path, "unlink"), (shutil, "rmtree")):
    real = getattr(module, name)
    def counted(*args, real=real, **kwargs):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(module, name, counted)
folder.remove()
print(calls[0])
"""


def test_a_process_killed_while_removing_its_folder_leaves_it_to_the_next_sweep(
    tmp_path: Path,
) -> None:
    """The lock file goes last: whenever the kill comes, what is left is swept."""
    run = [sys.executable, "-c", _KILLED_REMOVING]
    counted = subprocess.run([*run, str(tmp_path), "0"], capture_output=True, text=True,
                             check=True, timeout=60)  # fmt: skip
    steps = int(counted.stdout)
    assert steps > 3
    for step in range(1, steps + 1):
        killed = subprocess.run([*run, str(tmp_path), str(step)], timeout=60, check=False)
        assert killed.returncode == -signal.SIGKILL
        sweep(tmp_path)
        left = list(tmp_path.iterdir())
        if left:  # killed at the last removal, the folder's own: an empty folder is left
            (folder,) = left
            assert list(folder.iterdir()) == [], f"killed at removal {step} of {steps}"
            sweep(tmp_path)  # it might be a run's that is making it: left a minute
            assert folder.is_dir()
            os.utime(folder, (time.time() - 61, time.time() - 61))
            sweep(tmp_path)
        assert listing(tmp_path) == [], f"killed at removal {step} of {steps}"


def test_an_old_folder_left_unfinished_is_swept_and_one_holding_files_is_not(
    tmp_path: Path,
) -> None:
    """Killed between making the folder and locking it: empty, or its lock file still
    pending. Without a lock file, a folder that holds anything else is not scaffold's."""
    unfinished = [tmp_path / "scaffold-empty", tmp_path / ".scaffold-pending"]
    kept = tmp_path / "scaffold-kept"
    for folder in (*unfinished, kept):
        folder.mkdir()
    (unfinished[1] / f"{LOCK_FILE}.pending").write_text("")
    (kept / "app.py").write_text("")
    sweep(tmp_path)
    assert listing(tmp_path) == [".scaffold-pending", "scaffold-empty", "scaffold-kept"]
    for folder in (*unfinished, kept):
        os.utime(folder, (time.time() - 61, time.time() - 61))
    sweep(tmp_path)
    assert listing(tmp_path) == ["scaffold-kept"]
