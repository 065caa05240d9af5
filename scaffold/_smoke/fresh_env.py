"""A throwaway virtualenv holding only what a project's requirements.txt asks for, or
without one, the project itself as its pyproject.toml declares it.

uv makes it when it is installed (`pip install "scaffold-webapps[uv]"`), in about a third of
pip's time, and pip is the fallback. SCAFFOLD_INSTALLER=pip or =uv picks one. Both use
their own download cache, as they would if the user ran them by hand.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from scaffold._files import read_within
from scaffold._process.supervisor import Supervisor
from scaffold._process.uv import find_uv, installer
from scaffold._project.tree import copy_project
from scaffold._smoke.install_errors import build_failure
from scaffold._smoke.needs import Needs, scm_version_env, what_project_needs
from scaffold._smoke.pythons import fitting_python, pip_serves, python_2, venv_seed
from scaffold._smoke.requirement_paths import REQUIREMENTS, installable, leads_out, names_paths
from scaffold._temporary import remove_tree
from scaffold.errors import FreshEnvError, option_name

__all__ = ["FreshEnvs", "find_uv", "fresh_env", "installer"]

# pip and uv wrap what they print to the terminal's width (COLUMNS, 80 under pytest-xdist)
# and colour it: neither, so that what they say can be read back whole.
_INSTALLERS_ENV = {"COLUMNS": "1000", "NO_COLOR": "1"}
_TIMEOUT_S = 600.0
_MAX_SHARED_BYTES = 1024 * 1024
"""The longest requirements.txt compared with others to share an environment."""


_Key = tuple[bytes | str, str]


class FreshEnvs:
    """The fresh environments of one run: one per distinct requirements.txt and interpreter.

    Projects whose requirements.txt are byte for byte the same get the same
    environment, made once: what it holds is the same either way. Each environment
    is removed as soon as the last of the projects `planned` for it is done with it.
    """

    def __init__(
        self,
        folder: Path,
        supervisor: Supervisor,
        planned: Iterable[tuple[Path, str]] = (),
        *,
        uv: str | None = None,
        extra: tuple[str, ...] = (),
        may_choose: bool = True,
        requirements: Path | None = None,
        extras: tuple[str, ...] = (),
        groups: tuple[str, ...] = (),
    ) -> None:
        """`planned`: each project that will ask for an environment, with its base python;
        `uv`: the uv that makes them, else pip does (see `installer`); `extra`: what
        each gets besides the project's needs (the server that serves it); `may_choose`:
        whether another interpreter may make an environment whose project needs another
        Python than its base (none was named with --python); `requirements`: a file
        every environment installs in place of each project's own declarations;
        `extras`, `groups`: the optional dependencies and dependency groups of each
        project's pyproject.toml it gets."""
        self._folder, self._supervisor, self._uv = folder, supervisor, uv
        self._extra, self._may_choose = extra, may_choose
        self._requirements, self._extras, self._groups = requirements, extras, groups
        self._lock = threading.Lock()
        self._made: dict[_Key, _Environment] = {}
        self._keys: dict[tuple[Path, str], _Key] = {}
        self._users: Counter[_Key] = Counter()
        self._folders = 0
        for project, base_python in planned:
            self._users[self._key(project, base_python)] += 1

    def _key(self, project: Path, base_python: str) -> _Key:
        """Which environment `project` gets: decided once, so that it cannot change midway."""
        if (project, base_python) not in self._keys:
            shared = (
                f"-r {self._requirements}"  # one file for all: one environment for all
                if self._requirements is not None
                else str(project)  # with its extras or groups: its own, from a copy
                if self._extras or self._groups
                else _sharing_key(project)
            )
            self._keys[project, base_python] = (shared, base_python)
        return self._keys[project, base_python]

    def python_for(self, project: Path, base_python: str) -> str:
        """The interpreter of a fresh environment holding `project`'s requirements."""
        with self._lock:
            key = self._key(project, base_python)
            made = self._made.get(key)
            mine = made is None
            if made is None:
                self._folders += 1
                made = self._made[key] = _Environment(self._folder / f"env{self._folders}")
        if mine:
            try:
                requirements, locked = self._requirements, False
                if requirements is not None:
                    source = project
                    built = scm_version_env(requirements.parent)  # the folder `-e .` names
                    requirements = installable(requirements, project, made.source)
                else:
                    built = scm_version_env(project)
                    # Said before copying.
                    needs = what_project_needs(project, self._uv, self._extras, self._groups)
                    locked = needs.locked
                    source = project
                    own = project / REQUIREMENTS
                    if isinstance(key[0], str) and leads_out(project, own):  # `-e ./..`
                        requirements = installable(own, project, made.source)
                    elif isinstance(key[0], str):  # requirements that may name its files
                        # Installed from a copy: what building the project itself (`-e .`)
                        # writes where it is built (*.egg-info, build/) never reaches it.
                        source = copy_project(project, made.source / project.name)
                # Said of the project, not of the copy it may be installed from.
                fitting = fitting_python(
                    project, base_python, self._uv, self._supervisor,
                    may_choose=self._may_choose, installed=self._requirements is None,
                    locked=locked,
                )  # fmt: skip
                made.python = fresh_env(
                    source,
                    base_python=fitting,
                    into=made.folder,
                    supervisor=self._supervisor,
                    uv=self._uv,
                    extra=self._extra,
                    requirements=requirements,
                    extras=self._extras,
                    groups=self._groups,
                    build_env=built,
                )
            except BaseException as err:
                made.error = err
                raise
            finally:
                made.done.set()
        made.done.wait()
        if made.error is not None:
            raise made.error
        return made.python

    def done_with(self, project: Path, base_python: str) -> None:
        """Say that `project` no longer needs its environment: the last one removes it."""
        with self._lock:
            key = self._key(project, base_python)
            self._users[key] -= 1
            made = self._made.pop(key, None) if self._users[key] <= 0 else None
        if made is not None:
            remove_tree(made.folder)
            remove_tree(made.source)


