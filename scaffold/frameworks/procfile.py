"""The app a project's Procfile serves in production (Heroku's, and the platforms that
read it): its `web` process's `gunicorn autoapp:app -b 0.0.0.0:$PORT`, read with
gunicorn's own command-line parser, or the script it runs with Python (`python
run.py`, whose `app.run()` serves it)."""

from __future__ import annotations

import re
import shlex
import warnings
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["procfile_app"]

_WEB = re.compile(r"^web:[ \t]*(.{1,4000})$", re.MULTILINE)
_PYTHON = re.compile(r"python(?:\d(?:\.\d{1,3})?)?")
"""A Python interpreter's program name: `python`, `python3`, `python3.12`."""
_MAX_PROCFILE_BYTES = 64 * 1024


def procfile_app(root: Path) -> str | None:
    """The application `root`'s Procfile gives gunicorn in its web process (`autoapp:app`,
    `"app:create_app()"`), or the script it runs with Python, as its path (`run.py`);
    None without one, or when gunicorn, which reads it, is not installed here."""
    from scaffold._files import read_regular, read_within

    try:
        data = read_within(root / "Procfile", _MAX_PROCFILE_BYTES, read=read_regular)
    except OSError:  # none, or not a file that can be read: nothing declared
        return None
    web = _WEB.search((data or b"").decode("utf-8", "replace"))
    try:
        words = shlex.split(web.group(1)) if web else []
    except ValueError:  # unbalanced quotes: not a command a shell would run
        return None
    # `gunicorn ...`, `python -m gunicorn ...`, after `cd` or variables set before it.
    starts = [i for i, word in enumerate(words) if word.rsplit("/", 1)[-1] == "gunicorn"]
    if not starts:
        return _script(words)
    try:
        with warnings.catch_warnings():
            # pygal, once compare has drawn a chart in this process, leaves an import
            # finder of the old kind, of which every later import warns.
            warnings.simplefilter("ignore", ImportWarning)
            from gunicorn.config import Config  # type: ignore[import-untyped]
    except ImportError:
        return None
    command = words[starts[0] + 1 :]
    command = command[: command.index("&&")] if "&&" in command else command
    parser = Config().parser()
    parser.error = _refuse  # not print, then exit
    try:
        given, _ = parser.parse_known_args(command)
    except ValueError:  # a value missing: gunicorn would refuse it too
        return None
    return given.args[0] if len(given.args) == 1 else None


def _script(words: list[str]) -> str | None:
    """The script a command runs with Python (`python -u run.py`: `run.py`); None if it
    runs none (`python -m flask run` runs a module)."""
    pythons = [i for i, word in enumerate(words) if _PYTHON.fullmatch(word.rsplit("/", 1)[-1])]
    for word in words[pythons[0] + 1 :] if pythons else ():
        if not word.startswith("-"):
            return word if word.endswith(".py") else None
        if word in ("-m", "-c"):
            return None
    return None


def _refuse(message: str) -> NoReturn:
    raise ValueError(message)
