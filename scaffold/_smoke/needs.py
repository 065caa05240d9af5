"""What a project needs installed in a fresh environment, and the Python it needs."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from scaffold._apps.interpreter import installed_pythons
from scaffold._files import read_project_file, read_within
from scaffold._process.supervisor import Supervisor
from scaffold.errors import FreshEnvError, option, option_name

if TYPE_CHECKING:
    from scaffold._project.pyproject import Pyproject

__all__ = [
    "Needs",
    "Wanted",
    "fitting_python",
    "pip_serves",
    "python_wanted",
    "venv_seed",
    "version_of",
    "what_project_needs",
]

_DEVELOPMENT = ("local", "dev", "development", "base", "common")
"""The requirements files a README installs to run a project locally, likeliest first."""
_MAX_LISTED = 8
_VERSION = re.compile(r"3\.\d{1,3}(\.\d{1,3})?")
_SAID_VERSION = re.compile(r"3\.\d{1,3}\.\d{1,3}[\w.+-]{0,20}")
# A Dockerfile's stages: the image each is built from, and its Python's minor version
# when it is the official Python image (`python:3.7-alpine`, `docker.io/library/python`).
_FROM = re.compile(
    r"^\s*FROM\s+(?:--\S+\s+)*(?P<image>(?:(?:docker\.io/)?library/)?python:(?P<minor>3\.\d{1,3})"
    r"[\w.-]*|\S+)",
    re.MULTILINE | re.IGNORECASE,
)
_MAX_DOCKERFILE_BYTES = 64 * 1024
_MAX_TRIED = 5
"""The most installed interpreters run to learn whether one fits a project."""
_MAX_UP = 3
"""How many folders up from a project a requirements.txt is looked for, to advise it."""


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
    from scaffold._project.pyproject import read_pyproject  # tomllib: for --fresh-env alone

    pyproject = project / "pyproject.toml"
    declared = read_pyproject(pyproject) if pyproject.is_file() else None
    if declared is None or not (declared.declares_project or declared.builds):
        raise FreshEnvError(
            f"{option_name('fresh_env')} needs a requirements.txt, or a pyproject.toml with a "
            "[project] "
            f"table, in '{project}'{_other_declarations(project, declared)}."
        )
    if uv and (project / "uv.lock").is_file():
        return Needs("installing what uv.lock locks", (), locked=True)
    if declared.builds:
        return Needs("installing the project from pyproject.toml", (str(project),))
    return Needs("installing pyproject.toml's dependencies", declared.dependencies)


def _other_declarations(project: Path, declared: Pyproject | None) -> str:
    """How to go on without what --fresh-env reads: a pipenv project exports its Pipfile,
    a Poetry project that is no package its dependencies."""
    if (project / "Pipfile").is_file():
        return (
            ": its Pipfile is pipenv's: export it (pipenv requirements > requirements.txt), "
            f"or give a requirements file with {option('requirements')}"
        )
    if declared is not None and declared.poetrys:
        return (
            ": its pyproject.toml is Poetry's, for no package (package-mode = false), whose "
            "dependencies only Poetry reads: export them (poetry export -f requirements.txt "
            f"-o requirements.txt), or give a requirements file with {option('requirements')}"
        )
    if files := _requirements_folder(project):
        import shlex

        named = os.path.relpath(project / "requirements" / files[0])  # from where it is run
        given = option("requirements", shlex.quote(named), repr(named))
        return (
            f": its requirements folder has {', '.join(files)}: give the one its README "
            f"installs, e.g. {given}"
        )
    for folder in list(project.parents)[:_MAX_UP]:
        if (folder / "requirements.txt").is_file():
            # A repository of tutorials, one requirements.txt for all of its steps.
            import shlex

            file = os.path.relpath(folder / "requirements.txt")  # from where the user runs it
            given = option("requirements", shlex.quote(file), repr(file))
            return f": a folder above it has one: give it with {given}"
    return f": give a requirements file with {option('requirements')}"


class Wanted(NamedTuple):
    spec: str
    """The versions, as a specifier: '>=3.12', '==3.7.*'."""
    where: str
    """Where the project says so: "its .python-version"."""
    binding: bool
    """Whether no other Python may run it (requires-python, which installers enforce), or
    it is the one its tools and hosts pick, which a Python the user names overrides, as
    `uv venv --python` overrides .python-version."""


def python_wanted(project: Path) -> Wanted | None:
    """The Python versions `project` says it runs on: its pyproject.toml's requires-python,
    else its .python-version (its first version; lines starting with # are comments, as
    uv reads them), else the runtime.txt of Heroku-style hosts (`python-3.7.0`: any 3.7),
    else the official Python image its Dockerfile's last stage is built from
    (`FROM python:3.7-alpine`); None if none says."""
    from scaffold._project.pyproject import read_pyproject

    pyproject = project / "pyproject.toml"
    if pyproject.is_file() and (wanted := read_pyproject(pyproject).requires_python):
        return Wanted(wanted, "its pyproject.toml's requires-python", binding=True)
    lines = _declared(project, ".python-version").splitlines()
    said = next((line.strip() for line in lines if line.strip()[:1] not in ("", "#")), "")
    version = said.removeprefix("cpython-")
    if _VERSION.fullmatch(version):
        exact = version.count(".") == 2
        spec = f"=={version}" if exact else f"=={version}.*"
        return Wanted(spec, "its .python-version", binding=False)
    said = _declared(project, "runtime.txt").strip()
    version = said.removeprefix("python-")
    if said.startswith("python-") and _VERSION.fullmatch(version):
        spec = f"=={'.'.join(version.split('.')[:2])}.*"
        return Wanted(spec, f"its runtime.txt ({said})", binding=False)
    stages = _FROM.findall(_declared(project, "Dockerfile", _MAX_DOCKERFILE_BYTES))
    if stages and stages[-1][1]:  # the last stage's image, if it is Python's
        image, minor = stages[-1]
        return Wanted(f"=={minor}.*", f"its Dockerfile's FROM {image}", binding=False)
    return None


def _declared(project: Path, name: str, limit: int = 1024) -> str:
    """The text of `project`'s file `name`, at most `limit` bytes of it; '' if it has none."""
    path = project / name
    if not path.is_file():
        return ""
    return (read_within(path, limit, read=read_project_file) or b"").decode("utf-8", "replace")


