"""Django: how its projects are found, served and explained.

Discovery follows Django's own rules, read from the code with `ast`: the settings
module is --settings, else DJANGO_SETTINGS_MODULE, else the default manage.py sets;
the WSGI application is the settings' WSGI_APPLICATION. A single-file app calls
`settings.configure()` in app.py.
"""

from __future__ import annotations

import ast
import os
from itertools import islice
from typing import TYPE_CHECKING

from scaffold.errors import InputError, UnknownProjectError, option
from scaffold.frameworks.django_roles import django_roles
from scaffold.frameworks.record import (
    ENTRY_SCRIPT,
    SHAPE,
    Clues,
    DatabaseSetup,
    Finder,
    Found,
    Framework,
)
from scaffold.frameworks.servers import GUNICORN, UVICORN

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

# What finds projects is imported when they are looked for (see flask.py).

__all__ = ["DJANGO", "django_single_wsgi"]

_VARIABLE = "DJANGO_SETTINGS_MODULE"
_MAX_ENTRIES = 1000
"""The most entries of a folder looked through for a package holding a manage.py."""
_MAX_NAMED = 6
"""The most settings modules an error names."""


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
    from scaffold._source import assigned_calls, called_name

    for name, call in assigned_calls(tree).items():
        if called_name(call) == "get_wsgi_application":
            return name
    return "app"


def _project(root: Path, clues: Clues) -> Found | None:
    script = _manage_script(root)
    if script is None:
        return None
    settings = clues.settings or clues.environ.get(_VARIABLE)
    if settings is not None:
        return _with_settings(root, settings, script=script)
    from scaffold._files import python_tree, read_project_file, read_within
    from scaffold._source import MAX_SOURCE_BYTES

    source = read_within(root / script, MAX_SOURCE_BYTES, read=read_project_file)
    tree = None if source is None else python_tree(source, str(root / script))
    if not _is_djangos(tree, source or b""):
        return None  # Flask-Script's manage.py, say: Flask's finders look at it
    return _with_settings(root, settings, manage=tree, script=script, environ=clues.environ)


def _manage_script(root: Path) -> str | None:
    """The project's manage.py, from `root`: its own, else the one in the single package
    of `root` that holds one (a library's `example/manage.py`, run from the repository
    as `python example/manage.py`, its settings `example.settings`)."""
    if (root / "manage.py").is_file():
        return "manage.py"
    try:
        with os.scandir(root) as entries:
            folders = [e.name for e in islice(entries, _MAX_ENTRIES) if e.is_dir()]
    except OSError:
        return None
    # os.path.isfile, not Path.is_file: a folder that cannot be read holds no project,
    # and raises nothing.
    packaged = [
        name
        for name in folders
        if os.path.isfile(root / name / "manage.py")  # noqa: PTH113
        and os.path.isfile(root / name / "__init__.py")  # noqa: PTH113
    ]
    return f"{packaged[0]}/manage.py" if len(packaged) == 1 else None


def _is_djangos(tree: ast.Module | None, source: bytes) -> bool:
    """Whether a manage.py (parsed, and as read) is Django's: it imports Django or names
    its settings module (one that cannot be parsed, when it names Django at all: it is
    served and explained)."""
    from scaffold._source import imported_modules

    if tree is None:
        return b"django" in source.lower()
    return "django" in imported_modules(tree) or any(
        isinstance(node, ast.Constant) and node.value == _VARIABLE for node in ast.walk(tree)
    )


def _single(root: Path, clues: Clues) -> Found | None:
    if not (root / "app.py").is_file():
        return None
    from scaffold._source import parsed

    tree = parsed(root / "app.py")
    if tree is not None and (name := django_single_wsgi(tree)):
        return Found("django-single", f"app:{name}", script="app.py")
    return None


def _regrown(root: Path, clues: Clues, made: Found) -> Found:
    """A generated project keeps its settings as Django picks them: manage.py may name
    others now, and --settings or DJANGO_SETTINGS_MODULE win over both."""
    if made.settings and (root / "manage.py").is_file():
        settings = clues.settings or clues.environ.get(_VARIABLE)
        return _with_settings(root, settings, default=made.settings, environ=clues.environ)
    return made


