"""Which Python serves a target: --python, else the project's own virtualenv's, else the
activated one's ($VIRTUAL_ENV), else scaffold's."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from scaffold._files import absolute, read_regular
from scaffold.errors import InputError, option

__all__ = [
    "command_runner",
    "find_python",
    "install_command",
    "installed_pythons",
    "project_python",
    "python_that_fits",
    "pythons_admitted",
    "require_runnable",
]

_MAX_CONFIG_BYTES = 64 * 1024
"""The most of a pyvenv.cfg read: a few lines, as Python and uv write it."""
_MAX_INSTALLED = 200
"""The most interpreters looked at in each place Pythons are installed."""
_FULL_VERSION = re.compile(r"(?:cpython-)?(3\.\d{1,3}\.\d{1,3})(?:-[\w.-]{0,100})?")
_MINOR_VERSION = re.compile(r"python(3\.\d{1,3})")
_WANTED_VERSION = re.compile(r"3\.\d{1,3}(\.\d{1,3})?")
"""A Python version asked for by number, as uv's --python takes it."""


def find_python(python: str) -> str:
    """The interpreter `python` names: a path, a command on PATH, or a version (`3.12`,
    `3.12.1`) as uv's --python takes one, the newest installed that has it (see
    `installed_pythons`); else InputError."""
    # Absolute, as servers run in the project's folder; not resolved, as that would
    # step out of a virtualenv whose python is a symlink.
    found = shutil.which(str(absolute(Path(python))) if os.sep in python else python)
    if found is None and _WANTED_VERSION.fullmatch(python):
        found = _installed_version(python)
    if found is None:
        import shlex  # on a failure alone: not at the command line's start

        given = option("python", shlex.quote(python), repr(python))
        if _WANTED_VERSION.fullmatch(python):
            minors = (".".join(version.split(".")[:2]) for version, _ in installed_pythons())
            have = list(dict.fromkeys(minors))  # oldest first, each once
            raise InputError(
                f"{given}: no Python {python} is installed where scaffold looks (pyenv, uv, "
                f"PATH; found: {', '.join(have) or 'none'}): install it (uv python install "
                f"{python}), or give its path."
            )
        raise InputError(
            f"{given} is not an interpreter that can be run: give its path, a command on "
            "PATH (python3.12) or a version (3.12)."
        )
    return str(absolute(Path(found)))


def _installed_version(wanted: str) -> str | None:
    """The newest installed Python whose version is `wanted` or starts with it, or None."""
    fits = [
        python
        for version, python in installed_pythons()
        if version == wanted or version.startswith(f"{wanted}.")
    ]
    return fits[-1] if fits else None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def project_python(root: Path) -> str | None:
    """The interpreter of the project's own virtualenv, if it has one: .venv, venv, else
    the first folder holding a pyvenv.cfg (`env`, `myvenv`), as a virtualenv is known by
    it whatever its name. One that cannot be run is still its own (see `require_runnable`)."""
    folders = [root / ".venv", root / "venv"]
    with contextlib.suppress(OSError):
        folders += sorted(path.parent for path in root.glob("*/pyvenv.cfg") if path.is_file())
    for folder in folders:
        python = folder / "bin" / "python"
        if os.path.lexists(python):
            return str(python)
    return None


def active_python() -> str | None:
    """The interpreter of the virtualenv the user activated ($VIRTUAL_ENV), if any."""
    folder = Path(os.environ.get("VIRTUAL_ENV", ""))
    python = folder / "bin" / "python"
    return str(python) if folder.is_absolute() and os.path.lexists(python) else None


def require_runnable(python: str) -> None:
    """Raise InputError if `python` cannot be run, saying why and what to do: a
    virtualenv's python links to the Python it was made with, which may be gone."""
    path = Path(python)
    if path.is_file() and os.access(path, os.X_OK):
        return
    why = (
        f"it links to '{path.readlink()}', which is gone"
        if path.is_symlink() and not path.exists()
        else "it is not a program"
    )
    raise InputError(
        f"'{python}' cannot be run: {why}. Make that virtualenv again, or name an "
        f"interpreter with {option('python')}."
    )