def fitting_python(
    project: Path, base: str, uv: str | None, supervisor: Supervisor, *, may_choose: bool
) -> str:
    """`base`, if it is a Python `project` says it runs on (see `python_wanted`), or the
    Python the user named (not `may_choose`) and the project only prefers others; else
    one that is, as uv finds it among those installed; else FreshEnvError saying which."""
    wanted = python_wanted(project)
    if wanted is None or not (wanted.binding or may_choose):
        return base
    spec, where, _ = wanted
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        fits = SpecifierSet(spec)
    except InvalidSpecifier:
        raise FreshEnvError(
            f"{option_name('fresh_env')}: {where} in '{project}', {spec!r}, is not a version "
            "specifier: fix it."
        ) from None
    version = version_of(base, project, supervisor)
    if version != "?" and fits.contains(version, prereleases=True):
        return base
    if uv and may_choose:
        code, output = supervisor.run([uv, "python", "find", spec], cwd=project, timeout=60)
        found = output.strip().splitlines()[-1] if code == 0 and output.strip() else ""
        if found and os.path.isfile(found):  # noqa: PTH113
            return found
    if may_choose:
        # uv finds none (it stops at a pyenv shim of a version not selected), or is not
        # there: the oldest installed that fits, the likeliest to run old pins.
        # A `python3.12` on PATH says its minor version alone: as its first release.
        fitting = [
            python
            for said, python in installed_pythons()
            if fits.contains(f"{said}.0" if said.count(".") == 1 else said, prereleases=True)
        ]
        for python in fitting[:_MAX_TRIED]:
            said = version_of(python, project, supervisor)
            if said != "?" and fits.contains(said, prereleases=True):
                return python
    found = f"is Python {version}" if version != "?" else "did not say its version"
    if not wanted.binding:  # the Python its tools pick, which none installed here is
        raise FreshEnvError(
            f"{option_name('fresh_env')}: '{project}' is run with Python {spec} ({where}), "
            f"which no interpreter found here is ({base} {found}): install one, or name the "
            f"one to run it with {option('python')}."
        )
    raise FreshEnvError(
        f"{option_name('fresh_env')}: '{project}' needs Python {spec} ({where}), and {base} "
        f"{found}: name an interpreter that fits with {option('python')}."
    )


_BUNDLED_SETUPTOOLS = (
    "import ensurepip, pathlib, sys\n"
    "if sys.version_info < (3, 12):\n"
    "    bundled = pathlib.Path(ensurepip.__file__).parent / '_bundled'\n"
    "    print(*sorted(bundled.glob('setuptools-*.whl'))[-1:])"
)


def venv_seed(base_python: str, supervisor: Supervisor, cwd: Path) -> tuple[str, ...]:
    """The setuptools wheel `python -m venv` would install with `base_python` (its
    Python's own, bundled with ensurepip, on Pythons before 3.12); () if none."""
    code, output = supervisor.run([base_python, "-I", "-c", _BUNDLED_SETUPTOOLS], cwd=cwd,
                                  timeout=60)  # fmt: skip
    said = output.strip().splitlines()[-1:] if code == 0 else []
    if not said:
        return ()
    wheel = Path(said[0])
    fits = wheel.is_absolute() and wheel.name.startswith("setuptools-") and wheel.suffix == ".whl"
    return (str(wheel),) if fits and wheel.is_file() else ()


def version_of(python: str, project: Path, supervisor: Supervisor) -> str:
    """The version `python` says it is (run in `project`), '?' if it does not say."""
    if python == sys.executable:
        import platform

        return platform.python_version()
    code, output = supervisor.run(
        [python, "-c", "import platform; print(platform.python_version())"],
        cwd=project,
        timeout=60,
    )
    said = output.strip().splitlines()[-1] if code == 0 and output.strip() else ""
    return said if _SAID_VERSION.fullmatch(said) else "?"


def pip_serves(python: str, supervisor: Supervisor, cwd: Path) -> bool:
    """Whether scaffold's own pip can install for `python` (`pip --python`): it runs
    under that Python, which its Requires-Python must admit (pip 24.1 and newer refuse
    3.7 and older, which a project's runtime.txt may ask for)."""
    from importlib.metadata import PackageNotFoundError, metadata

    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        supported = SpecifierSet((metadata("pip").get_all("Requires-Python") or [""])[0])
    except (PackageNotFoundError, InvalidSpecifier):
        return False
    version = version_of(python, cwd, supervisor)
    return version != "?" and supported.contains(version, prereleases=True)


def _requirements_folder(project: Path) -> list[str]:
    """The requirements files in `project`'s requirements/ folder (cookiecutter-django's
    local.txt and production.txt, flasky's dev.txt), a development one first; [] if none."""
    try:
        files = sorted(p.name for p in (project / "requirements").glob("*.txt") if p.is_file())
    except OSError:
        return []
    first = next((f for name in _DEVELOPMENT for f in files if f == f"{name}.txt"), None)
    return ([first] if first else []) + [f for f in files if f != first][:_MAX_LISTED]
