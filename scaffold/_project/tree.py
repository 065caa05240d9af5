"""The files of a project, and the folders that tools grow in it, which are not its code."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import shutil
import stat
from collections.abc import Collection, Iterator
from pathlib import Path

from scaffold.errors import InputError

__all__ = [
    "COUNTED_OUT",
    "GROWN",
    "copy_project",
    "is_virtualenv",
    "packages_above",
    "project_files",
]

VCS = frozenset({".git", ".hg", ".svn"})
GROWN = VCS | {
    ".venv", "venv", "__pycache__", "node_modules", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache",
}  # fmt: skip
"""What tools grow in a project folder: version control, virtualenvs, caches. Never
the project's code, and may be large: not copied to serve it, not in its diff."""
_JAVASCRIPT = "node_modules"
COUNTED_OUT = frozenset({".git", "__pycache__"})
"""The folders whose files `compare` does not count, as its documentation says, with
virtualenvs whatever their name."""


_MAX_PACKAGES = 8
"""The most packages a project that is a package is looked for in, upwards."""
_TOO_DEEP = (
    "'{root}' has folders nested deeper than scaffold follows (about 900 levels): "
    "leave that tree out of the project, or move it."
)


def is_virtualenv(folder: Path) -> bool:
    """Whether `folder` is a virtualenv: it holds a pyvenv.cfg, whatever its name."""
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg"))  # noqa: PTH113, PTH118


def project_files(
    root: Path, *, skip_dirs: Collection[str] = COUNTED_OUT, skip_files: Collection[str] = ()
) -> Iterator[Path]:
    """Every regular file below `root`, except under .git/, __pycache__/ and virtualenvs
    (folders holding a pyvenv.cfg), sorted.

    Other folders' names to leave out may be given, and patterns of files' names.
    A folder that cannot be read is an InputError, not a silent gap in the count.
    """

    def unreadable(err: OSError) -> None:
        raise InputError(f"cannot read '{err.filename}': {err.strerror}.")

    # Walked with a list of folders to read, not os.walk, which recurses a level a
    # folder before Python 3.12: a tree nested a thousand deep is still walked.
    found, folders = [], [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as scanned:
                entries = list(scanned)
        except OSError as err:
            unreadable(err)
        for entry in entries:
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as err:
                unreadable(err)
            if stat.S_ISDIR(mode):
                if entry.name not in skip_dirs and not is_virtualenv(Path(entry.path)):
                    folders.append(Path(entry.path))
            elif stat.S_ISREG(mode) and not any(
                fnmatch.fnmatchcase(entry.name, pattern) for pattern in skip_files
            ):
                found.append(Path(entry.path))
    yield from sorted(found)


def packages_above(root: Path) -> list[str]:
    """The packages, outermost first, that the project `root` sits in when it is a
    package itself (flask-admin's `examples/babel/__init__.py`: ['examples']): a copy
    served is put below packages of the same names, since `flask run` imports it as
    Python would import it there (`examples.babel.main`), not as a package of its own
    name (`babel`, which would shadow the library it is named after)."""
    packages: list[str] = []
    if (root / "__init__.py").is_file():
        for parent in list(root.parents)[:_MAX_PACKAGES]:
            if not parent.name or not (parent / "__init__.py").is_file():
                break  # no package above, or the file system's root
            packages.insert(0, parent.name)
    return packages


def copy_project(root: Path, into: Path) -> Path:
    """Copy the project `root` to `into`, less what tools grow in it (GROWN) and FIFOs.

    Its JavaScript packages (node_modules), which an app may serve or bundle as it runs
    (webassets, STATICFILES_DIRS), are linked to where they are rather than copied: they
    may be hundreds of megabytes, and are read, never written.
    """
    linked: list[Path] = []

    def skipped(folder: str, names: list[str]) -> set[str]:
        skip = set(GROWN.intersection(names))
        if _JAVASCRIPT in skip and Path(folder, _JAVASCRIPT).is_dir():
            linked.append(Path(folder, _JAVASCRIPT))
        skip |= {name for name in names if is_virtualenv(Path(folder, name))}
        for name in names:
            with contextlib.suppress(OSError):
                mode = os.lstat(os.path.join(folder, name)).st_mode  # noqa: PTH118
                if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                    skip.add(name)  # a FIFO or a device would block or fail a copy
        return skip

    try:
        shutil.copytree(root, into, symlinks=True, ignore=skipped)
        _anchor_outward_links(root, into)
        for modules in linked:
            (into / modules.relative_to(root)).symlink_to(modules.absolute())
    except (OSError, shutil.Error) as err:
        raise InputError(f"cannot copy '{root}' to serve it: {err}") from None
    except RecursionError:  # copytree recurses, a level a folder
        raise InputError(_TOO_DEEP.format(root=root)) from None
    return into


def _anchor_outward_links(root: Path, copy: Path) -> None:
    """Make the copy's relative links that lead out of the project lead where they did.

    A monorepo's `templates -> ../shared/templates` would dangle in the copy; it
    now points at the original, from the folder the kernel resolved it from.
    """
    inside = os.path.realpath(root)
    for folder, dirs, files in os.walk(copy):  # links to folders are listed, not entered
        for name in (*dirs, *files):
            link = Path(folder, name)
            if not link.is_symlink():
                continue
            target = link.readlink()
            original = root / link.relative_to(copy)
            leads_to = os.path.realpath(original)
            if target.is_absolute() or os.path.commonpath([inside, leads_to]) == inside:
                continue
            link.unlink()
            link.symlink_to(Path(os.path.realpath(original.parent), target))
