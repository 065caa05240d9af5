"""Reading the Python code of projects scaffold did not write, without importing or running it.

The frameworks' discovery (`scaffold.frameworks`) and compare's sizes parse what they
read with `ast`, a megabyte per file at most.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from pathlib import Path

from scaffold._files import python_tree, read_project_file, read_within

__all__ = [
    "EXCEPTION_LINE",
    "IMPORT_STRING",
    "MAX_SOURCE_BYTES",
    "MODULE",
    "SRC",
    "assigned_calls",
    "called_name",
    "environ_default",
    "environ_readers",
    "imported_modules",
    "imported_names",
    "is_os_environ",
    "listed_names",
    "module_file",
    "parsed",
    "sources_of",
]

SRC = "src"
"""The folder a src layout keeps its packages in, as the Python Packaging Guide has it."""
MODULE = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")
"""A dotted module name, as settings modules and --app take them."""
IMPORT_STRING = re.compile(r"(?P<module>[A-Za-z_][\w.-]*)(:(?P<attr>[A-Za-z_]\w*(\(.*\))?))?")
"""Flask's and gunicorn's `module:name` or `module:factory(args)`; the module may be a
file named as no `import` statement could name it (`rest-server`): both import it."""
EXCEPTION_LINE = re.compile(r"^\s*(?:\w+\.){0,5}\w*(?:Error|Exception): .{1,300}$", re.MULTILINE)
"""A traceback's last line, as Python prints an exception (`OSError: Error reading …`),
in what a server or a build printed, indented or not."""
MAX_SOURCE_BYTES = 1024 * 1024
"""The most of one source file read: a larger one is not parsed."""
_MAX_IMPORT_LEVELS = 4
"""How many folders above a module an absolute import of the project is looked for in."""


def parsed(path: Path) -> ast.Module | None:
    """The syntax tree of the Python file `path`, or None if it is not valid Python or
    over 1 MiB; InputError if it cannot be read."""
    source = read_within(path, MAX_SOURCE_BYTES, read=read_project_file)
    return None if source is None else python_tree(source, str(path))


def module_file(root: Path, module: str) -> Path | None:
    """The file of `module` below `root` (a module or a package's __init__.py), if there is one."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_file(module: Path, node: ast.ImportFrom) -> Path | None:
    """The project's file that `from … import` in the file `module` imports from: a
    relative import from `module`'s package, an absolute one from the first folder above
    `module` that holds it (the project's root, which runs it); None if none does."""
    if not node.module:
        return None  # `from . import x`: x is a module, not a name in one
    if node.level:
        base = module.parents[node.level - 1] if node.level <= len(module.parents) else None
        return module_file(base, node.module) if base else None
    folders = list(module.parents)[:_MAX_IMPORT_LEVELS]
    return next(filter(None, (module_file(folder, node.module) for folder in folders)), None)


def sources_of(module: Path, tree: ast.Module, name: str | None = None) -> list[Path]:
    """The project's files whose names `from … import *` in `module` (parsed as `tree`)
    binds as its own, and with `name`, the file `from … import name` takes it from."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and any(
            alias.name == "*" or (name is not None and (alias.asname or alias.name) == name)
            for alias in node.names
        ):
            file = imported_file(module, node)
            if file is not None and file != module:
                found.append(file)
    return found


def listed_names(tree: ast.Module, name: str) -> set[str] | None:
    """The strings a top-level `name = [...]` (or a tuple) lists, as `__all__` lists a
    module's public names; None if the module sets no such literal."""
    for node in tree.body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, (ast.List, ast.Tuple)):
            continue
        if any(isinstance(target, ast.Name) and target.id == name for target in node.targets):
            elements = node.value.elts
            return {
                e.value
                for e in elements
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
    return None


def assigned_calls(tree: ast.Module) -> dict[str, ast.Call]:
    """Top-level `name = call(...)` assignments, by name."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value
    return found


def imported_modules(tree: ast.Module) -> set[str]:
    """The top-level packages a module's absolute imports name (`os` of `import os.path`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def imported_names(tree: ast.Module) -> set[str]:
    """The names top-level `from ... import` statements bind (not `*`)."""
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name != "*"
    }


