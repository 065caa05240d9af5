"""What a project needs installed in a fresh environment, and why an install failed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from scaffold._project.pyproject import read_pyproject
from scaffold.errors import FreshEnvError

__all__ = ["Needs", "build_failure", "what_project_needs"]

# What pip and uv say of a distribution that did not build, and of one not found.
_NOT_BUILT = re.compile(
    r"Failed to build `(?P<uv>[^`@ ]{1,200})|Failed building wheel for (?P<pip>\S{1,200})"
)
_NOT_FOUND = re.compile(
    r"No matching distribution found for (?P<pip>\S{1,200})|"
    r"Because (?P<uv>\S{1,200}) was not found in the package registry"
)
# The build's own error: a compiler's first, else the last `error:` a tool printed.
_COMPILER_ERROR = re.compile(r"^\s*\S+:\d+:(?:\d+:)? (?:fatal )?error: .{1,300}$", re.MULTILINE)
_ERROR = re.compile(r"^\s*error: (?!subprocess-exited|Failed to build)(.{1,300})$", re.MULTILINE)


def build_failure(output: str) -> str:
    """': NAME did not build: ERROR' or ': NAME was not found' from what an install
    printed, so that the cause is named whatever noise came after it; '' if neither."""
    if found := _NOT_FOUND.search(output):
        name = re.split(r"[=<>!~;\[ ]", found.group("pip") or found.group("uv"))[0]
        return f": {name} was not found in the package index"
    built = _NOT_BUILT.search(output)
    if built is None:
        return ""
    error = _COMPILER_ERROR.search(output) or _ERROR.search(output)
    cause = f": {error.group(0).strip()}" if error else ""
    return f": {built.group('uv') or built.group('pip')} did not build{cause}"


class Needs(NamedTuple):
    what: str
    """What installing it is called, e.g. 'installing requirements.txt'."""
    arguments: tuple[str, ...]
    """The installer's arguments that install it (after the lock, if any)."""
    locked: bool = False
    """Whether it is installed from uv.lock, by `uv sync`."""


def what_project_needs(project: Path, uv: str | None) -> Needs:
    """What `project` needs installed: its requirements.txt; else with uv, what its
    uv.lock locks; else its pyproject.toml's project, built if it declares a build
    system, or its [project] dependencies alone if not (an application, as `uv init`
    makes one)."""
    if (project / "requirements.txt").is_file():
        return Needs("installing requirements.txt", ("-r", str(project / "requirements.txt")))
    pyproject = project / "pyproject.toml"
    if not pyproject.is_file():
        raise FreshEnvError(
            f"--fresh-env needs a requirements.txt or a pyproject.toml in '{project}'."
        )
    if uv and (project / "uv.lock").is_file():
        return Needs("installing what uv.lock locks", (), locked=True)
    declared = read_pyproject(pyproject)
    if declared.builds:
        return Needs("installing the project from pyproject.toml", (str(project),))
    return Needs("installing pyproject.toml's dependencies", declared.dependencies)
