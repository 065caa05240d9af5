"""A throwaway virtualenv holding only what a project's requirements.txt asks for."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from scaffold._process.supervisor import Supervisor
from scaffold.errors import FreshEnvError

__all__ = ["fresh_env"]

_TIMEOUT_S = 600.0


def fresh_env(project: Path, *, base_python: str, into: Path, supervisor: Supervisor) -> str:
    """Create a virtualenv in `into` and install `project`'s requirements; its python's path."""
    requirements = project / "requirements.txt"
    if not requirements.is_file():
        raise FreshEnvError(f"--fresh-env needs a requirements.txt in '{project}'.")
    python = into / "bin" / "python"
    install = ["install", "--quiet", "--disable-pip-version-check", "-r", str(requirements)]
    if importlib.util.find_spec("pip") is not None:
        # Seeding the new env with its own pip takes seconds; this pip can install into it.
        steps = (
            ("creating a virtualenv", [base_python, "-m", "venv", "--without-pip", str(into)]),
            ("installing requirements.txt", [sys.executable, "-m", "pip", "--python", str(python),
                                             *install]),
        )  # fmt: skip
    else:
        steps = (
            ("creating a virtualenv", [base_python, "-m", "venv", str(into)]),
            ("installing requirements.txt", [str(python), "-m", "pip", *install]),
        )
    for what, argv in steps:
        code, output = supervisor.run(argv, cwd=project, timeout=_TIMEOUT_S)
        if code != 0:
            tail = "\n".join(output.splitlines()[-20:])
            raise FreshEnvError(f"--fresh-env: {what} failed (exit {code})", output=tail)
    return str(python)
