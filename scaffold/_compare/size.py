"""Static figures of a project: files, lines, imports and declared requirements."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from scaffold._files import python_tree, read_project_file, read_within
from scaffold._project.pyproject import read_pyproject
from scaffold._project.tree import project_files
from scaffold._source import SRC, imported_modules
from scaffold.errors import InputError

__all__ = ["Size", "read_text", "size"]

_MAX_READ_BYTES = 16 * 1024 * 1024
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Size:
    """What a project is made of, by the definitions `scaffold compare` documents."""

    files: int
    """Regular files, dotfiles included, except under .git/ and __pycache__/."""
    python_files: int
    """Those of `files` whose name ends in .py."""
    lines: int
    """All lines of the .py files."""
    code_lines: int
    """Lines of the .py files that are neither blank nor only a comment."""
    imports: tuple[str, ...]
    """Third-party top-level modules the .py files import, sorted."""
    requirements: tuple[str, ...]
    """The requirements requirements.txt declares, as written; without one, the
    dependencies of pyproject.toml's [project] table."""


def read_text(path: Path) -> str:
    """The text of `path` (16 MiB at most), or an InputError saying why it cannot be read."""
    data = read_within(path, _MAX_READ_BYTES, read=read_project_file)
    if data is None:
        raise InputError(
            f"'{path}' is larger than 16 MiB: compare reads Python files, "
            "requirements.txt and pyproject.toml up to that size."
        )
    return data.decode("utf-8", errors="replace")


def size(root: Path) -> Size:
    """Count what `root` holds."""
    files = list(project_files(root))
    python = [f for f in files if f.name.endswith(".py")]
    lines = code_lines = 0
    imported: set[str] = set()
    for path in python:
        source = read_text(path)
        for line in source.splitlines():
            lines += 1
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                code_lines += 1
        imported |= _imports(source)
    # The project's own modules: at its top, and in src/ for a src layout.
    parts = [f.relative_to(root).parts for f in python]
    local = {p[1 if p[0] == SRC and len(p) > 1 else 0].removesuffix(".py") for p in parts}
    third_party = imported - local - set(sys.stdlib_module_names) - {"__future__"}
    return Size(
        files=len(files),
        python_files=len(python),
        lines=lines,
        code_lines=code_lines,
        imports=tuple(sorted(third_party)),
        requirements=_requirements(root),
    )


def _imports(source: str) -> set[str]:
    """Top-level names of the absolute imports in `source`."""
    tree = python_tree(source)
    return imported_modules(tree) if tree is not None else set()


def _requirements(root: Path) -> tuple[str, ...]:
    """What `root` declares it needs: its requirements.txt, else its pyproject.toml's."""
    path = root / "requirements.txt"
    if not path.is_file():
        pyproject = root / "pyproject.toml"
        return read_pyproject(pyproject).dependencies if pyproject.is_file() else ()
    found = []
    for line in read_text(path).splitlines():
        line = line.split("#", 1)[0].strip()
        if line and _REQUIREMENT_NAME.match(line):
            found.append(line)
    return tuple(found)
