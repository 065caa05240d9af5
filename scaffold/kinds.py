"""The kinds of app scaffold makes and checks: everything it knows about each, in one record.

Every other module asks this one: which template folder a kind renders, how its
development server and gunicorn start it, which names it reserves, which packages
it needs, and what to run after `scaffold new`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from scaffold.errors import UnknownTemplateError
from scaffold.frameworks import DJANGO, FLASK, SERVERS, Found, Framework, ServerName

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "KINDS",
    "SERVERS",
    "Kind",
    "KindName",
    "ServerName",
    "get_kind",
    "kind_names",
    "templates_root",
]

KindName = Literal["flask-single", "flask-project", "django-single", "django-project"]
"""The kinds scaffold ships."""


# A NamedTuple: as typed and immutable as a frozen dataclass, and several times
# cheaper to define, which every command, `scaffold --help` included, pays.
class Kind(NamedTuple):
    """One kind of app: its framework, its template, how to test it, what it needs.

    Strings may hold `{name}`, the project's name.
    """

    name: str
    framework: Framework
    folder: str
    """The template's folder under templates/ (an absolute path is taken as it is)."""
    description: str
    wsgi: str
    """The WSGI application of a generated project, as gunicorn and `flask --app` name it."""
    settings: str | None
    """The Django settings module of a generated project, if it has one of its own."""
    tests: tuple[str, ...]
    """The arguments after the interpreter that run the project's own tests."""
    packages: tuple[str, ...]
    """The distributions the app and its servers import, as pip installs them."""
    reserved: frozenset[str]
    """Names the project may not take, as the template itself uses them."""
    next_steps: tuple[str, ...]
    """The commands `scaffold new` prints, run inside the new project: its README's quick start."""
    secrets: tuple[tuple[str, str], ...] = ()
    """Answers that are the project's own secrets, with the prefix each value starts with:
    made once by `new`, then recorded, so that rendering again gives the same project."""
    asgi: str | None = None
    """The ASGI application of a generated project, as uvicorn names it, if it has one."""
    script: str | None = None
    """The file of a generated project that its development server runs, e.g. manage.py."""

    @property
    def servers(self) -> tuple[ServerName, ...]:
        """The servers that can serve a project of this kind: asgi only with an ASGI app."""
        offered = self.framework.servers
        return tuple(s for s in SERVERS if s in offered and (s != "asgi" or self.asgi))

    @property
    def path(self) -> Path:
        """The template's folder on disk."""
        return templates_root() / self.folder

    def made(self, name: str) -> Found:
        """What serves a project of this kind generated as `name`, as it was made."""

        def filled(text: str | None) -> str | None:
            return text.format(name=name) if text else None

        return Found(
            kind=self.name,
            wsgi=self.wsgi.format(name=name),
            settings=filled(self.settings),
            asgi=filled(self.asgi),
            script=self.script,
        )

    def steps(self, name: str, *, uv: bool = False) -> tuple[str, ...]:
        """The next steps of a project of this kind generated as `name`: its README's
        quick start with pip, or with `uv`, which installs on the first `uv run`."""
        steps = tuple(step.format(name=name) for step in self.next_steps)
        if not uv:
            return steps
        return (*(f"uv run {step}" for step in steps[len(_SETUP) : -1]), "uv run pytest")


# The start of every quick start: a virtualenv with the project and its dev group, with
# pip 25.1 or newer, which installs dependency groups (or with uv: see the project's README).
_SETUP = (
    "python -m venv .venv",
    ". .venv/bin/activate",
    "python -m pip install --upgrade pip  # 25.1 or newer installs dependency groups",
    "python -m pip install -e . --group dev",
)
_TEST = "python -m pytest"
_PYTEST = ("-m", "pytest", "-p", "no:cacheprovider")

KINDS: tuple[Kind, ...] = (
    Kind(
        name="flask-single",
        framework=FLASK,
        folder="flask_single",
        description="Flask hello world in one file (app.py).",
        wsgi="app:app",
        settings=None,
        tests=_PYTEST,
        packages=("Flask", "gunicorn"),
        reserved=frozenset(),
        next_steps=(*_SETUP, "flask --app app run", _TEST),
    ),
    Kind(
        name="flask-project",
        framework=FLASK,
        folder="flask_project",
        description="Flask project: an application factory, settings from the environment, "
        "a blueprint, tests.",
        wsgi="{name}:create_app()",
        settings=None,
        tests=_PYTEST,
        packages=("Flask", "gunicorn"),
        reserved=frozenset({"tests"}),
        next_steps=(*_SETUP, "flask --app {name} run", _TEST),
    ),
    Kind(
        name="django-single",
        framework=DJANGO,
        folder="django_single",
        description="Django hello world in one file (app.py): settings.configure() and "
        "urlpatterns.",
        wsgi="app:app",
        settings=None,
        tests=_PYTEST,
        packages=("Django", "gunicorn"),
        reserved=frozenset(),
        next_steps=(*_SETUP, "python app.py runserver", _TEST),
        script="app.py",
    ),
    Kind(
        name="django-project",
        framework=DJANGO,
        folder="django_project",
        description="Django project in the startproject layout, with an app wired to /.",
        wsgi="{name}.wsgi",
        settings="{name}.settings",
        tests=_PYTEST,
        packages=("Django", "gunicorn", "uvicorn", "whitenoise"),
        reserved=frozenset({"helloworld"}),
        next_steps=(
            *_SETUP,
            "python manage.py migrate",
            "python manage.py collectstatic --no-input",
            "python manage.py runserver",
            _TEST,
        ),
        # Marked insecure: it is the fallback for local use (`check --deploy` says so).
        secrets=(("secret_key", "django-insecure-"),),
        asgi="{name}.asgi:application",
        script="manage.py",
    ),
)


@cache
def templates_root() -> Path:
    """The folder holding the templates: inside the installed package, else the checkout's."""
    from pathlib import Path  # not at the top: `scaffold --help` and `list` have no use for it

    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    # An editable install or a source checkout: the templates sit beside the package.
    return Path(__file__).resolve().parent.parent / "templates"


def kind_names() -> list[str]:
    """The names of the kinds there are, in the order `scaffold list` shows them."""
    return [kind.name for kind in KINDS]


def get_kind(name: str) -> Kind:
    """The kind called `name`, or an UnknownTemplateError naming the ones there are."""
    for kind in KINDS:
        if kind.name == name:
            return kind
    import difflib

    names = kind_names()
    close = difflib.get_close_matches(name.replace("_", "-"), names, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise UnknownTemplateError(
        f"unknown template '{name}': {hint}choose one of {', '.join(names)}."
    )
