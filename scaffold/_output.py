"""Files the user asks scaffold to write (reports): checked before any work, written whole."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scaffold.errors import InputError

__all__ = ["check_writable", "write_whole"]


def check_writable(path: Path) -> None:
    """Raise InputError unless a report can be written to `path`; leave nothing behind."""
    if not path.parent.is_dir():
        raise InputError(
            f"cannot write '{path}': the folder '{path.parent}' does not exist; create it first."
        )
    existed = path.exists()
    try:
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as err:
        raise InputError(f"cannot write '{path}': {err.strerror}.") from None
    if not existed:
        path.unlink()


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` in one step: a reader never sees half a report."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        Path(name).chmod(0o644)
        Path(name).replace(path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
