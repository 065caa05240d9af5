"""A framework is added by one record and its template: this test adds one of its own.

"pico" apps are plain WSGI callables in hello.py, with a development server of
their own (serve.py, on the standard library's wsgiref) and gunicorn in production.
Nothing in scaffold names pico: generating, finding, serving and smoking its apps
work from the records alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

import scaffold
import scaffold.frameworks
import scaffold.kinds
from scaffold.frameworks import Clues, Finder, Found, Framework
from scaffold.frameworks.servers import GUNICORN
from scaffold.kinds import Kind

HELLO = '''\
"""A pico app: a WSGI callable."""

from html import escape
from urllib.parse import parse_qs

GREETING = {greeting}


def application(environ, start_response):
    name = parse_qs(environ.get("QUERY_STRING", "")).get("name", ["World"])[0]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [f"{{GREETING}}, {{escape(name)}}!".encode()]
'''
SERVE = '''\
"""pico's development server: python serve.py PORT."""

import sys
from wsgiref.simple_server import make_server

from hello import application

make_server("127.0.0.1", int(sys.argv[1]), application).serve_forever()
'''


def _find(root: Path, clues: Clues) -> Found | None:
    if (root / "hello.py").is_file() and "def application" in (root / "hello.py").read_text():
        return Found("pico-single", "hello:application", script="serve.py")
    return None


PICO = Framework(
    name="pico",
    title="Pico",
    packages=(),
    imports=frozenset({"pico"}),
    servers={"dev": ("{script}", "{port}"), "wsgi": GUNICORN},
    server_packages={"wsgi": ("gunicorn",)},
    finders=(Finder(30, _find),),
    looked_for="a pico app in hello.py",
    regrown=lambda root, clues, made: made,
    hosts_refusal="Pico never answers 400 to a Host",
)


def _template(folder: Path) -> Path:
    """A plain cookiecutter template of a pico project."""
    project = folder / "{{cookiecutter.project_name}}"
    project.mkdir(parents=True)
    (folder / "cookiecutter.json").write_text(
        json.dumps({"project_name": "hello_pico", "greeting": "Hello"})
    )
    (project / "hello.py").write_text(
        HELLO.format(greeting="{{ cookiecutter.greeting | jsonify }}")
    )
    (project / "serve.py").write_text(SERVE)
    answers = {
        "template": "pico-single",
        "version": "0.1.0",
        "answers": {"project_name": "@NAME@", "greeting": "@GREETING@"},
    }
    (project / ".scaffold.json").write_text(
        json.dumps(answers)
        .replace('"@NAME@"', "{{ cookiecutter.project_name | jsonify }}")
        .replace('"@GREETING@"', "{{ cookiecutter.greeting | jsonify }}")
    )
    return folder


@pytest.fixture
def pico(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Kind:
    kind = Kind(
        name="pico-single",
        framework=PICO,
        folder=str(_template(tmp_path / "template")),
        description="A pico app.",
        wsgi="hello:application",
        settings=None,
        tests=(),
        packages=("gunicorn",),
        reserved=frozenset(),
        next_steps=("python serve.py 8000",),
        script="serve.py",
    )
    monkeypatch.setattr(scaffold.frameworks, "FRAMEWORKS", (*scaffold.frameworks.FRAMEWORKS, PICO))
    monkeypatch.setattr(scaffold.kinds, "KINDS", (*scaffold.kinds.KINDS, kind))
    return kind


@pytest.mark.integration
@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_generated_app_of_a_new_framework_passes_smoke(
    pico: Kind, tmp_path: Path, server: str
) -> None:
    project = scaffold.generate("pico-single", "shop", output_dir=tmp_path, greeting="Ciao")
    (result,) = scaffold.smoke([project.path], server=server)  # type: ignore[arg-type]
    assert (result.passed, result.kind, result.body) == (True, "pico-single", "Ciao, World!")


@pytest.mark.integration
def test_a_hand_written_app_of_a_new_framework_is_found_and_served(
    pico: Kind, tmp_path: Path
) -> None:
    app = tmp_path / "mine"
    app.mkdir()
    (app / "hello.py").write_text(HELLO.format(greeting='"Hey"'))
    (app / "serve.py").write_text(SERVE)
    with scaffold.serve(app) as running:
        answer = requests.get(running.url + "/", params={"name": "<b>"}, timeout=10)
    assert (running.kind, answer.text) == ("pico-single", "Hey, &lt;b&gt;!")


def test_a_new_framework_without_asgi_is_refused_asgi_by_its_record(
    pico: Kind, tmp_path: Path
) -> None:
    project = scaffold.generate("pico-single", "shop", output_dir=tmp_path)
    with pytest.raises(scaffold.ScaffoldError, match="is a Pico app, which speaks WSGI"):
        list(scaffold.smoke([project.path], server="asgi"))


def test_a_new_frameworks_modules_cannot_name_a_project(pico: Kind, tmp_path: Path) -> None:
    with pytest.raises(scaffold.ScaffoldError, match="would shadow the module 'pico'"):
        scaffold.generate("pico-single", "pico", output_dir=tmp_path)
