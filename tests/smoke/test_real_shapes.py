"""Shapes real projects have, each seen in public Flask and Django projects, each served
for real: virtualenvs by any name, Flask's path forms, root entry points over a src
layout, Django as production serves it, and Flask older than 2.2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import scaffold
from scaffold._apps.detect import detect
from scaffold.errors import InputError
from support import snapshot, startproject, virtualenv_over_this_one, write_files

pytestmark = pytest.mark.integration

FLASKR = """\
from flask import Flask


def create_app():
    app = Flask(__name__)

    @app.route("/")
    def index():
        return "Hello, World!"

    return app
"""
SHOWS_PYTHON = """\
import os
import sys

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return sys.executable + " " + ",".join(sorted(os.listdir(".")))
"""


def _virtualenv(folder: Path) -> Path:
    """A virtualenv in `folder` whose python is this one (a link, as venv makes it)."""
    (folder / "bin").mkdir(parents=True)
    (folder / "bin" / "python").symlink_to(sys.executable)
    (folder / "pyvenv.cfg").write_text(f"home = {Path(sys.executable).parent}\n")
    (folder / "lib" / "big").mkdir(parents=True)
    return folder / "bin" / "python"


@pytest.mark.parametrize("name", ["env", "myvenv", ".env"])
def test_a_virtualenv_by_any_name_serves_its_project_and_is_not_copied(
    tmp_path: Path, name: str
) -> None:
    project = write_files(tmp_path / "site", {"app.py": SHOWS_PYTHON})
    python = _virtualenv(project / name)
    (result,) = scaffold.smoke([project])
    assert result.passed, result.error
    executable, listing = str(result.body).split(" ")
    assert (executable, listing) == (str(python), "app.py")


def test_a_project_one_folder_down_is_served_by_the_repositorys_virtualenv(
    tmp_path: Path,
) -> None:
    """A tutorial's README makes the venv where it runs `django-admin startproject mysite`."""
    repo = tmp_path / "repo"
    write_files(repo / "mysite", {"app.py": SHOWS_PYTHON})
    python = _virtualenv(repo / ".venv")
    (result,) = scaffold.smoke([repo])
    assert str(result.body).split(" ")[0] == str(python), result.error
    own = _virtualenv(repo / "mysite" / "venv")  # the project's own comes first
    (result,) = scaffold.smoke([repo])
    assert str(result.body).split(" ")[0] == str(own), result.error


@pytest.mark.parametrize(
    "given",
    ["src/flaskr", "./src/flaskr", "src/flaskr/__init__.py", "flaskr", "flaskr:create_app()"],
)
def test_flasks_path_forms_of_app_name_the_package(tmp_path: Path, given: str) -> None:
    root = write_files(tmp_path, {"src/flaskr/__init__.py": FLASKR})
    app = detect(root, flask_app=given, environ={})
    assert (app.found.wsgi, app.found.source) == ("flaskr:create_app()", "src")


def test_a_file_path_to_a_module_names_the_module(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"app.py": FLASKR.replace("def create_app", "def make")
                             + "\napp = make()\n"})  # fmt: skip
    assert detect(root, flask_app="./app.py", environ={}).found.wsgi == "app:app"


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_root_wsgi_py_over_a_src_layout_is_served_with_src_importable(
    tmp_path: Path, server: str
) -> None:
    wsgi = "from flaskr import create_app\n\napp = create_app()\n"
    root = write_files(tmp_path / "site", {"src/flaskr/__init__.py": FLASKR, "wsgi.py": wsgi})
    (result,) = scaffold.smoke([root], server=server)  # type: ignore[arg-type]
    assert (result.passed, result.body) == (True, "Hello, World!"), result.error


URLS = """\
from django.http import HttpResponse
from django.urls import path


def index(request):
    return HttpResponse("Hello, World!")


urlpatterns = [path("", index)]
"""


