"""The commands a Flask app adds to its CLI, read from its code: the one that makes its
database is the advice for an app that lacks its tables (the Flask tutorial's init-db)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from scaffold.frameworks.record import DatabaseSetup, Found

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["database_setup"]

# The commands an app registers that make a database, best first: the Flask tutorial's
# init-db is one.
_SETUP_WORDS = ("init", "create", "db", "database", "migrat", "seed")
_MAX_FILES = 200
"""The most of an app's package read for its commands."""


def database_setup(root: Path, found: Found, table: str) -> DatabaseSetup | None:
    """The command the app registers with its CLI that makes its database (`flask init-db`
    as the Flask tutorial has it), found in its code; None if it registers none."""
    commands = _cli_commands(root, found)
    for word in _SETUP_WORDS:
        for command in commands:
            if word in command:
                app = (found.entry or found.wsgi).partition(":")[0]
                return DatabaseSetup(
                    "run the app's command that makes it first",
                    (f"flask --app {app} {command}",),
                    "instance folder and files",
                )  # fmt: skip
    return None


def _cli_commands(root: Path, found: Found) -> list[str]:
    """The names of the commands the app's module or package declares, as click names
    them: `@app.cli.command("init-db")`, `@click.command()` on `def init_db_command`."""
    from scaffold._source import module_file, parsed

    module = (found.entry or found.wsgi).partition(":")[0]
    path = module_file(root / found.source, module)
    if path is None:
        return []
    files = sorted(path.parent.rglob("*.py"))[:_MAX_FILES] if path.name == "__init__.py" else [path]
    names = []
    for file in files:
        tree = parsed(file)
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.FunctionDef):
                names += [_command_name(d, node.name) for d in node.decorator_list]
    return [name for name in names if name]


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
