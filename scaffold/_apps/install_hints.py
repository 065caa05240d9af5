"""What to do about a module the app imports that its fresh environment has not got:
the requirements file, the extra, the group or the package that lists it, the marker
that left it out, or where to add it. Read, never installed."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._apps.interpreter import python_that_fits
from scaffold._apps.listed import (
    listed_behind_marker,
    listed_elsewhere,
    listed_in_extra,
    listed_in_group,
    listed_in_package,
    listing,
)
from scaffold._files import read_within
from scaffold._project.requirements import logical_lines
from scaffold._source import imported_modules, readable_tree
from scaffold.errors import InputError, option

__all__ = ["not_installed", "package_above"]

_MAX_BYTES = 1024 * 1024


def not_installed(
    module: str,
    app: App,
    given: Path | None,
    by: str | None = None,
    importing: Path | None = None,
) -> str:
    """What to do about the `module` the app imports that its fresh environment, made
    of its requirements (or of the file `given` in their place), has not got: the other
    requirements file or the extra that lists it, the marker that left it out, or to add
    it to the requirements. `by` is the installed package whose import failed, if not
    the app's own code (django-bootstrap4-form imports packaging, and lists nothing);
    the framework's imports are the app's (the database driver its settings name).
    `importing` is the project's module whose import failed: an extra is advised with
    those its other imports need, so that one run with the advice gets past them all."""
    top = module.split(".")[0]
    installed = app.requirements_root() / "requirements.txt"
    own = {top.lower(), *(name.lower() for name in app.kind.framework.packages)}
    who = by if by and by.lower() not in own else "the app"
    if given is not None and given != installed and (listed := listing(installed, top)):
        # apiflask's examples/requirements.txt, given for examples/otel/: named by its path.
        said = os.path.relpath(given) if given.name == installed.name else given.name
        return (  # flask-project-template's requirements-test.txt, given alone
            f"{who} imports {module}, which {said} does not install, and the "
            f"project's requirements.txt lists {listed}: {option('requirements')} takes "
            f"the place of requirements.txt; give a file that also installs it (a line "
            f"`-r {os.path.relpath(installed, given.parent)}`), or {option('extra')} if the "
            "project's package has one."
        )
    tree = readable_tree(importing) if importing is not None else None
    others = sorted(imported_modules(tree)) if tree is not None else []
    if given is not None and (editable := _editable_extra(given, [top, *others])):
        line, extended, name = editable  # flask-security's examples, run on `-e .`
        return (
            f"{who} imports {module}, which {given.name} does not install, and the package "
            f"its line `{line}` installs has an extra that lists {name}: make that line "
            f"`{extended}`."
        )
    if given is not None and (beside := listed_elsewhere(given.parent, top, besides=given)):
        return (  # flask-debugtoolbar's example: `-e .` given, requirements/tests.txt beside
            f"{who} imports {module}, which {given.name} does not install, and "
            f"{beside[0]} beside it lists {beside[1]}: add a line `-r {beside[0]}` to it."
        )
    if elsewhere := listed_elsewhere(app.root, top):
        listed_in, name = elsewhere
        file = os.path.relpath(app.root / listed_in)  # from where the user runs it
        named = option("requirements", shlex.quote(file), repr(file))
        return (
            f"{who} imports {module}, which the requirements installed do not install, "
            f"and {listed_in} lists {name}: give that file with {named}, or add {name} to "
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
    if above := package_above(app.root, top):  # django-constance's example/
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
    if declared:
        return "pyproject.toml's dependencies"
    return "setup.py's install_requires" if (folder / "setup.py").is_file() else "requirements.txt"


def package_above(root: Path, module: str) -> Path | None:
    """The folder above `root`, up to three up, whose package is `module` (its own
    folder, or in src/; or a module alone) and which declares it (a pyproject.toml or a
    setup.py): an example project's library; None if there is none."""
    for folder in list(root.parents)[:3]:
        declares = (folder / "pyproject.toml").is_file() or (folder / "setup.py").is_file()
        held = any(
            (folder / src / module / "__init__.py").is_file()
            or (folder / src / f"{module}.py").is_file()
            for src in ("", "src")
        )  # a package, or a module of its own (Flask-HTTPAuth's src/flask_httpauth.py)
        if declares and held:
            return folder
    return None


def _marks(marker: str, version: str) -> bool:
    """Whether the environment `marker` holds for Python `version` here."""
    from packaging.markers import InvalidMarker, Marker

    short = ".".join(version.split(".")[:2])
    try:
        return Marker(marker).evaluate({"python_version": short, "python_full_version": version})
    except InvalidMarker:
        return False


# A requirements line that installs a folder's package, as `-e .` or `.[extra]` does.
_FOLDER_LINE = re.compile(
    r"(?P<editable>(?:-e|--editable)[= ]\s*)?(?P<folder>\.{1,2}(?:/[\w./-]{0,300})?)"
    r"(?:\[(?P<extras>[\w,\s.-]{0,300})\])?"
)


def _editable_extra(given: Path, modules: list[str]) -> tuple[str, str, str] | None:
    """(the line of the requirements file `given` that installs a folder's package, the
    line with the extras added that list a distribution named after the first of
    `modules` and after any other, the first's distribution), when that package has an
    extra that lists the first; None if not."""
    try:
        data = read_within(given, _MAX_BYTES)
    except OSError:
        return None
    for line in logical_lines((data or b"").decode("utf-8", "replace")):
        if (found := _FOLDER_LINE.fullmatch(line.strip())) is None:
            continue
        folder = given.parent / found["folder"]
        if (first := listed_in_extra(folder, modules[0])) is None:
            continue
        had = [e.strip() for e in (found["extras"] or "").split(",") if e.strip()]
        if first[0] in had:
            continue
        listed = (listed_in_extra(folder, module) for module in modules[1:])
        wanted = [first[0], *(extra for extra, _ in filter(None, listed))]
        added = [extra for extra in dict.fromkeys(wanted) if extra not in had]
        extended = f"{found['editable'] or ''}{found['folder']}[{','.join([*had, *added])}]"
        return line.strip(), extended, first[1]
    return None