def _django(root: Path) -> Path:
    """A startproject layout, config/, answering "/"."""
    startproject("config", root)
    (root / "config" / "urls.py").write_text(URLS)
    return root


def test_django_under_asgi_is_served_with_the_settings_asgi_py_sets(tmp_path: Path) -> None:
    root = _django(tmp_path / "site")
    asgi = root / "config" / "asgi.py"
    asgi.write_text(asgi.read_text().replace("config.settings'", "config.nowhere'"))
    dev, production = (
        next(iter(scaffold.smoke([root], server=server)))  # type: ignore[arg-type]
        for server in ("dev", "asgi")
    )
    assert dev.passed, dev.error
    assert not production.passed
    assert "No module named 'config.nowhere'" in production.output


def test_django_under_gunicorn_needs_what_its_production_settings_need(tmp_path: Path) -> None:
    root = _django(tmp_path / "site")
    (root / "config" / "production.py").write_text(
        "import os\n\nfrom .settings import *  # noqa: F403\n\n"
        'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\n'
        'ALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
    )
    wsgi = root / "config" / "wsgi.py"
    wsgi.write_text(wsgi.read_text().replace("config.settings'", "config.production'"))
    (failed,) = scaffold.smoke([root], server="wsgi")
    assert not failed.passed
    assert "give it with env={'DJANGO_SECRET_KEY': 'VALUE'}" in str(failed.error)
    # The advice followed: the next run passes.
    (passed,) = scaffold.smoke([root], server="wsgi", env={"DJANGO_SECRET_KEY": "x" * 50})
    assert passed.passed, passed.error
    # --settings (or DJANGO_SETTINGS_MODULE) still wins over wsgi.py's.
    (chosen,) = scaffold.smoke([root], server="wsgi", settings="config.settings")
    assert chosen.passed, chosen.error


# The oldest releases smoke supports, as the docs state them, with what they need.
FLOORS = {
    "flask-1.1": (
        ["flask==1.1.4", "werkzeug<2", "jinja2<3", "itsdangerous<2", "markupsafe<2.1"],
        "from flask import Flask\nfrom markupsafe import escape\n\napp = Flask(__name__)\n\n\n"
        '@app.route("/")\ndef hello():\n    return "Hello, World!"\n',
    ),
    "django-3.2": (["django==3.2.*"], None),
}
# gunicorn before 20.1 has no `python -m gunicorn`; before 22, it imports pkg_resources.
GUNICORN_FLOOR = ["gunicorn==19.9.0", "setuptools<82"]


