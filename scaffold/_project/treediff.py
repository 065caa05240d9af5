"""A unified diff of two project trees, in git's format, which `git apply` takes.

Files on one side only are listed even when empty; a file with a NUL byte, or one
that is not UTF-8, is binary; files over 1 MiB are compared but never read whole;
and names are quoted as git quotes them, so a name cannot forge a header.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Collection, Iterator
from pathlib import Path

from scaffold._files import open_regular, read_project_file, read_within
from scaffold._project.tree import project_files
from scaffold.errors import InputError

__all__ = ["diff_trees", "shown_text"]

_MAX_SHOWN_BYTES = 1024 * 1024
_ESCAPES = {"\n": "\\n", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def diff_trees(a: Path, b: Path, **skip: Collection[str]) -> str:
    """The diff from tree `a` to tree `b`: changed, added and removed files.

    `skip` is passed to project_files: folders and names of files to leave out.
    """
    left = {p.relative_to(a).as_posix(): p for p in project_files(a, **skip)}
    right = {p.relative_to(b).as_posix(): p for p in project_files(b, **skip)}
    return "".join(
        line for name in sorted(left.keys() | right.keys())
        for line in _file_diff(name, left.get(name), right.get(name))
    )  # fmt: skip


def _file_diff(name: str, old: Path | None, new: Path | None) -> Iterator[str]:
    if old is not None and new is not None and _same(old, new):
        return
    a, b = _quoted(f"a/{name}"), _quoted(f"b/{name}")
    yield f"diff --git {a} {b}\n"
    if old is None:
        yield f"new file mode {_mode(new)}\n"
    elif new is None:
        yield f"deleted file mode {_mode(old)}\n"
    labels = (a if old else "/dev/null", b if new else "/dev/null")
    old_lines, new_lines = _lines(old), _lines(new)
    if old_lines is None or new_lines is None:
        if _too_large(old) or _too_large(new):
            yield f"Files {labels[0]} and {labels[1]} differ (over 1 MiB: not shown)\n"
        else:
            yield f"Binary files {labels[0]} and {labels[1]} differ\n"
        return
    if not old_lines and not new_lines:
        return  # an empty file, added or removed: the lines above say it all
    for line in difflib.unified_diff(old_lines, new_lines, *labels):
        yield line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


def _lines(path: Path | None) -> list[str] | None:
    """The file's lines, [] for a missing side, None for a file not shown as text."""
    if path is None:
        return []
    text = shown_text(path, _MAX_SHOWN_BYTES)
    return None if text is None else text.splitlines(keepends=True)


def shown_text(path: Path, limit: int) -> str | None:
    """The text of `path`; None if it is binary (a NUL byte, not UTF-8) or over `limit` bytes."""
    data = read_within(path, limit, read=read_project_file)
    if data is None or b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _same(old: Path, new: Path) -> bool:
    if old.stat().st_size != new.stat().st_size:
        return False
    return _digest(old) == _digest(new)


def _digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    try:
        with open_regular(path) as file:
            while chunk := file.read(1024 * 1024):
                digest.update(chunk)
    except OSError as err:
        raise InputError(f"cannot read '{path}': {err.strerror}.") from None
    return digest.digest()


def _too_large(path: Path | None) -> bool:
    return path is not None and path.stat().st_size > _MAX_SHOWN_BYTES


def _mode(path: Path | None) -> str:
    return "100755" if path is not None and os.access(path, os.X_OK) else "100644"


def _quoted(name: str) -> str:
    """`name` as git writes it in a header: in quotes, escaped, if it holds odd characters."""
    escaped = "".join(map(_escaped, name))
    return name if escaped == name else f'"{escaped}"'


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\{ord(char):03o}" if ord(char) < 0x20 or ord(char) == 0x7F else char
