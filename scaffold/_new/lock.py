"""`scaffold new --lock`: the new project's uv.lock, written before the project is in place.

`uv lock` resolves from the package index (with uv's own cache, as when the user
runs it), so it is asked for, never done by default; it runs in the staging
folder, so that a failed lock leaves no project behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaffold._process.uv import find_uv
from scaffold.errors import GenerationError, InputError, option_name

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["LOCK_FILE", "lock", "require_uv"]

LOCK_FILE = "uv.lock"
_TIMEOUT_S = 300.0
# uv colours and wraps what it prints for a terminal: neither, so its last line reads whole.
_ENV = {"NO_COLOR": "1", "COLUMNS": "1000"}


def require_uv() -> str:
    """uv's path, or an InputError saying how to get it."""
    uv = find_uv()
    if uv is None:
        raise InputError(
            f"{option_name('lock')} runs 'uv lock', and uv is not installed: install it "
            f"(pipx install uv, or pip install uv) or leave {option_name('lock')} out."
        )
    return uv


def lock(project: Path, uv: str) -> None:
    """Write `project`'s uv.lock with `uv`, or raise GenerationError with uv's reason."""
    from scaffold._process.supervisor import Supervisor  # here: only --lock runs a process

    with Supervisor() as supervisor:
        code, output = supervisor.run(
            [uv, "lock", "--quiet", "--no-progress"], cwd=project, timeout=_TIMEOUT_S, env=_ENV
        )
    if code == 0 and (project / LOCK_FILE).is_file():
        return
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    reason = (
        f"it did not end within {_TIMEOUT_S:g} s" if code == -1 else (lines[-1] if lines else "")
    )
    raise GenerationError(
        f"'uv lock' failed (exit {code}){': ' + reason if reason else ''}. Nothing was "
        "written: try again when the package index can be reached, or leave "
        f"{option_name('lock')} out and run 'uv lock' in the project later."
    )
