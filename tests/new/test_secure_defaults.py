"""Generated projects are secure by default and configured from the environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from scaffold import generate
from scaffold._process.server import free_port, serve_command
from scaffold._process.supervisor import Supervisor
from support import BIN

pytestmark = pytest.mark.integration

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "example.com",
    "DJANGO_HTTPS": "1",
}
DJANGO = [("django-single", ["app.py"]), ("django-project", ["manage.py"])]


def _django(project: Path, script: list[str], *args: str, env: dict[str, str]) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, *script, *args],
        cwd=project,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize(("template", "script"), DJANGO, ids=[t for t, _ in DJANGO])
def test_the_production_environment_passes_the_deploy_check(
    template: str, script: list[str], tmp_path: Path
) -> None:
    project = generate(template, "site1", output_dir=tmp_path).path
    _django(project, script, "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)


@pytest.mark.parametrize(("template", "script"), DJANGO, ids=[t for t, _ in DJANGO])
def test_settings_follow_the_environment(template: str, script: list[str], tmp_path: Path) -> None:
    project = generate(template, "site1", output_dir=tmp_path).path

    def settings(env: dict[str, str]) -> str:
        show = "from django.conf import settings as s; "
        show += "print(s.DEBUG, s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
        return _django(project, script, "shell", "-c", show, env=env).splitlines()[-1]

    assert settings({}) == "False ['localhost', '127.0.0.1', '[::1]'] False 0"
    debug = {"DJANGO_DEBUG": "1", "DJANGO_ALLOWED_HOSTS": "a.example,b.example"}
    assert settings(debug) == "True ['a.example', 'b.example'] False 0"
    assert settings(PRODUCTION) == "False ['example.com'] True 31536000"


@pytest.mark.parametrize(
    ("template", "app"), [("django-single", "app:app"), ("django-project", "site1.wsgi")]
)
def test_https_mode_redirects_plain_http(
    template: str, app: str, tmp_path: Path, supervisor: Supervisor
) -> None:
    project = generate(template, "site1", output_dir=tmp_path).path
    port = free_port()
    env = {"DJANGO_HTTPS": "1", "DJANGO_ALLOWED_HOSTS": "127.0.0.1"}
    argv = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", app]
    with serve_command(argv, cwd=project, port=port, env=env, supervisor=supervisor) as server:
        response = requests.get(server.url + "/", allow_redirects=False, timeout=10)
    assert response.status_code == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{port}/"


def test_the_flask_debugger_is_off_unless_asked_for(tmp_path: Path, supervisor: Supervisor) -> None:
    project = generate("flask-single", "site1", output_dir=tmp_path).path
    port = free_port()
    env = {"PORT": str(port), "FLASK_DEBUG": ""}
    with serve_command(
        [sys.executable, "app.py"], cwd=project, port=port, env=env, supervisor=supervisor
    ) as server:
        assert requests.get(server.url + "/", timeout=10).text == "Hello, World!"
        assert "Debug mode: off" in server.output()
