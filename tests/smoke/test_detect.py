"""Unit tests: what kind of app a folder holds, from its answers file or its shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sample_apps import DJANGO_SINGLE, flask_app
from scaffold import generate
from scaffold._apps.detect import detect
from scaffold.errors import InputError, UnknownProjectError


@pytest.mark.parametrize(
    ("template", "wsgi"),
    [
        ("flask-single", "app:app"),
        ("flask-project", "site1:create_app()"),
        ("django-single", "app:app"),
        ("django-project", "site1.wsgi:application"),
    ],
)
def test_a_generated_project_is_known_by_its_answers(
    template: str, wsgi: str, tmp_path: Path
) -> None:
    project = generate(template, "site1", output_dir=tmp_path, greeting="Howdy")
    app = detect(project.path)
    assert (app.kind.name, app.found.wsgi, app.greeting) == (template, wsgi, "Howdy")


def test_a_generated_django_project_is_served_with_the_settings_django_would_pick(
    tmp_path: Path,
) -> None:
    project = generate("django-project", "site1", output_dir=tmp_path, greeting="Howdy")
    manage = project.path / "manage.py"
    manage.write_text(manage.read_text().replace('"site1.settings"', '"site1.local"'))
    chosen = [
        detect(project.path, environ={}),
        detect(project.path, environ={"DJANGO_SETTINGS_MODULE": "site1.env"}),
        detect(project.path, settings="site1.flag", environ={"DJANGO_SETTINGS_MODULE": "x.y"}),
    ]
    assert [(app.found.settings, app.greeting) for app in chosen] == [
        ("site1.local", "Howdy"), ("site1.env", "Howdy"), ("site1.flag", "Howdy"),
    ]  # fmt: skip
    manage.write_text("import runpy\n\nrunpy.run_module('site1.manage')\n")  # names none
    assert detect(project.path, environ={}).found.settings == "site1.settings"  # as generated


def test_a_generated_flask_project_is_served_as_app_names_it(tmp_path: Path) -> None:
    project = generate("flask-project", "site1", output_dir=tmp_path, greeting="Howdy")
    (project.path / "wsgi.py").write_text("from site1 import create_app\n\napp = create_app()\n")
    app = detect(project.path, flask_app="wsgi", environ={"FLASK_APP": "elsewhere"})
    assert (app.kind.name, app.found.wsgi, app.found.entry, app.greeting) == (
        "flask-single", "wsgi:app", "wsgi", "Howdy",
    )  # fmt: skip
    # FLASK_APP alone is not enough: the project's README runs `flask --app site1 run`.
    assert detect(project.path, environ={"FLASK_APP": "wsgi"}).found.wsgi == "site1:create_app()"


def test_a_flask_app_is_known_by_its_shape(tmp_path: Path) -> None:
    app = detect(flask_app(tmp_path / "hello"))
    assert (app.kind.name, app.found.wsgi, app.greeting) == (
        "flask-single",
        "app:application",
        None,
    )


def test_a_single_file_django_app_is_known_by_its_shape(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(DJANGO_SINGLE)
    app = detect(tmp_path)
    assert (app.kind.name, app.found.wsgi, app.greeting) == ("django-single", "app:wsgi", None)


def test_a_django_project_is_known_by_its_manage_py(tmp_path: Path) -> None:
    project = generate("django-project", "site1", output_dir=tmp_path)
    (project.path / ".scaffold.json").unlink()
    app = detect(project.path)
    assert (app.kind.name, app.found.wsgi, app.greeting) == (
        "django-project",
        "site1.wsgi:application",
        None,
    )


def test_a_folder_without_an_app_is_refused(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("no app here")
    with pytest.raises(UnknownProjectError, match="no app found"):
        detect(tmp_path)


def test_a_broken_answers_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".scaffold.json").write_text(json.dumps({"template": "flask-single"}))
    with pytest.raises(UnknownProjectError, match="not a valid answers file"):
        detect(tmp_path)


def test_a_file_is_not_a_project(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("")
    with pytest.raises(InputError, match="is not a folder"):
        detect(tmp_path / "app.py")
