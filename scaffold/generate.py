"""Render a template into a new project folder, all or nothing."""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import sys
import tempfile
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold.errors import GenerationError, OutputDirError, TargetExistsError
from scaffold.templates import Template, get_template
from scaffold.validation import check_greeting, check_name

__all__ = ["DEFAULT_GREETING", "Project", "generate"]

DEFAULT_GREETING = "Hello"


@dataclass(frozen=True)
class Project:
    """A project that `generate` wrote."""

    template: Template
    path: Path
    files: tuple[Path, ...]
    """Every file written, relative to `path`, sorted."""


def generate(
    template: str,
    name: str,
    *,
    output_dir: Path = Path(),
    greeting: str = DEFAULT_GREETING,
) -> Project:
    """Create `output_dir/name` from `template`, or raise and leave `output_dir` as it was.

    The project is rendered into a temporary folder beside the target and moved
    into place in one step, so an error or an interrupt leaves nothing behind,
    and of several runs racing for one name exactly one wins.
    """
    spec = get_template(template)
    check_name(name, template=spec.name)
    check_greeting(greeting)
    output_dir = _checked_output_dir(output_dir)
    target = output_dir / name
    if os.path.lexists(target):
        raise TargetExistsError(_exists_message(target))
    try:
        # Claim the name first: mkdir is atomic, so a concurrent run is refused here.
        target.mkdir()
    except FileExistsError:
        raise TargetExistsError(_exists_message(target)) from None
    except OSError as err:
        raise GenerationError(f"cannot create '{target}': {err.strerror}.") from None
    try:
        with tempfile.TemporaryDirectory(prefix=f".{name}-", dir=output_dir) as staging:
            rendered = _render(spec, {"project_name": name, "greeting": greeting}, staging)
            try:
                # Replaces the empty folder claimed above, in one step.
                rendered.rename(target)
            except OSError as err:
                raise GenerationError(f"cannot move the project to '{target}': {err}.") from None
    except BaseException:
        _release(target)
        raise
    files = tuple(sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file()))
    return Project(template=spec, path=target, files=files)


def _checked_output_dir(output_dir: Path) -> Path:
    if not output_dir.exists():
        raise OutputDirError(
            f"the output folder '{output_dir}' does not exist: create it first or pick "
            "another with --output-dir."
        )
    if not output_dir.is_dir():
        raise OutputDirError(
            f"the output folder '{output_dir}' is a file: pick a folder with --output-dir."
        )
    return output_dir.resolve()


def _exists_message(target: Path) -> str:
    what = "folder" if target.is_dir() else "file"
    return f"'{target}' already exists as a {what}: pick another name or --output-dir."


def _render(spec: Template, answers: dict[str, str], staging: str) -> Path:
    # Imported here so that commands which never render stay fast.
    _import_extensions()
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_context, generate_files
    from jinja2 import TemplateError

    # The answers go straight into the context, never through a Jinja pass of
    # their own (as cookiecutter's prompts would do), so text that looks like
    # Jinja comes out verbatim.
    context = generate_context(
        context_file=str(spec.path / "cookiecutter.json"), extra_context=answers
    )
    try:
        rendered = generate_files(
            repo_dir=str(spec.path), context=context, output_dir=staging, accept_hooks=False
        )
    except (CookiecutterException, TemplateError, OSError) as err:
        raise GenerationError(f"cannot render template '{spec.name}': {err}") from err
    _remove_bytecode(Path(rendered))
    return Path(rendered)


def _import_extensions() -> None:
    """Import cookiecutter's Jinja extensions, leaving arrow until a template uses it.

    cookiecutter imports arrow, for its `{% now %}` tag alone, with its extensions;
    that import is a tenth of the time `scaffold new` takes, and scaffold's own
    templates have no use for it.
    """
    if "cookiecutter.extensions" in sys.modules or "arrow" in sys.modules:
        return
    stand_in = sys.modules["arrow"] = _ImportedOnFirstUse("arrow")
    try:
        import cookiecutter.extensions  # noqa: F401
    finally:
        if sys.modules.get("arrow") is stand_in:
            del sys.modules["arrow"]


class _ImportedOnFirstUse(types.ModuleType):
    """A stand-in for a module, which imports the module when one of its names is read."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def _remove_bytecode(project: Path) -> None:
    # pip byte-compiles the .py files of an installed template, so the template
    # folder may hold __pycache__ folders that must not reach the project.
    for cache in sorted(project.rglob("__pycache__"), reverse=True):
        shutil.rmtree(cache)


def _release(target: Path) -> None:
    """Give back the claimed folder if nothing else has been put in it."""
    with contextlib.suppress(OSError):
        target.rmdir()
