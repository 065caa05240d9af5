"""What checking an app leaves behind: nothing in the project, nothing in HOME, no debug mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

import scaffold
from scaffold import generate
from scaffold._apps.detect import detect
from scaffold._apps.serving import Serving, served
from scaffold._process.supervisor import Supervisor
from scaffold.cli import cli
from scaffold.kinds import KINDS, ServerName
from support import listing, snapshot

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
        served(app, Serving(server), python=sys.executable, supervisor=supervisor) as running,
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


def test_links_in_a_monorepo_lead_where_they_did_and_nothing_is_left(
    runner: CliRunner, tmp_path: Path
) -> None:
    # apps/web/templates -> ../../shared/templates, the way monorepos share files;
    # a link inside the project, and one by absolute path, for good measure.
    shared = tmp_path / "shared" / "templates"
    shared.mkdir(parents=True)
    (shared / "index.html").write_text("Hello from {{ where }}!")
    (tmp_path / "elsewhere.txt").write_text("the shared folder")
    web = tmp_path / "apps" / "web"
    (web / "data").mkdir(parents=True)
    (web / "templates").symlink_to(Path("..", "..", "shared", "templates"))
    (web / "data" / "where.txt").symlink_to(tmp_path / "elsewhere.txt")
    (web / "where.txt").symlink_to(Path("data", "where.txt"))
    (web / "app.py").write_text(
        "from pathlib import Path\n\nfrom flask import Flask, render_template\n\n"
        "app = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n"
        "    where = (Path(__file__).parent / 'where.txt').read_text()\n"
        "    return render_template('index.html', where=where)\n"
    )
    before = snapshot(tmp_path)
    result = runner.invoke(cli, ["smoke", "--json", str(web)])
    (row,) = json.loads(result.stdout)
    assert row["passed"] is True, row
    assert row["body"] == "Hello from the shared folder!"
    assert snapshot(tmp_path) == before


def test_a_read_only_project_and_what_its_server_locks_leave_nothing_behind(
    tmp_path: Path,
) -> None:
    """A read-only checkout is copied read-only; a server locks folders in its HOME."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "app.py").write_text(
        "import os\n\nfrom flask import Flask\n\nhome = os.environ['HOME']\n"
        "os.makedirs(f'{home}/cache/modules/x')\nos.makedirs(f'{home}/locked/inner')\n"
        "for folder, mode in (('cache/modules/x', 0o555), ('cache/modules', 0o555), "
        "('locked/inner', 0), ('locked', 0)):\n    os.chmod(f'{home}/{folder}', mode)\n\n"
        "app = Flask(__name__)\n\n\n@app.route('/')\ndef hello():\n    return 'Hello, World!'\n"
    )
    (app / "static").mkdir()
    (app / "static" / "site.css").write_text("body {}")
    for path in (app / "static" / "site.css", app / "static", app / "app.py", app):
        path.chmod(0o444 if path.is_file() else 0o555)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # Root removes anything, unless it gives up the capabilities that let it.
    as_root = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
    try:
        result = subprocess.run(
            [*(as_root if os.geteuid() == 0 else []), sys.executable, "-m", "scaffold",
             "smoke", str(app)],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, "TMPDIR": str(temporary)},
        )  # fmt: skip
    finally:
        app.chmod(0o755)  # for pytest's own clean-up
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("PASS")
    assert listing(temporary) == []


def test_an_app_writing_beside_its_pwd_writes_into_its_copy(tmp_path: Path) -> None:
    app = tmp_path / "site"
    app.mkdir()
    (app / "app.py").write_text(
        "import os\n\nfrom flask import Flask\n\n"
        "with open(os.path.join(os.environ['PWD'], 'app.log'), 'w') as log:\n"
        "    log.write(os.environ.get('OLDPWD', 'no OLDPWD'))\n\n"
        "app = Flask(__name__)\n\n\n@app.route('/')\ndef hello():\n"
        "    return open(os.path.join(os.environ['PWD'], 'app.log')).read()\n"
    )
    (result,) = scaffold.smoke([app])
    assert (result.passed, result.body) == (True, "no OLDPWD"), result.error
    assert sorted(p.name for p in app.iterdir()) == ["app.py"]
