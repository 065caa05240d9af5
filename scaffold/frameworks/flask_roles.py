"""Where a Flask app keeps each role, read from its code as Flask would find it.

- app: `Flask(...)` assigned, and any `create_app` / `make_app` factory;
- routes: the route decorators (`@app.route`, `@bp.get` ...), `add_url_rule` and
  `register_blueprint` calls;
- the view for "/": the function routed at "/", decorators and all;
- settings: what sets `app.config` (items, `update`, `from_object` and the other
  loaders) and the config classes (`class Config`);
- entry point: the module the servers load (`wsgi.py`, `app.py`, the package).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from scaffold.frameworks.flask_scripts import FACTORIES
from scaffold.frameworks.record import Found
from scaffold.frameworks.roles import (
    Snippet,
    Source,
    calls,
    module_sources,
    node_snippet,
    string_value,
)

__all__ = ["flask_roles"]

_ROUTE_METHODS = {"route", "get", "post", "put", "patch", "delete"}
_ROUTING_CALLS = {"add_url_rule", "register_blueprint"}
_CONFIG_LOADERS = {
    "update", "from_object", "from_mapping", "from_pyfile", "from_envvar", "from_file",
    "from_prefixed_env", "setdefault",
}  # fmt: skip


def flask_roles(sources: Mapping[str, Source], found: Found) -> dict[str, tuple[Snippet, ...]]:
    """The snippets of each role in a Flask project's `sources` (by path), served as `found`."""
    roles: dict[str, list[Snippet]] = {role: [] for role in ("app", "routes", "root_view")}
    roles["settings"] = []
    for source in sources.values():
        for node in ast.walk(source.tree):
            if isinstance(node, ast.stmt):
                for role in _roles_of(node):
                    roles[role].append(node_snippet(source, node))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                routed = [d for d in node.decorator_list if _route_rule(d) is not None]
                roles["routes"] += [node_snippet(source, d) for d in routed]
                if any(_route_rule(d) == "/" for d in routed):
                    roles["root_view"].append(node_snippet(source, node))
    entry = module_sources(sources).get(found.wsgi.partition(":")[0])
    result = {role: tuple(sorted(snippets)) for role, snippets in roles.items()}
    result["entry_point"] = (entry.whole(),) if entry else ()
    return result


def _method(call: ast.Call) -> str | None:
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _roles_of(node: ast.stmt) -> list[str]:
    """The roles a statement plays by itself: making the app, routing, setting config."""
    roles = []
    if (isinstance(node, ast.Assign) and calls(node.value, {"Flask"})) or (
        isinstance(node, ast.FunctionDef) and node.name in FACTORIES
    ):
        roles.append("app")
    if (isinstance(node, ast.ClassDef) and node.name.endswith("Config")) or (
        isinstance(node, ast.Expr | ast.Assign) and _sets_config(node)
    ):
        roles.append("settings")
    if (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and _method(node.value) in _ROUTING_CALLS
    ):
        roles.append("routes")
    return roles


def _route_rule(decorator: ast.expr) -> str | None:
    """The rule a route decorator routes (`"/"` of `@app.route("/")`), '' if not a string
    literal; None if it is not a route decorator."""
    if not (isinstance(decorator, ast.Call) and _method(decorator) in _ROUTE_METHODS):
        return None
    return string_value(decorator.args[0] if decorator.args else None) or ""


def _sets_config(node: ast.Expr | ast.Assign) -> bool:
    """`app.config[...] = ...`, `app.config.update(...)`, `app.config.from_object(...)`."""
    if isinstance(node, ast.Assign):
        return any(
            isinstance(target, ast.Subscript) and _is_config(target.value)
            for target in node.targets
        )
    call = node.value
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in _CONFIG_LOADERS
        and _is_config(call.func.value)
    )


def _is_config(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "config"
