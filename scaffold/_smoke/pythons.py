"""The Python a project says it runs on, and one installed that fits it, for its fresh
environment, with the setuptools a virtualenv of it gets; and whether scaffold's own
pip can install for a Python."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from scaffold._apps.interpreter import pythons_admitted
from scaffold._files import read_project_file, read_within
from scaffold._process.supervisor import Supervisor
from scaffold.errors import FreshEnvError, option, option_name

if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet

__all__ = [
    "Wanted",
    "fitting_python",
    "pip_serves",
    "python_2",
    "python_wanted",
    "venv_seed",
    "version_of",
]

_VERSION = re.compile(r"[23]\.\d{1,3}(\.\d{1,3})?")
_SAID_VERSION = re.compile(r"[23]\.\d{1,3}\.\d{1,3}[\w.+-]{0,20}")
# A Dockerfile's stages: the image each is built from, and its Python's minor version
# when it is the official Python image (`python:3.7-alpine`, `docker.io/library/python`).
_FROM = re.compile(
    r"^\s*FROM\s+(?:--\S+\s+)*(?P<image>(?:(?:docker\.io/)?library/)?python:(?P<minor>3\.\d{1,3})"
    r"[\w.-]*|\S+)",
    re.MULTILINE | re.IGNORECASE,
)
_MAX_DOCKERFILE_BYTES = 64 * 1024
_RELEASE = re.compile(r"==(3\.\d{1,3})\.\d{1,3}")
_MAX_TRIED = 5
"""The most installed interpreters run to learn whether one fits a project."""


class Wanted(NamedTuple):
    spec: str
    """The versions, as a specifier: '>=3.12', '==3.7.*'."""
    where: str
    """Where the project says so: "its .python-version"."""
    binding: bool
    """Whether no other Python may run it (requires-python, which installers enforce), or
    it is the one its tools and hosts pick, which a Python the user names overrides, as
    `uv venv --python` overrides .python-version."""


def python_wanted(project: Path, locked: bool = False) -> Wanted | None:
    """The Python versions `project` says it runs on: its pyproject.toml's requires-python,
    else, when it is installed from its uv.lock (`locked`), the lock's (uv locks for the
    Python it ran on when none is said); else its .python-version (its first version;
    lines starting with # are comments, as uv reads them), else the runtime.txt of
    Heroku-style hosts (`python-3.7.0`: any 3.7), else the official Python image its
    Dockerfile's last stage is built from (`FROM python:3.7-alpine`); None if none says."""
    from scaffold._project.pyproject import locked_python, read_pyproject

    pyproject = project / "pyproject.toml"
    if pyproject.is_file() and (wanted := read_pyproject(pyproject).requires_python):
        return Wanted(wanted, "its pyproject.toml's requires-python", binding=True)
    lock = project / "uv.lock"
    if locked and lock.is_file() and (wanted := locked_python(lock)):
        return Wanted(wanted, "its uv.lock's requires-python", binding=True)
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
    project: Path,
    base: str,
    uv: str | None,
    supervisor: Supervisor,
    *,
    may_choose: bool,
    installed: bool = True,
    locked: bool = False,
) -> str:
    """`base`, if it is a Python `project` says it runs on (see `python_wanted`), or the
    Python the user named (not `may_choose`) and the project only prefers others; else
    one that is, as uv finds it among those installed; else FreshEnvError saying which.
    A project not `installed` (a requirements file is, in its place) only prefers the
    Python its requires-python says: no installer reads it. One installed from its
    uv.lock (`locked`) runs on a Python the lock admits."""
    wanted = python_wanted(project, locked=locked)
    if wanted is not None and not installed:
        wanted = wanted._replace(binding=False)
    if wanted is None or not (wanted.binding or may_choose):
        return base
    spec, where, _ = wanted
    if spec.startswith("==2."):  # a Heroku app of 2014's runtime.txt: python-2.7.6
        minor = ".".join(spec[2:].split(".")[:2])
        raise FreshEnvError(
            f"{option_name('fresh_env')}: '{project}' is run with Python {minor} ({where}), "
            f"of which neither uv nor venv makes a virtualenv: {_virtualenv_2(f'python{minor}')}"
        )
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
    # A release its tools pick (.python-version's 3.10.6), or else one of its minor
    # version, as runtime.txt's is read: a patch release runs what its minor runs.
    loosened = _minor_of(spec) if not wanted.binding else None
    for tried in filter(None, (spec, loosened) if may_choose else ()):
        if found := _installed(SpecifierSet(tried), tried, base, version, uv, project, supervisor):
            return found
    if loosened:
        spec = f"{spec} or {loosened}"
    found = f"is Python {version}" if version != "?" else "did not say its version"
    if not wanted.binding:  # the Python its tools pick, which none installed here is
        raise FreshEnvError(
            f"{option_name('fresh_env')}: '{project}' is run with Python {spec} ({where}), "
            f"which no interpreter found here is ({base} {found}): install one, or name the "
            f"one to run it with {option('python')}."
        )
    if may_choose:  # none installed here fits (requires-python = "==3.13.13", say)
        raise FreshEnvError(
            f"{option_name('fresh_env')}: '{project}' needs Python {spec} ({where}), which "
            f"no interpreter found here is ({base} {found}): install one, and name it with "
            f"{option('python')}."
        )
    raise FreshEnvError(
        f"{option_name('fresh_env')}: '{project}' needs Python {spec} ({where}), and {base} "
        f"{found}: name an interpreter that fits with {option('python')}."
    )


def _minor_of(spec: str) -> str | None:
    """'==3.10.*' for '==3.10.6', a release; None for any other specifier."""
    release = _RELEASE.fullmatch(spec)
    return f"=={release[1]}.*" if release else None


def _installed(
    fits: SpecifierSet,
    spec: str,
    base: str,
    version: str,
    uv: str | None,
    project: Path,
    supervisor: Supervisor,
) -> str | None:
    """`base` (Python `version`) if `fits` takes it, else an installed Python it does, as
    uv finds one, else the oldest found here (the likeliest to run old pins); None."""
    if version != "?" and fits.contains(version, prereleases=True):
        return base
    if uv:
        code, output = supervisor.run([uv, "python", "find", spec], cwd=project, timeout=60)
        found = output.strip().splitlines()[-1] if code == 0 and output.strip() else ""
        if found and os.path.isfile(found):  # noqa: PTH113
            return found
    # uv finds none (it stops at a pyenv shim of a version not selected), or is not there.
    fitting = pythons_admitted(lambda said: fits.contains(said, prereleases=True))
    for python in fitting[:_MAX_TRIED]:
        said = version_of(python, project, supervisor)
        if said != "?" and fits.contains(said, prereleases=True):
            return python
    return None


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


def python_2(python: str, project: Path, supervisor: Supervisor) -> str | None:
    """What to do when `python` is a Python 2, of which neither uv nor venv makes a
    virtualenv (smoke serves an app on it all the same); None if it is not one."""
    version = version_of(python, project, supervisor)
    if not version.startswith("2."):
        return None
    return (
        f"{python} is Python {version}, of which neither uv nor venv makes a virtualenv: "
        f"{_virtualenv_2(python)}"
    )


def _virtualenv_2(python: str) -> str:
    """How to make a virtualenv of the Python 2 `python` and run the app on it."""
    return (
        f"make one yourself with virtualenv before 20.22, the last to make them (pip "
        f"install 'virtualenv<20.22', then virtualenv -p {python} env), install the "
        f"project's requirements in it, and give its python with {option('python')}, "
        f"without {option_name('fresh_env')}"
    )


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