def _sharing_key(project: Path) -> bytes | str:
    """What `project`'s environment is known by: its requirements, or its path if they
    cannot be compared (missing, not a file, longer than 1 MiB, or naming files)."""
    with contextlib.suppress(OSError):
        content = read_within(project / REQUIREMENTS, _MAX_SHARED_BYTES)
        if content is not None and not names_paths(project, project / REQUIREMENTS):
            return content
    return str(project)


class _Environment:
    """One fresh environment, made once by the first project that asks for it: the
    others wait on `done`, then take its `python`, or its `error`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.source = folder.with_name(f"{folder.name}-source")
        self.done = threading.Event()
        self.python = ""
        self.error: BaseException | None = None


def fresh_env(
    project: Path,
    *,
    base_python: str,
    into: Path,
    supervisor: Supervisor,
    uv: str | None,
    extra: tuple[str, ...] = (),
    requirements: Path | None = None,
    extras: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
    build_env: Mapping[str, str] | None = None,
) -> str:
    """Create a virtualenv in `into` with `uv`, else pip, and install what `project` needs
    with its `extras` (see `what_project_needs`) and `extra`; the virtualenv's python's
    path. It is made with `base_python`, a Python the project runs on (see
    `fitting_python`). A `requirements` file is installed in place of what the project
    declares, from the folder that holds it. `build_env`: what building the project needs
    in the installers' environment (see `scm_version_env`)."""
    needs = (
        what_project_needs(project, uv, extras, groups)
        if requirements is None
        else Needs(f"installing {requirements.name}", ("-r", str(requirements)))
    )
    workdir = project if requirements is None else requirements.parent
    python = into / "bin" / "python"
    # What `python -m venv` puts in a virtualenv before the user's pip install: on
    # Pythons before 3.12, their own setuptools (old gunicorn imports its pkg_resources).
    # A project that locks what it needs gets that alone, as `uv sync` installs it.
    seed = () if needs.locked else venv_seed(base_python, supervisor, workdir)
    steps: list[tuple[str, list[str], dict[str, str] | None]]
    if uv:
        steps = [("creating a virtualenv", [uv, "venv", "--quiet", "--python", base_python,
                                            str(into)], None)]  # fmt: skip
        if seed:
            steps.append(("installing setuptools, as venv would",
                          [uv, "pip", "install", "--quiet", "--python", str(python), *seed],
                          None))  # fmt: skip
        if needs.locked:
            # Exactly the versions the project locked, as `uv sync` installs them, in
            # this environment rather than the project's own .venv.
            sync = [uv, "sync", "--frozen", "--quiet", "--python", str(python), *needs.sync]
            steps.append((needs.what, sync, {"UV_PROJECT_ENVIRONMENT": str(into)}))
        wanted = [*needs.arguments, *extra]
        if wanted:
            what = needs.what if not needs.locked else f"installing {', '.join(extra)}"
            install = [uv, "pip", "install", "--quiet", "--python", str(python), *wanted]
            steps.append((what, install, None))
    else:
        # No bytecode for every module installed: a server compiles only what it
        # imports, which for Django takes less time than pip's compiling it all.
        quiet = ["install", "--quiet", "--disable-pip-version-check", "--no-compile"]
        install = [*quiet, *needs.arguments, *extra]
        if importlib.util.find_spec("pip") is not None and pip_serves(
            base_python, supervisor, workdir
        ):
            # Seeding the new env with its own pip takes seconds; this pip can install into it.
            pip = [sys.executable, "-m", "pip", "--python", str(python)]
            steps = [
                ("creating a virtualenv", [base_python, "-m", "venv", "--without-pip", str(into)],
                 None),
                *([("installing setuptools, as venv would", [*pip, *quiet, *seed], None)]
                  if seed else []),
                (needs.what, [*pip, *install], None),
            ]  # fmt: skip
        else:  # venv seeds pip, one that runs on that Python, and setuptools itself
            steps = [
                ("creating a virtualenv", [base_python, "-m", "venv", str(into)], None),
                (needs.what, [str(python), "-m", "pip", *install], None),
            ]
        if not [*needs.arguments, *extra]:
            steps = steps[:-1]  # nothing to install: pip would refuse an empty install
    # The installers' temporary files (uv's build locks) go in a folder of their own,
    # removed once they are done, as servers' go in scaffold's.
    temporary = into.with_name(f"{into.name}-tmp")
    temporary.mkdir(parents=True)
    try:
        for number, (what, argv, env) in enumerate(steps):
            env = {**_INSTALLERS_ENV, **(build_env or {}), "TMPDIR": str(temporary), **(env or {})}
            code, output = supervisor.run(argv, cwd=workdir, timeout=_TIMEOUT_S, env=env)
            if code != 0:
                tail = "\n".join(output.splitlines()[-20:])
                failed = f"{what} failed (exit {code}){build_failure(output)}"
                if number == 0:  # no virtualenv: of a Python 2, none is made this way
                    failed = python_2(base_python, workdir, supervisor) or failed
                said = f"{option_name('fresh_env')}: {failed}"
                raise FreshEnvError(said, output=tail)
    finally:
        remove_tree(temporary)
    return str(python)
