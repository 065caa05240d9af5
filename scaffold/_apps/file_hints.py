"""Advice for an app that stopped reading a file the project has not got: a config or
secrets file kept out of the repository (its .gitignore lists it), which the README says
to make, often from an example beside it (`secrets.json.example`), or Flask's instance
folder's config."""

from __future__ import annotations

import re
import shlex
import tempfile
from pathlib import Path, PurePosixPath

from scaffold._apps.detect import App
from scaffold._files import read_within

__all__ = ["missing_file"]

# Python's words, and Flask's for a config file: the path is the last quoted one.
_NOT_FOUND = re.compile(
    r"^(?:\w+\.){0,3}FileNotFoundError: \[Errno 2\] [^\n]{0,300}?'(?P<path>/[^'\n]{1,1000})'",
    re.MULTILINE,
)
_MAX_IGNORE_BYTES = 64 * 1024
# How projects name the example of a file to copy: shop.cfg.example, config.example.py.
_EXAMPLES = ("{name}.example", "{name}.sample", "{name}.dist", "{name}.template",
             "{stem}.example{suffix}", "{stem}.sample{suffix}", "{stem}_example{suffix}",
             "{stem}-example{suffix}", "{stem}-sample{suffix}")  # fmt: skip


def missing_file(output: str, app: App) -> str:
    """'the app reads …: what to do', of an app whose server printed that a file it reads
    is not there (the last such error in `output`); '' if it printed none."""
    printed = [found["path"] for found in _NOT_FOUND.finditer(output)]
    if not printed:
        return ""
    path = PurePosixPath(printed[-1])
    relative = _in_project(path, app.root)
    if relative is None:
        return (
            f"the app reads {path}, which this machine has not got: make it as the project "
            "says, or point the app at one it has."
        )
    kept_out = (
        " (its .gitignore keeps it out of the repository)" if _ignored(app.root, relative) else ""
    )
    said = f"the app reads {relative}, which the project has not got{kept_out}"
    if example := _example(app.root, relative):
        copy = f"cp {shlex.quote(example)} {shlex.quote(relative)}"
        return f"{said}: make it from {example} ({copy}) and fill it in, as the project says."
    return f"{said}: make it as the project's README says."


def _in_project(path: PurePosixPath, root: Path) -> str | None:
    """`path`, printed by the served copy of the project in `root`, as a path in the
    project (its tail after a folder named as the project's); None if it is not in it."""
    parts = path.parts
    copied = path.is_relative_to(tempfile.gettempdir())  # served from scaffold's copy
    for at in range(len(parts) - 2, -1, -1):
        tail = parts[at + 1 :]
        if parts[at] != root.name or ".." in tail:
            continue
        if copied or root.joinpath(*tail[:-1]).is_dir():
            return PurePosixPath(*tail).as_posix()
    return None


def _ignored(root: Path, relative: str) -> bool:
    """Whether the project's .gitignore lists `relative` by its path or its name (the
    plain lines alone: no patterns)."""
    try:
        text = read_within(root / ".gitignore", _MAX_IGNORE_BYTES) or b""
    except OSError:
        return False
    lines = {line.strip().strip("/") for line in text.decode("utf-8", "replace").splitlines()}
    return relative in lines or PurePosixPath(relative).name in lines


def _example(root: Path, relative: str) -> str | None:
    """The example beside `relative` to make it from, as a path in the project; or None."""
    file = PurePosixPath(relative)
    for form in _EXAMPLES:
        name = form.format(name=file.name, stem=file.stem, suffix=file.suffix)
        if (root / file.parent / name).is_file():
            return (file.parent / name).as_posix()
    return None
