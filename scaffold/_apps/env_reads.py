"""The settings a project's module reads from the environment with no default, found by
reading its code (never running it): so that an app that stopped at the first missing
setting can be told all the others it will stop at next, at once.

What is read with no default, by the ways settings modules read the environment:
`os.environ["KEY"]`; django-environ's and environs' `env("KEY")` and `env.str("KEY")`
(an `Env()` bound to a name, less the settings its scheme gives defaults); and
python-decouple's `config("KEY")`. A call with a second argument, or a `default=`, may
have a default, and is left out: a name is said only when the code surely needs it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from scaffold._apps.env_values import assigns, fixed_values, placeholder
from scaffold._source import called_name, imported_file, readable_tree
from scaffold._source_environ import environ_readers, is_os_environ
from scaffold.frameworks.roles import string_value

__all__ = [
    "item_variable",
    "os_get",
    "read_at",
    "required_settings",
    "setting_variable",
    "unless_variable",
]

_MAX_REEXPORTS = 3
"""How many modules an env reader is followed through (`from .base import env`, which
imported it `from config.env`)."""
_ANONYMOUS = "Env()"
_DATABASE_VARIABLE = "DATABASE_URL"
"""What django-environ's env.db() and dj-database-url's config() read when not told."""
_DB = frozenset({"db", "db_url"})
_MAX_NAMES = 20
"""The most names said: a module that needs more is a deploy's, not a check's."""


def read_at(module: Path, line: int) -> str | None:
    """The variable `module` reads with no default on `line` (see `required_settings`),
    or None."""
    tree = readable_tree(module)
    if tree is None:
        return None
    return next((name for at, _, name, _ in sorted(_reads(tree, module)) if at == line), None)


def required_settings(module: Path) -> dict[str, str]:
    """The environment variables `module` reads with no default, in the order it reads
    them (at most 20), each with a value its reader takes (a number for `env.int`, a
    database URL for `env.db_url`: 'VALUE' for a string); {} if it cannot be read or
    parsed."""
    tree = readable_tree(module)
    if tree is None:
        return {}
    names: dict[str, str] = {}
    for _, _, name, value in sorted(_reads(tree, module)):
        if name not in names and len(names) < _MAX_NAMES:
            names[name] = value
    return names


def setting_variable(module: Path, setting: str, *, always: bool = False) -> str | None:
    """The environment variable `module` sets `setting` from (`SECURE_SSL_REDIRECT =
    env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)`, or os.environ.get, os.getenv),
    default or not (`always`: not where a test of the environment guards the read, which
    an unset variable skips); None if it sets it otherwise, or cannot be read or parsed."""
    tree = readable_tree(module)
    if tree is None:
        return None
    readers, _ = _env_readers(tree, module)
    guarded = _guarded(tree, readers) if always else set()  # `if "X" in os.environ:`
    # Names that hold a read first: `hosts = os.getenv("HOSTS")` or `if v := os.getenv(…)`,
    # then `ALLOWED_HOSTS = v.split(",")`.
    held = _held(tree, readers)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or not assigns(node, setting) or id(node) in guarded:
            continue
        for part in ast.walk(node.value):
            if isinstance(part, ast.Call) and (variable := _read_variable(part, readers)):
                return variable
            if isinstance(part, ast.Name) and part.id in held:
                return held[part.id]
    return None


def item_variable(module: Path, setting: str, key: str) -> str | None:
    """The environment variable `module` reads the `key` item of a dict it sets `setting`
    to from (DATABASES' `"HOST": os.getenv("POSTGRES_HOST", "postgres")`), default or
    not; None if it reads none so, or cannot be read or parsed."""
    tree = readable_tree(module)
    if tree is None:
        return None
    readers, _ = _env_readers(tree, module)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and assigns(node, setting)):
            continue
        for item in (n for n in ast.walk(node.value) if isinstance(n, ast.Dict)):
            for name, value in zip(item.keys, item.values, strict=True):
                if name is None or string_value(name) != key:
                    continue
                if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
                    value = value.values[0]  # `os.environ.get("HOST") or "127.0.0.1"`
                if isinstance(value, ast.Subscript) and is_os_environ(value.value):
                    read = string_value(value.slice)
                else:
                    read = _read_variable(value, readers) if isinstance(value, ast.Call) else None
                if read:
                    return read
    return None


def _held(tree: ast.Module, readers: set[str]) -> dict[str, str]:
    """The names that hold a read (`hosts = os.getenv("HOSTS")`, `if v := env("V"):`), with
    the variable each reads."""
    held: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.NamedExpr) and isinstance(node.value, ast.Call):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if variable := _read_variable(node.value, readers):
                held |= {t.id: variable for t in targets if isinstance(t, ast.Name)}
    return held


def unless_variable(module: Path, setting: str) -> str | None:
    """The variable whose truth skips the block that sets `setting` (`if not DEBUG:`
    where `DEBUG = env("DEBUG")`, or `if not env.bool("DEBUG")`); None if no such block
    sets it, or `module` cannot be read or parsed."""
    tree = readable_tree(module)
    if tree is None:
        return None
    readers, _ = _env_readers(tree, module)
    held = _held(tree, readers)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.If) and isinstance(node.test, ast.UnaryOp)):
            continue
        tested = node.test.operand
        variable = (
            held.get(tested.id) if isinstance(tested, ast.Name)
            else _read_variable(tested, readers) if isinstance(tested, ast.Call)
            else None
        )  # fmt: skip
        sets = (n for part in node.body for n in ast.walk(part) if isinstance(n, ast.Assign))
        if (
            isinstance(node.test.op, ast.Not)
            and variable
            and any(assigns(n, setting) for n in sets)
        ):
            return variable
    return None


def _read_variable(call: ast.Call, readers: set[str]) -> str | None:
    """The variable `call` reads from the environment, if it reads one by name, or one a
    database URL reader reads unnamed: `env.db()`, `dj_database_url.config()`."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "config" and _is_name(func.value):
        said = [k.value for k in call.keywords if k.arg == "env"]  # DEFAULT_ENV: its own
        default = not said or getattr(said[0], "attr", getattr(said[0], "id", "")) == "DEFAULT_ENV"
        return _DATABASE_VARIABLE if default else string_value(said[0])
    if not _reads_environment(call, readers):
        return None
    if call.args:
        return string_value(call.args[0])
    return _DATABASE_VARIABLE if isinstance(func, ast.Attribute) and func.attr in _DB else None


def _is_name(node: ast.expr, name: str = "dj_database_url") -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _reads_environment(call: ast.Call, readers: set[str]) -> bool:
    return _is_os_get(call.func) or _reader_of(call) in readers


def _is_os_get(func: ast.expr) -> bool:
    """Whether `func` is `os.environ.get` or `os.getenv` (`environ.get` or `getenv`, as
    `from os import …` names them)."""
    if isinstance(func, ast.Name):
        return func.id == "getenv"
    return isinstance(func, ast.Attribute) and (
        (func.attr == "get" and is_os_environ(func.value))
        or (func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os")
    )


def _reads(tree: ast.Module, module: Path) -> Iterator[tuple[int, int, str, str]]:
    """Each read with no default: where it is (line, column), the name it reads, and a
    value its reader takes."""
    readers, schemes = _env_readers(tree, module)
    guarded = _guarded(tree, readers)
    fixed = fixed_values(tree)
    for node in (node for node in ast.walk(tree) if id(node) not in guarded):
        if isinstance(node, ast.Subscript) and is_os_environ(node.value):
            key = string_value(node.slice) if isinstance(node.ctx, ast.Load) else None
            if key is not None:
                yield node.lineno, node.col_offset, key, placeholder(key, node, fixed)
        elif isinstance(node, ast.Call) and _reader_of(node) in readers:
            if len(node.args) > 1 or any(k.arg == "default" for k in node.keywords):
                continue
            key = _read_variable(node, readers)  # `env.db()` reads DATABASE_URL
            if key is not None and key not in schemes:
                yield node.lineno, node.col_offset, key, placeholder(key, node, fixed)
        elif call := _needed_get(node):
            key = string_value(call.args[0])
            if key is not None:
                yield call.lineno, call.col_offset, key, placeholder(key, call, fixed)


def _needed_get(node: ast.AST) -> ast.Call | None:
    """`os.environ.get("KEY")` or `os.getenv("KEY")` with no default, where the None it
    gives when KEY is unset cannot do: used at once (`.split()`), or as Django's
    SECRET_KEY, which must not be empty."""
    if isinstance(node, ast.Attribute) or (
        isinstance(node, ast.Assign) and assigns(node, "SECRET_KEY")
    ):
        return os_get(node.value)
    return None


def os_get(value: ast.expr) -> ast.Call | None:
    """`value`, if it is `os.environ.get("KEY")` or `os.getenv("KEY")` with no default."""
    if isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords:
        return value if _is_os_get(value.func) else None
    return None


def _guarded(tree: ast.Module, readers: set[str]) -> set[int]:
    """The nodes (their ids) that run only when a test of the environment passes, which an
    unset variable leaves off: the body of `if os.environ.get("ADMINS"):`, `if
    env.bool("ENABLE_EMAIL", False):`, `if "KEY" in os.environ:`, `if USE_S3:` where
    `USE_S3 = env.bool("USE_S3", False)`, or of such an `a if … else b`; and the else of
    such a test negated, `if not DEBUG:`, whose body an unset variable runs."""
    held = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
        and _reads_environment(node.value, readers)
        for target in node.targets if isinstance(target, ast.Name)
    }  # fmt: skip
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If | ast.IfExp) and any(
            _reads_environment(n, readers) if isinstance(n, ast.Call)
            else (isinstance(n, ast.Compare) and any(map(is_os_environ, n.comparators)))
            or (isinstance(n, ast.Name) and n.id in held)
            for n in ast.walk(node.test)
        ):  # fmt: skip
            # `if not DEBUG:` runs when it is unset: what its else holds does not.
            negated = isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not)
            body: list[ast.stmt] | list[ast.expr] = (
                (node.orelse if negated else node.body)
                if isinstance(node, ast.If)
                else [node.orelse if negated else node.body]
            )
            guarded |= {id(inner) for part in body for inner in ast.walk(part)}
    return guarded


