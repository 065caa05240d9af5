"""The django-project works as its README says: static files, the admin, manage.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import scaffold
from scaffold import generate
from scaffold._apps.detect import detect
from scaffold._apps.hints import status_hint
from scaffold._apps.serving import Serving, served
from scaffold._process.fetch import fetch
from scaffold._process.supervisor import Supervisor
from scaffold.kinds import ServerName

pytestmark = pytest.mark.integration


def _manage(
    project: Path, *args: str, python: str = sys.executable
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run([python, "manage.py", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_after_collectstatic_the_admin_is_styled_with_debug_off(
    tmp_path: Path, supervisor: Supervisor, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = generate("django-project", "site1", output_dir=tmp_path).path
    monkeypatch.chdir(project)  # as its README's next steps have the user: in the project
    # Before collectstatic, the admin's pages are a 500 (DEBUG off: nothing printed of
    # why), and smoke says what to run, as its README's next steps do.
    (uncollected,) = scaffold.smoke([project], path=["/admin/login/"])
    command = "python manage.py collectstatic --no-input --settings site1.settings"
    assert uncollected.error == (
        "GET /admin/login/ answered 500, expected 200. Its settings keep static files with a "
        f"manifest, which collectstatic has not written: run collectstatic first ({command}), "
        "as a deploy would; the copy served has the project's collected files."
    )
    # Inferred only when the server said nothing of why: a traceback's cause comes first.
    said = "OSError: Error reading webpack-stats.json. Are you sure webpack has generated it?"
    assert status_hint(detect(project), 500, "127.0.0.1:8000", said) == ""
    collected = _manage(project, *command.split()[2:])
    assert collected.returncode == 0, collected.stderr
    assert (project / "staticfiles" / "admin" / "css" / "base.css").is_file()
    app = detect(project)
    servers: list[ServerName] = ["dev", "wsgi"]  # uvicorn serves it as gunicorn does
    for server in servers:
        with served(app, Serving(server), python=sys.executable, supervisor=supervisor) as up:
            login = fetch("127.0.0.1", up.port, "/admin/login/", deadline=up.deadline)
            assert login.status == 200, server
            stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', login.body)
            assert stylesheets, login.body[:500]
            for href in stylesheets:
                css = fetch("127.0.0.1", up.port, href, deadline=up.deadline)
                assert css.status == 200, (server, href)


def test_manage_py_says_what_to_do_when_django_is_missing(tmp_path: Path) -> None:
    project = generate("django-project", "site1", output_dir=tmp_path).path
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    result = _manage(project, "check", python=str(bare / "bin" / "python"))
    assert result.returncode == 1
    assert "Couldn't import Django." in result.stderr
    assert "Did you forget to activate a virtual environment?" in result.stderr
