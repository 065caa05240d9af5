"""Tell what app a folder holds: from its answers file, else from its code (see discover.py)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from scaffold._apps.answers import ANSWERS_FILE, read_answers
from scaffold._apps.discover import (
    IMPORT_STRING,
    MODULE,
    SRC,
    django_single_wsgi,
    django_wsgi,
    dotenv_flask_app,
    flask_object,
    module_file,
    parsed,
    settings_of_manage,
)
from scaffold._files import absolute
from scaffold.errors import InputError, UnknownProjectError
from scaffold.kinds import Kind, get_kind

__all__ = ["App", "detect"]


@dataclass(frozen=True)
class App:
    """A project folder and what is needed to serve and check it."""

    root: Path
    kind: Kind
    """The kind it was generated as, or whose shape it has."""
    wsgi: str
    """The WSGI app as gunicorn and `flask --app` name it: `app:app`, `blog:create_app()`."""
    settings: str | None
    """Its Django settings module, when the servers must be told it."""
    greeting: str | None
    """The greeting it was generated with; None for a project without an answers file."""
    asgi: str | None = None
    """Its ASGI application as uvicorn names it, if it has one (Django's asgi.py)."""
    flask_app: str | None = None
    """What the Flask dev server is told (`flask --app`), when not `wsgi`: the module
    alone, so that Flask's own discovery picks the app in it."""
    source: str = ""
    """The folder in `root` its modules are imported from: `src` in a src layout, as
    installing the project would put it on the path; "" for `root` itself."""


def detect(
    root: Path,
    *,
    flask_app: str | None = None,
    settings: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> App:
    """The app in `root`, or UnknownProjectError saying what was looked for.

    `flask_app` is Flask's --app and `settings` Django's --settings; the
    environment's FLASK_APP and DJANGO_SETTINGS_MODULE count as the frameworks count them,
    and so does FLASK_APP in the project's .env or .flaskenv.
    """
    # Absolute, as the app's servers and tools run inside it, not where scaffold started.
    folder = absolute(root)
    if not folder.is_dir():
        raise InputError(f"'{root}' is not a folder: give a project folder or a template name.")
    root = folder
    environ = os.environ if environ is None else environ
    if (root / ANSWERS_FILE).is_file():
        return _generated(root, flask_app, settings or environ.get("DJANGO_SETTINGS_MODULE"))
    if flask_app:
        return _flask_named(root, flask_app)
    if (root / "manage.py").is_file():
        return _django_project(root, settings or environ.get("DJANGO_SETTINGS_MODULE"))
    # After manage.py: FLASK_APP names a Flask app, never a Django one.
    if environ.get("FLASK_APP"):
        return _flask_named(root, environ["FLASK_APP"], "FLASK_APP")
    if from_file := dotenv_flask_app(root):
        return _flask_named(root, from_file[0], f"FLASK_APP in {from_file[1]}")
    for module in ("wsgi", "app", "main"):
        if not (root / f"{module}.py").is_file():
            continue
        tree = parsed(root / f"{module}.py")
        if tree is None:
            # Not valid Python: served all the same, so that the server tells what is wrong.
            return App(root, get_kind("flask-single"), f"{module}:app", None, None)
        if module == "app" and (name := django_single_wsgi(tree)):
            return App(root, get_kind("django-single"), f"app:{name}", None, None)
        if found := flask_object(tree):
            kind = get_kind("flask-single")
            return App(root, kind, f"{module}:{found}", None, None, flask_app=module)
    for source in ("", SRC):
        for init in sorted((root / source).glob("*/__init__.py")):
            tree = parsed(init)
            if tree is not None and (found := flask_object(tree)):
                package, kind = init.parent.name, get_kind("flask-project")
                wsgi = f"{package}:{found}"
                return App(root, kind, wsgi, None, None, flask_app=package, source=source)
    raise UnknownProjectError(
        f"no app found in '{root}': looked for {ANSWERS_FILE}, a manage.py, a Flask app or "
        "factory in wsgi.py, app.py, main.py or a package (in src/ too), and "
        "settings.configure() in app.py; name a Flask app with --app MODULE:NAME."
    )


def _generated(root: Path, flask_app: str | None, settings: str | None) -> App:
    """A project `scaffold new` made, served as it grew: its answers give the greeting
    to expect, and how it was first served; Flask's --app, and a Django project's
    settings as Django picks them (manage.py may name others now), how it is served."""
    answers = read_answers(root)
    kind, name = answers.kind, answers.name
    if flask_app and kind.framework == "flask":
        return replace(_flask_named(root, flask_app), greeting=answers.greeting)
    settings_then = kind.settings.format(name=name) if kind.settings else None
    if settings_then and (root / "manage.py").is_file():
        found = _django_project(root, settings, default=settings_then)
        return replace(found, greeting=answers.greeting)
    asgi = kind.asgi.format(name=name) if kind.asgi else None
    return App(root, kind, kind.wsgi.format(name=name), settings_then, answers.greeting, asgi)


def _flask_named(root: Path, given: str, source: str = "--app") -> App:
    """The Flask app `given` as Flask's --app takes it: `module`, `module:name`, `file.py`;
    `source` says where it was given, for the errors."""
    name = given.removesuffix(".py").replace("/", ".") if given.endswith(".py") else given
    match = IMPORT_STRING.fullmatch(name)
    if not match:
        raise InputError(
            f"{source} '{given}' is not an app as Flask names one: MODULE, MODULE:NAME or "
            "MODULE:FACTORY(ARGS), e.g. 'hello:create_app()'."
        )
    module = match.group("module")
    located = ((folder, module_file(root / folder, module)) for folder in ("", SRC))
    folder, found = next(((f, path) for f, path in located if path), ("", None))
    if found is None:
        raise UnknownProjectError(
            f"{source} '{given}': there is no module '{module}' in '{root}' or its src/."
        )
    kind = get_kind("flask-project" if found.name == "__init__.py" else "flask-single")
    if match.group("attr"):
        return App(root, kind, name, None, None, source=folder)
    tree = parsed(found)
    attribute = flask_object(tree) if tree is not None else None
    if attribute is None:
        raise UnknownProjectError(
            f"{source} '{given}': no Flask app or factory found in '{found}': name it, "
            f"e.g. --app '{module}:app'."
        )
    return App(root, kind, f"{module}:{attribute}", None, None, flask_app=module, source=folder)


def _django_project(root: Path, settings: str | None, *, default: str | None = None) -> App:
    """The project with `settings`, else those manage.py sets, else `default`."""
    if settings is None:
        tree = parsed(root / "manage.py")
        settings = (settings_of_manage(tree) if tree is not None else None) or default
    if settings is None:
        raise UnknownProjectError(
            f"'{root / 'manage.py'}' names no settings module: pass --settings MODULE."
        )
    if not MODULE.fullmatch(settings):
        raise InputError(
            f"'{settings}' is not a settings module: use a dotted name, e.g. 'config.settings'."
        )
    wsgi = django_wsgi(root, settings)
    package = wsgi.split(":")[0].rpartition(".")[0]
    asgi = f"{package}.asgi:application" if module_file(root, f"{package}.asgi") else None
    return App(root, get_kind("django-project"), wsgi, settings, None, asgi)
