"""Where a project's requirements list the distribution of a module a fresh environment
lacked: in another requirements file (cookiecutter-django's requirements/local.txt
holds django-debug-toolbar, which its local settings import; requirements.txt holds
production's), or in the one installed, behind a marker this environment does not
match (a Poetry export's `; python_version >= "3.12"`), or in an extra of its
pyproject.toml. Read, never installed."""

from __future__ import annotations

import ast
import os
import re
import shlex
from itertools import chain, islice
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._apps.interpreter import python_that_fits
from scaffold._files import read_within
from scaffold._project.requirements import logical_lines
from scaffold._source import parsed, setup_argument
from scaffold.errors import InputError, option

__all__ = [
    "listed_behind_marker",
    "listed_elsewhere",
    "listed_in_extra",
    "listed_in_group",
    "listed_in_package",
    "not_installed",
]

_MAX_FILES = 20
_RUN_WITH = frozenset({"dev", "develop", "local", "test", "tests", "testing"})
"""The extras and groups a project's own apps are run with, looked in first."""
_MAX_BYTES = 1024 * 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def not_installed(module: str, app: App, given: Path | None, by: str | None = None) -> str:
    """What to do about the `module` the app imports that its fresh environment, made
    of its requirements (or of the file `given` in their place), has not got: the other
    requirements file or the extra that lists it, the marker that left it out, or to add
    it to the requirements. `by` is the installed package whose import failed, if not
    the app's own code (django-bootstrap4-form imports packaging, and lists nothing);
    the framework's imports are the app's (the database driver its settings name)."""
    top = module.split(".")[0]
    installed = app.requirements_root() / "requirements.txt"
    own = {top.lower(), *(name.lower() for name in app.kind.framework.packages)}
    who = f"{by}, installed," if by and by.lower() not in own else "the app"
    if given is not None and given != installed and (listed := _listing(installed, top)):
        # apiflask's examples/requirements.txt, given for examples/otel/: named by its path.
        said = os.path.relpath(given) if given.name == installed.name else given.name
        return (  # flask-project-template's requirements-test.txt, given alone
            f"{who} imports {module}, which {said} does not install, and the "
            f"project's requirements.txt lists {listed}: {option('requirements')} takes "
            f"the place of requirements.txt; give a file that also installs it (a line "
            f"`-r {os.path.relpath(installed, given.parent)}`), or {option('extra')} if the "
            "project's package has one."
        )
    if given is not None and (beside := listed_elsewhere(given.parent, top, besides=given)):
        return (  # flask-debugtoolbar's example: `-e .` given, requirements/tests.txt beside
            f"{who} imports {module}, which {given.name} does not install, and "
            f"{beside[0]} beside it lists {beside[1]}: add a line `-r {beside[0]}` to it."
        )
    if elsewhere := listed_elsewhere(app.root, top):
        listing, name = elsewhere
        file = os.path.relpath(app.root / listing)  # from where the user runs it
        named = option("requirements", shlex.quote(file), repr(file))
        return (
            f"{who} imports {module}, which the requirements installed do not install, "
            f"and {listing} lists {name}: give that file with {named}, or add {name} to "
            "the requirements installed."
        )
    if not installed.is_file() and (optional := listed_in_extra(installed.parent, top)):
        extra, name = optional
        return (
            f"{who} imports {module}, which the project's dependencies do not install, and "
            f"its pyproject.toml's {extra} extra lists {name}: add "
            f"{option('extra', extra, repr([extra]))}."
        )
    if grouped := listed_in_group(installed.parent, top):  # django-guardian's dev group
        group, name = grouped
        return (
            f"{who} imports {module}, which the project's dependencies do not install, and "
            f"its pyproject.toml's dependency group {group} lists {name}: add "
            f"{option('group', group, repr([group]))}."
        )
    if given is not None and (poetry := listed_in_group(installed.parent, top, poetry=True)):
        group, name = poetry  # wemake-django-template's export, without its dev group
        return (
            f"{who} imports {module}, which {given.name} does not install, and the "
            f"project's Poetry group {group} lists {name}: export that group too (poetry "
            f"export --with {group}), or add {name} to {given.name}."
        )
    if above := _package_above(app.root, top):  # django-constance's example/
        holding = f"`-e .` and `-r {os.path.relpath(installed, above)}`"
        return (
            f"{who} imports {module}, the package of the repository in '{above}', which "
            f"the requirements installed do not install: install both, as its `pip install "
            f"-e .` does, from a requirements file in that folder holding {holding}, given "
            f"with {option('requirements')}."
        )
    if installed.is_file() and (declared := listed_in_package(installed.parent, top)):
        name, where = declared
        holding = "`-r requirements.txt` and `-e .`"
        return (  # django-silk's example project: `pip install -r requirements.txt`, `-e .`
            f"{who} imports {module}, which requirements.txt does not install, and the "
            f"project's package lists {name} in {where}: install both, as `pip install -r "
            f"requirements.txt` then `pip install -e .` do, from a requirements file beside "
            f"requirements.txt holding {holding}, given with {option('requirements')}."
        )
    if marked := listed_behind_marker(marked_in := given or installed, top):
        name, marker = marked
        return (
            f"{who} imports {module}, and {marked_in.name} lists {name} only where "
            f"{marker}, which this environment is not: serve the app with a Python that is "
            f"{python_that_fits(lambda version: _marks(marker, version))}."
        )
    return (
        f"{who} imports {module}, which the project's requirements do not install: add "
        f"its package to {given.name if given else _requirements_of(installed.parent)}."
    )


