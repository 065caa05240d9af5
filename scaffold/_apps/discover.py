"""Find an app in code people wrote by hand, by parsing it (`ast`) as the frameworks would look.

Flask's rules (`flask run`'s `find_best_app`): in a module, an `app` or `application`
object, else the one `Flask(...)` instance, else a `create_app` or `make_app`
factory. Django's: the settings module is `--settings`, else DJANGO_SETTINGS_MODULE,
else the default manage.py sets; the WSGI application is the settings' WSGI_APPLICATION.
Nothing is imported or run: the code is only read, a megabyte per file at most.
`FLASK_APP` is read from .flaskenv and .env as `flask run` reads them, with python-dotenv.
"""

from __future__ import annotations

import ast
import io
import logging
import re
from pathlib import Path

from scaffold._files import python_tree, read_project_file, read_regular
from scaffold.errors import InputError, UnknownProjectError

__all__ = [
    "IMPORT_STRING",
    "MODULE",
    "SRC",
    "django_single_wsgi",
    "django_wsgi",
    "dotenv_flask_app",
    "flask_object",
    "module_file",
    "parsed",
    "settings_of_manage",
]

SRC = "src"
"""The folder a src layout keeps its packages in, as the Python Packaging Guide has it."""
MODULE = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")
"""A dotted module name, as settings modules and --app take them."""
IMPORT_STRING = re.compile(r"(?P<module>[A-Za-z_][\w.]*)(:(?P<attr>[A-Za-z_]\w*(\(.*\))?))?")
"""Flask's and gunicorn's `module:name` or `module:factory(args)`."""
_MAX_SOURCE_BYTES = 1024 * 1024
_FACTORIES = ("create_app", "make_app")
_DOTENV_FILES = (".flaskenv", ".env")
"""The files `flask run` takes settings from, in this order: a later one's values win."""


def parsed(path: Path) -> ast.Module | None:
    """The syntax tree of the Python file `path`, or None if it is not valid Python."""
    source = read_project_file(path, _MAX_SOURCE_BYTES + 1)
    if len(source) > _MAX_SOURCE_BYTES:
        return None
    return python_tree(source, str(path))


def dotenv_flask_app(root: Path) -> tuple[str, str] | None:
    """FLASK_APP as `flask run` reads it from `root`'s .env, else its .flaskenv, with the
    name of the file that set it; None if neither does. Each is read up to 1 MiB."""
    found = None
    for name in _DOTENV_FILES:
        path = root / name
        try:
            data = read_regular(path, _MAX_SOURCE_BYTES + 1)
        except FileNotFoundError:  # none, or a link to nothing: Flask passes it by too
            continue
        except OSError as err:
            message = f"cannot read '{path}': {err.strerror}; name the app with --app."
            raise InputError(message) from None
        if len(data) > _MAX_SOURCE_BYTES:
            message = f"'{path}' is over 1 MiB, more than scaffold reads: name the app with --app."
            raise InputError(message)
        if value := _dotenv_values(data.decode("utf-8", "replace")).get("FLASK_APP"):
            found = (value, name)
    return found


def _dotenv_values(text: str) -> dict[str, str | None]:
    """The settings in `text`, read as python-dotenv reads them for Flask, without the
    warning it logs for each line it cannot read: Flask's discovery skips those too."""
    from dotenv import dotenv_values  # only for a project that has such a file: 2 ms

    logger = logging.getLogger("dotenv.main")
    logger.addFilter(_none)
    try:
        return dotenv_values(stream=io.StringIO(text))
    finally:
        logger.removeFilter(_none)


def _none(record: logging.LogRecord) -> bool:
    return False


def module_file(root: Path, module: str) -> Path | None:
    """The file of `module` below `root` (a module or a package's __init__.py), if there is one."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def flask_object(tree: ast.Module) -> str | None:
    """What Flask would serve from this module: `app`, `name`, `create_app()`; None if nothing.

    Names bound by `from ... import` count as Flask counts them, as the module's own
    attributes: `from shop import app` in a microblog.py serves shop's app.
    """
    assigned = _assigned_calls(tree)
    imported = _imported_names(tree)
    for name in ("app", "application"):
        if (name in assigned and not _is_django_entry(assigned[name])) or name in imported:
            return name
    instances = [name for name, call in assigned.items() if _called_name(call) == "Flask"]
    if len(instances) == 1:
        return instances[0]
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)} | imported
    for factory in _FACTORIES:
        if factory in functions:
            return f"{factory}()"
    return None


def django_single_wsgi(tree: ast.Module) -> str | None:
    """The WSGI object of a single-file Django app (settings.configure()), if it is one."""
    configures = any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "configure"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "settings"
        for node in ast.walk(tree)
    )
    if not configures:
        return None
    for name, call in _assigned_calls(tree).items():
        if _called_name(call) == "get_wsgi_application":
            return name
    return "app"


def settings_of_manage(tree: ast.Module) -> str | None:
    """The settings module manage.py sets by default: os.environ.setdefault(...)."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setdefault"
            and len(node.args) == 2
            and all(isinstance(arg, ast.Constant) for arg in node.args)
        ):
            key, value = (arg.value for arg in node.args)  # type: ignore[attr-defined]
            if key == "DJANGO_SETTINGS_MODULE" and isinstance(value, str):
                return value
    return None


def django_wsgi(root: Path, settings: str) -> str:
    """The WSGI application of the Django project in `root` with `settings`, as gunicorn names it.

    The settings' WSGI_APPLICATION if they say it, else `wsgi.py` beside the settings'
    package, else the one package in `root` that has a wsgi.py.
    """
    settings_file = module_file(root, settings)
    tree = parsed(settings_file) if settings_file else None
    if tree is not None:
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and any(
                    isinstance(t, ast.Name) and t.id == "WSGI_APPLICATION" for t in node.targets
                )
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                and MODULE.fullmatch(node.value.value)
            ):
                module, _, attribute = node.value.value.rpartition(".")
                return f"{module}:{attribute}"
    package = settings.split(".")[0]
    if (root / package / "wsgi.py").is_file():
        return f"{package}.wsgi:application"
    found = sorted(root.glob("*/wsgi.py"))
    if len(found) == 1:
        return f"{found[0].parent.name}.wsgi:application"
    raise UnknownProjectError(
        f"cannot tell the WSGI application of '{root}': set WSGI_APPLICATION in {settings}."
    )


def _assigned_calls(tree: ast.Module) -> dict[str, ast.Call]:
    """Top-level `name = call(...)` assignments, by name."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value
    return found


def _imported_names(tree: ast.Module) -> set[str]:
    """The names top-level `from ... import` statements bind (not `*`)."""
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name != "*"
    }


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_django_entry(call: ast.Call) -> bool:
    return _called_name(call) in ("get_wsgi_application", "get_asgi_application")