def called_name(call: ast.Call) -> str | None:
    """The name a call calls: `f` of `f()` and of `module.f()`."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def environ_default(tree: ast.Module, key: str, environ: Mapping[str, str]) -> str | None:
    """The value a script gives the environment variable `key` by default, as it would
    with `environ`: `os.environ.setdefault(key, value)` or `os.environ[key] = value`,
    the value a string, a name assigned one, or `a if "X" in os.environ else b` (Azure's
    quickstart picks its production settings when WEBSITE_HOSTNAME is set); None if it
    sets none that can be read."""
    names = {
        target.id: node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    # What a branch for `manage.py test` sets is the test runner's, not the server's.
    tests_only = {
        id(inner)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and _tests_the_test_command(branch.test)
        for statement in branch.body
        for inner in ast.walk(statement)
    }
    for node in ast.walk(tree):
        if id(node) in tests_only:
            continue
        if isinstance(node, ast.Call) and _sets_environ_default(node):
            said, value = node.args
        elif isinstance(node, ast.Assign) and isinstance(target := node.targets[0], ast.Subscript):
            if not _is_environ(target.value):
                continue
            said, value = target.slice, node.value
        else:
            continue
        if _constant(said) == key and (default := _string(value, names, environ)) is not None:
            return default
    return None


def _string(
    node: ast.expr, names: Mapping[str, ast.expr], environ: Mapping[str, str], depth: int = 0
) -> str | None:
    """The string `node` evaluates to, following names and environment tests a few deep."""
    if depth > 3:
        return None
    if isinstance(node, ast.Name) and node.id in names:
        return _string(names[node.id], names, environ, depth + 1)
    if isinstance(node, ast.IfExp) and (test := _environ_test(node.test, environ)) is not None:
        return _string(node.body if test else node.orelse, names, environ, depth + 1)
    if isinstance(node, ast.Call) and (read := _read_variable(node)):
        variable, default = read
        if variable in environ:
            return environ[variable]
        return _string(default, names, environ, depth + 1) if default else None
    return value if isinstance(value := _constant(node), str) else None


def _read_variable(call: ast.Call) -> tuple[str, ast.expr | None] | None:
    """(the variable, its default) of a read of the environment: `os.getenv("X", d)`,
    `os.environ.get("X")`, python-decouple's `config("X", default=d)`; else None."""
    reads = called_name(call) == "config" or _reads_environ(call)
    variable = _constant(call.args[0]) if reads and call.args else None
    if not isinstance(variable, str):
        return None
    given = [k.value for k in call.keywords if k.arg == "default"] or call.args[1:2]
    return variable, (given[0] if given else None)


def _tests_the_test_command(test: ast.expr) -> bool:
    """Whether an `if` tests the command line for Django's `test` command:
    `sys.argv[1] == "test"`, `"test" in sys.argv`."""
    nodes = list(ast.walk(test))
    argv = any(isinstance(n, ast.Attribute) and n.attr == "argv" for n in nodes)
    return argv and any(_constant(n) == "test" for n in nodes if isinstance(n, ast.expr))


def _environ_test(test: ast.expr, environ: Mapping[str, str]) -> bool | None:
    """What a test of the environment gives with `environ`: `"X" in os.environ`,
    `os.environ.get("X")`, `os.getenv("X")`; None for any other test."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In):
        variable = _constant(test.left)
        is_read = _is_environ(test.comparators[0])
        return variable in environ if isinstance(variable, str) and is_read else None
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.args:
        variable, func = _constant(test.args[0]), test.func
        is_read = (func.attr == "get" and _is_environ(func.value)) or (
            func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os"
        )
        return bool(environ.get(variable)) if isinstance(variable, str) and is_read else None
    return None


def environ_readers(tree: ast.Module) -> set[str]:
    """The functions `tree` defines that read the environment variable their first
    parameter names: Two Scoops of Django's `get_env_variable(var_name)`, which returns
    `os.environ[var_name]`, Tandoor's `extract_comma_list(key, default)`."""
    found = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        first = node.args.args[0].arg
        for inner in ast.walk(node):
            read = None
            if isinstance(inner, ast.Subscript) and is_os_environ(inner.value):
                read = inner.slice
            elif isinstance(inner, ast.Call) and inner.args and _reads_environ(inner):
                read = inner.args[0]
            if isinstance(read, ast.Name) and read.id == first:
                found.add(node.name)
                break
    return found


def is_os_environ(node: ast.expr) -> bool:
    """Whether `node` is `os.environ`."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _sets_environ_default(call: ast.Call) -> bool:
    """Whether `call` is `os.environ.setdefault(key, value)`, not another mapping's."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "setdefault"
        and _is_environ(func.value)
        and len(call.args) == 2
    )


def _reads_environ(call: ast.Call) -> bool:
    """Whether `call` is `os.getenv(…)` or `os.environ.get(…)`."""
    func = call.func
    return called_name(call) == "getenv" or (
        isinstance(func, ast.Attribute) and func.attr == "get" and _is_environ(func.value)
    )


def _is_environ(node: ast.expr) -> bool:
    """Whether `node` is `os.environ`, or `environ` imported from os."""
    return is_os_environ(node) or (isinstance(node, ast.Name) and node.id == "environ")


def _constant(node: ast.expr) -> object:
    return node.value if isinstance(node, ast.Constant) else None