def _requirements_of(folder: Path) -> str:
    """Where the dependencies of the project in `folder` are written, as its fresh
    environment was made of them."""
    from scaffold._project.pyproject import read_pyproject

    if (folder / "requirements.txt").is_file():
        return "requirements.txt"
    try:
        declared = read_pyproject(folder / "pyproject.toml").declares_project
    except (OSError, InputError):
        declared = False
    return "pyproject.toml's dependencies" if declared else "requirements.txt"


def _listing(requirements: Path, module: str) -> str | None:
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
    file of the project (requirements-dev.txt, requirements/*.txt) that lists a distribution named
    after `module`: `debug_toolbar` is django-debug-toolbar's, `psycopg2` psycopg2-binary's,
    `dotenv` python-dotenv's. None if none does. Not requirements.txt, which was
    installed, unless the file `besides` was, in its place."""
    found = chain(root.glob("requirements*.txt" if besides else "requirements?*.txt"),
                  root.glob("requirements/*.txt"))  # fmt: skip
    for file in sorted(islice(found, _MAX_FILES)):
        if not (besides and file.samefile(besides)) and (name := _listing(file, module)):
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
    return _first_listing(extras, module)


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
    found = _first_listing({listed[1]: listed[0]}, module)
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
    return _first_listing(groups, module)


def _first_listing(lists: dict[str, tuple[str, ...]], module: str) -> tuple[str, str] | None:
    """(the list's name, the distribution) of the first of `lists` (requirements by name)
    that lists a distribution named after `module`; None if none does."""
    # Those a project is run with first (an example app's `tests` extra, not its `docs`).
    for named, listed in sorted(lists.items(), key=lambda item: item[0] not in _RUN_WITH):
        names = [(name.group(0), line) for line in listed if (name := _NAME.match(line))]
        if found := _named_first(names, module):
            return named, found[0][0]
    return None


def _package_above(root: Path, module: str) -> Path | None:
    """The folder above `root`, up to three up, whose package is `module` (its own
    folder, or in src/) and which declares it (a pyproject.toml or a setup.py): an
    example project's library; None if there is none."""
    for folder in list(root.parents)[:3]:
        declares = (folder / "pyproject.toml").is_file() or (folder / "setup.py").is_file()
        held = any((folder / src / module / "__init__.py").is_file() for src in ("", "src"))
        if declares and held:
            return folder
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


def _marks(marker: str, version: str) -> bool:
    """Whether the environment `marker` holds for Python `version` here."""
    from packaging.markers import InvalidMarker, Marker

    short = ".".join(version.split(".")[:2])
    try:
        return Marker(marker).evaluate({"python_version": short, "python_full_version": version})
    except InvalidMarker:
        return False


def _normal(name: str) -> str:
    from scaffold._project.pyproject import normal_name

    return normal_name(name)
