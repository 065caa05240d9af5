"""A project's answers file, `.scaffold.json`: what `new` recorded, checked before any use.

The file is input like any other: a project may come from anywhere, and its
answers reach servers' command lines, reports and, on `update`, rendered code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from scaffold._files import read_within
from scaffold._project.names import greeting_problem
from scaffold._project.secret_keys import secret_pattern
from scaffold.errors import InputError, ScaffoldError, UnknownProjectError
from scaffold.kinds import Kind, get_kind

__all__ = ["ANSWERS_FILE", "FIRST_VERSION", "Answers", "read_answers"]

ANSWERS_FILE = ".scaffold.json"
FIRST_VERSION = "0.1.0"
"""The version of a project whose answers file names none: scaffold 0.1.0 recorded none."""

_MAX_ANSWERS_BYTES = 64 * 1024
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_VERSION = re.compile(r"\d{1,4}\.\d{1,4}\.\d{1,4}")


@dataclass(frozen=True)
class Answers:
    """What an answers file records: the template, its version and the answers given."""

    path: Path
    kind: Kind
    version: str
    values: dict[str, str]
    """project_name, greeting and the kind's secrets that were recorded."""

    @property
    def name(self) -> str:
        return self.values["project_name"]

    @property
    def greeting(self) -> str:
        return self.values["greeting"]


def read_answers(root: Path) -> Answers:
    """The answers file in `root`, every value checked, or UnknownProjectError saying why."""
    path = root / ANSWERS_FILE

    def invalid(why: str) -> UnknownProjectError:
        return UnknownProjectError(f"'{path}' is not a valid answers file: {why}.")

    try:
        data = read_within(path, _MAX_ANSWERS_BYTES)
    except FileNotFoundError:
        raise UnknownProjectError(
            f"'{root}' is not a scaffold project: it has no {ANSWERS_FILE}."
        ) from None
    except OSError as err:
        raise InputError(f"cannot read '{path}': {err.strerror}.") from None
    if data is None:
        raise invalid("it is larger than 64 KiB")
    try:
        recorded = json.loads(data.decode("utf-8", errors="replace"))
    except ValueError as err:
        raise invalid(f"it is not JSON ({err})") from None
    except RecursionError:  # nested deeper than Python's parser goes
        raise invalid("it is nested too deep") from None
    if not isinstance(recorded, dict):
        raise invalid('it must be a JSON object: {"template": ..., "answers": {...}}')
    missing = [key for key in ("template", "answers") if key not in recorded]
    if missing:
        raise invalid(f"{missing[0]} is missing")
    template, values = recorded["template"], recorded["answers"]
    version = recorded.get("version", FIRST_VERSION)
    try:
        kind = get_kind(template if isinstance(template, str) else repr(template))
    except ScaffoldError:
        raise invalid(f"it names an unknown template {template!r}") from None
    if not (isinstance(version, str) and _VERSION.fullmatch(version)):
        raise invalid("version must be a version number such as '0.2.0'")
    if not isinstance(values, dict):
        raise invalid("answers must be an object")
    problem = _answers_problem(kind, values)
    if problem:
        raise invalid(problem)
    return Answers(path, kind, version, dict(values))


def _answers_problem(kind: Kind, values: dict[str, object]) -> str | None:
    # Every value may be rendered into code: each is checked against what `new` makes.
    secret_prefixes = dict(kind.secrets)
    unknown = sorted(values.keys() - {"project_name", "greeting", *secret_prefixes})
    if unknown:
        return f"it has an unknown answer {unknown[0]!r}"
    for required in ("project_name", "greeting"):
        if required not in values:
            return f"{required} is missing"
    name, greeting = values.get("project_name"), values.get("greeting")
    if not (isinstance(name, str) and _IDENTIFIER.fullmatch(name)):
        return "project_name must be a Python identifier"
    if not isinstance(greeting, str):
        return "greeting must be a string"
    problem = greeting_problem(greeting, example='"greeting": "Hello"')
    if problem:
        return problem.rstrip(".")
    for answer, prefix in kind.secrets:
        value = values.get(answer)
        if value is not None and not (
            isinstance(value, str) and secret_pattern(prefix).fullmatch(value)
        ):
            return f"{answer} must be {prefix!r} and 50 letters or digits"
    return None
