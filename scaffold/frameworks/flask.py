"""Flask: how its apps are found, served and explained.

Discovery follows `flask run`'s own rules (its `find_best_app` and `prepare_import`),
read from the code with `ast`: in a module, an `app` or `application` object, else
the one `Flask(...)` instance, else a `create_app` or `make_app` factory. FLASK_APP is
taken from the environment, else `.env`, else `.flaskenv`, as `flask run` reads them.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from scaffold.errors import InputError, UnknownProjectError, option, option_name
from scaffold.frameworks.flask_commands import database_setup
from scaffold.frameworks.flask_roles import flask_roles
from scaffold.frameworks.flask_scripts import (
    FACTORIES,
    dash_server,
    exported,
    in_a_script,
    makes_an_app,
    needs_arguments,
)
from scaffold.frameworks.record import (
    DECLARED,
    ENVIRONMENT,
    NAMED,
    SHAPE,
    Clues,
    Finder,
    Found,
    Framework,
)
from scaffold.frameworks.servers import GUNICORN

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# What finds apps is imported when apps are looked for: `scaffold --help` reads this
# record too, and has no use for pathlib, logging or the project readers.

__all__ = ["FLASK", "flask_object"]

_MODULES = ("wsgi", "app", "main", "manage", "application")
"""The modules at a project's root that may hold its app, in this order (a manage.py
that is not Django's builds a Flask app for Flask-Script, as older Flask projects do;
application.py is Elastic Beanstalk's); the first two, in a package, too."""
# The app and debug mode go in the environment, which every Flask reads (`--app` and
# `--no-debug` are Flask 2.2's), and wins over a .flaskenv or .env; the reloader and
# the debugger are off as `flask run` has said since 1.0.
_RUN = ("-m", "flask", "run", "--no-reload", "--no-debugger", "--host", "127.0.0.1",
        "--port", "{port}")  # fmt: skip


def flask_object(tree: ast.Module, path: Path | None = None, depth: int = 2) -> str | None:
    """What Flask would serve from this module: `app`, `name`, `create_app()`; None if nothing.

    Names bound by `from ... import` count as Flask counts them, as the module's own
    attributes: `from shop import app` in a microblog.py serves shop's app. With the
    module's `path`, so do those `from .core import *` brings from the project's own
    modules (httpbin's package), `depth` imports deep.
    """
    from scaffold._source import parsed, sources_of

    found = _own_flask_object(tree)
    for source in sources_of(path, tree) if found is None and path and depth else ():
        imported = parsed(source)
        there = flask_object(imported, source, depth - 1) if imported is not None else None
        if there is not None and exported(imported, there.removesuffix("()")):
            return there
    return found


def _own_flask_object(tree: ast.Module) -> str | None:
    from scaffold._source import assigned_calls, called_name, imported_names

    assigned = assigned_calls(tree)
    imported = imported_names(tree)
    instances = [name for name, call in assigned.items() if called_name(call) == "Flask"]
    if held := dash_server(tree, assigned, instances):
        return held
    for name in ("app", "application"):
        if (name in assigned and not _is_django_entry(assigned[name])) or name in imported:
            return name
    if len(instances) == 1:
        return instances[0]
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)} | imported
    for factory in FACTORIES:
        if factory in functions:
            return f"{factory}()"
    return None


def _named_by_user(root: Path, clues: Clues) -> Found | None:
    # `--app` to the command line, `app` to the Python API.
    return _named(root, clues.app, option_name("app")) if clues.app else None


def _named_by_environment(root: Path, clues: Clues) -> Found | None:
    from scaffold.frameworks.dotenv_files import dotenv_flask_app

    if clues.environ.get("FLASK_APP"):
        return _named(root, clues.environ["FLASK_APP"], "FLASK_APP")
    if from_file := dotenv_flask_app(root):
        found = _named(root, from_file[0], f"FLASK_APP in {from_file[1]}")
        # Only `flask` reads those: gunicorn serves the app the Procfile names (bluelog's).
        production = _named_by_procfile(root, clues)
        if found and production and production.source == found.source:
            return found._replace(wsgi=production.wsgi, entry=found.entry or found.wsgi)
        return found
    return None


