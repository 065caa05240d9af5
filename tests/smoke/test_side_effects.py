"""What checking an app leaves behind: nothing in the project, nothing in HOME, no debug mode."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from scaffold import generate
from scaffold._apps.detect import detect
from scaffold._apps.launch import serve_app
from scaffold._process.supervisor import Supervisor
from scaffold.cli import cli
from scaffold.kinds import KINDS, ServerName
from support import listing

pytestmark = pytest.mark.integration


def test_nothing_is_written_into_home(runner: CliRunner, home: Path) -> None:
    # The user's own gunicorn has its control socket where gunicorn 23+ puts it.
    theirs = home / ".gunicorn" / "gunicorn.ctl"
    theirs.parent.mkdir()
    theirs.write_text("the user's")
    # gunicorn (23 and up) writes a control socket into HOME: one Flask, one Django.
    result = runner.invoke(cli, ["smoke", "--server", "wsgi", "flask-single", "django-project"])
    assert result.exit_code == 0, result.output
    assert listing(home) == [".gunicorn"]
    assert listing(home / ".gunicorn") == ["gunicorn.ctl"]
    assert theirs.read_text() == "the user's"


@pytest.mark.parametrize(
    ("template", "server"),
    # Every kind under its dev server, and each production server once: the debug
    # switches are dropped the same way whichever server starts.
    [(kind.name, "dev") for kind in KINDS]
    + [("flask-project", "wsgi"), ("django-project", "wsgi"), ("django-project", "asgi")],
)
def test_servers_run_as_production_does(
    template: str, server: ServerName, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Debug switches in scaffold's environment do not reach them; other hosts get 400."""
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    app = detect(generate(template, "site1", output_dir=tmp_path).path)
    with (
        Supervisor() as supervisor,
        serve_app(app, server=server, python=sys.executable, supervisor=supervisor) as running,
    ):
        missing = running.get("/no-such-page")
        hosts = {
            host: requests.get(running.url + "/", headers={"Host": host}, timeout=10).status_code
            for host in ("evil.example", "localhost", "127.0.0.1:8000")
        }
        output = running.output()
    assert missing.status == 404
    # Debug pages name the URLconf (Django) or show the debugger (Werkzeug).
    assert "URLconf" not in missing.body
    assert "Debug mode: on" not in output
    assert hosts == {"evil.example": 400, "localhost": 200, "127.0.0.1:8000": 200}
