"""The one door to cookiecutter: render a kind's template with given answers.

cookiecutter changes the process's working directory while it renders (its
`generate_files` runs inside `work_in(template_dir)`). Another thread resolving a
relative path meanwhile would resolve it in the template's folder. So the render
runs in a thread of its own which, on Linux, first takes a working directory of
its own (unshare(CLONE_FS), as Samba's thread pools do): its chdir is seen by no
other thread. A lock lets one render in at a time all the same, which keeps other
systems, where the working directory is the process's, as safe as they can be.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaffold._files import current_folder
from scaffold._process.threads import signals_held
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
        try:
            context = generate_context(
                context_file=str(folder / "cookiecutter.json"), extra_context=answers
            )
            rendered = _in_own_folder(
                lambda: generate_files(
                    repo_dir=str(folder), context=context, output_dir=str(into), accept_hooks=False
                )
            )
        except (CookiecutterException, TemplateError) as err:
            raise GenerationError(f"cannot render template '{kind.name}': {err}") from err
        except OSError as err:
            if err.filename and Path(err.filename).is_relative_to(folder):
                raise GenerationError(
                    f"cannot read the template '{kind.name}' ({err.strerror}: "
                    f"'{err.filename}'): reinstall scaffold (pip install --force-reinstall "
                    "scaffold-webapps)."
                ) from err
            raise GenerationError(
                f"cannot render template '{kind.name}' into '{into}' ({err.strerror or err}): "
                "make room there, or let scaffold write there."
            ) from err
    _remove_bytecode(Path(rendered))
    return Path(rendered)


def _in_own_folder(work: Callable[[], str]) -> str:
    """What `work` returns, run in a thread whose chdir no other thread sees."""
    outcome: list[str | BaseException] = []

    def run() -> None:
        try:
            _unshare_working_folder()
            outcome.append(work())
        except BaseException as err:  # handed to the caller's thread
            outcome.append(err)

    with signals_held():  # a Ctrl-C lands in the caller's thread, which waits for this one
        thread = threading.Thread(target=run, name="scaffold-render")
        thread.start()
    try:
        thread.join()
    finally:
        thread.join()  # interrupted: the render still ends before its folder can go
    (result,) = outcome
    if isinstance(result, BaseException):
        raise result
    return result


_CLONE_FS = 0x200


def _unshare_working_folder() -> None:
    """Give the calling thread a working directory, root and umask of its own (Linux)."""
    unshare: Callable[[int], object] | None = getattr(os, "unshare", None)  # Python 3.12+
    if unshare is not None:
        unshare(_CLONE_FS)
        return
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(_CLONE_FS) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))


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