def _named_by_procfile(root: Path, clues: Clues) -> Found | None:
    from scaffold._source import module_file, parsed, sources_of
    from scaffold.frameworks.procfile import procfile_app

    given = procfile_app(root)
    try:
        found = _named(root, given, "the Procfile's web process") if given else None
    except InputError:  # none here
        return None
    if found is None:
        return None
    # It may serve another framework's app (Django's wsgi.py, FastAPI's): Flask's only,
    # made there or in a module it is imported from (httpbin's `from .core import *`).
    module, _, attribute = found.wsgi.partition(":")
    path = module_file(root / found.source, module)
    for _ in range(3):
        tree = parsed(path) if path else None
        if path is None or tree is None:
            return None
        if makes_an_app(tree):
            return found
        path = next(iter(sources_of(path, tree, attribute.partition("(")[0])), None)
    return None


def _by_shape(root: Path, clues: Clues) -> Found | None:
    """The first app found where `flask run` would look, but a factory needing arguments
    (`create_app(config_name)`) only when no script at the root calls it to make the app
    (flasky's `app = create_app(os.getenv("FLASK_CONFIG") or "default")`)."""
    needing_arguments = None
    for found, with_arguments in _shapes(root):
        if not with_arguments:
            return found
        needing_arguments = needing_arguments or found
    return in_a_script(root, flask_object, skip=_MODULES) or needing_arguments


def _shapes(root: Path) -> Iterator[tuple[Found, bool]]:
    """The apps in the usual places, in `flask run`'s order, each with whether it is a
    factory that needs arguments."""
    from scaffold._source import SRC, parsed

    for module in _MODULES:
        if not (root / f"{module}.py").is_file():
            continue
        tree = parsed(root / f"{module}.py")
        # A module at the root of a src layout imports from it, as installed it would.
        source = SRC if any((root / SRC).glob("*/__init__.py")) else ""
        if tree is None and module in _MODULES[:3]:
            # Not valid Python: served all the same, so that the server tells what is wrong
            # (a manage.py that is not Django's may not hold the app at all).
            yield Found("flask-single", f"{module}:app", source=source), False
        if tree is not None and (found := flask_object(tree, root / f"{module}.py")):
            made = Found("flask-single", f"{module}:{found}", entry=module, source=source)
            yield made, needs_arguments(tree, found)
    for source in ("", SRC):
        packages = sorted((root / source).glob("*/__init__.py"))
        for init in packages:
            tree = parsed(init)
            if tree is not None and (found := flask_object(tree, init)):
                package = init.parent.name
                made = Found("flask-project", f"{package}:{found}", entry=package, source=source)
                yield made, needs_arguments(tree, found)
        # The app in a module of the package, as `flask --app shop.app` finds it there.
        for init in packages:
            for module in _MODULES[:2]:
                for file in (init.parent / f"{module}.py", init.parent / module / "__init__.py"):
                    tree = parsed(file) if file.is_file() else None
                    if tree is not None and (found := flask_object(tree, file)):
                        entry = f"{init.parent.name}.{module}"
                        made = Found("flask-project", f"{entry}:{found}", entry=entry,
                                     source=source)  # fmt: skip
                        yield made, needs_arguments(tree, found)


def _regrown(root: Path, clues: Clues, made: Found) -> Found:
    """A generated Flask project is served as made, unless --app names another app."""
    return _named(root, clues.app, option_name("app")) if clues.app else made