@pytest.fixture(scope="module", params=list(FLOORS))
def at_the_floor(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project served by its own .venv holding the oldest supported framework."""
    from scaffold._smoke.fresh_env import installer

    uv = installer("uv")
    packages, source = FLOORS[request.param]
    root = tmp_path_factory.mktemp(request.param) / "site"
    root = _django(root) if source is None else write_files(root, {"app.py": source})
    venv = root / ".venv"
    subprocess.run([str(uv), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    subprocess.run(
        [str(uv), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"),
         *packages, *GUNICORN_FLOOR, "uvicorn"],
        check=True, timeout=300,
    )  # fmt: skip
    return root


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_the_oldest_supported_frameworks_are_served(at_the_floor: Path, server: str) -> None:
    (result,) = scaffold.smoke([at_the_floor], server=server)  # type: ignore[arg-type]
    assert (result.passed, result.body) == (True, "Hello, World!"), result.error


# A factory given the config class to serve with, beside another that sets its own
# SERVER_NAME first (JackStouffer/Flask-Foundation's shape): the one served is told.
_SERVED_WITH_A_CONFIG_CLASS = {
    ".flaskenv": "FLASK_APP=\"shop:create_app('shop.settings.DevConfig')\"\n",
    "shop/settings.py": "class ProdConfig:\n    SERVER_NAME = 'replace me'\n\n\n"
    "class DevConfig:\n    SERVER_NAME = 'localhost:5000'\n",
    "shop/__init__.py": "from flask import Flask\n\n\ndef create_app(object_name):\n"
    "    app = Flask(__name__)\n    app.config.from_object(object_name)\n\n"
    '    @app.route("/")\n    def hello():\n        return "Hello, World!"\n\n    return app\n',
}


@pytest.mark.parametrize("at_the_floor", ["flask-1.1"], indirect=True)
@pytest.mark.parametrize(
    ("files", "host"),
    [
        ({"app.py": (
            "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"
            'app.config["SERVER_NAME"] = os.getenv("SERVER_NAME", "localhost:8000")\n\n\n'
            '@app.route("/")\ndef hello():\n    return "Hello, World!"\n'
        )}, "localhost:8000"),
        (_SERVED_WITH_A_CONFIG_CLASS, "localhost:5000"),
    ],
    ids=["getenv-default", "config-class-served"],
)  # fmt: skip
def test_a_flask_app_whose_server_name_takes_its_requests_is_told_the_host(
    at_the_floor: Path, tmp_path: Path, files: dict[str, str], host: str
) -> None:
    """Flask before 3.1 answers 404 to any host but SERVER_NAME: no --path helps."""
    root = write_files(tmp_path / "site", files)
    (root / ".venv").symlink_to(at_the_floor / ".venv")
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /: check one it serves with "
        f"path=['PATH']; or, as its config sets SERVER_NAME ({host!r}), to which Flask "
        f"before 3.1 answers alone, check it as that host with host={host!r}."
    )
    (passed,) = scaffold.smoke([root], host=host)
    assert passed.passed, passed.error


@pytest.mark.parametrize("fresh_env", [False, True], ids=["own-python", "fresh-env"])
def test_a_project_one_folder_down_is_found_with_the_repositorys_requirements(
    tmp_path: Path, fresh_env: bool
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _django(repo / "mysite")
    (repo / "requirements.txt").write_text("django\n")
    (repo / "docs").mkdir()
    (result,) = scaffold.smoke([repo], fresh_env=fresh_env)
    assert (result.passed, result.kind, result.path) == (
        True,
        "django-project",
        str(repo / "mysite"),
    ), result.error


def test_a_project_one_folder_down_reads_the_repository_around_it(tmp_path: Path) -> None:
    """vintasoftware/django-react-boilerplate's backend/ reads the webpack-stats.json its
    frontend's build leaves in the repository, `../webpack-stats.json`. Smoked alone, its
    copy has not got that file, which is said, with the folder to smoke; the repository
    named is copied whole, as its README runs the app in it, and nothing is written in it."""
    repo = tmp_path / "repo"
    write_files(repo, {
        "backend/app.py": "from pathlib import Path\n\nfrom flask import Flask\n\n"
        "app = Flask(__name__)\nSTATS = Path(__file__).parent / '..' / 'webpack-stats.json'\n\n\n"
        "@app.route('/')\ndef index():\n    return STATS.read_text()\n",
        "frontend/index.js": "",
        "webpack-stats.json": '{"status": "done"}',
    })  # fmt: skip
    before = snapshot(repo)
    (failed,) = scaffold.smoke([repo / "backend"])
    assert str(failed.error).endswith(
        "The app reads ../webpack-stats.json, outside its folder, which smoke does not copy "
        f"to serve it: smoke '{repo}', which holds both and finds this app in it, to serve "
        "it there."
    ), failed.error
    (result,) = scaffold.smoke([repo])
    assert (result.passed, result.body, result.path) == (
        True, '{"status": "done"}', str(repo / "backend")
    ), result.error  # fmt: skip
    assert snapshot(repo) == before


def test_two_projects_one_folder_down_are_named_to_choose_from(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _django(repo / "one")
    write_files(repo / "two", {"app.py": FLASKR + "\napp = create_app()\n"})
    with pytest.raises(scaffold.ScaffoldError, match=r"but one in each of '.*one', '.*two'"):
        list(scaffold.smoke([repo]))


def test_a_broken_folder_beside_the_project_one_down_is_passed_by(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_files(
        repo,
        {"tools/.flaskenv": "FLASK_APP=nowhere\n", "web/app.py": FLASKR + "\napp = create_app()\n"},
    )
    app = detect(repo, environ={})
    assert (app.root, app.found.wsgi, app.named) == (repo / "web", "app:app", repo)


def test_requirements_kept_elsewhere_in_the_repository_are_installed_as_pip_would(
    tmp_path: Path,
) -> None:
    """A monorepo: requirements/prod.txt includes base.txt and names ../lib, relative
    to its own folder, as `pip install -r prod.txt` run in requirements/ reads them."""
    repo = write_files(
        tmp_path / "repo",
        {
            "requirements/prod.txt": "-r base.txt\n-e ../lib  # the shared package\n",
            "requirements/base.txt": "flask\n",
            "lib/pyproject.toml": (
                '[build-system]\nrequires = ["setuptools>=61"]\n'
                'build-backend = "setuptools.build_meta"\n\n'
                '[project]\nname = "greet"\nversion = "0.1"\n\n'
                '[tool.setuptools]\npy-modules = ["greet"]\n'
            ),
            "lib/greet.py": "GREETING = 'Hello from lib'\n",
            "web/app.py": (
                "from flask import Flask\n\nimport greet\n\napp = Flask(__name__)\n\n\n"
                "@app.route('/')\ndef hello():\n    return greet.GREETING\n"
            ),
        },
    )
    before = snapshot(repo)
    (result,) = scaffold.smoke(
        [repo / "web"], fresh_env=True, requirements=repo / "requirements" / "prod.txt"
    )
    assert result.passed, result.error
    assert result.body == "Hello from lib"
    assert snapshot(repo) == before  # built from a copy: no lib/*.egg-info


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--requirements", "reqs.txt"], "add --fresh-env."),
        (["--fresh-env", "--requirements", "missing.txt"], "cannot read 'missing.txt': No such"),
    ],
    ids=["without-fresh-env", "missing"],
)
def test_a_requirements_file_that_cannot_be_used_is_bad_usage(
    args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reqs.txt").write_text("flask\n")
    run = subprocess.run([sys.executable, "-m", "scaffold", "smoke", "flask-single", *args],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.startswith("Error: Invalid value for '--requirements': ")
    assert said in run.stderr
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_an_app_in_a_module_of_the_package_is_served_as_flask_app_package_module(
    tmp_path: Path, server: str
) -> None:
    """`flask --app shop.app run`, `gunicorn 'shop.app:create_app()'`: the package holds
    a module of the same name, which must not be taken for the package."""
    root = write_files(
        tmp_path / "owe",
        {
            "shop/__init__.py": "from .shop import GREETING\n",
            "shop/shop.py": "from .words import HELLO\n\nGREETING = HELLO + ', World!'\n",
            "shop/words.py": "HELLO = 'Hello'\n",
            "shop/app/__init__.py": "from .factory import create_app\n",
            "shop/app/factory.py": (
                "from flask import Flask\n\nfrom shop import GREETING\n\n\n"
                "def create_app():\n    app = Flask(__name__)\n    "
                "app.add_url_rule('/', 'hello', lambda: GREETING)\n    return app\n"
            ),
        },
    )
    app = detect(root, environ={})
    assert (app.root, app.found.wsgi) == (root, "shop.app:create_app()")
    (result,) = scaffold.smoke([root], server=server)
    assert result.passed, result.error
    assert result.body == "Hello, World!"


# A library's example project, as django-debug-toolbar keeps one: a package of the
# repository, whose manage.py puts the repository on sys.path, where the library is.
EXAMPLE_PROJECT = {
    "greeter/__init__.py": 'def greeting():\n    return "Hello from the library"\n',
    "example/__init__.py": "",
    "example/manage.py": (
        "import os\nimport sys\n\nsys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))\n"
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example.settings")\n'
        "from django.core.management import execute_from_command_line\n\n"
        "execute_from_command_line(sys.argv)\n"
    ),
    "example/settings.py": (
        'SECRET_KEY = "example"\nDEBUG = True\nALLOWED_HOSTS = ["127.0.0.1"]\n'
        'ROOT_URLCONF = "example.urls"\nWSGI_APPLICATION = "example.wsgi.application"\n'
        "INSTALLED_APPS = []\nDATABASES = {}\n"
    ),
    "example/urls.py": (
        "from django.http import HttpResponse\nfrom django.urls import path\n\n"
        "from greeter import greeting\n\n"
        'urlpatterns = [path("", lambda request: HttpResponse(greeting()))]\n'
    ),
    "example/wsgi.py": (
        "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example.settings")\n'
        "application = get_wsgi_application()\n"
    ),
}


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_an_example_project_in_a_package_of_the_repository_is_served_from_it(
    tmp_path: Path, server: str
) -> None:
    """`python example/manage.py runserver`, from the repository, as its README says."""
    repo = write_files(tmp_path / "repo", EXAMPLE_PROJECT)
    (result,) = scaffold.smoke([repo], server=server)  # type: ignore[arg-type]
    assert (result.passed, result.body) == (True, "Hello from the library"), result.error
    with pytest.raises(scaffold.ScaffoldError, match=r"is the package example of the project"):
        list(scaffold.smoke([repo / "example"]))


def test_settings_named_from_the_folder_above_are_read_for_advice(tmp_path: Path) -> None:
    """Shaped like django-unicorn's example/: no package, its manage.py puts the folder
    above on sys.path and names example.project.settings, which list their hosts."""
    files = {
        "example/manage.py": EXAMPLE_PROJECT["example/manage.py"].replace(
            '"example.settings"', '"example.project.settings"'
        ),
        "example/project/__init__.py": "",
        "example/project/settings.py": EXAMPLE_PROJECT["example/settings.py"]
        .replace(
            '["127.0.0.1"]',
            '["localhost", "0.0.0.0"]\nMIDDLEWARE = ["django.middleware.common.CommonMiddleware"]',
        )
        .replace('"example.urls"', '"example.project.urls"')
        .replace('"example.wsgi.application"', '"example.project.wsgi.application"'),
        "example/project/wsgi.py": EXAMPLE_PROJECT["example/wsgi.py"].replace(
            '"example.settings"', '"example.project.settings"'
        ),
        "example/project/urls.py": (
            "from django.http import HttpResponse\nfrom django.urls import path\n\n"
            'urlpatterns = [path("", lambda request: HttpResponse("Hello from the example"))]\n'
        ),
    }
    repo = write_files(tmp_path / "repo", files)
    (refused,) = scaffold.smoke([repo])
    assert str(refused.error).endswith(
        "give a name it lists with host='localhost' (its settings list 'localhost', '0.0.0.0')."
    ), refused.error
    (result,) = scaffold.smoke([repo], host="localhost")
    assert (result.passed, result.body) == (True, "Hello from the example"), result.error


# The factory's default configuration is production's; the Procfile serves the script
# that chooses another (flask-realworld-example-app's autoapp.py).
CONDUIT = {
    "conduit/__init__.py": "",
    "conduit/app.py": """\
import os

from flask import Flask


def create_app(config="production"):
    app = Flask(__name__)
    if config == "production":
        app.config["DATABASE"] = os.environ["DATABASE_URL"]

    @app.route("/")
    def index():
        return "Hello, World!"

    return app
""",
    "autoapp.py": """\
from conduit.app import create_app

app = create_app("development")
""",
    "Procfile": "release: flask db upgrade\nweb: gunicorn autoapp:app -b 0.0.0.0:$PORT -w 3\n",
}


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_the_app_a_procfile_serves_with_gunicorn_is_the_one_served(
    tmp_path: Path, server: str
) -> None:
    root = write_files(tmp_path / "site", CONDUIT)
    assert detect(root).found.wsgi == "autoapp:app"
    (result,) = scaffold.smoke([root], server=server)
    assert (result.passed, result.body) == (True, "Hello, World!"), result.error


# httpbin's: the Procfile names the package, which takes its app from `.core`, by `*`;
# a demo app.py beside it is not what production serves.
STAR_EXPORTED = {
    "hb/__init__.py": "from .core import *\n",
    "hb/core.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/')\ndef index():\n    return 'Hello, World!'\n",
    "app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
    "Procfile": "web: gunicorn hb:app -k gevent\n",
}


def test_an_app_a_procfile_names_through_the_packages_star_import_is_served(
    tmp_path: Path,
) -> None:
    root = write_files(tmp_path / "site", STAR_EXPORTED)
    assert detect(root).found.wsgi == "hb:app"
    (result,) = scaffold.smoke([root], server="wsgi")
    assert (result.passed, result.body) == (True, "Hello, World!"), result.error
    # What `*` does not bring (a name __all__ leaves out, a private one) is not the app.
    (root / "Procfile").unlink()
    (root / "app.py").unlink()
    for hidden in ("__all__ = ['helper']\napp = Flask(__name__)\n", "_app = Flask(__name__)\n"):
        (root / "hb" / "core.py").write_text(f"from flask import Flask\n\n{hidden}")
        with pytest.raises(scaffold.ScaffoldError, match="no app found"):
            detect(root)


# eve-demo's: an app of a framework built on Flask (`Eve()`, a Flask of its own class),
# in one of several scripts, the one its Procfile runs with Python.
BUILT_ON_FLASK = {
    "eve/__init__.py": "from flask import Flask\n\n\nclass Eve(Flask):\n"
    "    def __init__(self):\n        super().__init__(__name__)\n"
    "        self.add_url_rule('/', 'home', lambda: 'Hello from Eve')\n",
    "run.py": "from eve import Eve\n\napp = Eve()\n\nif __name__ == '__main__':\n    app.run()\n",
    "run-hello.py": "from eve import Eve\n\napp = Eve()\n",
    "Procfile": "web: python -u run.py\n",
}


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_the_script_a_procfile_runs_with_python_serves_a_framework_built_on_flask(
    tmp_path: Path, server: str
) -> None:
    root = write_files(tmp_path / "site", BUILT_ON_FLASK)
    assert detect(root).found.wsgi == "run:app"
    (result,) = scaffold.smoke([root], server=server)
    assert (result.passed, result.body) == (True, "Hello from Eve"), result.error
    # Without the Procfile, each script is named to choose from, as Flask apps are.
    (root / "Procfile").unlink()
    with pytest.raises(scaffold.ScaffoldError, match="each of run-hello:app, run:app"):
        detect(root)


HELLO_010 = """\
from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "<h1>Hello, World!</h1>"
"""
# Flask as it was before 0.11 gave it a command line (no flask.__main__, no flask.cli),
# as miguelgrinberg/flask-examples pins it (0.10.1): a WSGI app and a route decorator.
FLASK_BEFORE_ITS_COMMAND_LINE = """\
__version__ = "0.10.1"


class Flask:
    def __init__(self, import_name):
        self.views = {}

    def route(self, rule):
        def add(view):
            self.views[rule] = view
            return view

        return add

    def __call__(self, environ, start_response):
        body = self.views[environ["PATH_INFO"]]().encode()
        start_response("200 OK", [("Content-Type", "text/html")])
        return [body]
"""


def test_a_flask_older_than_its_command_line_is_told_to_use_gunicorn(tmp_path: Path) -> None:
    """Its dev server cannot be started as smoke starts Flask's (`python -m flask`); the
    advice, followed, serves it with gunicorn, from this environment's packages."""
    venv = tmp_path / "site" / ".venv"
    site = virtualenv_over_this_one(venv)
    write_files(site, {"flask/__init__.py": FLASK_BEFORE_ITS_COMMAND_LINE})
    root = write_files(tmp_path / "site", {"hello.py": HELLO_010})
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        ": the Flask installed has no `python -m flask`, which its dev server is started "
        "with: it is older than smoke serves; serve it with server='wsgi', or pin a newer "
        "Flask."
    ), failed.error
    (passed,) = scaffold.smoke([root], server="wsgi")
    assert (passed.passed, passed.body) == (True, "<h1>Hello, World!</h1>"), passed.error


