"""Tell what app a folder holds: from its answers file, else by asking each framework's
finders (see scaffold.frameworks), which read the code and never run it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

import scaffold.frameworks as frameworks
from scaffold._files import absolute
from scaffold._project.answers import ANSWERS_FILE, read_answers
from scaffold._project.tree import GROWN, is_virtualenv
from scaffold._words import listed
from scaffold.errors import InputError, ScaffoldError, UnknownProjectError, option
from scaffold.frameworks import Clues, Found, ServerName
from scaffold.frameworks.flask import flask_object
from scaffold.frameworks.flask_scripts import in_packages
from scaffold.kinds import Kind, get_kind

__all__ = ["App", "detect", "finds"]

_DECLARATIONS = ("requirements.txt", "pyproject.toml")
"""The files that declare what a project needs installed."""
_MAX_ENTRIES = 1000
"""The most entries of a folder looked through for a project one folder down, and the
most folders looked in two down."""


@dataclass(frozen=True)
class App:
    """A project folder and what is needed to serve and check it."""

    root: Path
    kind: Kind
    """The kind it was generated as, or whose shape it has."""
    found: Found
    """What its servers are told: its WSGI and ASGI applications, settings, entry."""
    greeting: str | None = None
    """The greeting it was generated with; None for a project without an answers file."""
    named: Path | None = None
    """The folder the user named, when the app was found one folder down in it: its
    requirements serve the app when the app's folder has none."""

    def served_by(self, server: ServerName) -> App:
        """The app as `server` serves it, which its hints' commands name (see Found.served_by)."""
        return replace(self, found=self.found.served_by(server))

    def module_path(self, module: str) -> Path | None:
        """The file of the project's `module`: in its source folder (src/ of a src
        layout), else at its root (a manage.py beside src/); None if it has none."""
        from scaffold._source import module_file

        return module_file(self.root / self.found.source, module) or module_file(self.root, module)

    @property
    def served_module(self) -> Path | None:
        """The file of the module its WSGI application is in (`shop.app` of
        `shop.app:create_app()`); None if the project has none (an installed one's)."""
        return self.module_path(self.found.wsgi.partition(":")[0])

    def requirements_root(self) -> Path:
        """The folder whose requirements a fresh environment for the app installs: its
        own, else, for an app found one folder down, the folder the user named (a
        repository with its requirements at the top)."""
        if self.named is None or any((self.root / name).is_file() for name in _DECLARATIONS):
            return self.root
        return self.named


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
    clues = Clues(flask_app, settings, os.environ if environ is None else environ)
    if app := _app_in(root, clues):
        return app
    # A repository whose project sits one folder down (repo/mysite/manage.py), else two
    # (Docker Compose's repo/services/web): that one, when exactly one folder holds an app.
    folders = _subfolders(root)
    below = [app for folder in folders if (app := _app_below(folder, clues))]
    if not below:
        deeper = islice(
            (inner for folder in folders for inner in _subfolders(folder)), _MAX_ENTRIES
        )
        below = [app for folder in deeper if (app := _app_below(folder, clues))]
    if len(below) == 1:
        return replace(below[0], named=root)
    looked_for = "; ".join(framework.looked_for for framework in frameworks.FRAMEWORKS)
    if below:
        shown = ", ".join(f"'{app.root}'" for app in below)
        raise UnknownProjectError(
            f"no app found in '{root}' itself, but one in each of {shown}: name the folder "
            "to smoke."
        )
    raise UnknownProjectError(
        f"no app found in '{root}' or the folders in it, two deep: looked for {ANSWERS_FILE}; "
        f"{looked_for}; {_name_an_app(in_packages(root, flask_object))}."
    )


def _name_an_app(apps: list[str]) -> str:
    """How to name an app to serve: one of `apps`, which the modules of the project's
    packages make (Flask finds them only when named), else any."""
    if not apps:
        return f"name a Flask app with {option('app', 'MODULE:NAME', repr('MODULE:NAME'))}"
    given = option("app", apps[0], repr(apps[0]))
    if len(apps) == 1:
        return f"a module of its packages makes one: name it with {given}"
    return f"modules of its packages make {listed(apps)}: name one with {given}"


def _app_in(root: Path, clues: Clues) -> App | None:
    """The app in `root` itself, or None."""
    if (root / ANSWERS_FILE).is_file():
        # Served as it grew: its answers give the greeting to expect and how it was made.
        answers = read_answers(root)
        kind = answers.kind
        grown = kind.framework.regrown(root, clues, kind.made(answers.name))
        return App(root, get_kind(grown.kind), grown, answers.greeting)
    for finder in frameworks.finders():
        if found := finder.find(root, clues):
            return App(root, get_kind(found.kind), found)
    return None


def _app_below(folder: Path, clues: Clues) -> App | None:
    """The app in `folder`, one down from the one named, or None: what is wrong with a
    folder nobody named (a broken .flaskenv, an unreadable file) is not the user's error."""
    try:
        return _app_in(folder, clues)
    except ScaffoldError:
        return None


def _subfolders(root: Path) -> list[Path]:
    """The folders in `root` that may hold a project: not hidden, not grown by tools, not
    Python packages."""
    try:
        entries = sorted(root.iterdir())[:_MAX_ENTRIES]
    except OSError:
        return []
    return [
        path
        for path in entries
        if not path.name.startswith((".", "_"))
        and path.name not in GROWN
        and path.is_dir()
        and not path.is_symlink()
        and not is_virtualenv(path)
        # A package is part of the project in `root`, not a project of its own.
        and not (path / "__init__.py").exists()
    ]


def finds(folder: Path, project: Path) -> bool:
    """Whether smoke, given `folder`, finds the app of `project` in it (and no other)."""
    try:
        return detect(folder).root == project
    except (OSError, InputError):
        return False
