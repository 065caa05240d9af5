"""Reading files of projects scaffold did not write: regular files only, never beyond a cap.

A FIFO in a file's place would make a plain open() wait for a writer forever, and a
device could be read without end: files are opened without blocking and refused
unless they are regular files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from scaffold.errors import InputError

__all__ = ["open_regular", "read_project_file", "read_regular"]


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """`path` opened for reading; OSError if it is not a regular file, said at once."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        yield file


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of the regular file `path` (see `open_regular`)."""
    with open_regular(path) as file:
        return file.read(limit)


def read_project_file(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of the regular file `path`, or an InputError saying why not."""
    try:
        return read_regular(path, limit)
    except OSError as err:
        raise InputError(f"cannot read '{path}': {err.strerror}.") from None
