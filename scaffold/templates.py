"""The templates scaffold ships, and where they are on disk."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from scaffold.errors import UnknownTemplateError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["TEMPLATES", "Template", "get_template", "templates_root"]


# A NamedTuple rather than a frozen dataclass: `scaffold list` reads this module
# without click, and dataclasses alone would import inspect, which costs more than
# the rest of that command.
class Template(NamedTuple):
    """One cookiecutter template and how to run what it makes."""

    name: str
    folder: str
    description: str
    run_steps: tuple[str, ...]
    """Commands, run inside the generated project, that install and serve it."""

    @property
    def path(self) -> Path:
        return templates_root() / self.folder


_INSTALL = "python -m pip install -r requirements.txt"

TEMPLATES: tuple[Template, ...] = (
    Template(
        "flask-single",
        "flask_single",
        "Flask hello world in one file (app.py).",
        (_INSTALL, "flask --app app run"),
    ),
    Template(
        "django-single",
        "django_single",
        "Django hello world in one file (app.py): settings.configure() and urlpatterns.",
        (_INSTALL, "python app.py runserver"),
    ),
    Template(
        "django-project",
        "django_project",
        "Django project in the startproject layout, with an app wired to /.",
        (_INSTALL, "python manage.py migrate", "python manage.py runserver"),
    ),
)


@cache
def templates_root() -> Path:
    """The folder holding the templates: inside the installed package, else the checkout's."""
    from pathlib import Path  # not at the top: `scaffold list` has no use for it

    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    # An editable install or a source checkout: the templates sit beside the package.
    return Path(__file__).resolve().parent.parent / "templates"


def get_template(name: str) -> Template:
    """The template called `name`, or an UnknownTemplateError naming the ones there are."""
    for template in TEMPLATES:
        if template.name == name:
            return template
    import difflib

    names = [t.name for t in TEMPLATES]
    close = difflib.get_close_matches(name.replace("_", "-"), names, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise UnknownTemplateError(
        f"unknown template '{name}': {hint}choose one of {', '.join(names)}."
    )
