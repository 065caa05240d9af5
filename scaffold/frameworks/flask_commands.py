"""The commands a Flask app adds to its CLI, read from its code: the one that makes its
database is the advice for an app that lacks its tables (the Flask tutorial's init-db,
or Flask-Migrate's db upgrade)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from scaffold.frameworks.record import DatabaseSetup, Found

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["database_setup"]

# The commands an app registers that make a database, best first: the Flask tutorial's
# init-db is one; flasky's `deploy` (which its boot.sh runs) another.
_SETUP_WORDS = ("init", "create", "db", "database", "migrat", "seed", "deploy")
_MAX_FILES = 200
"""The most of an app's package read for its commands."""


def database_setup(root: Path, found: Found, table: str) -> DatabaseSetup | None:
    """The command the app registers with its CLI that makes its database (`flask init-db`
    as the Flask tutorial has it, or Flask-Script's `python manage.py deploy`), found in
    its code; else Flask-Migrate's `flask db upgrade` for an app with its migrations
    folder; None if it has neither.

    The app is named by FLASK_APP, which every Flask reads (`--app` is Flask 2.2's), and
    `python -m flask` imports it from the project's folder, as the `flask` script does
    only from Flask 1.0 on."""
    app = (found.entry or found.wsgi).partition(":")[0]
    commands, migrated = _cli_commands(root, found, f"FLASK_APP={app} python -m flask")
    for word in _SETUP_WORDS:
        for name, command in commands:
            if word in name:
                return DatabaseSetup(
                    "run the app's command that makes it first",
                    (command,),
                    "instance folder and files",
                )  # fmt: skip
    if (root / "migrations" / "env.py").is_file() and (migrated or _flask_migrate_env(root)):
        return DatabaseSetup(
            "run its migrations first (Flask-Migrate's)",
            (f"FLASK_APP={app} python -m flask db upgrade",),
            "database files",
        )  # fmt: skip
    return None


def _cli_commands(root: Path, found: Found, flask: str) -> tuple[list[tuple[str, str]], bool]:
    """The commands the app's module or package declares, each with what runs it: click's
    (`@app.cli.command("init-db")`, `@click.command()` on `def init_db_command`), run
    by `flask`, and Flask-Script's (`@manager.command` on `def deploy`), by its script;
    and whether the app imports Flask-Migrate."""
    from scaffold._source import assigned_calls, called_name, module_file, parsed
    from scaffold.frameworks.flask_scripts import factory_sources

    module = (found.entry or found.wsgi).partition(":")[0]
    path = module_file(root / found.source, module)
    if path is None:
        return [], False
    files = [path]
    # A script that makes the app with the package's factory (`from shop import
    # create_app`, bluelog's wsgi.py): the package's commands, which it registers, too.
    if path.name != "__init__.py" and (tree := parsed(path)) is not None:
        files += factory_sources(path, tree)
    if files[-1].name == "__init__.py":
        files[-1:] = sorted(files[-1].parent.rglob("*.py"))[:_MAX_FILES]
    commands, migrated = [], False
    for file in files:
        tree = parsed(file)
        if tree is None:
            continue
        managers = {n for n, call in assigned_calls(tree).items() if called_name(call) == "Manager"}
        script = f"python {file.relative_to(root).as_posix()}"
        # What loops go through: `for command in [create_db, drop_db]: …(command)`.
        loops = {
            node.target.id: [e.id for e in node.iter.elts if isinstance(e, ast.Name)]
            for node in ast.walk(tree)
            if isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and isinstance(node.iter, ast.List | ast.Tuple)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    if _is_name_of(decorator, managers):  # Flask-Script's, named as defined
                        commands.append((node.name, f"{script} {node.name}"))
                    elif name := _command_name(decorator, node.name):
                        commands.append((name, f"{flask} {name}"))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Call) and node.args:
                # The decorator called on a function: `app.cli.command()(create_db)`.
                given = node.args[0]
                functions = loops.get(given.id, [given.id]) if isinstance(given, ast.Name) else []
                for function in functions:
                    if name := _command_name(node.func, function):
                        commands.append((name, f"{flask} {name}"))
            elif isinstance(node, ast.ImportFrom) and node.module == "flask_migrate":
                migrated = True
    return commands, migrated


def _flask_migrate_env(root: Path) -> bool:
    """Whether the project's migrations/env.py is Flask-Migrate's, which reads the app's
    database from its extension (`current_app.extensions['migrate']`): the app may make
    its Migrate in a module of its own (twilio's database.py)."""
    from scaffold._files import read_within
    from scaffold._source import MAX_SOURCE_BYTES

    try:
        data = read_within(root / "migrations" / "env.py", MAX_SOURCE_BYTES) or b""
    except OSError:  # not a regular file that can be read
        return False
    return b"extensions['migrate']" in data or b'extensions["migrate"]' in data


def _is_name_of(decorator: ast.expr, managers: set[str]) -> bool:
    """Whether `decorator` is `@manager.command` of one of the Flask-Script `managers`."""
    return (
        isinstance(decorator, ast.Attribute)
        and decorator.attr == "command"
        and isinstance(decorator.value, ast.Name)
        and decorator.value.id in managers
    )


def _command_name(decorator: ast.expr, function: str) -> str | None:
    """The command `decorator` declares on `function`, as click 8.2 names it; or None."""
    call = decorator if isinstance(decorator, ast.Call) else None
    target = call.func if call else decorator
    if not (isinstance(target, ast.Attribute) and target.attr == "command"):
        return None
    if call and call.args and isinstance(call.args[0], ast.Constant):
        given = call.args[0].value
        return given if isinstance(given, str) else None
    for suffix in ("_command", "_cmd"):
        function = function.removesuffix(suffix)
    return function.lower().replace("_", "-")