# A wrapper of the shape of connexion 2's App (Real Python's Flask REST API series,
# Zalando's API projects): a WSGI app around the Flask app it makes, its `.app`.
CONNEXION = """\
from flask import Flask


class App:
    def __init__(self, import_name, **options):
        self.app = Flask(import_name)

    def route(self, rule, **options):
        return self.app.route(rule, **options)

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)
"""
CONNEXION_APP = """\
import html

from flask import request

{made}


@{name}.route("/")
def home():
    return f"Hello, {{html.escape(request.args.get('name', 'World'))}}!"
"""


@pytest.mark.parametrize(
    ("files", "app"),
    [
        # rp_flask_api/app.py: `app = connexion.App(__name__, specification_dir="./")`.
        ({"app.py": CONNEXION_APP.format(made="import connexion\n\napp = connexion.App(__name__)",
                                         name="app")}, None),
        # Part 4's server.py: the App made in config.py, `connex_app = config.connex_app`.
        ({"config.py": "import connexion\n\nconnex_app = connexion.App(__name__)\n",
          "server.py": CONNEXION_APP.format(made="import config\n\nconnex_app = config.connex_app",
                                            name="connex_app")}, "server:connex_app"),
    ],
    ids=["app-py", "made-in-config"],
)  # fmt: skip
def test_a_connexion_app_is_told_that_gunicorn_serves_it(
    tmp_path: Path, files: dict[str, str], app: str | None
) -> None:
    root = write_files(tmp_path / "api", {"connexion.py": CONNEXION, **files})
    (failed,) = scaffold.smoke([root], app=app)
    module, _, name = (app or "app:app").partition(":")
    assert str(failed.error).endswith(
        f": {module}.py's {name} is a connexion app, which wraps the Flask app that flask run "
        "would need (its .app), and flask run serves only Flask's own: serve it with "
        "server='wsgi', as gunicorn serves connexion 2's apps."
    ), failed.error
    (passed,) = scaffold.smoke([root], app=app, server="wsgi")
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


