"""The local paths a requirements file names, read as pip and uv read them.

A requirement is a path when it names one: anything with a `/` (`lib/`,
`./lib`, `lib/../../x`), anything starting with `.` or `~`, an archive
(`pkg-1.0.tar.gz`, `x.whl`), a `file:` URL, or `name @` one of those; `-e` and
`--editable` take the same. `-r` / `-c` name further requirements files, read
the same way, relative to the file that names them. pip resolves a path against
the folder it runs in: the project, or the folder of a file given with
--requirements.

A project whose requirements name no path asks for the same packages wherever it
is, so projects with the same requirements may share one environment; one that
names paths is installed from a copy of the smallest folder holding it and them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from scaffold._files import read_regular
from scaffold._project.requirements import logical_lines
from scaffold._project.tree import copy_project
from scaffold.errors import FreshEnvError, option_name

__all__ = ["REQUIREMENTS", "installable", "leads_out", "names_paths", "paths_named"]

REQUIREMENTS = "requirements.txt"
_MAX_BYTES = 1024 * 1024
_MAX_DEPTH = 8
"""How deep `-r` files may nest (pip's own limit is recursion; a loop must end)."""
_INCLUDES = ("-r", "--requirement", "-c", "--constraint")
_EDITABLE = ("-e", "--editable")
_ARCHIVE = re.compile(r"\.(whl|zip|tar|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz)$", re.IGNORECASE)
_AT_URL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*@\s*(?P<where>\S+)")
_OPTION = re.compile(r"^(?P<option>--?[A-Za-z-]+)(?:[= ]\s*(?P<value>\S+))?")


def names_paths(cwd: Path, file: Path) -> bool:
    """Whether the requirements `file`, installed from `cwd`, (or a file it includes)
    names anything that pip or uv would read as a path, or includes a file at all."""
    return any(True for _ in _paths(cwd, file, 0))


def paths_named(cwd: Path, file: Path) -> list[Path]:
    """Where pip finds each path the requirements `file`, installed from `cwd`, names
    (or a file it includes), normalised as it goes (`../lib`: the folder beside `cwd`)."""
    return [Path(os.path.normpath(path)) for _, path in _paths(cwd, file, 0)]


def leads_out(project: Path, requirements: Path) -> bool:
    """Whether a path `requirements`, installed in `project`, names is outside it."""
    inside = Path(os.path.normpath(project))
    return any(not path.is_relative_to(inside) for path in paths_named(project, requirements))


def installable(requirements: Path, project: Path, copies: Path) -> Path:
    """`requirements` where pip may install it from as `pip install -r FILE`, run in the
    folder holding it, would: in place when it names no paths, else in a copy of the
    smallest folder holding it, `project` and every path it names (a repository whose
    example installs `-e ./..`). Installed from the copy, building a path (`-e .`)
    writes no *.egg-info or build/ into the original."""
    folder = requirements.parent
    named = paths_named(folder, requirements)
    if not named:
        return requirements
    root = Path(os.path.commonpath([folder, project, *named]))
    where = f"{requirements} names paths, and it, they and '{project}' share no folder"
    if root == Path(root.anchor) or root in _home_and_above():
        raise FreshEnvError(
            f"{option_name('fresh_env')}: {where} smaller than '{root}' to install them from "
            "a copy of: keep them in the project's repository."
        )
    if copies.is_relative_to(root):
        raise FreshEnvError(
            f"{option_name('fresh_env')}: {where} but '{root}', which holds scaffold's "
            "temporary folders: keep them in a folder of their own (a repository)."
        )
    return copy_project(root, copies / root.name) / requirements.relative_to(root)


def _home_and_above() -> tuple[Path, ...]:
    try:
        home = Path.home()
    except RuntimeError:  # no HOME, and no entry in the password database
        return ()
    return (home, *home.parents)


def _paths(cwd: Path, file: Path, depth: int) -> Iterator[tuple[str, str]]:
    """(word as written, where pip finds it) for each path `file` names, its includes too."""
    try:
        content = read_regular(file, _MAX_BYTES + 1)
    except OSError:
        return
    if len(content) > _MAX_BYTES:
        yield "", str(file)  # too long to read whole: not shared, checked no further
        return
    for line in logical_lines(content.decode("utf-8", "replace")):
        option = _OPTION.match(line)
        if option and option["option"] in _INCLUDES:
            included = option["value"] or ""
            if "://" in included:
                continue
            # An included file is found relative to the file that names it.
            yield included, str(file.parent / Path(included).expanduser())
            if depth < _MAX_DEPTH:
                yield from _paths(cwd, file.parent / included, depth + 1)
            continue
        if option and option["option"] in _EDITABLE:
            line = option["value"] or ""
        elif option:
            continue  # --index-url, --hash, and the like: no path to install
        where = _path_in(line)
        if where is not None:
            yield where, str(cwd / Path(where).expanduser())


def _path_in(requirement: str) -> str | None:
    """The local path a requirement names, or None if it names a package or a URL."""
    at = _AT_URL.match(requirement)
    word = at["where"] if at else requirement.split(";", 1)[0].split()[0]
    if word.startswith("file:"):
        return re.sub(r"^file:(//(localhost)?)?", "", word) or "/"
    if "://" in word:
        return None  # a remote URL
    if at or "/" in word or os.sep in word or word.startswith((".", "~")) or _ARCHIVE.search(word):
        return word.split("[", 1)[0] if not at else word
    return None
