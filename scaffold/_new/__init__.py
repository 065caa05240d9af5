"""`scaffold new`: render a template into a new project folder, all or nothing."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import scaffold.frameworks as frameworks
from scaffold._files import absolute
from scaffold._new.lock import lock as write_lock
from scaffold._new.lock import require_uv
from scaffold._project.names import greeting_problem, name_problem
from scaffold._project.rendering import render
from scaffold._project.secret_keys import new_secret
from scaffold._temporary import TemporaryFolder
from scaffold.errors import (
    GenerationError,
    InvalidGreetingError,
    InvalidNameError,
    OutputDirError,
    TargetExistsError,
    option,
)
from scaffold.kinds import Kind, get_kind

__all__ = [
    "DEFAULT_GREETING",
    "Project",
    "check_greeting",
    "check_name",
    "check_target",
    "checked_output_dir",
    "generate",
]

DEFAULT_GREETING = "Hello"


@dataclass(frozen=True)
class Project:
    """A project that `generate` wrote."""

    kind: Kind
    path: Path
    files: tuple[Path, ...]
    """Every file written, relative to `path`, sorted."""
    locked: bool = False
    """Whether it was made with a uv.lock: then its next steps are uv's."""

    @property
    def next_steps(self) -> tuple[str, ...]:
        """The commands, run inside the project, that install and serve it."""
        return self.kind.steps(self.path.name, uv=self.locked)


def generate(
    template: str,
    name: str,
    *,
    output_dir: str | os.PathLike[str] = ".",
    greeting: str = DEFAULT_GREETING,
    lock: bool = False,
) -> Project:
    """Create `output_dir/name` from `template`, or raise and leave `output_dir` as it was.

    With `lock`, the project gets a uv.lock of its dependencies (`uv lock`, which
    needs uv and the package index).

    The project is rendered into a hidden temporary folder beside the target and
    moved into place in one step, so an error or an interrupt leaves nothing
    behind, even a SIGKILL nothing that stops the next run, and of several runs
    racing for one name exactly one wins.
    """
    kind = get_kind(template)
    output = checked_output_dir(Path(output_dir))
    target = output / name
    check_target(name, kind=kind, output_dir=output)
    check_greeting(greeting)
    uv = require_uv() if lock else None
    answers = {"project_name": name, "greeting": greeting}
    for answer, prefix in kind.secrets:
        answers[answer] = new_secret(prefix)
    try:
        staging_folder = TemporaryFolder(".scaffold-", output)
    except OSError as err:  # read-only, not ours, or no folder can be made there (/proc)
        raise OutputDirError(
            f"cannot create a folder in '{output}': {err.strerror}; pick another with "
            f"{option('output_dir')}."
        ) from None
    with staging_folder as staging:
        rendered = render(kind, answers, staging)
        if uv is not None:
            write_lock(rendered, uv)
        try:
            # One step, and refused if a racing run's project is there by now.
            rendered.rename(target)
        except OSError as err:
            if os.path.lexists(target):
                raise TargetExistsError(_exists_message(target)) from None
            raise GenerationError(f"cannot move the project to '{target}': {err}.") from None
    files = tuple(sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file()))
    return Project(kind=kind, path=target, files=files, locked=uv is not None)


def check_target(name: str, *, kind: Kind, output_dir: Path) -> None:
    """Raise TargetExistsError if `output_dir/name` exists, else check_name."""
    # Checked first: whatever the name, the user needs to know it is taken.
    target = output_dir / name
    if name not in ("", ".", "..") and os.sep not in name and os.path.lexists(target):
        raise TargetExistsError(_exists_message(target))
    check_name(name, kind=kind)


def check_name(name: str, *, kind: Kind) -> None:
    """Raise InvalidNameError unless `name` can be a new Python package for `kind`."""
    problem = name_problem(
        name,
        template=kind.name,
        reserved=kind.reserved,
        shadowed=frameworks.modules(),
        folder_option=option("output_dir"),
    )
    if problem:
        raise InvalidNameError(problem)


def check_greeting(greeting: str) -> None:
    """Raise InvalidGreetingError unless `greeting` is one line of visible text."""
    problem = greeting_problem(greeting, example=option("greeting", "Hi", "'Hi'"))
    if problem:
        raise InvalidGreetingError(problem)


def checked_output_dir(output_dir: Path) -> Path:
    """`output_dir`, resolved, or an OutputDirError if it is missing or not a folder."""
    if not absolute(output_dir).exists():
        raise OutputDirError(
            f"the output folder '{output_dir}' does not exist: create it first or pick "
            f"another with {option('output_dir')}."
        )
    if not output_dir.is_dir():
        raise OutputDirError(
            f"the output folder '{output_dir}' is a file: pick a folder with "
            f"{option('output_dir')}."
        )
    return output_dir.resolve()


def _exists_message(target: Path) -> str:
    what = "folder" if target.is_dir() else "file"
    return f"'{target}' already exists as a {what}: pick another name or {option('output_dir')}."