# Dash's shape: an app that holds the Flask app it serves, its `.server`, made for it
# or given (`Dash(__name__, server=server)`), and answers "/" with its page.
DASH = """\
from flask import Flask


class Dash:
    def __init__(self, name, server=True):
        self.server = Flask(name) if server is True else server
        self.layout = None
        self.server.add_url_rule("/", "index", lambda: f"<div>{self.layout}</div>")
"""
DASH_APP = (
    "from dash import Dash\n\n{made}\napp.layout = 'Sales'\n\n"
    "if __name__ == '__main__':\n    app.run(debug=True)\n"
)


@pytest.mark.parametrize(
    ("script", "made", "served"),
    [
        # Dash's deployment docs: `server = app.server`, for `gunicorn app:server`.
        ("sales-dashboard.py", "app = Dash(__name__)\nserver = app.server",
         "sales-dashboard:server"),
        # plotly/dash-heroku-template's: the Flask app made first, and given to Dash.
        ("index.py", "from flask import Flask\n\nserver = Flask(__name__)\n"
                     "app = Dash(__name__, server=server)", "index:server"),
    ],
    ids=["app-server", "given-server"],
)  # fmt: skip
def test_a_dash_app_is_served_by_the_flask_app_it_holds(
    tmp_path: Path, script: str, made: str, served: str
) -> None:
    root = write_files(tmp_path / "charts", {"dash.py": DASH, script: DASH_APP.format(made=made)})
    assert detect(root).found.wsgi == served
    for server in ("dev", "wsgi"):
        (result,) = scaffold.smoke([root], server=server)  # type: ignore[arg-type]
        assert (result.passed, result.body) == (True, "<div>Sales</div>"), result.error


