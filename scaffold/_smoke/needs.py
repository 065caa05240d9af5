"""What a project needs installed in a fresh environment (see `pythons` for its Python)."""

from __future__ import annotations

import ast
import os
import re
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from scaffold._files import read_project_file, read_within
from scaffold.errors import FreshEnvError, InputError, option, option_name

if TYPE_CHECKING:
    from scaffold._project.pyproject import Pyproject

__all__ = ["Needs", "scm_version_env", "what_project_needs"]

_DEVELOPMENT = ("local", "dev", "development", "base", "common")
"""The requirements files a README installs to run a project locally, likeliest first."""
_MAX_LISTED = 8
_READMES = ("README.md", "README.rst", "README.txt", "README")
_MAX_README_BYTES = 256 * 1024
_MAX_UP = 3
"""How many folders up from a project a requirements.txt is looked for, to advise it."""


class Needs(NamedTuple):
    what: str
    """What installing it is called, e.g. 'installing requirements.txt'."""
    arguments: tuple[str, ...]
    """The installer's arguments that install it (after the lock, if any)."""
    locked: bool = False
    """Whether it is installed from uv.lock, by `uv sync`."""
    sync: tuple[str, ...] = ()
    """What `uv sync` is told besides, when it is locked: the extras (`--extra test`)."""


def what_project_needs(
    project: Path, uv: str | None, extras: tuple[str, ...] = (), groups: tuple[str, ...] = ()
) -> Needs:
    """What `project` needs installed: its requirements.txt; else with uv, what its
    uv.lock locks; else its pyproject.toml's project, built if it declares a build
    system, or its [project] dependencies alone if not (an application, as `uv init`
    makes one); else the package its setup.py builds. With its optional dependencies
    `extras`, a project with a requirements.txt gets it and them: the package built with
    them (`pip install -e .[test]`, as a Makefile's install does), or the extras' lists.
    Its dependency `groups` come with any of these, or alone (bookwyrm's `pip install
    --group main`)."""
    from scaffold._project.pyproject import read_pyproject  # tomllib: for --fresh-env alone

    listed = project / "requirements.txt"
    if listed.is_file() and not extras and not groups:  # its pyproject.toml is not read
        return Needs("installing requirements.txt", ("-r", str(listed)))
    pyproject = project / "pyproject.toml"
    declared = read_pyproject(pyproject) if pyproject.is_file() else None
    grouped = _grouped(declared, groups, pyproject)
    also = f" and the dependency groups {', '.join(groups)}" if groups else ""
    if listed.is_file() and not extras:
        return Needs(f"installing requirements.txt{also}", ("-r", str(listed), *grouped))
    pinned = ("-r", str(listed)) if listed.is_file() else ()
    said = "requirements.txt and " if pinned else ""
    built = f"{project}[{','.join(extras)}]" if extras else str(project)
    if declared is None or not (declared.lists_dependencies or declared.builds):
        if (project / "setup.py").is_file():  # a package as setuptools made them before
            # pyproject.toml (dpaste's `pip install -e .[dev]`): pip and uv build it so.
            return Needs(f"installing {said}the project from setup.py{also}",
                         (*pinned, built, *grouped))  # fmt: skip
        if pinned:
            raise FreshEnvError(
                f"{option_name('extra')}: '{project}' declares no extras (no setup.py, no "
                f"[project] in a pyproject.toml): give a requirements file with "
                f"{option('requirements')}."
            )
        if grouped:
            return Needs(f"installing pyproject.toml's dependency groups {', '.join(groups)}",
                         grouped)  # fmt: skip
        raise FreshEnvError(
            f"{option_name('fresh_env')} needs a requirements.txt, a pyproject.toml whose "
            f"[project] lists its dependencies, or a setup.py, in '{project}'"
            f"{_other_declarations(project, declared)}."
        )
    # Extras a setup.py declares are the build's to find: pyproject.toml's are read.
    optional = _optional(declared, extras) if declared.declares_project else ()
    if uv and not pinned:
        _require_sources_inside(project, declared)
    if uv and (project / "uv.lock").is_file() and not pinned:
        sync = _options("--extra", extras) + _options("--group", groups)
        return Needs("installing what uv.lock locks", (), locked=True, sync=sync)
    if declared.builds:
        return Needs(f"installing {said}the project from pyproject.toml{also}",
                     (*pinned, built, *grouped))  # fmt: skip
    if uv and not pinned and declared.has_uv_sources:
        # uv reads the dependencies with the sources it takes them from, as `uv run` does.
        return Needs(f"installing pyproject.toml's dependencies{also}",
                     ("-r", str(pyproject), *_options("--extra", extras), *grouped))  # fmt: skip
    dependencies = pinned or declared.dependencies  # requirements.txt stands for them
    return Needs(f"installing {said}pyproject.toml's dependencies{also}",
                 (*dependencies, *optional, *grouped))  # fmt: skip


