"""Files the user asks scaffold to write (reports): checked before any work, then written.

A path that names a regular file, or nothing yet, gets the report whole: written
beside it, then renamed into place, so that a reader never sees half a report.
Any other path is written into as a shell's `>` would, never replaced: a symbolic
link (followed), /dev/stdout, a terminal, or a pipe (`--junit-xml >(xmllint -)`),
which must have a reader already: scaffold does not wait for one.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from scaffold._files import absolute
from scaffold.errors import InputError, ReportError

__all__ = ["check_writable", "printable", "write_whole"]


def printable(name: str) -> str:
    """`name` as text any output can hold: a file name that is not UTF-8 (its bytes kept
    by Python as lone surrogates) with U+FFFD where its undecodable bytes are."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_writable(path: Path) -> None:
    """Raise InputError unless a report can be written to `path`; leave nothing behind."""
    absolute(path)  # relative to a current folder that was removed: say so
    mode = _mode(path)
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"cannot write '{path}': it is a folder; name a file in it.")
    if _replaced(path, mode):
        if not path.parent.is_dir():
            raise InputError(
                f"cannot write '{path}': the folder '{path.parent}' does not exist; "
                "create it first."
            )
        try:
            with path.open("a", encoding="utf-8"):
                pass
        except OSError as err:
            raise InputError(f"cannot write '{path}': {err.strerror}.") from None
        if mode is None:
            path.unlink()
        return
    # Not opened: to a pipe's reader, an open and a close would be the whole report.
    # A link that leads nowhere yet is written as a shell would: its target is created.
    where = path if mode is not None else Path(os.path.realpath(path)).parent
    if not os.access(where, os.W_OK):
        raise InputError(f"cannot write '{path}': permission denied.")


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` (see the module's docstring); ReportError if it cannot be."""
    try:
        if _replaced(path, _mode(path)):
            _replace(path, text)
        else:
            _write_into(path, text)
    except OSError as err:
        reason = "nothing reads from it" if err.errno == errno.ENXIO else err.strerror
        raise ReportError(f"cannot write '{path}': {reason}.") from None


def _mode(path: Path) -> int | None:
    """The type and mode of what `path` leads to (links followed), None if nothing yet."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        raise InputError(f"cannot write '{path}': {err.strerror}.") from None


def _replaced(path: Path, mode: int | None) -> bool:
    """Whether a report to `path` replaces it whole, rather than being written into it."""
    return (mode is None or stat.S_ISREG(mode)) and not path.is_symlink()


def _replace(path: Path, text: str) -> None:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        Path(name).chmod(0o644)
        Path(name).replace(path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _write_into(path: Path, text: str) -> None:
    # O_NONBLOCK: a pipe that nothing reads fails at once (ENXIO) instead of waiting.
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK | os.O_NOCTTY
    fd = os.open(path, flags, 0o644)
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as file:
        file.write(text.encode("utf-8"))
