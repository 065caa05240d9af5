"""A Flask app in a module at a project's root with no usual name: a script its README
runs (`./rest-server.py`), which Flask and gunicorn import all the same
(`rest-server:app`)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection
from itertools import islice
from typing import TYPE_CHECKING

from scaffold.errors import UnknownProjectError, option
from scaffold.frameworks.record import Found

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "FACTORIES",
    "dash_server",
    "exported",
    "factory_sources",
    "in_a_script",
    "in_packages",
    "makes_an_app",
    "needs_arguments",
]

FACTORIES = ("create_app", "make_app")
"""The names Flask looks for an app factory under (its `find_best_app`)."""
_BUILT_ON_FLASK = frozenset({"flask", "eve", "apiflask", "flask_openapi3", "dash"})
"""Flask, and the frameworks whose app is a Flask app of a class of their own (Eve's
`Eve()`, `APIFlask()`, flask-openapi3's `OpenAPI()`), which Flask serves as its own,
or holds one (Dash's `app.server`)."""
_MAX_SCRIPTS = 100
"""The most modules at a project's root, or in its packages, looked in for an app with
no usual name."""
_MAX_NAMED = 3
"""The most apps in a project's packages an error names."""
_MAX_REEXPORTS = 2
"""How many modules deep a factory imported from another module is followed."""


def in_a_script(
    root: Path, flask_object: Callable[[ast.Module], str | None], *, skip: Collection[str]
) -> Found | None:
    """The app in a module at `root` other than those `skip` names, as `flask_object`
    finds it in a module that imports Flask: the one, else UnknownProjectError naming
    each; None if there is none."""
    from scaffold._source import IMPORT_STRING, parsed

    apps = []
    for path in sorted(root.glob("*.py"))[:_MAX_SCRIPTS]:
        if path.stem.startswith(("test", "setup", "conftest")) or path.stem in skip:
            continue
        tree = parsed(path) if IMPORT_STRING.fullmatch(path.stem) else None
        # Any module's `app` is not Flask's: one that imports Flask, or calls a factory
        # of the project's (`app = create_app("production")`), makes it.
        if tree is not None and makes_an_app(tree) and (found := flask_object(tree)):
            apps.append((path.stem, f"{path.stem}:{found}"))
    if len(apps) == 1:
        return Found("flask-single", apps[0][1], entry=apps[0][0])
    if apps:
        named, first = ", ".join(app for _, app in apps), apps[0][1]
        given = option("app", first, repr(first))
        raise UnknownProjectError(
            f"'{root}' has a Flask app in each of {named}: name one with {given}."
        )
    return None


def in_packages(root: Path, flask_object: Callable[[ast.Module], str | None]) -> list[str]:
    """The apps made in the modules of `root`'s packages (in src/ too) as `--app` names
    them (`searx.webapp:app`), which Flask finds only when named; the first few."""
    from scaffold._source import SRC, parsed

    modules = (
        path
        for source in ("", SRC)
        for init in sorted((root / source).glob("*/__init__.py"))
        for path in sorted(init.parent.glob("*.py"))
    )
    apps = []
    for path in islice(modules, _MAX_SCRIPTS):
        # A package's own app is found already; tests make apps of their own.
        if path.stem == "__init__" or path.stem.startswith(("test", "conftest")):
            continue
        tree = parsed(path) if path.stem.isidentifier() else None
        if tree is not None and _imports_flask(tree) and (found := flask_object(tree)):
            apps.append(f"{path.parent.name}.{path.stem}:{found}")
    return apps[:_MAX_NAMED]


def dash_server(tree: ast.Module, assigned: dict[str, ast.Call], flasks: list[str]) -> str | None:
    """The Flask app a module's Dash app holds, which is served, not the Dash app: the
    name it is given (`server = app.server`, as Dash's docs deploy it), else the one of
    `flasks` made to give it (`Dash(__name__, server=server)`); None without a Dash app."""
    from scaffold._source import called_name

    dash = {name for name, call in assigned.items() if called_name(call) == "Dash"}
    held = [
        target.id
        for node in tree.body
        if dash and isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute)
        and node.value.attr == "server" and isinstance(node.value.value, ast.Name)
        and node.value.value.id in dash
        for target in node.targets if isinstance(target, ast.Name)
    ]  # fmt: skip
    return next(iter(held or flasks), None) if dash else None


def exported(tree: ast.Module | None, name: str) -> bool:
    """Whether `from module import *` binds `name`: a public name, in `__all__` if the
    module lists its names there."""
    from scaffold._source import listed_names

    listed = listed_names(tree, "__all__") if tree is not None else None
    return name in listed if listed is not None else not name.startswith("_")


def makes_an_app(tree: ast.Module) -> bool:
    """Whether a module makes a Flask app: it imports Flask, or calls a factory."""
    from scaffold._source import assigned_calls, called_name

    factories = (called_name(call) for call in assigned_calls(tree).values())
    return _imports_flask(tree) or any(name in FACTORIES for name in factories)


def factory_sources(module: Path, tree: ast.Module, depth: int = 0) -> list[Path]:
    """The project's files `module` (parsed as `tree`) imports an app factory from
    (`from shop import create_app` in a wsgi.py or run.py), and those files import it
    from in turn (a package's `from .app import create_app`), two deep: where the
    factory registers the app's commands and loads its config."""
    from scaffold._source import readable_tree, sources_of

    found = [file for name in FACTORIES for file in sources_of(module, tree, name)]
    for file in found[:] if depth < _MAX_REEXPORTS else []:
        if (read := readable_tree(file)) is not None:  # one it cannot read is not followed
            found += [f for f in factory_sources(file, read, depth + 1) if f not in found]
    return found


def _imports_flask(tree: ast.Module) -> bool:
    """Whether a module imports Flask, or a framework built on it."""
    return any(
        (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in _BUILT_ON_FLASK)
        or (
            isinstance(node, ast.Import)
            and any(alias.name.split(".")[0] in _BUILT_ON_FLASK for alias in node.names)
        )
        for node in tree.body
    )


def needs_arguments(tree: ast.Module, found: str) -> bool:
    """Whether `found` is a factory defined in `tree` that cannot be called with none,
    as `flask run` calls it: `create_app(config_name)`."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and f"{node.name}()" == found:
            given = node.args
            positional = len(given.posonlyargs) + len(given.args)
            return positional > len(given.defaults) or None in given.kw_defaults
    return False
