"""What a project that does not declare what --fresh-env installs can do instead: the
requirements file a README installs, the folder above that declares it (a library's
examples), the dependency groups it has, or an export of what another tool reads."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from scaffold._apps.detect import finds
from scaffold._files import readme_requirements
from scaffold.errors import InputError, option, option_name

if TYPE_CHECKING:
    from scaffold._project.pyproject import Pyproject

__all__ = ["group_above", "other_declarations"]

_DEVELOPMENT = ("local", "dev", "development", "base", "common")
"""The requirements files a README installs to run a project locally, likeliest first."""
_MAX_LISTED = 8
_MAX_UP = 3
"""How many folders up from a project a requirements.txt is looked for, to advise it."""


_REQUIREMENTS_NAME = re.compile(
    r"(?:[\w.-]{0,50}[-_.])?req(?:uirement)?s?(?:[-_.][\w.-]{0,50})?\.(?:txt|pip)", re.IGNORECASE
)
"""A requirements file by another name: req.txt, requirements-prod.txt, requirements.pip."""


_POETRY_EXPORTS = (
    "({why}), whose dependencies only Poetry reads: export them{where} "
    "(poetry export -f requirements.txt -o requirements.txt)"
)


def _no_package(declared: Pyproject) -> str:
    """Why a Poetry project is no package an installer but Poetry installs."""
    return "package-mode = false" if declared.says_no_package else "no [build-system]"


def other_declarations(project: Path, declared: Pyproject | None) -> str:
    """How to go on without what --fresh-env reads: a pipenv project exports its Pipfile,
    a Poetry project that is no package its dependencies."""
    if (project / "Pipfile").is_file():
        return (
            ": its Pipfile is pipenv's: export it (pipenv requirements > requirements.txt), "
            f"or give a requirements file with {option('requirements')}"
        )
    if declared is not None and (groups := declared.group_names[:_MAX_LISTED]):
        given = option("group", groups[0], repr([groups[0]]))
        return (
            f": its pyproject.toml has dependency groups ({', '.join(groups)}), which `pip "
            f"install --group NAME` installs: name those it runs on, e.g. {given}"
        )
    if declared is not None and declared.poetrys:
        return (
            f": its pyproject.toml is Poetry's, for no package "
            f"{_POETRY_EXPORTS.format(why=_no_package(declared), where='')}"
            f", or give a requirements file with {option('requirements')}"
        )
    if files := _requirements_folder(project):
        import shlex

        installed = _readme_installs(project, files)
        named = os.path.relpath(project / "requirements" / (installed or files[0]))
        given = option("requirements", shlex.quote(named), repr(named))  # from where it runs
        has = f": its requirements folder has {', '.join(files)}"
        if installed:
            return f"{has}, and its README installs {installed}: give it with {given}"
        return f"{has}: give the one its README installs, e.g. {given}"
    if readme_file := next(filter(Path.is_file, readme_requirements(project)), None):
        import shlex

        named = os.path.relpath(readme_file)  # from where the user runs it
        given = option("requirements", shlex.quote(named), repr(named))
        said = readme_file.relative_to(project).as_posix()
        return f": its README installs {said}: give it with {given}"
    if files := _requirements_beside(project):
        import shlex

        named = os.path.relpath(project / files[0])  # from where the user runs it
        given = option("requirements", shlex.quote(named), repr(named))
        return f": it has {', '.join(files)}, by another name: give it with {given}"
    for folder in list(project.parents)[:_MAX_UP]:
        if (folder / "requirements.txt").is_file():
            # A repository of tutorials, one requirements.txt for all of its steps.
            import shlex

            file = os.path.relpath(folder / "requirements.txt")  # from where the user runs it
            given = option("requirements", shlex.quote(file), repr(file))
            return f": a folder above it has one: give it with {given}"
        declares = next((f for f in ("setup.py", "pyproject.toml") if (folder / f).is_file()), "")
        if (folder / "uv.lock").is_file() and finds(folder, project):
            return (  # drf-yasg's testproj/, run in the environment `uv sync` makes above it
                f": '{folder}' above it is the project `uv run` here runs it with (its "
                f"uv.lock): smoke '{folder}', which finds this app in it"
            )
        if declares == "pyproject.toml" and (poetrys := _poetrys_for_no_package(folder)):
            return (  # vintasoftware/django-react-boilerplate's backend/
                f": '{folder}' above it is Poetry's project for no package "
                f"{_POETRY_EXPORTS.format(why=_no_package(poetrys), where=' there')}, and give "
                f"that file with {option('requirements')}"
            )
        if declares:  # a library's examples (flask-restx's), which run on the library
            return (
                f": '{folder}' above it is a package (its {declares}): install it, as `pip "
                "install -e .` there does, from a requirements file in that folder holding "
                f"`-e .`, given with {option('requirements')}"
            )
    # It declares nothing (a tutorial's chapter): isolated, it has nothing to run on.
    return (
        f": give a requirements file with {option('requirements')}, or check it without "
        f"{option_name('fresh_env')}, on the Python it is run with"
    )


def _poetrys_for_no_package(folder: Path) -> Pyproject | None:
    """`folder`'s pyproject.toml, if it is Poetry's for no package (package-mode = false,
    or no [build-system]), which no installer but Poetry installs; else None."""
    from scaffold._project.pyproject import read_pyproject

    try:
        declared = read_pyproject(folder / "pyproject.toml")
    except (OSError, InputError):
        return None
    return declared if declared.poetrys and not declared.builds else None


def _readme_installs(project: Path, files: list[str]) -> str | None:
    """The one of `files` (in requirements/) that `project`'s README installs first, as
    `pip install -r requirements/prod.txt` (realpython's django-gunicorn-nginx); None."""
    folder = project / "requirements"
    named = (file.name for file in readme_requirements(project) if file.parent == folder)
    return next((name for name in named if name in files), None)


def _requirements_folder(project: Path) -> list[str]:
    """The requirements files in `project`'s requirements/ folder (cookiecutter-django's
    local.txt and production.txt, flasky's dev.txt), a development one first; [] if none."""
    try:
        files = sorted(p.name for p in (project / "requirements").glob("*.txt") if p.is_file())
    except OSError:
        return []
    first = next((f for name in _DEVELOPMENT for f in files if f == f"{name}.txt"), None)
    return ([first] if first else []) + [f for f in files if f != first][:_MAX_LISTED]


def _requirements_beside(project: Path) -> list[str]:
    """The requirements files in `project` by another name than requirements.txt (`req.txt`,
    `requirements-prod.txt`, django-rest-auth's demo's `requirements.pip`), a development
    one last; [] if none."""
    try:
        files = sorted(p.name for p in project.glob("*.*") if p.is_file())
    except OSError:
        return []
    named = [f for f in files if _REQUIREMENTS_NAME.fullmatch(f)]
    return sorted(named, key=lambda f: any(word in f for word in ("dev", "test")))[:_MAX_LISTED]


def group_above(project: Path, group: str) -> str:
    """'; the pyproject.toml of FOLDER above it has it …: smoke that folder' when a folder
    above `project` has the dependency group `group`, as `uv run --group` run in
    `project` takes it (django-htmx's example/), and finds `project`'s app; else ''."""
    from scaffold._project.pyproject import read_pyproject

    for folder in list(project.parents)[:_MAX_UP]:
        try:
            if read_pyproject(folder / "pyproject.toml").group(group) is None:
                continue
        except (OSError, InputError):
            continue
        if not finds(folder, project):
            return ""
        named = option("group", group, repr([group]))
        return (
            f"; the pyproject.toml of '{folder}' above it has it, as `uv run --group {group}` "
            f"run here takes it: smoke '{folder}' with {named}, which finds this app in it"
        )
    return ""
