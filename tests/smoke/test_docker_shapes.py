"""Projects laid out for Docker Compose, run without it: the app two folders down
(`services/web`), and settings read from the environment with `os.environ.get` that
the compose file's env_file would have given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import scaffold
from support import startproject, write_files

pytestmark = pytest.mark.integration

FLASK = """\
from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "web"
"""
COMPOSE = "services:\n  web:\n    build: ./services/web\n"


def test_an_app_two_folders_down_is_found_and_served(tmp_path: Path) -> None:
    repo = write_files(tmp_path / "repo", {
        "docker-compose.yml": COMPOSE,
        "services/web/project/__init__.py": FLASK,
        "services/web/manage.py": "from project import app\n",
        "services/web/requirements.txt": "flask\n",
        "services/nginx/nginx.conf": "",
    })  # fmt: skip
    (result,) = scaffold.smoke([repo], any_body=True)
    assert (result.passed, result.body, result.path) == (True, "web", str(repo / "services/web"))


def test_apps_two_folders_down_are_named_to_choose_from_and_none_is_said_so(
    tmp_path: Path,
) -> None:
    repo = write_files(tmp_path / "repo", {"services/api/app.py": FLASK,
                                           "services/admin/app.py": FLASK})  # fmt: skip
    with pytest.raises(scaffold.ScaffoldError, match=r"but one in each of '.*admin', '.*api'"):
        list(scaffold.smoke([repo]))
    empty = write_files(tmp_path / "empty", {"a/b/c/app.py": FLASK})  # three down: not looked in
    with pytest.raises(scaffold.ScaffoldError, match=r"or the folders in it, two deep:"):
        list(scaffold.smoke([empty]))


def test_settings_got_with_environ_get_are_named_at_once_and_the_advice_passes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "app"
    startproject("hello", root)
    settings = root / "hello" / "settings.py"
    text = settings.read_text()
    text = re.sub(r"SECRET_KEY = .*\n", 'SECRET_KEY = os.environ.get("SECRET_KEY")\n', text)
    text = text.replace(
        "ALLOWED_HOSTS = []",
        'DEBUG = bool(os.environ.get("DEBUG", default=0))\n'
        'ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS").split(" ")',
    )
    settings.write_text("import os\n" + text)
    (failed,) = scaffold.smoke([root], any_body=True, status=404)
    assert str(failed.error).endswith(
        " before answering: the app reads DJANGO_ALLOWED_HOSTS from its environment, which "
        "has none, and hello/settings.py reads SECRET_KEY with no default, which it has not "
        "got either: give them with env={'DJANGO_ALLOWED_HOSTS': '127.0.0.1', 'SECRET_KEY': "
        "'VALUE'}."
    ), failed.error
    env = {"DJANGO_ALLOWED_HOSTS": "127.0.0.1", "SECRET_KEY": "VALUE"}
    # No page at "/" with DEBUG off: Django's 404 is its answer, and says it booted.
    for server in ("dev", "wsgi"):
        (passed,) = scaffold.smoke([root], env=env, any_body=True, status=404, server=server)
        assert passed.passed, (passed.error, passed.output)


def test_the_folders_looked_in_two_down_are_bounded(tmp_path: Path) -> None:
    """A folder of a thousand folders of folders (a home folder named by mistake) is
    looked through so far and no further: an app past the first 1000 is not found."""
    for outer in range(3):
        for inner in range(400):
            (tmp_path / f"o{outer}" / f"i{inner:03}").mkdir(parents=True)
    write_files(tmp_path / "o2" / "i399", {"app.py": FLASK})  # the 1200th folder two down
    with pytest.raises(scaffold.ScaffoldError, match=r"or the folders in it, two deep:"):
        list(scaffold.smoke([tmp_path]))
    write_files(tmp_path / "o0" / "i001", {"app.py": FLASK})  # the 2nd: found
    (served,) = scaffold.smoke([tmp_path], any_body=True)
    assert (served.passed, served.path) == (True, str(tmp_path / "o0" / "i001"))
