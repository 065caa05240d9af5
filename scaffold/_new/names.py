"""Checks on what the user types: project names and greetings."""

from __future__ import annotations

import importlib.util
import keyword
import re
import sys
import unicodedata

from scaffold.errors import InvalidGreetingError, InvalidNameError
from scaffold.kinds import Kind

__all__ = ["check_greeting", "check_name"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_RULE = "use letters, digits and underscores, not starting with a digit"
MAX_NAME_LENGTH = 100
"""Longer names are refused: a folder name has a limit, and a package name should be short."""


def check_name(name: str, *, kind: Kind) -> None:
    """Raise InvalidNameError unless `name` can be a new Python package for `kind`."""
    shown = repr(name)
    if not name:
        raise InvalidNameError(f"the project name is empty: {_RULE}, e.g. 'my_site'.")
    if "/" in name or "\\" in name:
        raise InvalidNameError(
            f"{shown} is a path, not a project name: give the name alone and the "
            "folder with --output-dir."
        )
    if name.startswith("-"):
        raise InvalidNameError(f"{shown} looks like an option, not a project name: {_RULE}.")
    if not _IDENTIFIER.fullmatch(name):
        raise InvalidNameError(f"{shown} is not a valid project name: {_RULE}{_suggest(name)}.")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidNameError(
            f"the project name is {len(name)} characters long: keep it to {MAX_NAME_LENGTH}."
        )
    if name.startswith("__") and name.endswith("__"):
        raise InvalidNameError(
            f"{shown} is a name Python keeps for itself (like __main__ or __init__): pick "
            "another name."
        )
    if keyword.iskeyword(name):
        raise InvalidNameError(
            f"{shown} is a Python keyword and cannot name a package: pick another name, "
            f"e.g. '{name}_site'."
        )
    if name in kind.reserved:
        raise InvalidNameError(
            f"{shown} is a name the {kind.name} template uses itself: pick another name, "
            f"e.g. '{name}_site'."
        )
    if _is_existing_module(name):
        raise InvalidNameError(
            f"{shown} would shadow the Python module of the same name: pick another name, "
            f"e.g. 'my_{name}'."
        )


def check_greeting(greeting: str) -> None:
    """Raise InvalidGreetingError unless `greeting` is one non-empty line of text."""
    if not greeting:
        raise InvalidGreetingError("the greeting is empty: give some text, e.g. --greeting Hi.")
    for char in greeting:
        category = unicodedata.category(char)
        if category in ("Zl", "Zp") or char in "\n\r\v\f\x1c\x1d\x1e\x85":
            raise InvalidGreetingError("the greeting has a line break: keep it to one line.")
        if category == "Cs":
            raise InvalidGreetingError(
                "the greeting is not valid text (undecodable bytes): pass it as UTF-8."
            )
        if category == "Cc":
            raise InvalidGreetingError(
                f"the greeting has the control character {char!r}: use printable text only."
            )


def _is_existing_module(name: str) -> bool:
    if name in sys.stdlib_module_names or name in sys.builtin_module_names:
        return True
    # find_spec locates a top-level module without importing it.
    return importlib.util.find_spec(name) is not None


def _suggest(name: str) -> str:
    candidate = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")
    if (
        candidate
        and candidate != name
        and _IDENTIFIER.fullmatch(candidate)
        and not keyword.iskeyword(candidate)
        and not _is_existing_module(candidate)
    ):
        return f", e.g. '{candidate}'"
    return ""
