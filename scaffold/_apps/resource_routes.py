"""The paths a Flask-RESTful or Flask-RESTX API routes GET to, as its code writes them:
a Resource class with a `get` method, added at a path (`api.add_resource(Ping,
"/ping")`, `@ns.route("/list")`), joined to the path of its namespace
(`api.add_namespace(ns, path="/ping")`, `Namespace("ping")`'s `/ping`), as
testdrivenio's flask-react-aws writes its users service. Read with `ast`, never run."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from scaffold._source import assigned_values, call_argument, called_name
from scaffold.frameworks.roles import string_value

__all__ = ["joined", "resource_routes"]


def resource_routes(trees: Iterable[ast.Module]) -> list[str]:
    """The paths (as written, arguments and all) at which the modules `trees` add a
    Resource that answers GET, joined to their namespaces' paths, in the order of the
    code."""
    modules = list(trees)
    nodes = [node for tree in modules for node in ast.walk(tree)]
    answering = {
        node.name
        for node in nodes
        if isinstance(node, ast.ClassDef)
        and any(isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) and f.name == "get"
                for f in node.body)
    }  # fmt: skip
    made = {name: call for tree in modules for name, call in assigned_values(tree).items()
            if isinstance(call, ast.Call)}  # fmt: skip
    by = {name: called_name(call) for name, call in made.items()}
    prefixes = _namespace_paths(nodes, {n: c for n, c in made.items() if by[n] == "Namespace"})
    for name, call in made.items():
        if by[name] != "Api":
            continue
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Name) and by.get(first.id) == "Blueprint":
            answering.clear()  # an API on a blueprint: its prefix is set elsewhere
        given = call_argument(call, "prefix")
        prefixes[name] = (string_value(given) if given is not None else None) or ""
    routes: list[str] = []
    for node in nodes:
        added = []
        if isinstance(node, ast.Call) and called_name(node) == "add_resource" and node.args:
            owner, resource = _owner(node), node.args[0]
            if isinstance(resource, ast.Name) and resource.id in answering:
                added = [(owner, string_value(path)) for path in node.args[1:]]
        elif isinstance(node, ast.ClassDef) and node.name in answering:
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and called_name(decorator) == "route":
                    added += [(_owner(decorator), string_value(p)) for p in decorator.args]
        for owner, path in added:
            if path is not None:
                routes.append(joined(prefixes.get(owner or "", ""), path))
    return list(dict.fromkeys(routes))


def _namespace_paths(nodes: list[ast.AST], namespaces: dict[str, ast.Call]) -> dict[str, str]:
    """The path of each of the `namespaces` (by the name each is held by), and of those
    added to an API: the one `add_namespace` gives it, else its own
    (`Namespace("ping", path="/p")`, else `/ping`)."""
    paths: dict[str, str] = {}
    for name, call in namespaces.items():
        own = call_argument(call, "path")
        named = string_value(call.args[0]) if call.args else None
        path = string_value(own) if own is not None else f"/{named}" if named else None
        if path is not None:
            paths[name] = path
    for node in nodes:
        if isinstance(node, ast.Call) and called_name(node) == "add_namespace" and node.args:
            namespace, given = node.args[0], call_argument(node, "path", 1)
            path = string_value(given) if given is not None else None
            if isinstance(namespace, ast.Name) and path is not None:
                paths[namespace.id] = path
    return paths


def _owner(call: ast.Call) -> str | None:
    """The name `call`'s method is called on: `ns` of `ns.add_resource(…)`."""
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    return None


def joined(prefix: str, path: str) -> str:
    """`path` below `prefix`: '/ping' and '' is '/ping'; '/users' and '/<int:id>' is
    '/users/<int:id>'."""
    joined = f"{prefix.rstrip('/')}/{path.lstrip('/')}" if path else prefix
    return joined if joined.startswith("/") else f"/{joined}"
