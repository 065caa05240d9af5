"""Each generated app, served for real by each server its README names, answers "/"."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import requests

from scaffold import generate
from scaffold._process.server import Server, free_port, serve_command
from scaffold._process.supervisor import Supervisor
from support import BIN

pytestmark = pytest.mark.integration

GUNICORN = [str(BIN / "gunicorn"), "--bind", "127.0.0.1:{port}"]
WAYS = [
    pytest.param("flask-single", [str(BIN / "flask"), "--app", "app", "run", "--port", "{port}"],
                 id="flask-single-flask-run"),
    pytest.param("flask-single", [sys.executable, "app.py"], id="flask-single-python-app"),
    pytest.param("flask-single", [*GUNICORN, "app:app"], id="flask-single-gunicorn"),
    pytest.param("flask-project", [str(BIN / "flask"), "--app", "site1", "run", "--port", "{port}"],
                 id="flask-project-flask-run"),
    pytest.param("flask-project", [*GUNICORN, "site1:create_app()"], id="flask-project-gunicorn"),
    pytest.param("django-single", [sys.executable, "app.py", "runserver", "{port}"],
                 id="django-single-runserver"),
    pytest.param("django-single", [*GUNICORN, "app:app"], id="django-single-gunicorn"),
    pytest.param("django-project", [sys.executable, "manage.py", "runserver", "{port}"],
                 id="django-project-runserver"),
    pytest.param("django-project", [*GUNICORN, "site1.wsgi"], id="django-project-gunicorn"),
]  # fmt: skip


def _get(server: Server, path: str, **params: str) -> tuple[int, str]:
    response = requests.get(server.url + path, params=params, timeout=10)
    return response.status_code, response.text


def _assert_stopped(server: Server) -> None:
    assert server.process.poll() is not None
    with pytest.raises(ProcessLookupError):
        os.killpg(server.process.pid, 0)  # signal 0 only asks: does the group exist?


@pytest.fixture(autouse=True)
def _no_framework_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("DJANGO_", "FLASK_")) or name == "PORT":
            monkeypatch.delenv(name)


# Jinja, quotes, escapes, wide characters, and characters that could disguise
# source code (a right-to-left override, a zero-width space, a byte order mark).
GREETING = 'It\'s "{{ 7*7 }}" {% if %} \\ 100% {braces} Grüß 👋 \u202eevil\u202c\u200b\ufeff'
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


@pytest.mark.parametrize(("template", "argv"), WAYS)
def test_the_app_greets_over_http_verbatim(
    template: str, argv: list[str], tmp_path: Path, supervisor: Supervisor
) -> None:
    project = generate(template, "site1", output_dir=tmp_path, greeting=GREETING)
    sources = [p.read_text(encoding="utf-8") for p in project.path.rglob("*.py")]
    assert not [source for source in sources if INVISIBLE.search(source)]
    port = free_port()
    command = [part.format(port=port) for part in argv]
    env = {"PORT": str(port)}
    with serve_command(
        command, cwd=project.path, port=port, env=env, supervisor=supervisor
    ) as server:
        assert _get(server, "/") == (200, f"{GREETING}, World!")
        assert _get(server, "/", name="Ada") == (200, f"{GREETING}, Ada!")
        assert _get(server, "/", name="<script>") == (200, f"{GREETING}, &lt;script&gt;!")
        status, body = _get(server, "/no-such-page")
        assert status == 404
        assert "URLconf" not in body  # Django's debug page names the URLconf it searched
        assert "Traceback" not in body
    _assert_stopped(server)