def install_command(python: str, package: str) -> str:
    """What installs `package` for `python`: its pip; in a virtualenv made without pip,
    uv if uv made it, else pip once ensurepip has put it there."""
    env = Path(python).parent.parent
    config = env / "pyvenv.cfg"
    pip = f"{python} -m pip install {package}"
    if not config.is_file() or any(env.glob("lib/python3*/site-packages/pip")):
        return pip
    if _made_by_uv(config):
        return f"uv pip install --python {python} {package}"
    return f"{python} -m ensurepip, then {pip}"


def _made_by_uv(config: Path) -> bool:
    """Whether the virtualenv configuration `config` says uv made it (`uv = 0.5.1`)."""
    with contextlib.suppress(OSError):
        for line in read_regular(config, _MAX_CONFIG_BYTES).decode("utf-8", "replace").splitlines():
            if line.partition("=")[0].strip() == "uv":
                return True
    return False


def in_project(root: Path, *commands: str) -> str:
    """`commands`, which run in the project's folder `root`, as typed where scaffold
    runs: said one after another there, else joined after a `cd` into the project
    (`cd backend && python manage.py migrate`, for a project one folder down)."""
    try:
        if Path.cwd().resolve() == root.resolve():
            return ", then ".join(commands)
        below = os.path.relpath(root)
        folder = str(root) if below.startswith("..") else below  # a path up and down: whole
    except (OSError, ValueError):  # the current folder is gone, or on another drive
        folder = str(root)
    import shlex

    return " && ".join((f"cd {shlex.quote(folder)}", *commands))


def command_runner(root: Path) -> str:
    """What the project's own commands are run with, as its README would have them:
    'uv run ' for a project uv manages (it has a uv.lock), else '' (its virtualenv is
    active)."""
    return "uv run " if (root / "uv.lock").is_file() else ""


def pythons_admitted(admits: Callable[[str], bool]) -> list[str]:
    """The Pythons installed here (see `installed_pythons`), oldest first, whose version
    as their path says it `admits` takes: a `python3.12` on PATH, which says its minor
    version alone, as its first release, 3.12.0."""
    return [
        path
        for said, path in installed_pythons()
        if admits(f"{said}.0" if said.count(".") == 1 else said)
    ]


def python_that_fits(admits: Callable[[str], bool]) -> str:
    """'(--python PATH, installed here)', naming the oldest Python installed here whose
    version `admits` takes (see `pythons_admitted`); '(--python)' if none."""
    found = next(iter(pythons_admitted(admits)), None)
    if found is None:
        return f"({option('python')})"
    return f"({option('python', found, repr(found))}, installed here)"


def installed_pythons() -> list[tuple[str, str]]:
    """The CPythons installed where version managers and systems put them, as (version,
    path), oldest first, the version as the path says it: pyenv's
    (`$PYENV_ROOT/versions/3.12.1`), uv's (`cpython-3.12.1-linux-x86_64-gnu`), and each
    `python3.N` on PATH ('3.N', before any 3.N.M). Shims are left out: pyenv's fail for a
    version the user has not selected."""
    home = Path.home()
    managers = [
        Path(os.environ.get("PYENV_ROOT") or home / ".pyenv") / "versions",
        Path(os.environ.get("UV_PYTHON_INSTALL_DIR") or home / ".local/share/uv/python"),
    ]
    found: dict[str, str] = {}
    for folder in managers:
        for version_folder in _entries(folder):
            version = _FULL_VERSION.fullmatch(version_folder.name)
            python = version_folder / "bin" / "python3"
            if version and os.access(python, os.X_OK):
                found.setdefault(version[1], str(python))
    for on_path in os.environ.get("PATH", "").split(os.pathsep):
        if "shims" in Path(on_path).parts:
            continue
        for python in _entries(Path(on_path)):
            minor = _MINOR_VERSION.fullmatch(python.name)
            if minor and os.access(python, os.X_OK):
                found.setdefault(minor[1], str(python))
    return sorted(found.items(), key=lambda found: _version_key(found[0]))


def _entries(folder: Path) -> list[Path]:
    """The first entries of `folder`, by name; none if it cannot be read."""
    try:
        return sorted(folder.iterdir())[:_MAX_INSTALLED] if folder.is_dir() else []
    except OSError:
        return []
