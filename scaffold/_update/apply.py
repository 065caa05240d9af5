"""Write a plan into a project all or nothing: an error or a signal leaves it byte-identical.

Every new file is first written beside its target under a hidden name; only
when all are written are they moved into place, and an error on the way removes
what was written and puts back what was replaced. SIGINT, SIGTERM and SIGHUP are
held back for the few milliseconds this takes, and delivered once it is done.
"""

from __future__ import annotations

import contextlib
import os
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
    try:
        for change in changes:
            if change.new is not None:
                staged[change.path] = _stage(root / change.path, change.new, created)
        _swap(root, changes, staged, before)
    except OSError as err:
        raise UpdateError(
            f"cannot write '{err.filename}' ({err.strerror}): the project is as it was."
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
        staged.chmod(0o755 if new.executable else 0o644)
    except BaseException:
        staged.unlink()
        raise
    return staged


def _swap(
    root: Path, changes: tuple[Change, ...], staged: dict[str, Path], before: dict[str, File | None]
) -> None:
    done: list[Change] = []
    try:
        for change in changes:
            target = root / change.path
            if change.new is None:
                target.unlink()
            else:
                staged[change.path].replace(target)
            done.append(change)
    except OSError:
        for change in reversed(done):
            _restore(root / change.path, before[change.path])
        raise


def _restore(target: Path, old: File | None) -> None:
    if old is None:
        target.unlink()
        return
    target.write_bytes(old.data)
    target.chmod(0o755 if old.executable else 0o644)
