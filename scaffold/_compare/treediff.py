"""A unified diff of two project trees."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from scaffold._compare.size import project_files

__all__ = ["diff_trees"]


def diff_trees(a: Path, b: Path) -> str:
    """The unified diff from tree `a` to tree `b`; a file on one side only is added or removed."""
    left = {p.relative_to(a).as_posix(): p for p in project_files(a)}
    right = {p.relative_to(b).as_posix(): p for p in project_files(b)}
    return "".join(
        line for name in sorted(left.keys() | right.keys())
        for line in _file_diff(name, left.get(name), right.get(name))
    )  # fmt: skip


def _file_diff(name: str, old: Path | None, new: Path | None) -> Iterator[str]:
    old_lines, new_lines = _lines(old), _lines(new)
    if old_lines is None or new_lines is None:  # one side is not text
        if old is None or new is None or old.read_bytes() != new.read_bytes():
            yield f"Binary files {_label('a', name, old)} and {_label('b', name, new)} differ\n"
        return
    for line in difflib.unified_diff(
        old_lines, new_lines, _label("a", name, old), _label("b", name, new)
    ):
        yield line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


def _lines(path: Path | None) -> list[str] | None:
    """The file's lines, [] for a missing side, None for a file that is not text."""
    if path is None:
        return []
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return None


def _label(side: str, name: str, path: Path | None) -> str:
    return f"{side}/{name}" if path is not None else "/dev/null"
