"""Where a Django project keeps each role, read from its code as Django would find it.

- app: the WSGI/ASGI application made (`get_wsgi_application()`, `get_asgi_application()`);
- routes: every `urlpatterns` assignment;
- the view for "/": followed from the root URLconf (its `ROOT_URLCONF`) through
  `include("app.urls")` to the view the empty path names, and found where it is
  defined (`def index`, `class Home(View)`);
- settings: the settings module the project is served with, or its
  `settings.configure(...)`;
- entry point: the module the servers load (`site1/wsgi.py`, `app.py`).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from scaffold.frameworks.record import Found
from scaffold.frameworks.roles import (
    Snippet,
    Source,
    calls,
    module_sources,
    node_snippet,
    string_value,
    walk_calls,
)

__all__ = ["django_roles"]

_APPLICATIONS = {"get_wsgi_application", "get_asgi_application"}
_ROOT_PATHS = {"", "^$", "^", "^/$"}
_MAX_INCLUDES = 8


def django_roles(sources: Mapping[str, Source], found: Found) -> dict[str, tuple[Snippet, ...]]:
    """The snippets of each role in a Django project's `sources` (by path), served as `found`."""
    modules = module_sources(sources)
    app, routes, settings = [], [], []
    for source in sources.values():
        for node in ast.walk(source.tree):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {t.id for t in targets if isinstance(t, ast.Name)}
                if "urlpatterns" in names:
                    routes.append(node_snippet(source, node))
                if calls(node.value, _APPLICATIONS):
                    app.append(node_snippet(source, node))
            elif isinstance(node, ast.Expr) and _configures(node.value):
                settings.append(node_snippet(source, node))
    chain = _settings_chain(modules, modules.get(found.settings or ""))
    if chain:
        settings = [source.whole() for source in chain]
    entry = modules.get(found.wsgi.partition(":")[0])
    return {
        "app": tuple(sorted(app)),
        "routes": tuple(sorted(routes)),
        "root_view": _root_view(modules, _root_urlconf(modules, chain)),
        "settings": tuple(sorted(settings)),
        "entry_point": (entry.whole(),) if entry else (),
    }


def _configures(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and calls(node, {"configure"}) and bool(node.keywords)


def _settings_chain(modules: Mapping[str, Source], settings: Source | None) -> list[Source]:
    """The settings module and those it takes everything from (`from .base import *`),
    as split settings are written."""
    chain: list[Source] = []
    while settings is not None and settings not in chain and len(chain) < _MAX_INCLUDES:
        chain.append(settings)
        starred = [
            node
            for node in settings.tree.body
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names)
        ]
        settings = modules.get(_absolute(settings, starred[0])) if starred else None
    return chain


def _root_urlconf(modules: Mapping[str, Source], settings: list[Source]) -> Source | None:
    """The module named by ROOT_URLCONF: in the settings modules, or in configure(...),
    where `__name__` names the module that calls it."""
    for source in settings or list(modules.values()):
        for node in ast.walk(source.tree):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "ROOT_URLCONF" for t in node.targets
            ):
                return modules.get(string_value(node.value) or "")
            if isinstance(node, ast.Call) and _configures(node):
                for keyword in node.keywords:
                    if keyword.arg == "ROOT_URLCONF":
                        value = keyword.value
                        if isinstance(value, ast.Name) and value.id == "__name__":
                            return source
                        return modules.get(string_value(value) or "")
    return None


def _root_view(modules: Mapping[str, Source], urlconf: Source | None) -> tuple[Snippet, ...]:
    """The view routed at the empty path, followed through includes, where it is defined."""
    for _ in range(_MAX_INCLUDES):
        if urlconf is None:
            return ()
        view = _empty_path_view(urlconf)
        if view is None:
            return ()
        if isinstance(view, ast.Call) and calls(view, {"include"}):
            urlconf = modules.get(string_value(view.args[0] if view.args else None) or "")
            continue
        return _definition(modules, urlconf, view)
    return ()


def _empty_path_view(urlconf: Source) -> ast.expr | None:
    """The view (or include) that `path("", ...)` / `re_path(r"^$", ...)` names."""
    for call in walk_calls(urlconf.tree):
        if (
            calls(call, {"path", "re_path", "url"})
            and len(call.args) >= 2
            and string_value(call.args[0]) in _ROOT_PATHS
        ):
            return call.args[1]
    return None


def _definition(
    modules: Mapping[str, Source], urlconf: Source, view: ast.expr
) -> tuple[Snippet, ...]:
    """Where `view` (`index`, `views.index`, `Home.as_view()`) is defined."""
    if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute):
        view = view.func.value  # Home.as_view() -> Home
    owner: Source | None
    if isinstance(view, ast.Name):
        owner, name = urlconf, view.id
        imported = _imported_from(urlconf, name)
        if imported is not None:
            owner, name = modules.get(imported[0]) or urlconf, imported[1]
    elif isinstance(view, ast.Attribute) and isinstance(view.value, ast.Name):
        module = _imported_module(urlconf, view.value.id)
        owner, name = modules.get(module or ""), view.attr
    else:
        return ()
    if owner is None:
        return ()
    for node in owner.tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and (
            node.name == name
        ):
            return (node_snippet(owner, node),)
    return ()


def _imported_from(source: Source, name: str) -> tuple[str, str] | None:
    """(module, original name) of `from module import original as name` in `source`."""
    for node in source.tree.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return _absolute(source, node), alias.name
    return None


def _imported_module(source: Source, name: str) -> str | None:
    """The module bound to `name` in `source`: `from . import views`, `import app.views as
    views`, `from app import views`."""
    for node in source.tree.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    base = _absolute(source, node)
                    return f"{base}.{alias.name}" if base else alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname == name or alias.name == name:
                    return alias.name
    return None


def _absolute(source: Source, node: ast.ImportFrom) -> str:
    """The module a `from` import reads, relative ones made absolute."""
    if not node.level:
        return node.module or ""
    package = source.module.split(".")
    if not source.path.endswith("__init__.py"):
        package = package[:-1]
    package = package[: len(package) - (node.level - 1)] if node.level > 1 else package
    return ".".join([*package, *([node.module] if node.module else [])])
