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
    as the Flask tutorial has it), found in its code; else Flask-Migrate's `flask db
    upgrade` for an app with its migrations folder; None if it has neither.

    The app is named by FLASK_APP, which every Flask reads (`--app` is Flask 2.2's), and
    `python -m flask` imports it from the project's folder, as the `flask` script does
    only from Flask 1.0 on."""
    commands, migrated = _cli_commands(root, found)
    app = (found.entry or found.wsgi).partition(":")[0]
    for word in _SETUP_WORDS:
        for command in commands:
            if word in command:
                return DatabaseSetup(
                    "run the app's command that makes it first",
                    (f"FLASK_APP={app} python -m flask {command}",),
                    "instance folder and files",
                )  # fmt: skip
    if migrated and (root / "migrations" / "env.py").is_file():
        return DatabaseSetup(
            "run its migrations first (Flask-Migrate's)",
            (f"FLASK_APP={app} python -m flask db upgrade",),
            "database files",
        )  # fmt: skip
    return None


def _cli_commands(root: Path, found: Found) -> tuple[list[str], bool]:
    """The names of the commands the app's module or package declares, as click names
    them (`@app.cli.command("init-db")`, `@click.command()` on `def init_db_command`),
    and whether it imports Flask-Migrate."""
    from scaffold._source import module_file, parsed

    module = (found.entry or found.wsgi).partition(":")[0]
    path = module_file(root / found.source, module)
    if path is None:
        return [], False
    files = sorted(path.parent.rglob("*.py"))[:_MAX_FILES] if path.name == "__init__.py" else [path]
    names, migrated = [], False
    for file in files:
        tree = parsed(file)
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.FunctionDef):
                names += [_command_name(d, node.name) for d in node.decorator_list]
            elif isinstance(node, ast.ImportFrom) and node.module == "flask_migrate":
                migrated = True
    return [name for name in names if name], migrated


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
