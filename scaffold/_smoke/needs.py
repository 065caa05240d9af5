"""What a project needs installed in a fresh environment (see `pythons` for its Python)."""

from __future__ import annotations

import ast
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from scaffold._smoke.undeclared import group_above, other_declarations
from scaffold.errors import FreshEnvError, InputError, option, option_name

if TYPE_CHECKING:
    from scaffold._project.pyproject import Pyproject

__all__ = ["Needs", "scm_version_env", "what_project_needs"]

_MAX_LISTED = 8


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
            f"{other_declarations(project, declared)}."
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
                f"{group_above(path.parent, group)}."
            )
        found += listed
    return tuple(found)


def scm_version_env(folder: Path) -> dict[str, str]:
    """What lets the package in `folder`, a clone, be built from a copy of it without its
    .git (setuptools-scm and hatch-vcs read their version from git): a version for it
    alone, as setuptools-scm takes one, and for hatch-vcs, which reads none named for
    one package (flask-limiter's), the one every build reads; nothing if `folder` is in
    no clone, or its distribution's name cannot be read."""
    from scaffold._project.pyproject import normal_name

    if not any((above / ".git").exists() for above in (folder, *folder.parents)):
        return {}
    name, hatch_vcs = _distribution_name(folder)
    if name is None:
        return {}
    variable = normal_name(name).replace("-", "_").upper()  # as setuptools-scm names it
    anyone = {"SETUPTOOLS_SCM_PRETEND_VERSION": "0"} if hatch_vcs else {}
    return {f"SETUPTOOLS_SCM_PRETEND_VERSION_FOR_{variable}": "0", **anyone}


def _distribution_name(folder: Path) -> tuple[str | None, bool]:
    """The name of the distribution in `folder`: its pyproject.toml's, else the literal
    one its setup.py gives setup(); None if neither can be read (the install says why);
    and whether hatch-vcs gives its version."""
    from scaffold._project.pyproject import read_pyproject
    from scaffold._source import parsed, setup_argument

    try:
        declared = None
        if (folder / "pyproject.toml").is_file():
            declared = read_pyproject(folder / "pyproject.toml")
            if declared.name:
                return declared.name, declared.hatch_vcs
        tree = parsed(folder / "setup.py") if (folder / "setup.py").is_file() else None
    except InputError:
        return None, False
    named = setup_argument(tree, "name") if tree is not None else None
    hatch_vcs = declared is not None and declared.hatch_vcs
    if isinstance(named, ast.Constant) and isinstance(named.value, str):
        return named.value, hatch_vcs
    return None, hatch_vcs


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
