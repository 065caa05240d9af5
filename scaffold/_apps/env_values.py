"""A value for each variable an app's settings read, that the advice gives it: one
the setting it is read for must have (SQLite for a database, the host smoke requests
for ALLOWED_HOSTS), else one its reader takes (`1` for `env.int`), else by its name."""

from __future__ import annotations

import ast

from scaffold.frameworks.roles import string_value

__all__ = ["REQUESTED_HOST", "SQLITE", "assigns", "fixed_values", "named_value", "placeholder"]

_STRING = "VALUE"
REQUESTED_HOST = "127.0.0.1"
"""The value of a variable Django's ALLOWED_HOSTS is read from: the host smoke requests."""
SQLITE, _CACHE, _MAIL = "sqlite:///db.sqlite3", "locmem://", "consolemail://"
"""SQLITE: a database URL any project can serve from, a file in the folder it runs in."""
_REDIS = "redis://localhost:6379/0"
_DATABASE_URLS = ("DATABASE_URL", "DATABASE_URI", "DB_URL", "DB_URI")
"""How the names of variables holding a database's URL end."""
# A value each typed reader takes (environs', django-environ's methods; decouple's
# cast), so that the advice's placeholders pass the reading: only the app judges them.
_VALUES = {
    "int": "1", "float": "1.0", "decimal": "1", "bool": "False", "json": "{}",
    "url": "http://localhost", "db": SQLITE, "db_url": SQLITE,
    "dj_db_url": SQLITE, "cache": _CACHE, "cache_url": _CACHE, "dj_cache_url": _CACHE,
    "email": _MAIL, "email_url": _MAIL, "dj_email_url": _MAIL,
}  # fmt: skip
_SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
_SERVERS = {"postgres": "5432", "mysql": "3306"}
"""The port each database server listens on by default, by a word of its engine's name."""


def fixed_values(tree: ast.Module) -> dict[int, str]:
    """The values reads in some settings must have (by the reads' ids), so that they pass:
    the host smoke requests for what ALLOWED_HOSTS is read from; SQLite for a database's
    ENGINE and NAME read each on its own (wger's `'ENGINE': env.str('DJANGO_DB_ENGINE')`)."""
    fixed: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and assigns(node, "ALLOWED_HOSTS"):
            fixed |= dict.fromkeys(map(id, ast.walk(node.value)), REQUESTED_HOST)
        if isinstance(node, ast.Assign) and assigns(node, "DATABASES"):
            for item in (n for n in ast.walk(node.value) if isinstance(n, ast.Dict)):
                parts = {
                    string_value(k): v for k, v in zip(item.keys, item.values, strict=True) if k
                }
                engine = string_value(parts["ENGINE"]) if "ENGINE" in parts else None
                # A server's engine written out (`"HOST": env("DB_HOST")`): where one runs
                # here, on its own port; else SQLite's engine and file, for what is read.
                server = next((p for w, p in _SERVERS.items() if w in (engine or "")), None)
                values = {"HOST": "localhost", "PORT": server} if server else _SQLITE
                for key, value in parts.items():
                    said = values.get(key or "")
                    fixed |= dict.fromkeys(map(id, ast.walk(value)), said) if said else {}
    return fixed


def placeholder(key: str, read: ast.expr, fixed: dict[int, str]) -> str:
    """A value of KEY, read by `read`, that the app takes: one the setting it is read for
    must have (see `fixed_values`); by the reader's type (`env.int`, decouple's cast);
    a SQLite URL for a `…DATABASE_URL` (Flask-SQLAlchemy's `…DATABASE_URI`); else a string."""
    if id(read) in fixed:
        return fixed[id(read)]
    if "ALLOWED_HOSTS" in key:
        return REQUESTED_HOST
    typed = _value_for(read) if isinstance(read, ast.Call) else _STRING
    return named_value(key) if typed == _STRING else typed


def named_value(key: str) -> str:
    """A value of KEY that its name asks for: the host smoke requests for an
    `…ALLOWED_HOSTS`, a SQLite URL for a `…DATABASE_URL` (`…DATABASE_URI`, `…DB_URL`), a local
    Redis server's for a `…REDIS_URL` (a client connects only when used), else a string."""
    if "ALLOWED_HOSTS" in key:
        return REQUESTED_HOST
    if key.endswith("REDIS_URL"):
        return _REDIS
    return SQLITE if key.upper().endswith(_DATABASE_URLS) else _STRING


def assigns(node: ast.Assign, setting: str) -> bool:
    """Whether `node` sets `setting`, or one of its items (`DATABASES["default"] = …`)."""
    targets = [t.value if isinstance(t, ast.Subscript) else t for t in node.targets]
    return any(isinstance(t, ast.Name) and t.id == setting for t in targets)


def _value_for(call: ast.Call) -> str:
    """A value the reader `call` takes: by its method (`env.int`), or decouple's cast."""
    kind = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    for keyword in call.keywords:
        if keyword.arg == "cast" and isinstance(keyword.value, ast.Name):
            kind = keyword.value.id
    return _VALUES.get(kind, _STRING)
