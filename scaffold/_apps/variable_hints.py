"""Advice on the variables an app's environment lacks: all it reads with no default at
once, and where they may come from (the project's .env, its example, a config class)."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from scaffold._apps.config_hints import unset_config
from scaffold._apps.config_objects import config_object
from scaffold._apps.detect import App
from scaffold._apps.env_reads import os_get, read_at, required_settings
from scaffold._apps.env_values import named_value
from scaffold._apps.file_hints import readme_makes_dotenv
from scaffold._apps.interpreter import in_project
from scaffold._apps.setting_hints import POSTGRES, empty_setting, uses_postgres_features
from scaffold._apps.stop_hints import stopped_unless_set
from scaffold._apps.tracebacks import frame_at, frame_file
from scaffold._source import readable_tree
from scaffold._source_environ import handled_read
from scaffold._words import listed
from scaffold.errors import env_option
from scaffold.frameworks.dotenv_files import (
    dotenv_example,
    dotenv_values,
    env_file_option,
    loads_dotenv,
)
from scaffold.frameworks.roles import string_value

__all__ = ["unset_variable"]

# A setting the environment lacks, as reading it says so: os.environ[KEY]'s KeyError (3.10's
# os.py, 3.11's <frozen os>), and django-environ's, environs', python-decouple's and
# django-configurations' errors.
_MISSING_SETTING = (
    re.compile(
        r"""(?:<frozen os>|/os\.py)", line \d+, in __getitem__\n"""
        r"""(?:[ \t].*\n)*KeyError: '([^'\n]{1,200})'"""
    ),
    # django-environ's ImproperlyConfigured, Two Scoops of Django's reader's, redash's.
    re.compile(
        r"(?:Error|Exception|Configured): (?:[^\n]{0,100}?\b)?[Ss]et the (\w{1,200}) "
        r"env(?:ironment)? variable"
    ),
    re.compile(r'Environment variable "(\w{1,200})" not set'),
    re.compile(r"UndefinedValueError: (\w{1,200}) not found\. Declare it as envvar"),
    # django-configurations' values (`values.SecretValue()` of a configuration class).
    re.compile(r"is required to be set as the environment variable '(\w{1,200})'"),
    # pydantic's, for a settings model made of the environment (pydantic-settings', or
    # `ConfigModel(**os.environ)`): each field it lacks, then "Field required".
    re.compile(r"^([A-Za-z_]\w{0,199})\n  Field required \[type=missing", re.MULTILINE),
)
# What using None says: `None.split()`, `int(None)`, `Path(None)`.
_NONE_USED = re.compile(r"^(?:AttributeError|TypeError): [^\n]{0,300}NoneType", re.MULTILINE)


def unset_variable(output: str, app: App, env: Mapping[str, str]) -> str:
    """What to give an app that stopped, or answered 500, for a variable its environment
    has not got: read with no default, or read empty where a value is needed; or ''."""
    # The last said first: a chained traceback says the KeyError of django-environ's own
    # read, in no module of the project's, before the error it raised in the settings.
    said = sorted((m for p in _MISSING_SETTING for m in p.finditer(output)), key=re.Match.start)
    # A model that validates them all says each it lacks: all are given at once.
    lacked = [m.group(1) for m in said if m.re is _MISSING_SETTING[-1]]
    for setting in reversed(said):
        if module := frame_file(output, setting.start(), app.root):
            return _give(setting.group(1), module, app, env, also=lacked)
    if said:
        return _give(said[-1].group(1), None, app, env)
    return empty_setting(output, app) or _unset_setting(output, app, env)


def _unset_setting(output: str, app: App, env: Mapping[str, str]) -> str:
    """What to give an app that stopped using the None `os.environ.get("KEY")`
    gave it (`.split()` of it: AttributeError on NoneType) on a line of its own that
    reads a variable its environment has not got, or at a config key its Flask config
    classes read so (see `unset_config`); '' if it did not stop so."""
    used = _NONE_USED.search(output)
    at = frame_at(output, used.start(), app.root, last=True) if used else None
    name = read_at(*at) if at else None
    if used and at is None:  # it failed in an installed package the None was passed to
        at = frame_at(output, used.start(), app.root)
        name = _passed_unset(*at) if at else None
    if at is None or name is None or name in {*os.environ, *env}:
        return unset_config(output, app, env) or _reraised(output, app, env)
    return _give(name, at[0], app, env)