def _env_readers(
    tree: ast.Module, module: Path | None = None, depth: int = _MAX_REEXPORTS
) -> tuple[set[str], set[str]]:
    """The names that read the environment when called (`env` of `env = Env()`, decouple's
    `config`; `Env()` itself, called at once), and the settings the Env() schemes give
    defaults to. With the file `module` of `tree`, an `env` it imports from another of
    the project's (cookiecutter-django's `from .base import env`, `from config.env import
    env`) is one too, through a few modules that import it in turn."""
    readers, schemes = {_ANONYMOUS, *environ_readers(tree)}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "decouple":
            readers |= {a.asname or a.name for a in node.names if a.name == "config"}
        elif isinstance(node, ast.ImportFrom) and module is not None and depth > 0:
            source = imported_file(module, node)
            other = readable_tree(source) if source else None
            theirs = _env_readers(other, source, depth - 1)[0] if other else set()
            readers |= {a.asname or a.name for a in node.names if a.name in theirs - {_ANONYMOUS}}
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and called_name(node.value) == "Env"
        ):
            readers |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            schemes |= {k.arg for k in node.value.keywords if k.arg}
    return readers, schemes


def _reader_of(call: ast.Call) -> str | None:
    """`env` of `env(...)` and of `env.str(...)`, decouple's `config` of `config(...)`, and
    `_ANONYMOUS` of `Env()(...)` and `Env().str(...)`."""
    func = call.func
    if isinstance(func, ast.Attribute):
        func = func.value
    if isinstance(func, ast.Call) and called_name(func) == "Env":
        return _ANONYMOUS
    return func.id if isinstance(func, ast.Name) else None
