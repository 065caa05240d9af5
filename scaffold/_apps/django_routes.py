"""The paths a Django project's root URLconf routes, read from its code: for a 404 to a
path it does not route, when Django's 404 page lists none (DEBUG off)."""

from __future__ import annotations

import ast
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._apps.env_values import assigns
from scaffold._apps.flask_routes import LITERAL
from scaffold._apps.setting_hints import settings_files
from scaffold._source import called_name, readable_tree
from scaffold.frameworks.roles import string_value

__all__ = ["django_routes"]

_MAX_SAID = 5


def django_routes(app: App) -> list[str]:
    """The literal paths of the patterns in a Django project's root URLconf
    (`path("healthz/", …)`, `re_path(r"^about/$", …)`; not `<int:pk>/`), its views'
    first, then its includes', in the order of the code, at most five; [] for another
    framework, or settings or a URLconf that cannot be read."""
    urlconf = next(filter(None, map(_root_urlconf, settings_files(app))), None)
    module = app.module_path(urlconf) if urlconf else None
    tree = readable_tree(module) if module else None
    if tree is None:
        return []
    views: list[str] = []
    includes: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and assigns(node, "urlpatterns"):
            value: ast.expr = node.value
        elif isinstance(node, ast.AugAssign) and getattr(node.target, "id", "") == "urlpatterns":
            value = node.value
        else:
            continue
        for call in (n for n in ast.walk(value) if isinstance(n, ast.Call) and n.args):
            path = _path(call)
            if path is None or path in views or path in includes:
                continue
            included = any(
                isinstance(a, ast.Call) and called_name(a) == "include" for a in call.args
            )
            (includes if included else views).append(path)
    return [*views, *includes][:_MAX_SAID]


def _includes(call: ast.Call) -> bool:
    """Whether a pattern's call includes another URLconf (`include("blog.urls")`)."""
    return any(isinstance(a, ast.Call) and called_name(a) == "include" for a in call.args)


def _root_urlconf(settings: Path) -> str | None:
    """The module a settings module's ROOT_URLCONF names, if it names one as a string."""
    tree = readable_tree(settings)
    for node in tree.body if tree else []:
        if isinstance(node, ast.Assign) and assigns(node, "ROOT_URLCONF"):
            return string_value(node.value)
    return None


def _path(call: ast.Call) -> str | None:
    """'/about/' of `path("about/", …)` or `re_path(r"^about/$", …)`; None for the root,
    a path with an argument, or a call that is not a pattern's."""
    name = called_name(call) or ""
    said = string_value(call.args[0])
    if said is None or not (name.endswith("path") or name == "url"):
        return None
    said = said.removeprefix("^").removesuffix("$").removeprefix("/")
    return f"/{said}" if said and LITERAL.fullmatch(said) else None
