"""What makes an app's database, for a database without the tables its code reads: its
migrations, or the command its code adds for it, run in the project as a deploy would;
and where the code reads a table as Django starts, before any command can make it."""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from typing import TYPE_CHECKING

from scaffold._apps.detect import App
from scaffold._apps.env_values import SQLITE
from scaffold._apps.interpreter import command_runner, in_project
from scaffold._apps.setting_hints import uses_postgres_features
from scaffold._apps.sqlite_hints import database_variable, kept_database
from scaffold._apps.tracebacks import FRAME, frame_at
from scaffold.errors import env_option

if TYPE_CHECKING:
    from scaffold.frameworks.record import DatabaseSetup

__all__ = ["MISSING_TABLE", "missing_table", "parent_elsewhere", "set_up", "table_at_start"]

# A database without the app's tables, as SQLite, PostgreSQL and MySQL say it.
MISSING_TABLE = re.compile(
    r'no such table: ([\w.]{1,200})|relation "([\w.]{1,200})" does not exist|'
    r"Table '(?:\w{1,200}\.)?(\w{1,200})' doesn't exist"
)

# A migration of the project's that depends on one an installed app has not got.
_UNKNOWN_PARENT = re.compile(
    r"NodeNotFoundError: Migration (?P<app>\w{1,100})\.(?P<migration>\w{1,200}) dependencies "
    r"reference nonexistent parent node \('(?P<label>\w{1,100})', '(?P<parent>\w{1,200})'\)"
)


def parent_elsewhere(output: str, app: App, todo: str) -> str:
    """'the project's migration … depends on …: what to do', when it depends on a
    migration of an installed app that the version installed has not got: the project's
    were made with another release of it (fourlanes/wagtail-starter-blog's, on the
    wagtail its lock pins); `todo` says how to get it; '' otherwise."""
    found = _UNKNOWN_PARENT.search(output)
    if found is None or (app.root / app.found.source / found["label"]).is_dir():
        return ""  # none, or an app of the project's own, whose migrations are its own to fix
    return (
        f"the project's migration {found['app']}.{found['migration']} depends on "
        f"{found['label']}'s {found['parent']}, which the {found['label']} installed has not "
        f"got: the project's migrations were made with another release of the package that "
        f"holds it; {todo}."
    )


def missing_table(found: re.Match[str]) -> str:
    """The table a MISSING_TABLE match names."""
    return next(filter(None, found.groups()), "")


def table_at_start(output: str, app: App, env: Mapping[str, str] | None) -> str:
    """'its database has no table …: what makes it', for an app that stopped as it
    started, reading a table its database has not got; '' otherwise."""
    # The last: Django re-raises the driver's error, its traceback after the driver's.
    absent = next(reversed(list(MISSING_TABLE.finditer(output))), None)
    setup = app.kind.framework.database_setup
    if absent is None or setup is None or app.kind.framework.name != "django":
        return ""  # a Flask app's command to make them loads the app, reading it as well
    made = setup(app.root, app.found, missing_table(absent))
    if made is None:
        return ""
    said = f"its database has no table {missing_table(absent)}"
    if ready := _read_in_ready(output, absent.start(), app):  # AzikDeveloper's chat app's
        return (
            f"{said}, which its {ready} reads in ready(), as Django starts for every command, "
            f"migrate's too: leave that read out while you "
            f"{set_up(app, made, env, on_server=not absent[1])}"
        )
    # Read as a module is loaded: by the system checks migrate runs first (the URLconf).
    unchecked = made._replace(commands=tuple(f"{c} --skip-checks" for c in made.commands))
    return (
        f"{said}, which its code reads as it is loaded, as the system checks of Django's "
        f"commands load it: {set_up(app, unchecked, env, on_server=not absent[1])}"
    )


def set_up(
    app: App, setup: DatabaseSetup, env: Mapping[str, str] | None, *, on_server: bool = False
) -> str:
    """What makes the app's database: its commands (with the server's `env`), and smoke's
    too; `on_server`, whether the database is a server's (PostgreSQL's, MySQL's)."""
    env = dict(env or {})
    # A database read from the environment as a URL, not given: its default may be one
    # no migration fills for the server (django-cms-quickstart's `sqlite://:memory:`).
    variable = None if uses_postgres_features(app) else database_variable(app, needed=True)
    with_file = ""
    if variable and variable not in env:
        env = {variable: SQLITE, **env}
        with_file = f", and give smoke {env_option({variable: SQLITE})} too"
    given = "".join(f"{name}={shlex.quote(value)} " for name, value in env.items())
    runner = command_runner(app.root)
    commands = in_project(app.root, *(given + runner + command for command in setup.commands))
    kept = (
        "uses the same database server"
        if on_server
        else f"has the project's {kept_database(app, setup.kept_in)}"
    )
    return f"{setup.what} ({commands}){with_file}, as a deploy would; the copy served {kept}."


def _read_in_ready(output: str, end: int, app: App) -> str | None:
    """'FILE, line N,' of the project's frame the traceback before offset `end` was in
    last, when it is an AppConfig's ready(), which Django runs as it starts for every
    command, migrate's too; None otherwise."""
    for frame in reversed(list(FRAME.finditer(output, 0, end))):
        if "/site-packages/" in frame["path"]:
            continue
        at = frame_at(output, frame.end(), app.root, last=True)
        ready = output.startswith(", in ready\n", frame.end())
        return f"{at[0].relative_to(app.root).as_posix()}, line {at[1]}," if at and ready else None
    return None