def _raised_unless_set(tree: ast.Module) -> list[str]:
    """The variables whose absence a module turns into an error of its own, each an `if`
    testing it is unset around a `raise` (ucdse/flask-app's config.py, one after
    another), or an `assert` that it is set, in the module's order."""
    raises = (
        statement
        for node in tree.body
        for statement in (node.body if isinstance(node, ast.If) else [node])
        if isinstance(statement, (ast.Raise, ast.Assert))
    )
    return list(dict.fromkeys(filter(None, (handled_read(tree, r.lineno) for r in raises))))


def _passed_unset(module: Path, line: int) -> str | None:
    """The variable an `os.getenv("KEY")` with no default passes to a call in `module`'s
    statement at `line` (`redis.from_url(os.getenv("REDIS_URL"))`, over lines), or None."""
    tree = readable_tree(module)
    spans = [
        node
        for node in (ast.walk(tree) if tree else ())
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or line)
    ]
    statement = min(spans, key=lambda n: (n.end_lineno or n.lineno) - n.lineno, default=None)
    for call in ast.walk(statement) if statement else ():
        if isinstance(call, ast.Call):
            for argument in [*call.args, *(keyword.value for keyword in call.keywords)]:
                if (read := os_get(argument)) and (name := string_value(read.args[0])):
                    return name
    return None


def _reraised(output: str, app: App, env: Mapping[str, str]) -> str:
    """What to give an app whose handler of `os.environ["KEY"]`'s KeyError
    raised its own error (realpython's django-gunicorn-nginx), which ends the output."""
    at = frame_at(output, len(output), app.root, last=True)
    tree = readable_tree(at[0]) if at else None
    name = handled_read(tree, at[1]) if tree and at else None
    if at and name and name not in {*os.environ, *env}:
        return _give(name, at[0], app, env)
    return stopped_unless_set(output, app, env)  # or in the `else:` of tests of variables


def _give(
    name: str, module: Path | None, app: App, env: Mapping[str, str], also: Sequence[str] = ()
) -> str:
    # What the module reads with no default, raises for if unset, and `also` what the
    # error said it lacks too.
    tree = readable_tree(module) if module else None
    raised = _raised_unless_set(tree) if tree is not None else []
    own = {**required_settings(module), **dict.fromkeys([*raised, *also], "")} if module else {}
    needed = own
    # A variable naming the config object app.config.from_object loads: one of the
    # project's config classes, whose module's own needs come next.
    loaded = config_object(module, name, app.root) if module else None
    if loaded:
        needed = {**needed, **required_settings(loaded[1]), name: loaded[0]}
    dotenv = dotenv_values(app.root)
    loads = module is not None and loads_dotenv(module)
    if name in dotenv and not loads:  # as docker compose's env_file, heroku local give it
        return (
            f"the app reads {name} from its environment, which has none, and does not load "
            f"the project's .env, which sets it, as docker compose's env_file or heroku local "
            f"would give it to the app: give it with {env_file_option(app.root)}."
        )
    given = {*os.environ, *env, *dotenv, name}
    others = [n for n in needed if n not in given]
    values = {n: needed.get(n) or named_value(n) for n in [name, *others]}
    if uses_postgres_features(app):  # no SQLite URL for a database SQLite cannot be
        values = {n: POSTGRES if v.startswith("sqlite:") else v for n, v in values.items()}
    give = env_option(values)
    example = dotenv_example(app.root)
    copy = ""
    if loads and not example and (made := readme_makes_dotenv(app.root)):
        copy = f" Or make its .env as its README does ({in_project(app.root, made)})."
    if example and name in example[1]:
        # As its README says: `cp .env.example .env`, which its settings read, or which
        # docker compose's env_file gives the app.
        given_so = "" if loads else f", and give it with {env_file_option(app.root)}"
        copy = (
            f" Or make its .env from {example[0]}, which sets {'them' if others else 'it'} "
            f"(cp {example[0]} .env), as the project says{given_so}."
        )
    if module is None or not others:  # without the module, there are no others
        return (
            f"the app reads {name} from its environment, which has none: give it with {give}.{copy}"
        )
    # What reads the others: the module, or the config module it loads by name.
    reader = loaded[1] if loaded and not set(others) & own.keys() else module
    where = reader.relative_to(app.root).as_posix()
    return (
        f"the app reads {name} from its environment, which has none, and {where} reads "
        f"{listed(others)} with no default, which it has not got either: give them with "
        f"{give}.{copy}"
    )
