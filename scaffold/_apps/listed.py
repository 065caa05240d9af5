"""Where a project's requirements list the distribution of a module a fresh environment
lacked: in another requirements file (cookiecutter-django's requirements/local.txt
holds django-debug-toolbar, which its local settings import; requirements.txt holds
production's), or in the one installed, behind a marker this environment does not
match (a Poetry export's `; python_version >= "3.12"`), or in an extra of its
pyproject.toml. Read, never installed."""

from __future__ import annotations

import ast
import re
from itertools import chain, islice
from pathlib import Path

from scaffold._files import read_within, readme_requirements
from scaffold._project.requirements import logical_lines
from scaffold._source import parsed, setup_argument
from scaffold.errors import InputError

__all__ = [
    "listed_behind_marker",
    "listed_elsewhere",
    "listed_in_extra",
    "listed_in_group",
    "listed_in_package",
    "listing",
]

_MAX_FILES = 20
_RUN_WITH = frozenset({"dev", "develop", "local", "test", "tests", "testing"})
"""The extras and groups a project's own apps are run with, looked in first."""
_MAX_BYTES = 1024 * 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def listing(requirements: Path, module: str) -> str | None:
    """The distribution named after `module` that the `requirements` file lists; None."""
    return next((name for name, _ in _named_first(_requirements(requirements), module)), None)


def _requirements(file: Path) -> list[tuple[str, str]]:
    """Each distribution the requirements `file` lists, with its line; [] if it cannot
    be read."""
    try:
        data = read_within(file, _MAX_BYTES)
    except OSError:
        return []
    lines = logical_lines((data or b"").decode("utf-8", "replace"))
    return [(name.group(0), line) for line in lines if (name := _NAME.match(line))]


def listed_elsewhere(
    root: Path, module: str, besides: Path | None = None
) -> tuple[str, str] | None:
    """(the file, relative to `root`, the distribution) of the first other requirements
    file of the project (one its README installs, `pip install -r etc/reqs-dev.txt`, then
    requirements-dev.txt, requirements/*.txt) that lists a distribution named
    after `module`: `debug_toolbar` is django-debug-toolbar's, `psycopg2` psycopg2-binary's,
    `dotenv` python-dotenv's. None if none does. Not requirements.txt, which was
    installed, unless the file `besides` was, in its place."""
    installed = None if besides else root / "requirements.txt"
    readme = [file for file in readme_requirements(root) if file != installed]
    found = chain(root.glob("requirements*.txt" if besides else "requirements?*.txt"),
                  root.glob("requirements/*.txt"))  # fmt: skip
    for file in [*readme, *sorted(islice(found, _MAX_FILES))]:
        if besides and file.resolve() == besides.resolve():
            continue
        if name := listing(file, module):
            return file.relative_to(root).as_posix(), name
    return None


def listed_in_extra(root: Path, module: str) -> tuple[str, str] | None:
    """(the extra, the distribution) of the first of the project's pyproject.toml's
    optional dependencies named after `module` (django-oscar's `test` extra holds
    django-environ, which its sandbox's settings import); None if none is."""
    from scaffold._project.pyproject import read_pyproject

    try:
        extras = read_pyproject(root / "pyproject.toml").extras
    except (OSError, InputError):
        return None
    return _firstlisting(extras, module)


def listed_in_package(root: Path, module: str) -> tuple[str, str] | None:
    """(the distribution, where) when the package in `root` lists a distribution named
    after `module` among what it installs: its pyproject.toml's [project] dependencies,
    else the literal install_requires of its setup.py; None if it does not."""
    from scaffold._project.pyproject import read_pyproject

    listed: tuple[tuple[str, ...], str] = ((), "")
    try:
        declared = read_pyproject(root / "pyproject.toml")
        if declared.declares_project:
            listed = (declared.dependencies, "pyproject.toml's dependencies")
    except (OSError, InputError):
        pass
    setup = root / "setup.py"
    if not listed[1] and setup.is_file() and (tree := parsed(setup)) is not None:
        listed = (_install_requires(tree), "setup.py's install_requires")
    found = _firstlisting({listed[1]: listed[0]}, module)
    return (found[1], found[0]) if found else None


def _install_requires(tree: ast.Module) -> tuple[str, ...]:
    """The strings a setup.py's `setup(install_requires=[...])` lists, as written."""
    given = setup_argument(tree, "install_requires")
    return tuple(
        item.value
        for item in (given.elts if isinstance(given, ast.List | ast.Tuple) else ())
        if isinstance(item, ast.Constant) and isinstance(item.value, str)
    )


def listed_in_group(root: Path, module: str, *, poetry: bool = False) -> tuple[str, str] | None:
    """(the group, the distribution) of the first dependency group of the project's
    pyproject.toml (with `poetry`, of its Poetry groups) that lists a distribution named
    after `module`; None if none does."""
    from scaffold._project.pyproject import read_pyproject

    try:
        declared = read_pyproject(root / "pyproject.toml")
        groups = (
            declared.poetry_groups
            if poetry
            else {name: declared.group(name) or () for name in declared.group_names}
        )
    except (OSError, InputError):
        return None
    return _firstlisting(groups, module)


def _firstlisting(lists: dict[str, tuple[str, ...]], module: str) -> tuple[str, str] | None:
    """(the list's name, the distribution) of the first of `lists` (requirements by name)
    that lists a distribution named after `module`; None if none does."""
    # Those a project is run with first (an example app's `tests` extra, not its `docs`).
    for named, listed in sorted(lists.items(), key=lambda item: item[0] not in _RUN_WITH):
        names = [(name.group(0), line) for line in listed if (name := _NAME.match(line))]
        if found := _named_first(names, module):
            return named, found[0][0]
    return None


def _named_first(listed: list[tuple[str, str]], module: str) -> list[tuple[str, str]]:
    """The (distribution, line) of `listed` named after `module`: `module` itself first,
    then `module-…` or `…-module` (python-dotenv, django-environ), never flask-assets
    for `flask` when flask is listed too."""
    wanted = _normal(module)
    named = [(name, line) for name, line in listed if _named_after(_normal(name), wanted)]
    return sorted(named, key=lambda found: _normal(found[0]) != wanted)


def _named_after(listed: str, module: str) -> bool:
    return listed == module or listed.startswith(f"{module}-") or listed.endswith(f"-{module}")


def listed_behind_marker(requirements: Path, module: str) -> tuple[str, str] | None:
    """(the distribution, its marker) when the `requirements` file installed lists the
    distribution named after `module` (python-decouple for `decouple`) with an environment
    marker (`flask==3.1.2 ; python_version >= "3.12"`, hashes after it as Poetry exports
    them): installed, the file left it out. None if it does not."""
    for name, line in _named_first(_requirements(requirements), module):
        requirement, _, marker = line.partition(";")
        marker = marker.partition(" --")[0].strip()  # a Poetry export's --hash options follow
        if marker and "@" not in requirement:
            return name, marker
    return None


def _normal(name: str) -> str:
    from scaffold._project.pyproject import normal_name

    return normal_name(name)
