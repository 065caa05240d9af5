"""The one door to cookiecutter: render a kind's template with given answers.

cookiecutter changes the process's working directory while it renders (its
`generate_files` runs inside `work_in(template_dir)`), so two renders at once in
one process would write into each other's folders: a lock lets one in at a time.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import threading
import types
from pathlib import Path
from typing import Any

from scaffold._files import current_folder
from scaffold.errors import GenerationError
from scaffold.kinds import Kind

__all__ = ["render"]

_LOCK = threading.Lock()


def render(
    kind: Kind, answers: dict[str, str], into: Path, *, template: Path | None = None
) -> Path:
    """Render `kind`'s template, or `template` in its place, into `into`; the project's path."""
    folder = template or kind.path
    # Imported here so that commands which never render stay fast.
    _import_extensions()
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_context, generate_files
    from jinja2 import TemplateError

    # The answers go straight into the context, never through a Jinja pass of
    # their own (as cookiecutter's prompts would do), so text that looks like
    # Jinja comes out verbatim.
    with _LOCK:
        current_folder()  # cookiecutter returns to it when it is done
        context = generate_context(
            context_file=str(folder / "cookiecutter.json"), extra_context=answers
        )
        try:
            rendered = generate_files(
                repo_dir=str(folder), context=context, output_dir=str(into), accept_hooks=False
            )
        except (CookiecutterException, TemplateError, OSError) as err:
            raise GenerationError(f"cannot render template '{kind.name}': {err}") from err
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
