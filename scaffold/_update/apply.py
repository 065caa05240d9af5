"""Write a plan into a project all or nothing: an error or a signal leaves it byte-identical.

Every new file is first written beside its target under a hidden name; only
when all are written are they moved into place, and an error on the way removes
what was written and puts back what was replaced. SIGINT, SIGTERM and SIGHUP are
held back for the few milliseconds this takes, and delivered once it is done.
A kill, which cannot be held back, leaves the journal (journal.py) from which
the next update finishes the work; the record of the new version is written last.

A file keeps its permissions and, where scaffold may set it, its owner: a settings
file the user made private stays private. A new file gets the mode a new file gets
from the template and the umask, as cookiecutter would write it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import stat
from pathlib import Path

from scaffold._process.threads import signals_held
from scaffold._project.answers import ANSWERS_FILE
from scaffold._update.journal import Entry, Journal, read_journal, remove_journal
from scaffold._update.plan import Change, File
from scaffold.errors import UpdateError

__all__ = ["apply", "resume"]


def apply(
    root: Path,
    changes: tuple[Change, ...],
    before: dict[str, File | None],
    versions: tuple[str, str],
) -> None:
    """Make `changes` in `root`, whose files at those paths were `before`, to take it
    from `versions[0]` to `versions[1]`."""
    # The record of the version last: until it is written, the project is not up to date.
    changes = tuple(sorted(changes, key=lambda change: change.path == ANSWERS_FILE))
    with signals_held():
        remove_journal(root)  # a half-written one, if an update was killed writing it
        journal = Journal(
            secrets.token_hex(8),
            *versions,
            "staging",
            tuple(Entry(c.path, c.action, c.new is None) for c in changes),
            _missing_folders(root, changes),
        )
        _write(root, journal, changes, before)


def resume(root: Path) -> Journal | None:
    """Finish the update of `root` that was interrupted, if one was; None if none was.

    One killed while staging changed nothing and is undone; one killed while
    swapping is completed.
    """
    journal = read_journal(root)
    if journal is None:
        return None
    real_root = os.path.realpath(root)
    for entry in journal.entries:
        if not os.path.realpath(root / entry.path).startswith(real_root + os.sep):
            raise UpdateError(
                f"'{root / entry.path}' is outside the project: remove '{root}/"
                ".scaffold-update.json' and restore the project from version control."
            )
    with signals_held():
        try:
            if journal.stage == "staging":
                _unstage(root, journal)
            else:
                for index, entry in enumerate(journal.entries):
                    target = root / entry.path
                    with contextlib.suppress(FileNotFoundError):  # done before the kill
                        if entry.removed:
                            target.unlink()
                        else:
                            journal.staged(root, index).replace(target)
        except OSError as err:
            raise UpdateError(
                f"cannot finish the interrupted update ({err}): let scaffold write there, "
                "then run 'scaffold update' again."
            ) from None
        remove_journal(root)
    return journal


def _missing_folders(root: Path, changes: tuple[Change, ...]) -> tuple[str, ...]:
    missing: dict[str, None] = {}
    for change in changes:
        if change.new is not None:
            for folder in reversed((root / change.path).relative_to(root).parents[:-1]):
                if not (root / folder).exists():
                    missing[folder.as_posix()] = None
    return tuple(missing)


def _write(
    root: Path, journal: Journal, changes: tuple[Change, ...], before: dict[str, File | None]
) -> None:
    at: list[Path] = [root]  # the file being written: an error names it, not a temporary
    try:
        try:
            journal.write(root)
            for folder in journal.folders:
                at[0] = root / folder
                at[0].mkdir()
            for index, change in enumerate(changes):
                if change.new is not None:
                    at[0] = root / change.path
                    _stage(journal.staged(root, index), at[0], change.new)
            dataclasses.replace(journal, stage="swapping").write(root)
        except OSError:
            _unstage(root, journal)
            raise
        _swap(root, journal, changes, before, at)
    except OSError as err:
        failed = (
            at[0]
            if err.filename is None or ".scaffold-update" in str(err.filename)
            else err.filename
        )
        raise UpdateError(
            f"cannot write '{failed}' ({err.strerror}): the project is as it was."
        ) from None
    finally:
        remove_journal(root)


def _unstage(root: Path, journal: Journal) -> None:
    """Take away what an update staged: the project is as it was before it."""
    for index in range(len(journal.entries)):
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            journal.staged(root, index).unlink()
    for folder in reversed(journal.folders):
        with contextlib.suppress(OSError):
            (root / folder).rmdir()  # only the empty ones
    remove_journal(root)


def _stage(staged: Path, target: Path, new: File) -> None:
    try:
        with staged.open("xb") as file:
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
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
        raise


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would, for every thread)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def _swap(
    root: Path,
    journal: Journal,
    changes: tuple[Change, ...],
    before: dict[str, File | None],
    at: list[Path],
) -> None:
    done: list[Change] = []
    modes: dict[str, int] = {}
    try:
        for index, change in enumerate(changes):
            target = at[0] = root / change.path
            with contextlib.suppress(FileNotFoundError):
                modes[change.path] = stat.S_IMODE(target.lstat().st_mode)
            if change.new is None:
                target.unlink()
            else:
                journal.staged(root, index).replace(target)
            done.append(change)
    except OSError:
        for change in reversed(done):
            _restore(root / change.path, before[change.path], modes.get(change.path))
        _unstage(root, journal)
        raise


def _restore(target: Path, old: File | None, mode: int | None) -> None:
    if old is None:
        target.unlink()
        return
    target.write_bytes(old.data)
    target.chmod(mode if mode is not None else 0o755 if old.executable else 0o644)
