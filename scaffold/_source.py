"""Reading the Python code of projects scaffold did not write, without importing or running it.

The frameworks' discovery (`scaffold.frameworks`) and compare's sizes parse what they
read with `ast`, a megabyte per file at most.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from scaffold._files import python_tree, read_project_file, read_within
from scaffold.errors import InputError

__all__ = [
    "EXCEPTION_LINE",
    "IMPORT_STRING",
    "MAX_SOURCE_BYTES",
    "MODULE",
    "PYTHON_2_MODULES",
    "SRC",
    "as_served",
    "assigned_calls",
    "called_name",
    "imported_module_names",
    "imported_modules",
    "imported_names",
    "listed_names",
    "module_file",
    "parsed",
    "readable_tree",
    "setup_argument",
    "sources_of",
]

SRC = "src"
"""The folder a src layout keeps its packages in, as the Python Packaging Guide has it."""
MODULE = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")
"""A dotted module name, as settings modules and --app take them."""
IMPORT_STRING = re.compile(r"(?P<module>[A-Za-z_][\w.-]*)(:(?P<attr>[A-Za-z_]\w*(\(.*\))?))?")
"""Flask's and gunicorn's `module:name` or `module:factory(args)`; the module may be a
file named as no `import` statement could name it (`rest-server`): both import it."""
EXCEPTION_LINE = re.compile(
    r"^\s*(?:(?:\w+\.){0,5}\w*(?:Error|Exception)|(?:\w+\.){1,5}\w*error): .{1,300}$",
    re.MULTILINE,
)
"""A traceback's last line, as Python prints an exception (`OSError: Error reading …`,
or a module's lower-case one: `re.error: …`, `socket.gaierror: …`), in what a server or
a build printed, indented or not."""
MAX_SOURCE_BYTES = 1024 * 1024
"""The most of one source file read: a larger one is not parsed."""
_MAX_IMPORT_LEVELS = 4
"""How many folders above a module an absolute import of the project is looked for in."""

# Python 2's standard-library modules that Python 3 renamed or merged, with their Python 3
# names: the most used of those 2to3's fix_imports renames.
PYTHON_2_MODULES = {
    "urlparse": "urllib.parse", "urllib2": "urllib.request", "httplib": "http.client",
    "StringIO": "io", "cStringIO": "io", "cPickle": "pickle", "ConfigParser": "configparser",
    "Queue": "queue", "HTMLParser": "html.parser", "htmlentitydefs": "html.entities",
    "Cookie": "http.cookies", "cookielib": "http.cookiejar", "SocketServer": "socketserver",
    "BaseHTTPServer": "http.server", "SimpleHTTPServer": "http.server",
    "xmlrpclib": "xmlrpc.client", "__builtin__": "builtins", "copy_reg": "copyreg",
    "robotparser": "urllib.robotparser", "Tkinter": "tkinter", "thread": "_thread",
    "UserDict": "collections.UserDict", "UserList": "collections.UserList",
}  # fmt: skip


def parsed(path: Path) -> ast.Module | None:
    """The syntax tree of the Python file `path`, or None if it is not valid Python or
    over 1 MiB; InputError if it cannot be read."""
    source = read_within(path, MAX_SOURCE_BYTES, read=read_project_file)
    return None if source is None else python_tree(source, str(path))


def readable_tree(path: Path) -> ast.Module | None:
    """`parsed`, with a file that cannot be read taken as one that cannot be parsed: for
    advice, which never fails for a file it could not read."""
    try:
        return parsed(path)
    except InputError:
        return None


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


def assigned_values(tree: ast.Module) -> dict[str, ast.expr]:
    """What each name the module assigns, anywhere in it, is set to (its last `name =
    value`), by name."""
    return {
        target.id: node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def call_argument(call: ast.Call, keyword: str, position: int | None = None) -> ast.expr | None:
    """The argument `call` is given as `keyword`, else at `position`; None if neither."""
    given = next((k.value for k in call.keywords if k.arg == keyword), None)
    if given is None and position is not None and len(call.args) > position:
        return call.args[position]
    return given


def imported_modules(tree: ast.Module) -> set[str]:
    """The top-level packages a module's absolute imports name (`os` of `import os.path`)."""
    return {name.split(".")[0] for name in imported_module_names(tree)}


def imported_module_names(tree: ast.Module) -> set[str]:
    """The modules a module's absolute imports name, whole (`os.path`, `shop.config` of
    `from shop.config import app`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
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


def setup_argument(tree: ast.Module, keyword: str) -> ast.expr | None:
    """What a setup.py gives `setup()` as `keyword` (its `name=`, its `install_requires=`),
    as written; None if it gives none."""
    return next(
        (
            given.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and called_name(node) == "setup"
            for given in node.keywords
            if given.arg == keyword
        ),
        None,
    )


def as_served(test: ast.expr) -> bool | None:
    """What a test of the command line for Django's `test` command gives when the command
    is a server's: False for `"test" in sys.argv` and `sys.argv[1] == "test"`, True for
    `not in` and `!=` (djangonaut-space's `"….test" if "test" in sys.argv else "….dev"`);
    None for any other test."""
    if isinstance(test, ast.BoolOp):  # `len(sys.argv) > 1 and sys.argv[1] == "test"`
        values = [as_served(value) for value in test.values]
        decides = isinstance(test.op, ast.Or)  # an And is decided by a False, an Or a True
        return decides if decides in values else None
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = as_served(test.operand)
        return None if inner is None else not inner
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    nodes = list(ast.walk(test))
    argv = any(isinstance(n, ast.Attribute) and n.attr == "argv" for n in nodes)
    if not argv or not any(isinstance(n, ast.Constant) and n.value == "test" for n in nodes):
        return None
    if isinstance(test.ops[0], ast.In | ast.Eq):
        return False
    return True if isinstance(test.ops[0], ast.NotIn | ast.NotEq) else None
