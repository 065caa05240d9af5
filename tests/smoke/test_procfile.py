"""The app a Procfile's web process gives gunicorn, read as gunicorn reads its command line,
or the script it runs with Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold._apps.detect import detect
from scaffold.frameworks.procfile import procfile_app


@pytest.mark.parametrize(
    ("procfile", "app"),
    [
        ("web: gunicorn autoapp:app -b 0.0.0.0:$PORT -w 3\n", "autoapp:app"),
        ("web: gunicorn tutorial.wsgi --log-file -\n", "tutorial.wsgi"),
        (
            "web: gunicorn -w 4 --bind=:$PORT 'shop:create_app(\"prod\")'\n",
            'shop:create_app("prod")',
        ),
        ("release: ./migrate.sh\nweb: python -m gunicorn wsgi:app\n", "wsgi:app"),
        ("web: cd src && gunicorn blog.wsgi --timeout 30\n", "blog.wsgi"),
        ("web: .venv/bin/gunicorn -k gevent app:app && echo done\n", "app:app"),
        # A script run with Python: its path, whose app Flask would find.
        ("web: python run.py\n", "run.py"),
        ("web: .venv/bin/python3.12 -u src/app.py --port $PORT\n", "src/app.py"),
        ("web: python -m flask run --port $PORT\n", None),
        ("web: python -c 'import app'\n", None),
        # Not gunicorn's, or not one app: nothing declared.
        ("web: uwsgi uwsgi.ini\n", None),
        ("worker: gunicorn app:app\n", None),
        ("web: gunicorn 'app:app\n", None),
        ("web: gunicorn -w\n", None),
        ("web: gunicorn\n", None),
    ],
)
def test_the_web_processs_app_is_read(tmp_path: Path, procfile: str, app: str | None) -> None:
    (tmp_path / "Procfile").write_text(procfile)
    assert procfile_app(tmp_path) == app


def test_a_procfile_that_is_not_a_file_declares_nothing(tmp_path: Path) -> None:
    assert procfile_app(tmp_path) is None
    (tmp_path / "Procfile").mkdir()
    assert procfile_app(tmp_path) is None
    (tmp_path / "Procfile").rmdir()
    (tmp_path / "Procfile").write_bytes(b"web: gunicorn app:app\n" + b"#" * 100_000)
    assert procfile_app(tmp_path) is None  # over 64 KiB: not read


@pytest.mark.parametrize(
    "web",
    [
        "gunicorn mysite.wsgi",
        "gunicorn gone:app",
        "gunicorn main:api -k uvicorn.workers.UvicornWorker",
    ],
)
def test_a_procfile_serving_no_flask_app_here_leaves_the_app_to_be_found(
    tmp_path: Path, web: str
) -> None:
    """A Django project's, a stale one's, a FastAPI app's: the Flask app is found as
    without a Procfile."""
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "wsgi.py").write_text(
        "from django.core.wsgi import get_wsgi_application\n\n"
        "application = get_wsgi_application()\n"
    )
    (tmp_path / "main.py").write_text("from fastapi import FastAPI\n\napi = FastAPI()\n")
    (tmp_path / "hello.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    (tmp_path / "Procfile").write_text(f"web: {web}\n")
    assert detect(tmp_path).found.wsgi == "hello:app"
