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
names paths is installed from a copy of itself, and each path must stay inside it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from scaffold._files import read_regular
from scaffold._project.requirements import logical_lines
from scaffold.errors import FreshEnvError, option_name

__all__ = ["REQUIREMENTS", "names_paths", "require_paths_inside"]

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


def require_paths_inside(inside: Path, cwd: Path, file: Path) -> None:
    """Raise FreshEnvError if a path the requirements `file`, installed from `cwd`, names
    (or a file it includes) leads out of `inside`, which the copy installed from has not
    got: an install from there would also write its build outside the copy."""
    root = os.path.normpath(inside)
    for word, path in _paths(cwd, file, 0):
        if os.path.commonpath([root, os.path.normpath(path)]) != root:
            raise FreshEnvError(
                f"{option_name('fresh_env')} installs {file.name} from a copy of '{inside}', "
                f"and '{word}' leads out of it: name that package by version or URL, or "
                f"smoke without {option_name('fresh_env')}."
            )


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
