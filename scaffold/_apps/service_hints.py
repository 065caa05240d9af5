"""Advice when the app cannot reach a database or cache server it names: the server, or
the name this machine cannot resolve, and for a Django database read from the
environment as a URL, the setting that points it at SQLite."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Mapping
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._apps.env_reads import setting_variable
from scaffold._apps.env_values import SQLITE, assigns
from scaffold._apps.setting_hints import POSTGRES, settings_files, uses_postgres_features
from scaffold._apps.sqlite_hints import (
    database_host_variable,
    database_parts_unset,
    database_variable,
    flask_database_variable,
)
from scaffold._source import readable_tree
from scaffold._words import listed
from scaffold.errors import env_option, option

__all__ = ["unreachable"]

# A server the app needs that does not answer, as the drivers say it: PostgreSQL
# (psycopg 2 and 3), MySQL (PyMySQL, mysqlclient) and Redis (redis-py); or whose host
# name does not resolve (`unknown`): a Docker Compose service's name, say, run elsewhere.
_UNREACHABLE = (
    ("PostgreSQL", re.compile(
        # Not when the server answered, and refused ("failed: FATAL:  database … does not exist").
        r'connection to server at "(?P<at>[^"\n]{1,200})"[^\n]{0,100}, port (?P<port>\d{1,5}) '
        r'failed(?!: FATAL:)|connection to server on socket "(?P<socket>[^"\n]{1,200})" failed|'
        r'Is the server running on host "(?P<host>[^"\n]{1,200})"[^?]{0,200}?port (?P<on>\d{1,5})'
    )),
    ("PostgreSQL", re.compile(
        r'could not translate host name "(?P<unknown>[^"\n]{1,200})" to address|'
        r"failed to resolve host '(?P<named>[^'\n]{1,200})'"
    )),
    # Older libpq, on the local socket: with its path (psycopg2), or without (psycopg 3.1).
    ("PostgreSQL", re.compile(
        r"Is the server running locally and accepting\s+connections on (?:Unix domain "
        r'socket "(?P<socket>[^"\n]{1,200})"|(?P<local>that socket))'
    )),
    # MySQL's client says "MySQL server"; MariaDB's (Debian's libmysqlclient) "server".
    ("MySQL", re.compile(r"Unknown (?:MySQL )?server host '(?P<unknown>[^'\n]{1,200})'")),
    ("MySQL", re.compile(
        r"Can't connect to (?:MySQL )?server on '(?P<at>[^'\n]{1,200})'|"
        r"Can't connect to local (?:MySQL )?server through socket '(?P<socket>[^'\n]{1,200})'"
    )),
    ("Redis", re.compile(r"Error -?\d+ connecting to (?P<at>[\w.-]{1,200}:\d{1,5})")),
)  # fmt: skip
# What the resolver says of a name it does not know (glibc's EAI_NONAME, EAI_AGAIN).
_NO_SUCH_NAME = re.compile(r"Name or service not known|Temporary failure in name resolution")


def unreachable(output: str, app: App, env: Mapping[str, str] | None = None) -> str:
    """'could not reach its … server (…): what to do', of a database or cache server the
    app could not reach; '' if none. A Django project whose settings read its database
    from the environment is told the setting that points it at SQLite, or its host, and
    the parts of it they read with no default that neither `env` nor this one sets."""
    known = {*os.environ, *(env or {})}  # the variables the server had
    for what, pattern in _UNREACHABLE:
        if found := pattern.search(output):
            parts = found.groupdict()
            at = parts.get("at") or parts.get("host") or parts.get("socket")
            at = at or ("its local socket" if parts.get("local") else None)
            port = parts.get("port") or parts.get("on")
            where = f"{at}, port {port}" if port else at
            unknown = parts.get("unknown") or parts.get("named")
            if (
                unknown is None
                and at
                and _NO_SUCH_NAME.search(output, found.end(), found.end() + 80)
            ):
                unknown = at.rpartition(":")[0] if what == "Redis" else at
            if unknown:  # a name this machine does not know, e.g. a Compose service's
                where = f"{unknown}, a host name this machine cannot resolve"
            elsewhere = f"one that runs with {option('env')}, as its settings read it"
            if what != "Redis" and (fixed := _fixed_databases(app)):  # taiga-back's
                where_set = os.path.relpath(fixed, app.root)
                elsewhere = (
                    f"one that runs in its settings' DATABASES ({where_set}), which no "
                    "environment variable sets"
                )
            variable = (
                (database_variable(app) or flask_database_variable(app))
                if what != "Redis"
                else None
            )
            if variable and what == "PostgreSQL" and uses_postgres_features(app):
                given = env_option({variable: POSTGRES})
                uses = (  # the code's own PostgreSQL options, or its settings' PostgreSQL apps
                    "its code gives the database PostgreSQL's own options"
                    if app.kind.framework.name == "flask"
                    else "its settings install django.contrib.postgres"
                )
                elsewhere = f"one that runs with {given} ({uses}, for which SQLite cannot stand in)"
            elif variable:
                sqlite = {variable: SQLITE}
                given = env_option(sqlite)
                elsewhere = f"one that runs, or at SQLite, with {given}"
            elif what != "Redis" and (host := database_host_variable(app)):  # nickjj's
                parts = database_parts_unset(app, known)
                given = env_option({host: "HOST", **dict.fromkeys(parts.values(), "VALUE")})
                also = f", and the {listed([*parts])} they read with no default" if parts else ""
                elsewhere = f"one that runs with {given}, the host its settings read{also}"
            return (
                f"could not reach its {what} server ({where}): start it as the "
                f"project says, or point the app at {elsewhere}."
            )
    refused = _REFUSED.search(output)
    parts = database_parts_unset(app, known) if refused else {}
    host = database_host_variable(app) if refused and "Peer" in refused[0] else None
    if host and host not in known:  # no host: a local socket, where the OS user must match
        parts = {"host": host, **parts}
    if refused and parts:  # recipe-app-api's settings, with no DB_USER: the user is root
        what = "MySQL" if refused[0].startswith("Access") else "PostgreSQL"
        values = {name: "localhost" if key == "host" else "VALUE" for key, name in parts.items()}
        return (
            f"was refused by its {what} server ({refused[0]}): its settings read the "
            f"{listed([*parts])} of its database with no default, from variables its "
            f"environment has not got: give {'them' if len(parts) > 1 else 'it'} with "
            f"{env_option(values)}."
        )
    if unmade := _NO_DATABASE.search(output):  # liangliangyy/DjangoBlog's README makes it
        name = unmade["mysql"] or unmade["postgresql"]
        what = "MySQL" if unmade["mysql"] else "PostgreSQL"
        return (
            f"names a database its {what} server has not got, {name}: make it there (CREATE "
            f"DATABASE {name};), as the project says, or point the app at one the server has."
        )
    return ""


# A database server that answered, without the database the app names: mysqlclient's
# and PyMySQL's words, and psycopg's.
_NO_DATABASE = re.compile(
    r"\(1049, \"Unknown database '(?P<mysql>[^'\n]{1,100})'\"\)|"
    r'FATAL:  database "(?P<postgresql>[^"\n]{1,100})" does not exist'
)
# A database server that answered, and refused who the app connects as, or the
# database it names: psycopg's and mysqlclient's words.
_REFUSED = re.compile(
    r'FATAL:  (?:role|database) "[^"\n]{1,100}" does not exist|fe_sendauth: no password '
    r'supplied|FATAL:  (?:password|Peer) authentication failed for user "[^"\n]{1,100}"|'
    r"Access denied for user '[^'\n]{1,100}'@'[^'\n]{1,200}'(?: \(using password: \w{2,3}\))?"
)


def _fixed_databases(app: App) -> Path | None:
    """The settings module that sets a Django project's DATABASES, when no settings
    module reads an environment variable for them; None otherwise, or if none can be read."""
    files = settings_files(app)
    if any(setting_variable(module, "DATABASES") for module in files):
        return None
    for module in files:
        tree = readable_tree(module)
        if tree and any(isinstance(n, ast.Assign) and assigns(n, "DATABASES") for n in tree.body):
            return module
    return None
