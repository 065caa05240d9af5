"""compare finds the code playing each role, by reading it: in the templates and in
projects of other shapes, and shows it by role (--roles, the report)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import scaffold
from scaffold._apps.detect import detect
from scaffold._apps.roles import app_roles, source_text
from scaffold.cli import cli
from support import write_files

# Each role of each template: the files (with the first line of each snippet).
TEMPLATES = {
    "flask-single": {
        "app": [("app.py", "app = Flask(__name__)")],
        "routes": [("app.py", '@app.route("/")')],
        "root_view": [("app.py", '@app.route("/")')],
        "settings": [("app.py", 'app.config["TRUSTED_HOSTS"]')],
        "entry_point": [("app.py", '"""A single-file Flask app')],
        "tests": [("test_app.py", "from app import")],
        "dependencies": [("pyproject.toml", "dependencies = [")],
    },
    "flask-project": {
        "app": [("site1/__init__.py", "def create_app(")],
        "routes": [("site1/__init__.py", "    app.register_blueprint(greeting.bp)"),
                   ("site1/greeting.py", '@bp.route("/")')],
        "root_view": [("site1/greeting.py", '@bp.route("/")')],
        "settings": [("site1/__init__.py", "    app.config.from_mapping(TRUSTED_HOSTS"),
                     ("site1/__init__.py", "    app.config.from_prefixed_env()"),
                     ("site1/__init__.py", "        app.config.from_mapping(test_config)")],
        "entry_point": [("site1/__init__.py", '"""site1: a Flask app')],
        "tests": [("tests/test_greeting.py", "from site1 import create_app")],
        "dependencies": [("pyproject.toml", "dependencies = [")],
    },
    "django-single": {
        "app": [("app.py", "app = get_wsgi_application()")],
        "routes": [("app.py", 'urlpatterns = [path("", index)]')],
        "root_view": [("app.py", "def index(request):")],
        "settings": [("app.py", "settings.configure(")],
        "entry_point": [("app.py", '"""A single-file Django app')],
        "tests": [("test_app.py", "from django.test import Client")],
        "dependencies": [("pyproject.toml", "dependencies = [")],
    },
    "django-project": {
        "app": [("site1/asgi.py", "application = get_asgi_application()"),
                ("site1/wsgi.py", "application = get_wsgi_application()")],
        "routes": [("helloworld/urls.py", "urlpatterns = ["), ("site1/urls.py", "urlpatterns = [")],
        "root_view": [("helloworld/views.py", "def index(request):")],
        "settings": [("site1/settings.py", '"""Settings for site1')],
        "entry_point": [("site1/wsgi.py", '"""WSGI entry point')],
        "tests": [("helloworld/tests.py", "from django.test import SimpleTestCase")],
        "dependencies": [("pyproject.toml", "dependencies = [")],
    },
}  # fmt: skip


def _found(root: Path) -> dict[str, list[tuple[str, str]]]:
    """Each role's snippets in the project at `root`: (file, first line)."""
    app = detect(root, environ={})
    return {
        role: [(s.file, source_text(root, s).splitlines()[0]) for s in snippets]
        for role, snippets in app_roles(app).items()
    }


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_role_of_each_template_is_found(template: str, tmp_path: Path) -> None:
    project = scaffold.generate(template, "site1", output_dir=tmp_path).path
    found = _found(project)
    for role, expected in TEMPLATES[template].items():
        assert [file for file, _ in found[role]] == [file for file, _ in expected], role
        for (_, line), (_, start) in zip(found[role], expected, strict=True):
            assert line.startswith(start), (role, line)


def test_a_flask_app_with_blueprints_in_a_src_layout(tmp_path: Path) -> None:
    root = write_files(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\ndependencies = [\n    "flask",\n]\n',
        "src/shop/__init__.py": (
            "from flask import Flask\n\nfrom .config import ProductionConfig\n\n\n"
            "def create_app():\n    app = Flask(__name__)\n"
            "    app.config.from_object(ProductionConfig)\n"
            "    from .views import home, api\n\n"
            "    app.register_blueprint(home)\n    app.register_blueprint(api, url_prefix='/api')\n"
            "    return app\n"
        ),
        "src/shop/config.py": "class ProductionConfig:\n    DEBUG = False\n",
        "src/shop/views.py": (
            "from flask import Blueprint\n\nhome = Blueprint('home', __name__)\n"
            "api = Blueprint('api', __name__)\n\n\n@home.get('/')\ndef index():\n"
            "    return 'Hello'\n\n\n@api.post('/orders')\ndef order():\n    return 'ok'\n"
        ),
        "tests/test_home.py": "def test_home():\n    pass\n",
    })  # fmt: skip
    found = _found(root)
    assert found["app"] == [("src/shop/__init__.py", "def create_app():")]
    assert found["routes"] == [
        ("src/shop/__init__.py", "    app.register_blueprint(home)"),
        ("src/shop/views.py", "@home.get('/')"),
        ("src/shop/views.py", "@api.post('/orders')"),
    ]
    assert found["root_view"] == [("src/shop/views.py", "@home.get('/')")]
    assert found["settings"] == [
        ("src/shop/__init__.py", "    app.config.from_object(ProductionConfig)"),
        ("src/shop/config.py", "class ProductionConfig:"),
    ]
    assert found["entry_point"] == [("src/shop/__init__.py", "from flask import Flask")]
    assert found["tests"] == [("tests/test_home.py", "def test_home():")]
    assert found["dependencies"] == [("pyproject.toml", "dependencies = [")]
    snippet = app_roles(detect(root, environ={}))["dependencies"][0]
    assert (snippet.start, snippet.end) == (3, 5)


