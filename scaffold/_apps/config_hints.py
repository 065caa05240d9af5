"""Advice for a Flask app whose config classes set a key from a variable its environment
has not got, with no default (`SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")`).

The None reaches a library. Its error names the key (Flask-SQLAlchemy 3: "Either
'SQLALCHEMY_DATABASE_URI' or 'SQLALCHEMY_BINDS' must be set."), or says only that a None
was used, in the library the key is named for (Flask-SQLAlchemy 2's `make_url(None)`:
"'NoneType' object has no attribute 'drivername'", in frames of flask_sqlalchemy), as
Flask's extensions start their keys (SQLALCHEMY_, MAIL_, MONGO_, REDIS_). A key neither
names is not advised: most such reads are optional (microblog's SERVER_NAME, whose
value would change what the app serves).

Read with `ast`, never imported.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from scaffold._apps.config_objects import config_variable, loaded_config
from scaffold._apps.env_reads import os_get
from scaffold._apps.env_values import SQLITE
from scaffold._apps.tracebacks import last_exception, last_traceback
from scaffold._source import parsed
from scaffold._words import listed
from scaffold.errors import InputError, env_option
from scaffold.frameworks.dotenv_files import dotenv_values
from scaffold.frameworks.roles import string_value

if TYPE_CHECKING:
    from pathlib import Path

    from scaffold._apps.detect import App

__all__ = ["unset_config"]

_NONE = re.compile(r"\bNone(?:Type)?\b")
_LIBRARY = re.compile(r"/site-packages/(\w{1,100})")
"""The top-level package of a library's frame."""
_DATABASE_KEYS = ("DATABASE_URL", "DATABASE_URI")
_SHORTEST_NAME = 4
"""The fewest letters of a library's name that a key must hold (`MAIL` of flask_mail)."""
_SHARED_LETTERS = 5
"""The letters a key and a longer library's name must share (MONGO of flask_mongoengine)."""


def unset_config(output: str, app: App, env: Mapping[str, str]) -> str:
    """'CONFIG sets KEY from VARIABLE with no default, which its environment has not got:
    give it with --env VARIABLE=VALUE', for the keys of the config the app loads that
    its last error (in `output`) names, or, for a None, that its library is named for;
    '' if none."""
    if (raised := last_exception(output)) is None:
        return ""
    try:
        config = loaded_config(app)
        reads = _config_reads(config) if config else {}
    except InputError:  # a file it cannot read: no hint, never a stop
        return ""
    if config is None:
        return ""
    values = {**dotenv_values(app.root), **os.environ, **env}
    given = {name for name, value in values.items() if value}  # an empty one is none
    # A config object loaded by the name a variable holds, unset: none of its keys is set
    # (flask-react-aws's `from_object(os.getenv("APP_SETTINGS"))`).
    loader = config_variable(app)
    unloaded = loader if loader and loader[0] not in given else None
    unset = {key: name for key, name in reads.items() if name not in given or unloaded}
    said = re.sub(r"\W+", "_", raised.upper())  # "no secret key was set": SECRET_KEY
    named = [key for key in unset if re.search(rf"(?<![A-Z0-9]){key}(?![A-Z0-9])", said)]
    # A None used, or a value left empty: in the library the key is named for.
    emptied = any(values.get(name) == "" for name in unset.values())
    if not named and (_NONE.search(raised) or emptied):
        framework = {name.lower() for name in app.kind.framework.packages}
        frames = _LIBRARY.finditer(last_traceback(output))
        libraries = {found[1] for found in frames} - framework
        keys = {_key_of(library) for library in libraries} - {""}
        named = [key for key in unset if any(_named_for(key, start) for start in keys)]
    if not named:
        return ""
    variables = [unset[key] for key in named]
    given_values = {  # a database's URL by its key or its variable (`…DATABASE_URI = …("DB")`)
        name: SQLITE if key.endswith(_DATABASE_KEYS) or name.endswith(_DATABASE_KEYS) else "VALUE"
        for key, name in zip(named, variables, strict=True)
        if name not in given
    }
    loaded = ""
    if unloaded:
        given_values = {unloaded[0]: unloaded[1], **given_values}
        loaded = f", and the app loads it by the name {unloaded[0]} holds"
    got = "has empty" if all(values.get(name) == "" for name in variables) else "has not got"
    return (
        f"{config.relative_to(app.root).as_posix()} sets {listed(named)} from "
        f"{listed(variables)} with no default{loaded}, which its environment {got}: "
        f"give {'them' if len(given_values) > 1 else 'it'} with "
        f"{env_option(given_values)}."
    )


def _config_reads(config: Path) -> dict[str, str]:
    """Each key `config` sets to `os.environ.get("VARIABLE")` (or `os.getenv`) with no
    default, in its classes or at its top level: the variable it reads, by key."""
    tree = parsed(config)
    reads: dict[str, str] = {}
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.Assign) and (call := os_get(node.value)):
            variable = string_value(call.args[0])
            for target in node.targets:
                if variable and isinstance(target, ast.Name) and target.id.isupper():
                    reads.setdefault(target.id, variable)
    return reads


def _named_for(key: str, start: str) -> bool:
    """Whether the config key `key` is named for the library whose keys start `start`:
    it starts so, or as far as five letters do (Flask-MongoEngine's MONGODB_PORT)."""
    return key.startswith(start[:_SHARED_LETTERS])


def _key_of(library: str) -> str:
    """How the keys of `library`'s settings start, as Flask's extensions name them:
    SQLALCHEMY of flask_sqlalchemy and sqlalchemy, MONGO of pymongo; '' if too short."""
    name = library.upper().removeprefix("FLASK_").removeprefix("PY")
    return name if len(name) >= _SHORTEST_NAME else ""
