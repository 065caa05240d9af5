"""The paths a Flask app's code routes GET to, read with `ast` from its modules, never
run: on the app, on its blueprints below their prefixes, and its REST API's resources."""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator
from itertools import islice

from scaffold._apps.detect import App
from scaffold._apps.resource_routes import joined, resource_routes
from scaffold._source import assigned_values, call_argument, called_name
from scaffold.frameworks.roles import string_value

__all__ = ["LITERAL", "flask_routes", "flask_trees"]

LITERAL = re.compile(r"[\w./-]{0,200}")
"""A path with no argument, as a route may be checked as it is written."""
_MAX_SAID = 5
"""The most paths a hint names."""
_MAX_FILES = 200
"""The most of a Flask project's modules read for its routes and its SERVER_NAME."""
_APP_NAMES = ("app", "application")
"""The names Flask apps are held by, in code that routes on them."""
_REGISTERS = ("register_blueprint", "register_api")
"""Flask's registration of a blueprint, and flask-openapi3's of its APIBlueprint."""
_ROUTING = {
    *_REGISTERS, "route", "get", "post", "put", "patch", "delete", "add_url_rule",
    "as_view", "add_resource", "add_namespace", "Api", "register", "init_app",
}  # fmt: skip
"""What routes a page, or may: Flask's decorators and registrations, REST APIs', and
an extension's `init_app` or `register` (Flask-Admin's views, a docs UI)."""


def flask_trees(app: App, *, importing: bool = False) -> Iterator[ast.Module]:
    """The parsed modules of a Flask app: its own, those at the project's root (with
    `importing`, only those that import it, as a views.py's `from app import app` does;
    not another app's, as a folder of examples holds), and its package's."""
    from scaffold._source import imported_module_names, imported_modules, parsed

    name = app.found.wsgi.partition(":")[0].split(".")[0]
    own = app.module_path(name)
    trees = [parsed(own)] if own is not None else []
    for file in islice(sorted(app.root.glob("*.py")), _MAX_FILES):
        tree = parsed(file) if file != own else None
        if tree is not None and (not importing or name in imported_modules(tree)):
            trees.append(tree)
    packages = [own.parent] if own is not None and own.name == "__init__.py" else []
    if importing and own is not None and trees[0] is not None:  # the packages it imports
        imported = (app.module_path(top) for top in sorted(imported_modules(trees[0])))
        packages += [init.parent for init in imported if init and init.name == "__init__.py"]
        # and the modules it names of folders without an __init__.py (namespace packages:
        # `from resources.item import blp`, resources/ holding modules alone)
        named = {app.module_path(name) for name in imported_module_names(trees[0])}
        read = {own, *app.root.glob("*.py")}
        inside = [f for f in named if f and f not in read and not set(f.parents) & {*packages}]
        trees += map(parsed, sorted(inside))
    for package in dict.fromkeys(packages):
        trees += map(parsed, islice(sorted(package.rglob("*.py")), _MAX_FILES))
    return filter(None, trees)


def flask_routes(app: App) -> list[str] | None:
    """The paths without arguments a Flask app's code routes GET to: on the app itself
    (`@app.route("/health")`, `@app.get("/docs")`), on its blueprints below their
    prefixes, and its REST API's resources, in the order of the code, at most five.
    None when its code has no call at all that routes, or may (a route or method's
    decorator, a URL rule, a blueprint, a view or an API registered, an extension's
    init_app); [] for another framework, or code that cannot be read."""
    if app.kind.framework.name != "flask":
        return []
    trees = list(flask_trees(app, importing=True))
    nodes = [node for tree in trees for node in ast.walk(tree)]
    if trees and not any(isinstance(n, ast.Call) and called_name(n) in _ROUTING for n in nodes):
        return None
    routed: list[str] = []
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                path = _get_route(decorator)
                if path is not None and path not in routed:
                    routed.append(path)
        elif (rule := _url_rule(node, _APP_NAMES)) and rule[1] not in routed:
            routed.append(rule[1])
    # Its blueprints' (flask-openapi3's APIBlueprint's too), then a REST API's resources
    # (Flask-RESTful's, Flask-RESTX's namespaces').
    for path in [*_blueprint_routes(trees), *resource_routes(trees)]:
        if LITERAL.fullmatch(path) and path not in routed:
            routed.append(path)
    return routed[:_MAX_SAID]


def _get_route(decorator: ast.expr, owners: Collection[str] = _APP_NAMES) -> str | None:
    """The path of `@app.route(path)` (for GET) or `@app.get(path)`, if it has no argument;
    on a name among `owners` (the app's, or a blueprint's)."""
    if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
        return None
    on, verb = decorator.func.value, decorator.func.attr
    if not (isinstance(on, ast.Name) and on.id in owners and verb in ("route", "get")):
        return None
    path = string_value(decorator.args[0]) if decorator.args else None
    return path if path and _gets(decorator) and _literal(path) else None


def _url_rule(node: ast.AST, owners: Collection[str]) -> tuple[str, str] | None:
    """(the owner, the path) of `owner.add_url_rule(path, view_func=…)` for GET, on a name
    among `owners`, if the path has no argument (class-based views, MethodView's, are
    routed so: miguelgrinberg's and realpython's APIs)."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add_url_rule"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in owners
    ):
        return None
    rule = node.args[0] if node.args else call_argument(node, "rule")
    path = string_value(rule) if rule is not None else None
    return (node.func.value.id, path) if path and _gets(node) and _literal(path) else None


def _gets(call: ast.Call) -> bool:
    """Whether a route's call takes GET: it names no methods, or GET among them."""
    methods = call_argument(call, "methods")
    return methods is None or (
        isinstance(methods, (ast.List, ast.Tuple, ast.Set))
        and any(string_value(m) in ("GET", "get") for m in methods.elts)
    )


def _literal(path: str) -> bool:
    """Whether `path` is a route's path with no argument."""
    return path.startswith("/") and LITERAL.fullmatch(path) is not None


def _blueprint_routes(trees: list[ast.Module]) -> list[str]:
    """The paths the blueprints of the modules `trees` route GET to (`@bp.get("/book")`),
    below the prefix their registration gives them (`app.register_blueprint(bp,
    url_prefix="/api")`), else their own (`Blueprint("api", __name__, url_prefix="/api")`),
    in the order of the code."""
    made = {
        name: call
        for tree in trees
        for name, call in assigned_values(tree).items()
        if isinstance(call, ast.Call) and (called_name(call) or "").endswith("Blueprint")
    }
    prefixes = {name: _prefix(call) for name, call in made.items()}
    nodes = [node for tree in trees for node in ast.walk(tree)]
    for node in nodes:
        if isinstance(node, ast.Call) and called_name(node) in _REGISTERS and node.args:
            first, given = node.args[0], _prefix(node)
            if isinstance(first, ast.Name) and first.id in made and given:
                prefixes[first.id] = given
    routes = []
    for node in nodes:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                path = _get_route(decorator, made)
                func = decorator.func if isinstance(decorator, ast.Call) else None
                owner = func.value if isinstance(func, ast.Attribute) else None
                if path is not None and isinstance(owner, ast.Name):
                    routes.append(joined(prefixes[owner.id], path))
        elif rule := _url_rule(node, made):
            routes.append(joined(prefixes[rule[0]], rule[1]))
    return routes


def _prefix(call: ast.Call) -> str:
    """The `url_prefix` a call gives, if a string; else ''."""
    given = call_argument(call, "url_prefix")
    return (string_value(given) if given is not None else None) or ""