def test_a_dash_app_that_names_no_flask_app_is_told_to_name_it(tmp_path: Path) -> None:
    """Run by `python app.py` alone: flask run and gunicorn need the Flask app by name."""
    made = DASH_APP.format(made="app = Dash(__name__)")
    root = write_files(tmp_path / "charts", {"dash.py": DASH, "app.py": made})
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        ": app.py's app is a Dash app, which holds the Flask app that flask run and gunicorn "
        "serve (app.server) and does not name it: name it (server = app.server), as Dash's "
        "docs do to deploy it."
    ), failed.error
    (root / "app.py").write_text(
        made.replace("app = Dash(__name__)\n", "app = Dash(__name__)\nserver = app.server\n")
    )
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "<div>Sales</div>"), passed.error


def test_a_settings_module_given_in_env_is_the_one_served(tmp_path: Path) -> None:
    # Baby Buddy's shape: manage.py names no settings, and the docs export
    # DJANGO_SETTINGS_MODULE; in CI it comes as --env, which the servers get too.
    root = _django(tmp_path / "site")
    manage = root / "manage.py"
    manage.write_text(
        "\n".join(line for line in manage.read_text().splitlines() if "setdefault" not in line)
    )
    with pytest.raises(InputError, match="names no settings module"):
        list(scaffold.smoke([root]))
    (passed,) = scaffold.smoke([root], env={"DJANGO_SETTINGS_MODULE": "config.settings"})
    assert passed.passed, passed.error