def _named(root: Path, given: str, source: str) -> Found:
    """The Flask app `given` as Flask's --app takes it: `module`, `module:name`,
    `module:factory(args)`, or a path to a module or package (`src/flaskr`, `./app.py`,
    `src/flaskr/__init__.py`); `source` says where it was given, for the errors."""
    from scaffold._source import IMPORT_STRING, SRC, module_file, parsed

    name = given
    folders: tuple[str, ...] = ("", SRC)
    where, colon, after = given.partition(":")
    if "/" in where or where.endswith(".py"):
        folder, module = _prepared_import(root, where, source, given)
        name, folders = module + colon + after, (folder,)
    match = IMPORT_STRING.fullmatch(name)
    if not match:
        raise InputError(
            f"{source} '{given}' is not an app as Flask names one: MODULE, MODULE:NAME, "
            "MODULE:FACTORY(ARGS) or a path to a module, e.g. 'hello:create_app()'."
        )
    module = match.group("module")
    located = ((folder, module_file(root / folder, module)) for folder in folders)
    folder, found = next(((f, path) for f, path in located if path), ("", None))
    if found is None:
        raise UnknownProjectError(
            f"{source} '{given}': there is no module '{module}' in '{root}' or its src/."
        )
    kind = "flask-project" if found.name == "__init__.py" else "flask-single"
    if match.group("attr"):
        return Found(kind, name, source=folder)
    tree = parsed(found)
    attribute = flask_object(tree, found) if tree is not None else None
    if attribute is None:
        import shlex  # on a failure alone: not at the command line's start

        raise UnknownProjectError(
            f"{source} '{given}': no Flask app or factory found in '{found}': name it, "
            f"e.g. {option('app', shlex.quote(f'{module}:app'), repr(f'{module}:app'))}."
        )
    return Found(kind, f"{module}:{attribute}", entry=module, source=folder)


def _prepared_import(root: Path, path: str, source: str, given: str) -> tuple[str, str]:
    """The folder (relative to `root`, "" for itself) and the dotted module that the path
    `path` names, as Flask's prepare_import makes them: a file's or package's name, with
    the packages above it, from the first folder up that is not a package."""
    import os

    full = os.path.normpath(os.path.join(root, path))  # noqa: PTH118
    if os.path.commonpath([root, full]) != str(root) or full == str(root):
        raise InputError(f"{source} '{given}' is not a module in '{root}': name one inside it.")
    full = full.removesuffix(".py")
    if os.path.basename(full) == "__init__":  # noqa: PTH119
        full = os.path.dirname(full)  # noqa: PTH120
    names = []
    while True:
        full, name = os.path.split(full)
        names.append(name)
        if full == str(root) or not os.path.isfile(os.path.join(full, "__init__.py")):  # noqa: PTH113, PTH118
            break
    folder = os.path.relpath(full, root)
    return ("" if folder == "." else folder), ".".join(reversed(names))


def _is_django_entry(call: ast.Call) -> bool:
    from scaffold._source import called_name

    return called_name(call) in ("get_wsgi_application", "get_asgi_application")


FLASK = Framework(
    name="flask",
    title="Flask",
    packages=("Flask",),
    imports=frozenset(
        {"flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker"}
    ),
    servers={
        "dev": _RUN,
        "wsgi": GUNICORN,
    },
    server_packages={"wsgi": ("gunicorn",)},
    finders=(
        Finder(NAMED, _named_by_user),
        Finder(ENVIRONMENT, _named_by_environment),
        Finder(DECLARED, _named_by_procfile),
        Finder(SHAPE, _by_shape),
    ),
    looked_for=(
        "a Flask app or factory in wsgi.py, app.py, main.py, manage.py, application.py, a "
        "package or its app or wsgi module (in src/ too), or another module"
    ),
    regrown=_regrown,
    hosts_refusal="Flask 3.1 and newer answer 400 to a Host its TRUSTED_HOSTS",
    hosts_refused=("is not trusted.",),  # werkzeug's SecurityError: "Host 'x' is not trusted."
    environment={"FLASK_APP": "{entry}", "FLASK_DEBUG": "0", "FLASK_ENV": None},
    app_variable="FLASK_APP",
    database_setup=database_setup,
    app_option="app",
    roles=flask_roles,
)