def test_a_django_project_with_two_apps_and_split_settings(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", {
        "manage.py": (
            "import os\nimport sys\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'config.settings.production')\nfrom django.core.management import "
            "execute_from_command_line\n\nexecute_from_command_line(sys.argv)\n"
        ),
        "config/__init__.py": "",
        "config/settings/__init__.py": "",
        "config/settings/base.py": "ROOT_URLCONF = 'config.urls'\nINSTALLED_APPS = []\n",
        "config/settings/production.py": "from .base import *  # noqa\n\nDEBUG = False\n",
        "config/urls.py": (
            "from django.urls import include, path\n\nurlpatterns = [\n"
            "    path('blog/', include('blog.urls')),\n    path('', include('pages.urls')),\n]\n"
        ),
        "config/wsgi.py": (
            "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\n"
            "application = get_wsgi_application()\n"
        ),
        "pages/__init__.py": "",
        "pages/urls.py": "from django.urls import path\n\nfrom .views import Home\n\n"
                         "urlpatterns = [path('', Home.as_view())]\n",
        "pages/views.py": "from django.views import View\n\n\nclass Home(View):\n    pass\n",
        "blog/__init__.py": "",
        "blog/urls.py": "from django.urls import path\n\nfrom . import views\n\n"
                        "urlpatterns = [path('', views.index)]\n",
        "blog/views.py": "def index(request):\n    pass\n",
        "blog/tests.py": "# none\n",
    })  # fmt: skip
    found = _found(root)
    assert found["app"] == [("config/wsgi.py", "application = get_wsgi_application()")]
    assert [file for file, _ in found["routes"]] == ["blog/urls.py", "config/urls.py",
                                                     "pages/urls.py"]  # fmt: skip
    # Followed from ROOT_URLCONF, in the base settings the production ones take all of,
    # through include("pages.urls") to the class the empty path names.
    assert found["root_view"] == [("pages/views.py", "class Home(View):")]
    assert found["settings"] == [
        ("config/settings/base.py", "ROOT_URLCONF = 'config.urls'"),
        ("config/settings/production.py", "from .base import *  # noqa"),
    ]
    assert found["entry_point"] == [("config/wsgi.py", "import os")]
    assert found["tests"] == [("blog/tests.py", "# none")]


def test_a_single_file_django_app_with_settings_configure(tmp_path: Path) -> None:
    root = write_files(tmp_path / "tiny", {
        "app.py": (
            "import sys\n\nfrom django.conf import settings\n"
            "from django.http import HttpResponse\nfrom django.urls import path\n\n"
            "settings.configure(\n    DEBUG=False,\n    ROOT_URLCONF=__name__,\n)\n\n\n"
            "def home(request):\n    return HttpResponse('Hi')\n\n\n"
            "urlpatterns = [path('', home)]\n\n"
            "if __name__ == '__main__':\n    from django.core.management import "
            "execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n"
        ),
    })  # fmt: skip
    found = _found(root)
    assert found["settings"] == [("app.py", "settings.configure(")]
    assert found["routes"] == [("app.py", "urlpatterns = [path('', home)]")]
    assert found["root_view"] == [("app.py", "def home(request):")]
    assert found["app"] == []  # it makes no WSGI application: it runs as its own script
    assert found["entry_point"] == [("app.py", "import sys")]


def test_compare_roles_shows_a_table_of_roles_and_json_has_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["compare", "--roles", "flask-single", "django-project"])
    assert result.exit_code == 0, result.output
    table = result.stdout[result.stdout.index("\nrole ") + 1 :].splitlines()
    assert table[0].split() == ["role", "flask-single", "django-project"]
    assert re.match(r'The view for "/"\s+app\.py:17-20 \(4 lines\)\s+'
                    r"helloworld/views\.py:7-9 \(3 lines\)$", table[3])  # fmt: skip
    markdown = runner.invoke(cli, ["compare", "--roles", "--format", "markdown", "flask-single"])
    assert "| Settings | app.py:13-14 (2 lines) |" in markdown.stdout
    as_json = runner.invoke(cli, ["compare", "--roles", "--json", "django-single"])
    (row,) = json.loads(as_json.stdout)
    assert row["roles"]["root_view"] == [{"file": "app.py", "start": 44, "end": 46, "lines": 3}]


def test_two_versions_of_one_project_are_compared_role_by_role(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A refactor: v2 moves the view out of app.py into views.py, behind a blueprint."""
    (tmp_path / "one").mkdir()
    v1 = scaffold.generate("flask-single", "shop", output_dir=tmp_path / "one").path
    v2 = write_files(tmp_path / "v2", {
        "app.py": (
            "from flask import Flask\n\nfrom views import pages\n\napp = Flask(__name__)\n"
            "app.register_blueprint(pages)\n"
        ),
        "views.py": (
            "from flask import Blueprint\n\npages = Blueprint('pages', __name__)\n\n\n"
            "@pages.route('/')\ndef hello():\n    return 'Hello, World!'\n"
        ),
    })  # fmt: skip
    report = tmp_path / "review.html"
    result = runner.invoke(cli, ["compare", str(v1), str(v2), "--roles", "--html", str(report)])
    assert result.exit_code == 0, result.output
    view_row = next(line for line in result.stdout.splitlines() if line.startswith("The view"))
    assert "app.py:17-20 (4 lines)" in view_row
    assert "views.py:6-8 (3 lines)" in view_row
    page = report.read_text()
    section = page.split('data-role="root_view"', 1)[1].split("</section>", 1)[0]
    assert section.count('class="target"') == 2
    assert "views.py:6-8" in section
