"""Helpers the tests share: running scaffold as a user would, and folder snapshots."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType

from scaffold.kinds import KINDS

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
started_in: Path | None = None
"""Where `startproject` keeps the projects it made: a folder of the run's, set by conftest."""
_started: dict[str, Path] = {}


def load_check(name: str, folder: str = "checks") -> ModuleType:
    """The script FOLDER/NAME.py (checks/ by default) as a module, to use its tables and
    functions."""
    spec = importlib.util.spec_from_file_location(name, REPO / folder / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


TEMPLATE_NAMES = [kind.name for kind in KINDS]


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below `folder`: relative path -> a digest of its content, or 'dir'."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        entries[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def listing(folder: Path) -> list[str]:
    """The names in `folder`, sorted."""
    return sorted(path.name for path in folder.iterdir())


def imported_modules(importtime_report: str) -> set[str]:
    """The modules named in what `python -X importtime` printed on stderr."""
    return {line.rsplit("|", 1)[-1].strip() for line in importtime_report.splitlines()}


def run_scaffold(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `scaffold` command in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`command` run by sh in `cwd`, as a user types it, with the installed `scaffold`."""
    return subprocess.run(
        ["sh", "-c", f'PATH="{BIN}:$PATH"; {command}'],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_gone(pid: int, within: float = 10.0) -> None:
    """Fail unless process `pid` ends within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} is still running")


def ignoring(signals: Iterable[signal.Signals], argv: Sequence[str]) -> list[str]:
    """`argv` as a command that starts with `signals` ignored, as nohup starts one
    (SIGHUP), or a shell its background jobs (SIGINT)."""
    code = (
        "import os, signal, sys\n"
        "for number in sys.argv[1].split():\n"
        "    signal.signal(int(number), signal.SIG_IGN)\n"
        "os.execvp(sys.argv[2], sys.argv[2:])\n"
    )
    return [sys.executable, "-c", code, " ".join(str(int(sig)) for sig in signals), *argv]


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write each of `files` (a path below `root` -> its text) into `root`; `root`."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def run_as_said(command: str, cwd: Path, env: dict[str, str] | None = None) -> None:
    """Run a command the way a user pastes it from scaffold's advice, into their shell,
    with this environment's programs first on PATH, as if it were activated."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    subprocess.run(
        ["bash", "-c", command], cwd=cwd, check=True, capture_output=True, timeout=120,
        env={**os.environ, "PATH": path, **(env or {})},
    )  # fmt: skip


def startproject(name: str, root: Path) -> Path:
    """`django-admin startproject NAME ROOT` (ROOT made if need be); `root`. Run once per
    name in a test process, then copied: the files are the same but for SECRET_KEY."""
    made = _started.get(name)
    if made is None:
        assert started_in is not None, "conftest sets where projects are made"
        made = started_in / name
        made.mkdir()
        subprocess.run([sys.executable, "-m", "django", "startproject", name, str(made)],
                       check=True, timeout=120)  # fmt: skip
        _started[name] = made
    shutil.copytree(made, root, dirs_exist_ok=True)
    return root


def virtualenv_over_this_one(folder: Path) -> Path:
    """A virtualenv in `folder` that also sees this environment's packages (a .pth file
    naming them, after its own): what it holds itself comes first. Its site-packages."""
    import sysconfig

    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)],
                   check=True, timeout=120)  # fmt: skip
    (site,) = folder.glob("lib/python3.*/site-packages")
    (site / "this_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return site