def test_a_flask_app_given_in_env_is_the_one_served_from_the_copy(tmp_path: Path) -> None:
    # flask-realworld-example-app's README: `export FLASK_APP=/path/to/autoapp.py`.
    greeting = 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\n'
    root = write_files(tmp_path / "two", {
        "hello.py": greeting + 'def hello():\n    return "Hello"\n',
        "bonjour.py": greeting + "def hello():\n    return __file__\n",
    })  # fmt: skip
    before = snapshot(root)
    for server in ("dev", "wsgi"):
        for named in ("bonjour", str(root / "bonjour.py")):
            (result,) = scaffold.smoke([root], server=server, env={"FLASK_APP": named})  # type: ignore[arg-type]
            assert result.passed, result.error
            assert result.body.endswith("bonjour.py")
            assert not Path(result.body).is_relative_to(root), "the original was served"
    assert snapshot(root) == before


def test_a_project_that_is_a_package_is_imported_as_in_the_packages_it_sits_in(
    tmp_path: Path,
) -> None:
    # flask-admin's examples: each a package of examples/, named after what it shows
    # (examples/babel); flask run imports examples.babel.main, not a package `babel`.
    repo = write_files(tmp_path / "repo", {
        "examples/__init__.py": "",
        "examples/colorsys/__init__.py": "",
        "examples/colorsys/app.py": "import colorsys\n\nfrom flask import Flask\n\n"
        'app = Flask(__name__)\n\n\n@app.route("/")\ndef hello():\n'
        "    return str(colorsys.rgb_to_hsv(1, 0, 0))\n",
    })  # fmt: skip
    root = repo / "examples" / "colorsys"
    before = snapshot(repo)
    (result,) = scaffold.smoke([root])
    assert (result.passed, result.body) == (True, "(0.0, 1.0, 1)"), result.error
    assert snapshot(repo) == before
    # What it raises names the project's own files, not the copy's.
    (root / "app.py").write_text(
        "from flask import Flask\n\napp = Flask(__name__)\n"
        'raise RuntimeError(f"cannot start from {__file__}")\n'
    )
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(f"RuntimeError: cannot start from {root}/app.py"), (
        failed.error
    )