def _options(option: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """`option` before each of `values`, as uv takes them: ('--extra', 'a', '--extra', 'b')."""
    return tuple(chain.from_iterable((option, value) for value in values))


def _require_sources_inside(project: Path, declared: Pyproject) -> None:
    """FreshEnvError if a local path its [tool.uv.sources] take a distribution from leads
    out of `project`, which the environment is installed from a copy of."""
    for name, path in declared.uv_paths:
        where = project if path is None else project / path
        own = path is not None or declared.is_workspace
        if not own or not where.resolve().is_relative_to(project.resolve()):
            said = "its workspace" if path is None else repr(path)
            raise FreshEnvError(
                f"{option_name('fresh_env')} installs '{project}' from a copy of it, and its "
                f"pyproject.toml's [tool.uv.sources] take {name} from {said}, outside it: "
                "make its own environment, as `uv sync` there does, and smoke "
                f"without {option_name('fresh_env')}, which serves it with the project's .venv."
            )


def _grouped(declared: Pyproject | None, groups: tuple[str, ...], path: Path) -> tuple[str, ...]:
    """What the dependency `groups` of the pyproject.toml `declared` list, or FreshEnvError
    naming those it has when one is not among them."""
    found: list[str] = []
    for group in groups:
        listed = declared.group(group) if declared is not None else None
        if listed is None:
            has = ", ".join(declared.group_names[:_MAX_LISTED]) if declared else ""
            lacks = (
                f"has no dependency group {group} in [dependency-groups] (it has {has or 'none'})"
            )
            raise FreshEnvError(
                f"{option_name('group')}: '{path}' {lacks if declared else 'is not there'}"
                f"{_group_above(path.parent, group)}."
            )
        found += listed
    return tuple(found)


def _group_above(project: Path, group: str) -> str:
    """'; the pyproject.toml of FOLDER above it has it …: smoke that folder' when a folder
    above `project` has the dependency group `group`, as `uv run --group` run in
    `project` takes it (django-htmx's example/), and finds `project`'s app; else ''."""
    from scaffold._apps.detect import detect
    from scaffold._project.pyproject import read_pyproject

    for folder in list(project.parents)[:_MAX_UP]:
        try:
            if read_pyproject(folder / "pyproject.toml").group(group) is None:
                continue
            found = detect(folder).root == project
        except (OSError, InputError):
            continue
        named = option("group", group, repr([group]))
        return (
            (
                f"; the pyproject.toml of '{folder}' above it has it, as `uv run --group {group}` "
                f"run here takes it: smoke '{folder}' with {named}, which finds this app in it"
            )
            if found
            else ""
        )
    return ""


def scm_version_env(folder: Path) -> dict[str, str]:
    """What lets the package in `folder`, a clone, be built from a copy of it without its
    .git (setuptools-scm and hatch-vcs read their version from git): a version for it
    alone, as setuptools-scm takes one; nothing if `folder` is in no clone, or its
    distribution's name cannot be read."""
    from scaffold._project.pyproject import normal_name

    if not any((above / ".git").exists() for above in (folder, *folder.parents)):
        return {}
    name = _distribution_name(folder)
    if name is None:
        return {}
    variable = normal_name(name).replace("-", "_").upper()  # as setuptools-scm names it
    return {f"SETUPTOOLS_SCM_PRETEND_VERSION_FOR_{variable}": "0"}


def _distribution_name(folder: Path) -> str | None:
    """The name of the distribution in `folder`: its pyproject.toml's, else the literal
    one its setup.py gives setup(); None if neither can be read (the install says why)."""
    from scaffold._project.pyproject import read_pyproject
    from scaffold._source import parsed, setup_argument

    try:
        if (folder / "pyproject.toml").is_file() and (
            name := read_pyproject(folder / "pyproject.toml").name
        ):
            return name
        tree = parsed(folder / "setup.py") if (folder / "setup.py").is_file() else None
    except InputError:
        return None
    named = setup_argument(tree, "name") if tree is not None else None
    return named.value if isinstance(named, ast.Constant) and isinstance(named.value, str) else None


def _optional(declared: Pyproject, extras: tuple[str, ...]) -> tuple[str, ...]:
    """What the `extras` of the project `declared` list, or FreshEnvError naming those
    it has when one is not among them."""
    from scaffold._project.pyproject import normal_name

    has = declared.extras if extras else {}
    for extra in extras:
        if normal_name(extra) not in has:
            listed = ", ".join(sorted(has)[:_MAX_LISTED]) or "none"
            raise FreshEnvError(
                f"{option_name('extra')}: '{declared.path}' has no extra {extra} in "
                f"[project.optional-dependencies] (it has {listed})."
            )
    return tuple(chain.from_iterable(has[normal_name(extra)] for extra in extras))


def _other_declarations(project: Path, declared: Pyproject | None) -> str:
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
            ": its pyproject.toml is Poetry's, for no package (package-mode = false), whose "
            "dependencies only Poetry reads: export them (poetry export -f requirements.txt "
            f"-o requirements.txt), or give a requirements file with {option('requirements')}"
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
    for folder in list(project.parents)[:_MAX_UP]:
        if (folder / "requirements.txt").is_file():
            # A repository of tutorials, one requirements.txt for all of its steps.
            import shlex

            file = os.path.relpath(folder / "requirements.txt")  # from where the user runs it
            given = option("requirements", shlex.quote(file), repr(file))
            return f": a folder above it has one: give it with {given}"
        declares = next((f for f in ("setup.py", "pyproject.toml") if (folder / f).is_file()), "")
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


def _readme_installs(project: Path, files: list[str]) -> str | None:
    """The one of `files` (in requirements/) that `project`'s README installs first, as
    `pip install -r requirements/prod.txt` (realpython's django-gunicorn-nginx); None."""
    readme = next((project / n for n in _READMES if (project / n).is_file()), None)
    try:
        text = read_within(readme, _MAX_README_BYTES, read=read_project_file) if readme else b""
    except OSError:
        return None
    said = (text or b"").decode("utf-8", "replace")
    named = (m[1] for m in re.finditer(r"-r\s+\.?/?requirements/([\w.-]{1,100}\.txt)", said))
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
