"""Reading files of projects scaffold did not write: regular files only, never beyond a cap.

A FIFO in a file's place would make a plain open() wait for a writer forever, and a
device could be read without end: files are opened without blocking and refused
unless they are regular files. Python source read from them is parsed by
`python_tree`, which no source can make raise. Paths given relative to a current
folder that was removed meanwhile are refused by `absolute`.
"""

from __future__ import annotations

import ast
import contextlib
import errno
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from scaffold.errors import InputError

__all__ = [
    "absolute",
    "current_folder",
    "open_regular",
    "python_tree",
    "read_project_file",
    "read_regular",
    "read_within",
    "readme_requirements",
    "readme_text",
]


def current_folder() -> Path:
    """The current folder, or an InputError when it was removed (the shell still in it)."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise InputError(
            "the current folder no longer exists: cd to one that does, then run the command again."
        ) from None


def absolute(path: Path) -> Path:
    """`path`, or when it is relative, `path` in the current folder (see current_folder),
    without its `.` and `..`, taken off by name as os.path.abspath does
    (`/work/app/../shop` is `/work/shop`): paths given are compared with others, which
    have none."""
    return Path(os.path.normpath(path if path.is_absolute() else current_folder() / path))


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


def read_within(
    path: Path, limit: int, *, read: Callable[[Path, int], bytes] = read_regular
) -> bytes | None:
    """The regular file `path`, read with `read` (`read_regular` or `read_project_file`),
    or None if it holds more than `limit` bytes: one byte more is read to tell."""
    data = read(path, limit + 1)
    return None if len(data) > limit else data


README_NAMES = ("README.md", "README.rst", "README.txt", "README")
_MAX_README_BYTES = 256 * 1024
_MAX_README_FILES = 20


def readme_text(root: Path) -> str:
    """The text of the README in `root` (the first of README_NAMES it has), for the
    commands it says to run; '' if it has none, or none that can be read whole within
    256 KiB."""
    for name in README_NAMES:
        if (root / name).is_file():
            try:
                data = read_within(root / name, _MAX_README_BYTES)
            except OSError:
                return ""
            return (data or b"").decode("utf-8", "replace")
    return ""


def readme_requirements(root: Path) -> list[Path]:
    """The requirements files in `root` its README installs (`pip install -r
    etc/reqs-dev.txt`, as lepture/june's says), in its order; none that leads out."""
    named = re.findall(r"\binstall\s+-r\s+([\w./-]{1,200}\.txt)\b", readme_text(root))
    inside = (n for n in dict.fromkeys(named) if not n.startswith("/") and ".." not in n.split("/"))
    return [root / name for name in itertools.islice(inside, _MAX_README_FILES)]


def python_tree(source: str | bytes, filename: str = "<unknown>") -> ast.Module | None:
    """The syntax tree of `source`, or None if it is not Python that can be parsed: a
    syntax error, a NUL byte, or nesting deeper than the parser goes (a MemoryError or
    RecursionError from `-----1` or `((((...))))` a hundred thousand deep)."""
    try:
        return ast.parse(source, filename=filename)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
