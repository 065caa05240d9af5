"""Advice for an app whose settings stop it, in words of their own, unless a variable of
the environment is set: the final `else:` of an `if`/`elif` chain on variables read from
it (realworld-django-htmx's `elif DEBUG:` SQLite, `else: raise SystemExit("You should
set-up at least one of: …")`). Read with `ast`, never run."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._apps.env_values import named_value
from scaffold._apps.setting_hints import settings_files
from scaffold._apps.tracebacks import frame_at
from scaffold._source import assigned_values, called_name, readable_tree
from scaffold._source_environ import read_variable
from scaffold.errors import env_option
from scaffold.frameworks.roles import string_value

__all__ = ["stopped_unless_set"]

_DEVELOPMENT = frozenset({"development", "dev", "local", "debug", "true"})
"""Values of a variable a chain tests that choose a development set-up."""


def stopped_unless_set(output: str, app: App, env: Mapping[str, str]) -> str:
    """'MODULE stops the app unless NAME is set …: give it with --env NAME=VALUE', for an
    app stopped in the final `else:` of a chain whose last test reads NAME from the
    environment, by an error it raised (the last frame of its traceback, in `output`) or
    by `raise SystemExit("…")` or `sys.exit("…")`, whose words it printed; '' if not."""
    for module, line in _stops(output, app):
        tree = readable_tree(module)
        needed = _else_needs(tree, line) if tree is not None else None
        if needed is not None and needed[0] not in {*os.environ, *env}:
            name, value = needed
            return (
                f"{module.name} stops the app unless {name} is set, as the tests before its "
                f"`else:` read it: give it with {env_option({name: value})}."
            )
    return ""


def _stops(output: str, app: App) -> Iterator[tuple[Path, int]]:
    """Where the app may have stopped: the last frame of its traceback in the project,
    then each `raise SystemExit("…")` or `sys.exit("…")` of its settings or its module
    whose words, their first line, it printed."""
    if at := frame_at(output, len(output), app.root, last=True):
        yield at
    for module in settings_files(app) or filter(None, [app.served_module]):
        tree = readable_tree(module)
        for node in ast.walk(tree) if tree is not None else ():
            said = _exit_words(node)
            first = said.strip().splitlines()[0].strip() if said and said.strip() else ""
            if first and first in output and isinstance(node, ast.stmt):
                yield module, node.lineno


def _exit_words(node: ast.AST) -> str | None:
    """What `raise SystemExit("…")` or `sys.exit("…")` prints; None for any other node."""
    call = node.exc if isinstance(node, ast.Raise) else getattr(node, "value", None)
    if not isinstance(node, ast.Raise | ast.Expr) or not isinstance(call, ast.Call):
        return None
    exits = called_name(call) in ("SystemExit", "exit") and call.args
    return string_value(call.args[0]) if exits else None


def _else_needs(tree: ast.Module, line: int) -> tuple[str, str] | None:
    """(the variable, a value that sets it) a test of the chain whose final `else:` holds
    `line` reads from the environment: with it set, that test's branch runs. The one
    that sets a development value (hackersandslackers' gunicorn.conf.py: `ENVIRONMENT
    == "development"`, before `"production"`, which writes to /var/log), else the
    test just above the `else:`."""
    names = assigned_values(tree)
    for node in ast.walk(tree):  # a chain's first `if` comes before its `elif`s
        if not isinstance(node, ast.If):
            continue
        tests, last = [node.test], node
        while len(last.orelse) == 1 and isinstance(last.orelse[0], ast.If):
            last = last.orelse[0]
            tests.append(last.test)
        final = last.orelse
        if final and final[0].lineno <= line <= (final[-1].end_lineno or 0):
            needs = [found for test in tests if (found := _set_by(test, names))]
            developing = [n for n in needs if n[1].lower() in _DEVELOPMENT]
            return next(iter(developing or needs[-1:]), None)
    return None


def _set_by(test: ast.expr, names: Mapping[str, ast.expr]) -> tuple[str, str] | None:
    """The variable read from the environment that makes `test` true, and a value that
    does: 'true' for `DEBUG` assigned `str(getenv("DEBUG", False)).lower() == "true"`, a
    value by its name for a variable read and tested as it is; None if none."""
    if isinstance(test, ast.Name) and test.id in names:
        test = names[test.id]
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id in names:
        test = ast.Compare(names[test.left.id], test.ops, test.comparators)  # `ENV == "dev"`
    compared = None
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
        compared = string_value(test.comparators[0])
    for call in (node for node in ast.walk(test) if isinstance(node, ast.Call)):
        if read := read_variable(call):
            return read[0], compared or named_value(read[0])
    return None