def _with_settings(
    root: Path,
    settings: str | None,
    *,
    default: str | None = None,
    manage: ast.Module | None = None,
    script: str = "manage.py",
    environ: Mapping[str, str] | None = None,
) -> Found:
    """The project with `settings` (named by the user), else those its manage.py, `script`,
    sets with `environ` (its tree `manage`, when it has been parsed already), else
    `default`."""
    from fnmatch import fnmatchcase

    from scaffold._source import MODULE, module_file, parsed
    from scaffold._source_environ import environ_default
    from scaffold._words import listed
    from scaffold.frameworks.dotenv_files import dotenv_values

    named = settings is not None
    if settings is None:
        tree = manage or parsed(root / script)
        # The project's .env, when the script reads it through python-decouple,
        # python-dotenv or django-environ, under the environment, which wins over it.
        if tree is not None and _reads_dotenv(tree):
            environ = {**dotenv_values(root), **(environ or {})}
        said = environ_default(tree, _VARIABLE, environ or {}, "*") if tree is not None else None
        if said and "*" in said:  # mezzanine's "%s.settings" % real_project_name("shop")
            found = [name for name in _settings_modules(root, None) if fnmatchcase(name, said)]
            said = found[0] if len(found) == 1 else None
        settings = said or default
    if settings is None:
        found = _settings_modules(root)
        among = f": it has {listed(found)}" if found else ""
        raise UnknownProjectError(
            f"'{root / script}' names no settings module: pass "
            f"{option('settings', 'MODULE', repr('MODULE'))}{among}."
        )
    if not MODULE.fullmatch(settings):
        raise InputError(
            f"'{settings}' is not a settings module: use a dotted name, e.g. 'config.settings'."
        )
    top = settings.partition(".")[0]
    if root.name == top and (root / "__init__.py").is_file() and not module_file(root, settings):
        raise UnknownProjectError(
            f"'{root}' is the package {top} of the project in '{root.parent}', which its "
            f"{script} is run from: name that folder."
        )
    wsgi = _wsgi_application(root, settings)
    # Beside the WSGI application, else in the settings' package (saleor/asgi/, an
    # ASGI-only project, which runserver serves all the same).
    package = wsgi.split(":")[0].rpartition(".")[0] if wsgi else settings.split(".")[0]
    asgi = f"{package}.asgi:application" if module_file(root, f"{package}.asgi") else None
    return Found("django-project", wsgi, settings, asgi, script=script, settings_named=named)


def _settings_modules(root: Path, most: int | None = _MAX_NAMED) -> list[str]:
    """The settings modules a project in `root` has, as its README would name one to
    export: a package's settings.py, or the modules of its settings/ package
    (babybuddy.settings.development), the first `most`."""
    from scaffold._source import MODULE

    found = [f"{path.parent.name}.settings" for path in sorted(root.glob("*/settings.py"))]
    for folder in sorted(root.glob("*/settings/")):
        found += [
            f"{folder.parent.name}.settings.{path.stem}"
            for path in sorted(folder.glob("*.py"))
            if path.stem != "__init__" and path.stem.isidentifier()
        ]
    return [name for name in found if MODULE.fullmatch(name)][:most]


def _reads_dotenv(tree: ast.Module) -> bool:
    """Whether a script imports a library that reads the project's .env file."""
    from scaffold._source import imported_modules

    return not imported_modules(tree).isdisjoint({"decouple", "dotenv", "environ"})


def _wsgi_application(root: Path, settings: str) -> str:
    """The WSGI application of the Django project in `root` with `settings`, as gunicorn names it.

    The settings' WSGI_APPLICATION if they say it, else `wsgi.py` beside the settings'
    package, else the one package in `root` that has a wsgi.py; "" if none does (an
    ASGI-only project: runserver serves Django's own, gunicorn has none to serve).
    """
    from scaffold._source import MODULE, module_file, parsed

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
    return f"{found[0].parent.name}.wsgi:application" if len(found) == 1 else ""


def _database_setup(root: Path, found: Found, table: str) -> DatabaseSetup:
    """Django's migrations make its tables (`<app label>_<model>`); an app of the project
    that has no migrations yet needs them made first."""
    manage = f"python {found.script or 'manage.py'}"
    settings = f" --settings {found.settings}" if found.settings else ""
    migrate = f"{manage} migrate{settings}"
    parts = table.split("_")
    for i in range(len(parts) - 1, 0, -1):
        label = "_".join(parts[:i])
        app = root / label
        if (app / "models.py").is_file() or (app / "models").is_dir():
            if not any((app / "migrations").glob("0*.py")):
                return DatabaseSetup(
                    f"make {label}'s first migrations, then run them",
                    (f"{manage} makemigrations {label}{settings}", migrate),
                    "db.sqlite3",
                )
            break
    return DatabaseSetup("run its migrations first", (migrate,), "db.sqlite3")


DJANGO = Framework(
    name="django",
    title="Django",
    packages=("Django",),
    imports=frozenset({"django", "asgiref", "sqlparse", "tzdata"}),
    servers={
        "dev": ("{script}", "runserver", "--noreload", "127.0.0.1:{port}"),
        "wsgi": GUNICORN,
        # Django has no lifespan events: without --lifespan off, uvicorn says so at start.
        "asgi": (*UVICORN, "--lifespan", "off", "{asgi}"),
    },
    server_packages={"wsgi": ("gunicorn",), "asgi": ("uvicorn",)},
    finders=(Finder(ENTRY_SCRIPT, _project), Finder(SHAPE - 1, _single)),
    looked_for="a manage.py, settings.configure() in app.py",
    regrown=_regrown,
    hosts_refusal="Django answers 400 to a Host its ALLOWED_HOSTS",
    # The error page with DEBUG on, its log line, the bare page with DEBUG off.
    hosts_refused=("DisallowedHost", "Invalid HTTP_HOST header", "<h1>Bad Request (400)</h1>"),
    # Production serves with the settings wsgi.py or asgi.py sets, and the dev server
    # with those manage.py sets: the servers are told settings only when the user named them.
    environment={"DJANGO_DEBUG": None, _VARIABLE: "{named_settings}"},
    app_variable=_VARIABLE,
    database_setup=_database_setup,
    https_redirect="SECURE_SSL_REDIRECT",
    roles=django_roles,
)
