"""Write a plan into a project all or nothing: an error or a signal leaves it byte-identical.

Every new file is first written beside its target under a hidden name; only
when all are written are they moved into place, and an error on the way removes
what was written and puts back what was replaced. SIGINT, SIGTERM and SIGHUP are
held back for the few milliseconds this takes, and delivered once it is done.

A file keeps its permissions and, where scaffold may set it, its owner: a settings
file the user made private stays private. A new file gets the mode a new file gets
from the template and the umask, as cookiecutter would write it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from scaffold._process.threads import signals_held
from scaffold._update.plan import Change, File
from scaffold.errors import UpdateError

__all__ = ["apply"]


def apply(root: Path, changes: tuple[Change, ...], before: dict[str, File | None]) -> None:
    """Make `changes` in `root`, whose files at those paths were `before`."""
    with signals_held():
        _write(root, changes, before)


def _write(root: Path, changes: tuple[Change, ...], before: dict[str, File | None]) -> None:
    created: list[Path] = []
    staged: dict[str, Path] = {}
    at: list[Path] = [root]  # the file being written: an error names it, not a temporary
    try:
        for change in changes:
            if change.new is not None:
                at[0] = root / change.path
                staged[change.path] = _stage(root / change.path, change.new, created)
        _swap(root, changes, staged, before, at)
    except OSError as err:
        failed = (
            at[0]
            if err.filename is None or ".scaffold-update-" in str(err.filename)
            else err.filename
        )
        raise UpdateError(
            f"cannot write '{failed}' ({err.strerror}): the project is as it was."
        ) from None
    finally:
        for path in staged.values():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only the empty ones: a swapped-in file keeps its folder


def _stage(target: Path, new: File, created: list[Path]) -> Path:
    missing = [p for p in reversed(target.parents) if not p.exists()]
    for folder in missing:
        folder.mkdir()
        created.append(folder)
    fd, name = tempfile.mkstemp(prefix=".scaffold-update-", dir=target.parent)
    staged = Path(name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(new.data)
        try:
            kept = target.lstat()
        except FileNotFoundError:
            staged.chmod((0o777 if new.executable else 0o666) & ~_umask())
        else:
            staged.chmod(stat.S_IMODE(kept.st_mode))
            with contextlib.suppress(PermissionError):  # only root may give a file away
                os.chown(staged, kept.st_uid, kept.st_gid)
    except BaseException:
        staged.unlink()
        raise
    return staged


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would, for every thread)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def _swap(
    root: Path,
    changes: tuple[Change, ...],
    staged: dict[str, Path],
    before: dict[str, File | None],
    at: list[Path],
) -> None:
    done: list[Change] = []
    modes: dict[str, int] = {}
    try:
        for change in changes:
            target = at[0] = root / change.path
            with contextlib.suppress(FileNotFoundError):
                modes[change.path] = stat.S_IMODE(target.lstat().st_mode)
            if change.new is None:
                target.unlink()
            else:
                staged[change.path].replace(target)
            done.append(change)
    except OSError:
        for change in reversed(done):
            _restore(root / change.path, before[change.path], modes.get(change.path))
        raise


def _restore(target: Path, old: File | None, mode: int | None) -> None:
    if old is None:
        target.unlink()
        return
    target.write_bytes(old.data)
    target.chmod(mode if mode is not None else 0o755 if old.executable else 0o644)
