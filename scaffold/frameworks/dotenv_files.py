"""A project's .env files, read with python-dotenv as Flask and the settings libraries
read them: FLASK_APP as `flask run` finds it in .flaskenv and .env, the settings a .env
makes, and the example of one a README says to copy."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from scaffold.errors import InputError, option

if TYPE_CHECKING:
    import logging
    from collections.abc import Mapping, Sequence
    from pathlib import Path

__all__ = [
    "checked_settings",
    "dotenv_example",
    "dotenv_flask_app",
    "dotenv_values",
    "env_file_option",
    "env_file_values",
    "loads_dotenv",
]

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOTENV_FILES = (".flaskenv", ".env")
"""The files `flask run` takes settings from, in this order: a later one's values win."""
_DOTENV_EXAMPLES = (".env.example", ".env.sample", ".env.dist", ".env.template", "env.example")
_LOADERS = ("dotenv", "decouple", "read_env")
"""What code that loads a .env file names: python-dotenv, python-decouple, django-environ."""


def dotenv_flask_app(root: Path) -> tuple[str, str] | None:
    """FLASK_APP as `flask run` reads it from `root`'s .env, else its .flaskenv, with the
    name of the file that set it; None if neither does. Each is read up to 1 MiB."""
    from scaffold._files import read_regular, read_within
    from scaffold._source import MAX_SOURCE_BYTES

    found = None
    for name in _DOTENV_FILES:
        path = root / name
        if path.is_dir():  # a virtualenv called .env: Flask looks for files only
            continue
        try:
            data = read_within(path, MAX_SOURCE_BYTES, read=read_regular)
        except FileNotFoundError:  # none, or a link to nothing: Flask passes it by too
            continue
        except OSError as err:
            message = f"cannot read '{path}': {err.strerror}; name the app with {option('app')}."
            raise InputError(message) from None
        if data is None:
            message = (
                f"'{path}' is over 1 MiB, more than scaffold reads: name the app with "
                f"{option('app')}."
            )
            raise InputError(message)
        if value := _dotenv_values(data.decode("utf-8", "replace")).get("FLASK_APP"):
            found = (value, name)
    return found


def loads_dotenv(module: Path) -> bool:
    """Whether the code of `module` (up to 1 MiB of it) loads a .env file."""
    text = _read(module)
    return text is not None and any(name in text for name in _LOADERS)


def dotenv_values(root: Path) -> dict[str, str]:
    """The settings `root`'s .env file makes, as python-dotenv reads it; none if it has
    none, or one that cannot be read or is over 1 MiB."""
    text = _read(root / ".env")  # not a folder: a virtualenv called .env
    values = _dotenv_values(text) if text is not None else {}
    return {name: value for name, value in values.items() if value is not None}


def checked_settings(
    env: Mapping[str, str],
    env_file: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] = (),
) -> dict[str, str]:
    """`env` over the settings the env files `env_file` make (see `env_file_values`), or
    InputError for a name no environment can hold, or a value it cannot."""
    files = [env_file] if isinstance(env_file, (str, os.PathLike)) else list(env_file)
    settings = {**env_file_values(files), **env} if files else dict(env)
    for name, value in settings.items():
        if not (isinstance(name, str) and _ENV_NAME.fullmatch(name)) or not (
            isinstance(value, str) and "\0" not in value
        ):
            raise InputError(
                f"env {name}={value!r} is not a setting: use KEY=VALUE with KEY made of "
                "letters, digits and underscores, e.g. DJANGO_DEBUG=0.",
                parameter="env",
            )
    return settings


def env_file_values(files: Sequence[str | os.PathLike[str]]) -> dict[str, str]:
    """The settings the env `files` make, read as python-dotenv reads a .env (as docker
    compose's `env_file` and `uv run --env-file` take them): a later file's win. Each is
    read up to 1 MiB; InputError for one that cannot be read, or that sets a name no
    environment can hold."""
    from pathlib import Path

    from scaffold._files import read_regular, read_within
    from scaffold._source import MAX_SOURCE_BYTES

    found: dict[str, str] = {}
    for file in files:
        path = Path(file)
        try:
            data = read_within(path, MAX_SOURCE_BYTES, read=read_regular)
        except OSError as err:
            why = err.strerror or "not a regular file"
            message = f"cannot read env file '{path}': {why}: give a file of KEY=VALUE lines."
            raise InputError(message, parameter="env_file") from None
        if data is None:
            message = f"env file '{path}' is over 1 MiB, more than scaffold reads."
            raise InputError(message, parameter="env_file")
        values = _dotenv_values(data.decode("utf-8", "replace"))
        for name, value in values.items():
            if not _ENV_NAME.fullmatch(name) or "\0" in (value or ""):
                message = (
                    f"env file '{path}' sets {name!r}, which no environment can hold: use "
                    "KEY=VALUE lines, KEY made of letters, digits and underscores."
                )
                raise InputError(message, parameter="env_file")
        found |= {name: value for name, value in values.items() if value is not None}
    return found


def env_file_option(root: Path) -> str:
    """The option that gives the servers the settings of `root`'s .env, named from the
    folder scaffold runs in."""
    import shlex

    dotenv = os.path.relpath(root / ".env")
    shown = dotenv if not dotenv.startswith("..") else str(root / ".env")
    return option("env_file", shlex.quote(shown), repr([shown]))


def dotenv_example(root: Path) -> tuple[str, set[str]] | None:
    """The example of a .env file `root` has (`.env.example`, as a README says to copy),
    and the names it sets to a value (not `REDIS_URL=`, left to fill in); None if it has
    none that can be read."""
    for name in (*_readme_copies(root), *_DOTENV_EXAMPLES):
        if (text := _read(root / name)) is not None:
            return name, {key for key, value in _dotenv_values(text).items() if value}
    return None


def _readme_copies(root: Path) -> list[str]:
    """The files in `root` its README copies to .env (`cp .env.template.local .env`, as
    djangonaut-space's says, Windows' `copy` too), in its order."""
    import re

    from scaffold._files import readme_text

    said = re.findall(r"\b(?:cp|copy)\s+(\.?[\w-]+(?:\.[\w-]+){0,5})\s+\.env\b", readme_text(root))
    return [name for name in dict.fromkeys(said) if name != ".env"]


def _read(path: Path) -> str | None:
    """The text of the regular file `path`, up to 1 MiB; None if it cannot be read so."""
    from scaffold._files import read_regular, read_within
    from scaffold._source import MAX_SOURCE_BYTES

    try:
        data = read_within(path, MAX_SOURCE_BYTES, read=read_regular)
    except OSError:
        return None
    return data.decode("utf-8", "replace") if data is not None else None


def _dotenv_values(text: str) -> dict[str, str | None]:
    """The settings in `text`, read as python-dotenv reads them for Flask, without the
    warning it logs for each line it cannot read: Flask's discovery skips those too."""
    import io
    import logging

    from dotenv import dotenv_values  # only for a project that has such a file: 2 ms

    logger = logging.getLogger("dotenv.main")
    logger.addFilter(_none)
    try:
        return dotenv_values(stream=io.StringIO(text))
    finally:
        logger.removeFilter(_none)


def _none(record: logging.LogRecord) -> bool:
    return False
