"""Tell what app a folder holds: from its answers file, else by asking each framework's
finders (see scaffold.frameworks), which read the code and never run it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import scaffold.frameworks as frameworks
from scaffold._files import absolute
from scaffold._project.answers import ANSWERS_FILE, read_answers
from scaffold.errors import InputError, UnknownProjectError
from scaffold.frameworks import Clues, Found
from scaffold.kinds import Kind, get_kind

__all__ = ["App", "detect"]


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
    if (root / ANSWERS_FILE).is_file():
        # Served as it grew: its answers give the greeting to expect and how it was made.
        answers = read_answers(root)
        kind = answers.kind
        grown = kind.framework.regrown(root, clues, kind.made(answers.name))
        return App(root, get_kind(grown.kind), grown, answers.greeting)
    for finder in frameworks.finders():
        if found := finder.find(root, clues):
            return App(root, get_kind(found.kind), found)
    looked_for = "; ".join(framework.looked_for for framework in frameworks.FRAMEWORKS)
    raise UnknownProjectError(
        f"no app found in '{root}': looked for {ANSWERS_FILE}; {looked_for}; name a Flask "
        "app with --app MODULE:NAME."
    )
