"""How code people wrote reads and sets the environment: what a script sets a variable
to by default (manage.py's DJANGO_SETTINGS_MODULE), and the functions a module reads
the environment with. Read with `ast`, never run."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

from scaffold._source import as_served, assigned_values, call_argument, called_name

__all__ = ["environ_default", "environ_readers", "handled_read", "is_os_environ", "read_variable"]

_CATCHING_KEYERROR = {"KeyError", "LookupError", "Exception", "BaseException"}


def environ_default(
    tree: ast.Module, key: str, environ: Mapping[str, str], unknown: str | None = None
) -> str | None:
    """The value a script gives the environment variable `key` by default, as it would
    with `environ`: `os.environ.setdefault(key, value)` or `os.environ[key] = value`,
    the value a string, a name assigned one, or `a if "X" in os.environ else b` (Azure's
    quickstart picks its production settings when WEBSITE_HOSTNAME is set); None if it
    sets none that can be read. With `unknown`, one built at run time around text of its
    own (mezzanine's `"%s.settings" % real_project_name("shop")`, `f"{name}.settings"`)
    comes with `unknown` in place of each part computed."""
    names = assigned_values(tree)
    # What a branch for `manage.py test` sets is the test runner's, not the server's.
    tests_only = {
        id(inner)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and (served := as_served(branch.test)) is not None
        for statement in (branch.orelse if served else branch.body)
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
        elif (mapping := _defaults_given(node)) and (found := _item(mapping, key, names)):
            said, value = found
        else:
            continue
        default = _string(value, names, environ, unknown=unknown)
        if _constant(said) == key and default is not None:
            return default
    return None


def _defaults_given(node: ast.AST) -> ast.expr | None:
    """The mapping whose items `node` puts in the environment: `os.environ.update(D)`, or
    `for key, value in D.items(): os.environ.setdefault(key, value)` (python-discord's
    manage.py); None if it puts none."""
    if isinstance(node, ast.Call) and len(node.args) == 1:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "update" and _is_environ(func.value):
            return node.args[0]
        return None
    if not (isinstance(node, ast.For) and isinstance(node.iter, ast.Call)):
        return None
    func = node.iter.func
    if not (isinstance(func, ast.Attribute) and func.attr == "items"):
        return None
    sets = any(
        (isinstance(inner, ast.Call) and _sets_environ_default(inner))
        or (isinstance(inner, ast.Subscript) and _is_environ(inner.value))
        for inner in ast.walk(node)
    )
    return func.value if sets else None


def _item(
    mapping: ast.expr, key: str, names: Mapping[str, ast.expr]
) -> tuple[ast.expr, ast.expr] | None:
    """(the key, its value) of `key` in the dict `mapping` is, or names."""
    if isinstance(mapping, ast.Name) and mapping.id in names:
        mapping = names[mapping.id]
    if isinstance(mapping, ast.Dict):
        for said, value in zip(mapping.keys, mapping.values, strict=True):
            if said is not None and _constant(said) == key:
                return said, value
    return None


def _string(
    node: ast.expr,
    names: Mapping[str, ast.expr],
    environ: Mapping[str, str],
    depth: int = 0,
    unknown: str | None = None,
) -> str | None:
    """The string `node` evaluates to, following names and environment tests a few deep;
    with `unknown`, a string built around text of its own, `unknown` for what is not."""
    if depth > 3:
        return None
    if isinstance(node, ast.Name) and node.id in names:
        return _string(names[node.id], names, environ, depth + 1, unknown)
    if isinstance(node, ast.IfExp) and (
        (test := _environ_test(node.test, environ)) is not None
        or (test := as_served(node.test)) is not None
    ):
        return _string(node.body if test else node.orelse, names, environ, depth + 1, unknown)
    if isinstance(node, ast.Call) and (read := read_variable(node)):
        variable, default = read
        if variable in environ:
            return environ[variable]
        return _string(default, names, environ, depth + 1, unknown) if default else None
    if isinstance(value := _constant(node), str):
        return value
    return _built(node, unknown) if unknown is not None else None


def _built(node: ast.expr, unknown: str) -> str | None:
    """The text of a string built at run time, `unknown` for each part computed:
    `"%s.settings" % x`, `"{}.settings".format(x)`, `f"{x}.settings"`, `x + ".settings"`;
    None if `node` is none of these, or has no text of its own."""
    text = None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        said = _constant(node.left)
        text = re.sub(r"%[sr]", unknown, said) if isinstance(said, str) else None
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        said = _constant(node.func.value) if node.func.attr == "format" else None
        text = re.sub(r"\{[^{}]{0,100}\}", unknown, said) if isinstance(said, str) else None
    elif isinstance(node, ast.JoinedStr):
        parts = [_constant(part) for part in node.values]
        text = "".join(part if isinstance(part, str) else unknown for part in parts)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = [_constant(side) for side in (node.left, node.right)]
        text = "".join(side if isinstance(side, str) else unknown for side in sides)
    return text if text and text.replace(unknown, "") else None


def read_variable(call: ast.Call) -> tuple[str, ast.expr | None] | None:
    """(the variable, its default) of a read of the environment: `os.getenv("X", d)`,
    `os.environ.get("X")`, python-decouple's `config("X", default=d)`; else None."""
    reads = called_name(call) == "config" or _reads_environ(call)
    variable = _constant(call.args[0]) if reads and call.args else None
    if not isinstance(variable, str):
        return None
    return variable, call_argument(call, "default", 1)


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


def handled_read(tree: ast.Module, line: int) -> str | None:
    """The variable whose absence the code holding `line` turns into an error of its
    own: an `os.environ["KEY"]` read in a `try:` whose KeyError's handler (`except
    KeyError:`, a class above it, a bare `except:`, or one naming it among others) holds
    `line` (`raise RuntimeError("Could not find a SECRET_KEY…")`), or an `if` that tests
    the variable is unset (`if os.getenv("DATABASE_URL") is None:`, `if not
    os.environ.get("KEY"):`, `if "KEY" not in os.environ:`) and holds `line` in its
    body, or an `assert` at `line` that it is set; None if `line` is in none."""
    assigned = assigned_values(tree)  # `if not DATABASE_URL:` of a name a read went into
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and node.body:
            held = node.body[0].lineno <= line <= (node.body[-1].end_lineno or 0)
            if held and (unset := _unset_test(node.test, assigned)):
                return unset
        if isinstance(node, ast.Assert) and node.lineno <= line <= (node.end_lineno or 0):
            return _unset_test(_negated(node.test), assigned)
        if not isinstance(node, ast.Try):
            continue
        for handler in node.handlers:
            caught = handler.type
            names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
            keyerror = caught is None or any(
                isinstance(n, ast.Name) and n.id in _CATCHING_KEYERROR for n in names
            )
            if not keyerror or not handler.lineno <= line <= (handler.end_lineno or 0):
                continue
            for read in (n for statement in node.body for n in ast.walk(statement)):
                if (
                    isinstance(read, ast.Subscript)
                    and is_os_environ(read.value)
                    and isinstance(read.slice, ast.Constant)
                    and isinstance(read.slice.value, str)
                ):
                    return read.slice.value
    return None


def _unset_test(test: ast.expr, names: Mapping[str, ast.expr]) -> str | None:
    """The variable a test is true without: `not os.getenv("X")`, `os.environ.get("X")
    is None` (or `== None`, `== ""`), each of the read or of a name in `names` it went
    into (`DATABASE_URL = os.environ.get("DATABASE_URL")`), `"X" not in os.environ`;
    None for any other test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _read_name(_env_read(test.operand, names))
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    op, right = test.ops[0], test.comparators[0]
    if isinstance(op, ast.NotIn) and _is_environ(right):
        name = _constant(test.left)
        return name if isinstance(name, str) else None
    empty = isinstance(right, ast.Constant) and right.value in (None, "")
    if isinstance(op, (ast.Is, ast.Eq)) and empty:
        return _read_name(_env_read(test.left, names))
    return None


def _negated(test: ast.expr) -> ast.expr:
    """The test true where `test` is false (`"X" not in os.environ` of `"X" in os.environ`)."""
    flipped = {ast.In: ast.NotIn, ast.IsNot: ast.Is, ast.NotEq: ast.Eq}
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in flipped:
        return ast.Compare(test.left, [flipped[type(test.ops[0])]()], test.comparators)
    return ast.UnaryOp(ast.Not(), test)


def _env_read(node: ast.expr, names: Mapping[str, ast.expr]) -> ast.Call | None:
    """`node`, or what the name it is was assigned, if it is `os.getenv(…)` or
    `os.environ.get(…)`; None if not."""
    value = names.get(node.id, node) if isinstance(node, ast.Name) else node
    return value if isinstance(value, ast.Call) and _reads_environ(value) else None


def _read_name(read: ast.Call | None) -> str | None:
    """The variable `os.getenv("X")` or `os.environ.get("X")` reads, when named as a string."""
    name = _constant(read.args[0]) if read is not None and read.args else None
    return name if isinstance(name, str) else None


def is_os_environ(node: ast.expr) -> bool:
    """Whether `node` is `os.environ`, or `environ` as `from os import environ` names it."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr == "environ" and node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "environ"


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
