"""Tell what kind of app a folder holds: from its answers file, else from its shape."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scaffold._apps.answers import ANSWERS_FILE, read_answers
from scaffold.errors import InputError, UnknownProjectError
from scaffold.kinds import Kind, get_kind

__all__ = ["App", "detect"]

_SETTINGS_MODULE = re.compile(r"""["']DJANGO_SETTINGS_MODULE["']\s*,\s*["'](\w+)\.settings["']""")
_FLASK_OBJECT = re.compile(r"^(\w+)\s*=\s*Flask\(", re.MULTILINE)
_WSGI_OBJECT = re.compile(r"^(\w+)\s*=\s*get_wsgi_application\(", re.MULTILINE)
_MAX_SOURCE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class App:
    """A project folder and what is needed to serve and check it."""

    root: Path
    kind: Kind
    """The kind it was generated as, or whose shape it has."""
    wsgi: str
    """The WSGI application as gunicorn names it, e.g. `app:app` or `mysite.wsgi`."""
    settings: str | None
    """Its Django settings module, when the servers must be told it."""
    greeting: str | None
    """The greeting it was generated with; None for a project without an answers file."""


def detect(root: Path) -> App:
    """The app in `root`, or UnknownProjectError saying what was looked for."""
    if not root.is_dir():
        raise InputError(f"'{root}' is not a folder: give a project folder or a template name.")
    # Absolute, as the app's servers and tools run inside it, not where scaffold started.
    root = root.absolute()
    if (root / ANSWERS_FILE).is_file():
        return _from_answers(root)
    manage = root / "manage.py"
    if manage.is_file():
        match = _SETTINGS_MODULE.search(_head(manage, _MAX_SOURCE_BYTES))
        package = match.group(1) if match else _package_with_wsgi(root)
        kind = get_kind("django-project")
        return App(root, kind, f"{package}.wsgi", f"{package}.settings", None)
    app_py = root / "app.py"
    if app_py.is_file():
        source = _head(app_py, _MAX_SOURCE_BYTES)
        if "settings.configure(" in source:
            wsgi = f"app:{_name(_WSGI_OBJECT, source)}"
            return App(root, get_kind("django-single"), wsgi, None, None)
        if "Flask(" in source:
            wsgi = f"app:{_name(_FLASK_OBJECT, source)}"
            return App(root, get_kind("flask-single"), wsgi, None, None)
    raise UnknownProjectError(
        f"no app found in '{root}': expected {ANSWERS_FILE}, a manage.py, or an app.py "
        "that creates a Flask app or calls settings.configure()."
    )


def _from_answers(root: Path) -> App:
    answers = read_answers(root)
    kind, name = answers.kind, answers.name
    settings = kind.settings.format(name=name) if kind.settings else None
    return App(root, kind, kind.wsgi.format(name=name), settings, answers.greeting)


def _name(pattern: re.Pattern[str], source: str) -> str:
    match = pattern.search(source)
    return match.group(1) if match else "app"


def _package_with_wsgi(root: Path) -> str:
    for wsgi in sorted(root.glob("*/wsgi.py")):
        return wsgi.parent.name
    raise UnknownProjectError(f"'{root}' has a manage.py but no package with a wsgi.py.")


def _head(path: Path, limit: int) -> str:
    """The first `limit` bytes of `path`, as text."""
    try:
        with path.open("rb") as file:
            return file.read(limit).decode("utf-8", errors="replace")
    except OSError as err:
        raise InputError(f"cannot read '{path}': {err.strerror}.") from None
