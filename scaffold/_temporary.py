"""scaffold's own temporary folders: removed when done and, after a kill, by the next run.

A folder from `tempfile` outlives a process that is killed (`kill -9`, the OOM
killer, a cancelled CI job): copies of projects and fresh virtualenvs, a hundred
megabytes each, would pile up. Each folder made here holds a lock file, locked
(`flock`) for as long as the process that made it lives; the kernel lets go of the
lock however that process ends. Making a folder first removes the folders beside
it whose lock nobody holds. A folder without the lock file (one `--keep` asked for,
another program's, an older scaffold's) is never touched.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from types import TracebackType

__all__ = ["LOCK_FILE", "TemporaryFolder", "remove_tree", "sweep"]

LOCK_FILE = ".scaffold-lock"
_PREFIXES = ("scaffold-", ".scaffold-")
"""The names a folder made here starts with: only these are looked into by a sweep."""
_UNFINISHED_AFTER_S = 60.0
"""How old a folder without its lock file must be to be taken for one left unfinished."""


class TemporaryFolder:
    """A new folder `prefix…` in `parent` (the temporary folder by default), removed by
    `remove()` or on leaving a `with` block, else by a later run once this process is gone.

    Like `tempfile.TemporaryDirectory`, whose OSError it raises when no folder can
    be made; the lock file inside is scaffold's, the rest of the folder the caller's.
    """

    def __init__(self, prefix: str, parent: Path | None = None) -> None:
        parent = Path(tempfile.gettempdir()) if parent is None else parent
        sweep(parent)
        self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        self._removed = False
        try:
            self._lock_fd = _lock(self.path)
        except BaseException:
            remove_tree(self.path)
            raise

    def remove(self) -> None:
        """Remove the folder and all it holds; once, and quietly if it is gone already."""
        if self._removed:
            return
        self._removed = True
        _remove_lock_last(self.path)
        if self._lock_fd is not None:
            os.close(self._lock_fd)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.remove()


def remove_tree(path: Path) -> None:
    """Remove the folder `path` and all it holds, read-only folders included (a copy of
    a read-only checkout, a cache a server left); what still resists is left."""
    shutil.rmtree(path, ignore_errors=True)
    if os.path.lexists(path):
        _grant_owner(path)
        shutil.rmtree(path, ignore_errors=True)


def _remove_lock_last(folder: Path) -> None:
    """Remove a locked folder of scaffold's, its lock file last: a process killed while
    removing it leaves the lock file, so that the next sweep finishes the job."""
    try:
        with os.scandir(folder) as entries:
            held = [Path(entry.path) for entry in entries if entry.name != LOCK_FILE]
    except OSError:
        held = []
    for path in held:
        if path.is_dir() and not path.is_symlink():
            remove_tree(path)
        else:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
    remove_tree(folder)


def _grant_owner(root: Path) -> None:
    """Give the owner every right on each folder below `root`, which removing needs."""
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            folder.chmod(stat.S_IRWXU)
            with os.scandir(folder) as entries:
                folders += [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
        except OSError:
            continue  # not ours, or gone


def sweep(parent: Path) -> None:
    """Remove from `parent` the temporary folders of runs that ended without removing them.

    Best effort: what cannot be read or removed is left, and nothing is raised.
    """
    uid = os.getuid()
    abandoned: list[Path] = []
    try:
        with os.scandir(parent) as entries:
            for entry in entries:
                try:
                    if (
                        entry.name.startswith(_PREFIXES)
                        and entry.is_dir(follow_symlinks=False)
                        and entry.stat(follow_symlinks=False).st_uid == uid
                    ):
                        abandoned.append(Path(entry.path))
                except OSError:
                    continue  # gone while being looked at
    except OSError:
        return
    for folder in abandoned:
        _remove_unless_locked(folder)


def _lock(folder: Path) -> int | None:
    """Lock a new lock file in `folder`: the descriptor, which holds the lock while open.

    None where the file system has no locks: the folder is then never swept.
    """
    # Locked under another name, then renamed: a sweep never finds it unlocked.
    pending = folder / f"{LOCK_FILE}.pending"
    fd = os.open(pending, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        pending.rename(folder / LOCK_FILE)
    except OSError:  # a file system without locks: the folder serves, unswept
        os.close(fd)
        pending.unlink(missing_ok=True)
        return None
    return fd


def _remove_unless_locked(folder: Path) -> None:
    try:
        # Not following links, not waiting on a FIFO in the lock file's place.
        fd = os.open(folder / LOCK_FILE, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        _remove_if_unfinished(folder)
        return
    except OSError:
        return  # not a lock file scaffold made
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _remove_lock_last(folder)
    except OSError:
        pass  # locked: the run that made it is still going
    finally:
        os.close(fd)


def _remove_if_unfinished(folder: Path) -> None:
    """Remove a folder that has no lock file, but is empty or holds the lock file on its
    way in, and has done so for a minute: a process killed as it made the folder, or as
    it removed the last of it, left it. None lingers there a moment; what is not empty
    (another program's folder, one `--keep` kept) is left."""
    pending = folder / f"{LOCK_FILE}.pending"
    try:
        if time.time() - folder.lstat().st_mtime < _UNFINISHED_AFTER_S:
            return
        with os.scandir(folder) as entries:
            names = {entry.name for entry in entries}
        if names <= {pending.name}:
            pending.unlink(missing_ok=True)
            folder.rmdir()  # never what holds anything else
    except OSError:
        return
