"""Each hint's advice, followed literally, leads to a PASS: smoke says what the app
lacked, the test does what it says, and the next run passes."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import scaffold
from sample_apps import DJANGO_SINGLE, flask_app_saying, unmigrated_site
from scaffold._apps.code_hints import failed_checks
from scaffold._apps.detect import detect
from scaffold._apps.env_reads import setting_variable
from scaffold._apps.hints import explain, status_hint
from scaffold._apps.tracebacks import last_error_logged, last_exception
from scaffold.errors import ServerExitedError
from scaffold.frameworks import ServerName
from support import (
    run_as_said,
    snapshot,
    startproject,
    virtualenv_over_this_one,
    write_files,
)

pytestmark = pytest.mark.integration

GREET = """

from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = SECRET_KEY


@app.route("/")
def hello():
    return "Hello, World!"
"""
READERS = {
    "os.environ": """\
import os

SECRET_KEY = os.environ["SHOP_SECRET_KEY"]
DEBUG = os.environ.get("SHOP_DEBUG", "")
if "SHOP_SENTRY_DSN" in os.environ:
    SENTRY_DSN = os.environ["SHOP_SENTRY_DSN"]
MAIL_PASSWORD = os.environ["SHOP_MAIL_PASSWORD"]
""",
    "django-environ": """\
import environ

env = environ.Env(SHOP_DEBUG=(bool, False))
SECRET_KEY = env("SHOP_SECRET_KEY")
DEBUG = env("SHOP_DEBUG")
MAIL_PASSWORD = env.str("SHOP_MAIL_PASSWORD")
""",
    "environs": """\
from environs import Env

env = Env()
env.read_env()
SECRET_KEY = env.str("SHOP_SECRET_KEY")
DEBUG = env.bool("SHOP_DEBUG", False)
MAIL_PASSWORD = env("SHOP_MAIL_PASSWORD")
""",
    # Two Scoops of Django's reader, in the settings module: the project's own function.
    "own-function": """\
import os


def get_env_variable(var_name):
    try:
        return os.environ[var_name]
    except KeyError:
        raise RuntimeError(f"Set the {var_name} environment variable") from None


SECRET_KEY = get_env_variable("SHOP_SECRET_KEY")
DEBUG = os.environ.get("SHOP_DEBUG", "")
MAIL_PASSWORD = get_env_variable("SHOP_MAIL_PASSWORD")
""",
    "python-decouple": """\
from decouple import config

SECRET_KEY = config("SHOP_SECRET_KEY")
DEBUG = config("SHOP_DEBUG", default=False, cast=bool)
MAIL_PASSWORD = config("SHOP_MAIL_PASSWORD", cast=str)
""",
}


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_settings_the_environment_lacks_are_named_at_once_with_the_option_that_gives_them(
    tmp_path: Path, reader: str
) -> None:
    """The app stops at the first; the others its settings read with no default are named
    with it, so that one run with the advice passes."""
    root = write_files(tmp_path / "shop", {"app.py": reader + GREET})
    (failed,) = scaffold.smoke([root])
    assert not failed.passed
    assert str(failed.error).endswith(
        "the app reads SHOP_SECRET_KEY from its environment, which has none, and app.py "
        "reads SHOP_MAIL_PASSWORD with no default, which it has not got either: give them "
        "with env={'SHOP_SECRET_KEY': 'VALUE', 'SHOP_MAIL_PASSWORD': 'VALUE'}."
    )
    advised = {"SHOP_SECRET_KEY": "VALUE", "SHOP_MAIL_PASSWORD": "VALUE"}
    (passed,) = scaffold.smoke([root], env=advised)
    assert passed.passed, passed.error


def test_a_function_reads_the_environment_when_it_reads_the_variable_its_argument_names() -> None:
    from scaffold._source_environ import environ_readers

    tree = ast.parse(
        "import os\n\ndef a(k):\n    return os.environ[k]\n\ndef b(k, d=None):\n"
        "    return os.environ.get(k, d)\n\ndef c(k):\n    return cache.get(k)\n\n"
        "def d(k):\n    return os.getenv('FIXED')\n\ndef e():\n    return os.getenv('X')\n"
    )
    assert environ_readers(tree) == {"a", "b"}


def test_typed_settings_are_advised_values_their_readers_take(tmp_path: Path) -> None:
    """'VALUE' for env.int would fail the next run at its reading: '1' passes it."""
    root = write_files(tmp_path / "shop", {
        "app.py": "import environ\n\nenv = environ.Env()\n"
        'SECRET_KEY = env("SHOP_SECRET_KEY")\nWORKERS = env.int("SHOP_WORKERS")\n'
        'DATABASE = env.db_url("SHOP_DATABASE_URL")\n' + GREET,
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    advised = {
        "SHOP_SECRET_KEY": "VALUE", "SHOP_WORKERS": "1",
        "SHOP_DATABASE_URL": "sqlite:///db.sqlite3",
    }  # fmt: skip
    assert str(failed.error).endswith(f"give them with env={advised!r}.")
    (passed,) = scaffold.smoke([root], env=advised)
    assert passed.passed, passed.error


def _advised(error: str) -> list[str]:
    """The commands a missing table's advice says to run, in order."""
    said = re.search(r"\(([^()]*)\), as a deploy would", error)
    assert said, error
    return said.group(1).split(", then ")


# A package shaped as the Flask tutorial's: its database made by its own CLI command.
SHOPR = {
    "shopr/__init__.py": """\
import os

from flask import Flask

from . import db


def create_app():
    app = Flask(__name__, instance_relative_config=True)
    app.config["DATABASE"] = os.path.join(app.instance_path, "shopr.sqlite")
    os.makedirs(app.instance_path, exist_ok=True)
    db.init_app(app)

    @app.route("/")
    def index():
        count = db.connect(app).execute("SELECT count(*) FROM product").fetchone()[0]
        return f"{count} products"

    return app
""",
    "shopr/db.py": """\
import os
import sqlite3

import click
from flask import current_app


def connect(app):
    return sqlite3.connect(app.config["DATABASE"])


@click.command("init-db")
def init_db_command():
    os.makedirs(current_app.instance_path, exist_ok=True)
    connect(current_app).execute("CREATE TABLE product (id INTEGER PRIMARY KEY)")


@click.command()
def export_command():
    pass


def init_app(app):
    app.cli.add_command(init_db_command)
    app.cli.add_command(export_command)
""",
}


def test_a_flask_app_without_its_tables_is_told_its_own_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    for name, text in SHOPR.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    said = "FLASK_APP=shopr python -m flask init-db"
    assert _advised(str(failed.error)) == [said], failed.error
    assert "the copy served has the project's instance folder and files." in str(failed.error)
    run_as_said(said, root)
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "0 products"), passed.error


MODELS = """\
from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)
"""
URLS = """\
from django.http import HttpResponse
from django.urls import path

from catalog.models import Product


def index(request):
    return HttpResponse(f"{Product.objects.count()} products")


urlpatterns = [path("", index)]
"""


def _shop_with_catalog(root: Path, models: str) -> Path:
    """`startproject shop` in `root`, with an app, catalog, of `models` installed."""
    startproject("shop", root)
    write_files(root / "catalog", {"__init__.py": "", "models.py": models})
    settings = root / "shop" / "settings.py"
    settings.write_text(
        settings.read_text().replace("INSTALLED_APPS = [", 'INSTALLED_APPS = [\n    "catalog",')
    )
    return root


# AzikDeveloper/django-channels-chat's catalog: as Django starts, its AppConfig's ready()
# marks every product as it would be after a restart.
_READY = """\
from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"

    def ready(self):
        from catalog.models import Product

        Product.objects.update(name="restarted")
"""


@pytest.mark.parametrize("in_ready", [False, True], ids=["at-import", "in-ready"])
def test_a_table_read_as_django_starts_is_made_as_advised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_ready: bool
) -> None:
    """Read as the app starts, a table its database has not got stops the server, not
    a page; read in ready(), it stops migrate too, which the advice says."""
    root = _shop_with_catalog(tmp_path / "site", MODELS)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "makemigrations", "catalog"], cwd=root, check=True)
    (root / "shop" / "urls.py").write_text(URLS.replace(
        "\n\ndef index", "\nPRODUCTS = Product.objects.count()  # read at import\n\n\ndef index"
    ) if not in_ready else URLS)  # fmt: skip
    if in_ready:
        write_files(root / "catalog", {"apps.py": _READY})
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    command = "python manage.py migrate --settings shop.settings"
    read = (
        "its catalog/apps.py, line 10, reads in ready(), as Django starts for every command, "
        "migrate's too: leave that read out while you"
        if in_ready
        else "its code reads as it is loaded, as the system checks of Django's commands load it:"
    )
    command += "" if in_ready else " --skip-checks"
    assert str(failed.error).endswith(
        f" before answering: its database has no table catalog_product, which {read} run its "
        f"migrations first ({command}), as a deploy would; the copy served has the project's "
        "db.sqlite3."
    ), failed.error
    if in_ready:  # left out while migrate runs, as advised, then put back
        (root / "catalog" / "apps.py").write_text(_READY.replace("        Product.objects", "#"))
    run_as_said(command, root)
    write_files(root / "catalog", {"apps.py": _READY} if in_ready else {})
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "0 products"), passed.error


_MIGRATION = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("auth", "{parent}")]
    operations = [
        migrations.CreateModel(name="Product", fields=[
            ("id", models.BigAutoField(primary_key=True, serialize=False)),
            ("name", models.CharField(max_length=100)),
        ]),
    ]
"""


def test_a_migration_on_one_the_installed_app_has_not_got_is_told_so(tmp_path: Path) -> None:
    """fourlanes/wagtail-starter-blog's: its migrations depend on a wagtailcore migration
    that the wagtail its lock pins has not got."""
    root = _shop_with_catalog(tmp_path / "site", MODELS)
    write_files(root / "catalog" / "migrations", {
        "__init__.py": "", "0001_initial.py": _MIGRATION.format(parent="0099_made_elsewhere"),
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        " before answering: the project's migration catalog.0001_initial depends on auth's "
        "0099_made_elsewhere, which the auth installed has not got: the project's migrations "
        "were made with another release of the package that holds it; install one it is "
        "written for (the project declares no requirements), or use python= or fresh_env=True."
    ), failed.error
    # On the release it was made with, the migration it depends on is there.
    write_files(root / "catalog" / "migrations", {
        "0001_initial.py": _MIGRATION.format(parent="0001_initial"),
    })  # fmt: skip
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def test_settings_that_take_the_rest_from_a_module_kept_out_are_told_to_make_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AzikDeveloper/django-channels-chat's settings: no DATABASES, but
    `from .local_settings import *` when there is one, which its .gitignore keeps out.
    Made, as advised, its database gets its tables, as advised next."""
    root = unmigrated_site(tmp_path / "site")
    settings = root / "shop" / "settings.py"
    databases = re.search(r"DATABASES = \{.*?\n\}\n", settings.read_text(), re.DOTALL)
    assert databases, settings.read_text()
    settings.write_text(settings.read_text().replace(databases[0], "") + (
        "\ntry:\n    from .local_settings import *\nexcept ImportError:\n    pass\n"
    ))  # fmt: skip
    write_files(root, {".gitignore": "__pycache__/\nlocal_settings.py\n"})
    monkeypatch.chdir(root)
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "Please supply the ENGINE value. Check settings documentation for more details.: its "
        "settings take the rest from shop.local_settings when there is one (its .gitignore "
        "keeps local_settings.py out of the repository): make shop/local_settings.py as the "
        "project's README says."
    ), failed.error
    write_files(root / "shop", {"local_settings.py": f"from pathlib import Path\n\n"
                f"BASE_DIR = Path(__file__).resolve().parent.parent\n{databases[0]}"})  # fmt: skip
    (unmigrated,) = scaffold.smoke([root])
    assert "Its database has no table django_session: run its migrations first (python "
    "manage.py migrate --settings shop.settings)" in str(unmigrated.error), unmigrated.error
    run_as_said("python manage.py migrate --settings shop.settings", root)
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "0 sessions"), passed.error


# A page naming a static file, served with a manifest storage of the project's own.
LOGO_PAGE = """\
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import path


def index(request):
    return HttpResponse(f'<img src="{static("logo.png")}">')


urlpatterns = [path("", index)]
"""
LOGGED_STATIC_SETTINGS = """
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "assets"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "shop.storage.Hashed"},
}
LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": "ERROR"}},
}
"""


def _collected_as_advised(root: Path, why: str) -> scaffold.SmokeResult:
    """smoke of the shop at `root` answers 500, its static files kept `why`, and advises
    collectstatic; run as a user pastes it, the next smoke passes: that result."""
    (failed,) = scaffold.smoke([root])
    command = "python manage.py collectstatic --no-input --settings shop.settings"
    assert str(failed.error) == (
        f"GET / answered 500, expected 200. Its settings keep static files {why}: run "
        f"collectstatic first ({command}), as a deploy would; the copy served has the "
        "project's collected files."
    )
    run_as_said(command, root)
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error
    return passed


def test_models_written_before_django_2_are_told_their_on_delete(tmp_path: Path) -> None:
    """A Django 1.x tutorial's `models.ForeignKey(User)`, which Django 2.0 refuses without
    on_delete: the model's line is named, and given on_delete, the project serves."""
    root = tmp_path / "site"
    startproject("shop", root)
    models = (
        "from django.contrib.auth.models import User\nfrom django.db import models\n\n\n"
        "class Post(models.Model):\n    author = models.ForeignKey(User{})\n"
    )
    write_files(root, {"blog/__init__.py": "", "blog/models.py": models.format("")})
    settings = root / "shop" / "settings.py"
    settings.write_text(settings.read_text().replace(
        "'django.contrib.staticfiles',", "'django.contrib.staticfiles',\n    'blog',"))  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "the app's blog/models.py, line 6, makes ForeignKey without on_delete, which Django "
        "2.0 made required: it is written for an older Django; give each relation the "
        "on_delete it had (on_delete=models.CASCADE), or pin the Django it is written for."
    ), failed.error
    (root / "blog" / "models.py").write_text(models.format(", on_delete=models.CASCADE"))
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def test_a_static_file_a_logged_500_says_the_manifest_lacks_is_collected_as_advised(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As heroku/python-getting-started: DEBUG off, static files kept with a manifest, and
    a LOGGING setting that prints the traceback, which names the file the manifest lacks.
    The storage is named by the project's own class: Django's words are the evidence."""
    root = tmp_path / "site"
    startproject("shop", root)
    storage = "from django.contrib.staticfiles.storage import ManifestStaticFilesStorage as M\n"
    write_files(root, {
        "shop/urls.py": LOGO_PAGE,
        "shop/storage.py": f"{storage}\n\nclass Hashed(M):\n    pass\n",
        "assets/logo.png": "not really a picture",
    })  # fmt: skip
    settings = root / "shop" / "settings.py"
    settings.write_text(settings.read_text() + LOGGED_STATIC_SETTINGS)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    passed = _collected_as_advised(root, "with a manifest that has no entry for 'logo.png'")
    assert re.fullmatch(r'<img src="/static/logo\.[0-9a-f]{12}\.png">', passed.body)


# django-heroku's shape, written here: `settings(locals())` sets what Heroku's apps
# need, WhiteNoise's manifest storage among them, which the settings never name.
DJANGO_HEROKU = """\
def settings(config, *, staticfiles=True):
    config["DEBUG"] = False
    if staticfiles:
        config["STATIC_ROOT"] = config["BASE_DIR"] / "staticfiles"
        config["STORAGES"] = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
            },
        }
"""


def test_static_files_django_heroku_keeps_with_a_manifest_are_collected_as_advised(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As Corey Schafer's Django blog deployed to Heroku: DEBUG off, nothing printed of
    why, and the manifest set by `django_heroku.settings(locals())`."""
    root = tmp_path / "site"
    startproject("shop", root)
    write_files(root, {
        "shop/urls.py": LOGO_PAGE, "django_heroku.py": DJANGO_HEROKU,
        "static/logo.png": "not really a picture",
    })  # fmt: skip
    settings = root / "shop" / "settings.py"
    settings.write_text(
        settings.read_text().replace("ALLOWED_HOSTS = []", 'ALLOWED_HOSTS = ["127.0.0.1"]')
        + '\nSTATICFILES_DIRS = [BASE_DIR / "static"]\n\nimport django_heroku\n'
        "django_heroku.settings(locals())\n"
    )
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    _collected_as_advised(root, "with a manifest, which collectstatic has not written")


def test_a_django_app_with_no_migrations_is_told_to_make_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _shop_with_catalog(tmp_path / "site", MODELS)
    (root / "shop" / "urls.py").write_text(URLS)
    env = {"SHOP_MODE": "test"}
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root], env=env)
    assert _advised(str(failed.error)) == [
        "SHOP_MODE=test python manage.py makemigrations catalog --settings shop.settings",
        "SHOP_MODE=test python manage.py migrate --settings shop.settings",
    ], failed.error
    for command in _advised(str(failed.error)):
        run_as_said(command, root)
    (passed,) = scaffold.smoke([root], env=env)
    assert (passed.passed, passed.body) == (True, "0 products"), passed.error


def test_a_django_project_with_no_page_at_the_path_is_told_the_patterns_it_serves(
    tmp_path: Path,
) -> None:
    """An API's: Django's 404 page (DEBUG on) lists its URL patterns."""
    root = tmp_path / "site"
    settings = _startproject(root)
    (settings.parent / "urls.py").write_text(
        "from django.contrib import admin\nfrom django.http import JsonResponse\n"
        "from django.urls import path\n\nurlpatterns = [\n"
        '    path("admin/", admin.site.urls),\n'
        '    path("api/items/<int:pk>/", lambda request, pk: JsonResponse({})),\n'
        '    path("api/", lambda request: JsonResponse({})),\n]\n'
    )
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; Django's 404 page lists "
        "the URL patterns it serves (/admin/, /api/): check one with path=['/admin/login/'], "
        "which answers 200."
    )
    (passed,) = scaffold.smoke([root], path=["/admin/login/"])
    assert passed.passed, passed.error


def test_a_django_project_with_debug_off_is_told_the_patterns_its_urlconf_routes(
    tmp_path: Path,
) -> None:
    """MicroPyramid/Django-CRM's: DEBUG off, so Django's 404 page lists nothing; its root
    URLconf, read, routes its views (a regular expression's too), then its includes."""
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(settings.read_text().replace(
        "DEBUG = True", "DEBUG = False"
    ).replace("ALLOWED_HOSTS = []", "ALLOWED_HOSTS = ['127.0.0.1']"))  # fmt: skip
    write_files(settings.parent, {
        "api_urls.py": "from django.http import JsonResponse\nfrom django.urls import path\n\n"
        'urlpatterns = [path("items/", lambda request: JsonResponse({}))]\n',
        "urls.py": "from django.contrib import admin\nfrom django.http import JsonResponse\n"
        "from django.urls import include, path\nfrom django.urls import re_path as url\n\n"
        "urlpatterns = [\n"
        '    path("api/", include("shop.api_urls")),\n'
        '    path("admin/", admin.site.urls),\n'
        '    url(r"^status/$", lambda request: JsonResponse({"up": True})),\n'
        '    path("items/<int:pk>/", lambda request, pk: JsonResponse({})),\n]\n',
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; its root URLconf routes "
        "/admin/, /status/, /api/: check one with path=['/status/'], which answers 200."
    )
    (passed,) = scaffold.smoke([root], path=["/status/"])
    assert (passed.passed, passed.body) == (True, '{"up": true}'), passed.error


def test_patterns_under_a_language_prefix_are_told_whole_pages_before_files(
    tmp_path: Path,
) -> None:
    """Shaped like DjangoCRM's: a favicon redirect first, then its pages and its admin
    under i18n_patterns. Django's 404 page lists the prefix alone until a path under it
    is asked, then each pattern in parts: the prefix, then the include. The prefix is
    asked, and then what its 404 lists below it, for a page that answers 200."""
    root = tmp_path / "site"
    settings = _startproject(root)
    urls = (
        "from django.conf.urls.i18n import i18n_patterns\nfrom django.contrib import admin\n"
        "from django.http import HttpResponse\nfrom django.urls import include, path\n"
        "from django.views.generic import RedirectView\n\nurlpatterns = [\n"
        '    path("favicon.ico", RedirectView.as_view(url="/static/favicon.ico")),\n'
        "] + i18n_patterns(\n{}\n)\n"
    )
    crm = '    path("crm/", include([path("", lambda request: HttpResponse("deals"))])),'
    crm_admin = '    path("crm-admin/", admin.site.urls),'
    (settings.parent / "urls.py").write_text(urls.format(f"{crm}\n{crm_admin}"))
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; Django's 404 page lists "
        "the URL patterns it serves (/favicon.ico, /en-us/): check one with "
        "path=['/en-us/crm/'], which answers 200."
    ), failed.error
    (failed,) = scaffold.smoke([root], path=["/en-us/"])
    assert failed.error == (
        "GET /en-us/ answered 404, expected 200. The app has no page at /en-us/; Django's 404 "
        "page lists the URL patterns it serves (/favicon.ico, /en-us/crm/, /en-us/crm-admin/): "
        "check one with path=['/en-us/crm/'], which answers 200."
    ), failed.error
    (passed,) = scaffold.smoke([root], path=["/en-us/crm/"])
    assert (passed.passed, passed.body) == (True, "deals"), passed.error
    # Its admin first: the admin's login page, which answers 200.
    (settings.parent / "urls.py").write_text(urls.format(f"{crm_admin}\n{crm}"))
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "check one with path=['/en-us/crm-admin/login/'], which answers 200."
    ), failed.error
    (passed,) = scaffold.smoke([root], path=["/en-us/crm-admin/login/"])
    assert passed.passed, passed.error


# An API's, as APIFlask's examples are: no page at "/", routes on the app and on
# blueprints (one's prefix given where it is registered, the other's its own), some
# taking POST alone or an argument.
FLASK_API = {
    "api.py": """\
from flask import Blueprint, Flask

app = Flask(__name__)
items = Blueprint("items", __name__)
docs = Blueprint("docs", __name__, url_prefix="/docs")


@docs.get("/")
def index():
    return "docs"


@app.post("/token")
@app.route("/pets/<int:pet_id>")
def pet(pet_id=0):
    return {"id": pet_id}


@items.route("/list")
def listed():
    return []


@app.route("/upload", methods=["POST"])
@app.route("/health", methods=("GET", "HEAD"))
def health():
    return {"status": "ok"}


app.register_blueprint(items, url_prefix="/items")
app.register_blueprint(docs)
""",
}


def test_a_flask_api_with_no_page_at_the_path_is_told_the_paths_its_code_routes(
    tmp_path: Path,
) -> None:
    root = write_files(tmp_path / "site", FLASK_API)
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; its code routes GET to "
        "/health, /docs/, /items/list: check one with path=['/health'], which answers 200."
    )
    (passed,) = scaffold.smoke([root], path=["/health"])
    assert (passed.passed, passed.body) == (True, '{"status":"ok"}\n'), passed.error
    (passed,) = scaffold.smoke([root], path=["/items/list", "/docs/"])  # the blueprints'
    assert passed.passed, passed.error


def test_routes_of_which_none_answers_200_are_advised_unconfirmed(tmp_path: Path) -> None:
    """Each route asks for credentials: the likeliest is advised, not said to answer 200,
    and followed, the refusal is told for what it is."""
    root = write_files(tmp_path / "site", {
        "app.py": "from flask import Flask, abort\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/account')\ndef account():\n    abort(401)\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; its code routes GET to "
        "/account: check one with path=['/account']."
    ), failed.error
    (failed,) = scaffold.smoke([root], path=["/account"])
    assert "It asks for credentials, and smoke sends none" in str(failed.error), failed.error


def test_the_url_rules_of_class_based_views_are_advised(tmp_path: Path) -> None:
    """realpython/flask-jwt-auth's API: MethodViews on a blueprint, routed with
    add_url_rule, POST but for a status that wants a token. The GET one is advised,
    followed its refusal is told, and that refusal, checked, passes."""
    root = write_files(tmp_path / "site", {
        "project/__init__.py": "",
        "project/server/__init__.py": "from flask import Flask\n\n"
        "from project.server.auth.views import auth_blueprint\n\n"
        "app = Flask(__name__)\napp.register_blueprint(auth_blueprint)\n",
        "project/server/auth/__init__.py": "",
        "project/server/auth/views.py": "from flask import Blueprint, abort\n"
        "from flask.views import MethodView\n\nauth_blueprint = Blueprint('auth', __name__)\n"
        "\n\nclass LoginAPI(MethodView):\n    def post(self):\n        return {}\n\n\n"
        "class StatusAPI(MethodView):\n    def get(self):\n        abort(401)\n\n\n"
        "auth_blueprint.add_url_rule(\n    '/auth/login', view_func=LoginAPI.as_view('login'), "
        "methods=['POST']\n)\nauth_blueprint.add_url_rule(\n    '/auth/status', "
        "view_func=StatusAPI.as_view('status'), methods=['GET']\n)\n",
    })  # fmt: skip
    app = "project.server:app"
    (failed,) = scaffold.smoke([root], app=app)
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; its code routes GET to "
        "/auth/status: check one with path=['/auth/status']."
    ), failed.error
    (failed,) = scaffold.smoke([root], app=app, path=["/auth/status"])
    assert str(failed.error).endswith("or this refusal itself (status=401)."), failed.error
    (passed,) = scaffold.smoke([root], app=app, path=["/auth/status"], status=401)
    assert passed.passed, passed.error


def test_the_routes_of_modules_in_a_folder_without_init_are_advised(tmp_path: Path) -> None:
    """tecladocode's REST API course: its resources/ holds the blueprints' modules and no
    __init__.py, which Python 3 imports all the same. Of their routes, the one that
    answers a server error is advised, as its own check says why."""
    root = write_files(tmp_path / "site", {
        "app.py": "from flask import Flask\n\nfrom resources.item import blp\n\n"
        "app = Flask(__name__)\napp.register_blueprint(blp)\n",
        "resources/item.py": "from flask import Blueprint, abort\n\n"
        "blp = Blueprint('items', __name__)\n\n\n@blp.route('/item')\ndef items():\n"
        "    abort(401)\n\n\n@blp.route('/store')\ndef stores():\n"
        "    raise LookupError('no table stores')\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; its code routes GET to "
        "/item, /store: check one with path=['/store']: it answers 500, and its check says why."
    ), failed.error
    (failed,) = scaffold.smoke([root], path=["/store"])
    assert "LookupError: no table stores" in str(failed.error), failed.error


def test_a_route_that_hangs_holds_up_no_advice(tmp_path: Path) -> None:
    """A path asked only to advise has a few seconds: the next one answers."""
    root = write_files(tmp_path / "site", {
        "app.py": "import time\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/report')\ndef report():\n    time.sleep(60)\n    return 'late'\n\n\n"
        "@app.route('/about')\ndef about():\n    return 'about'\n",
    })  # fmt: skip
    started = time.monotonic()
    (failed,) = scaffold.smoke([root], timeout=20)
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; its code routes GET to "
        "/report, /about: check one with path=['/about'], which answers 200."
    ), failed.error
    assert time.monotonic() - started < 15  # not the 20 s the check had


def test_an_app_whose_code_routes_nothing_is_told_so(tmp_path: Path) -> None:
    """greyli/helloflask's chapter 5: a database chapter's app, used from its commands
    and a shell, with no route at all: no --path could pass."""
    root = write_files(tmp_path / "ch5", {
        "app.py": "import click\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "@app.cli.command()\ndef initdb():\n    click.echo('Initialized.')\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /, and its code routes "
        "none (no route, view or blueprint): it is used some other way (its commands, a "
        "shell), not served."
    ), failed.error


def test_the_routes_advised_are_the_served_apps_and_those_its_modules_add(
    tmp_path: Path,
) -> None:
    """Shaped like flask-limiter's examples/: another module's app routes "/", which is
    not the one served; and a views.py that routes on the one served, as tutorials
    split them."""
    root = write_files(tmp_path / "examples", {
        "kitchensink.py": 'from flask import Flask\n\napp = Flask(__name__)\n\n\n'
        '@app.route("/")\ndef index():\n    return "kitchen"\n',
        "sample.py": 'from flask import Flask\n\napp = Flask(__name__)\n\n\n'
        '@app.route("/fast")\ndef fast():\n    return ":)"\n\n\nimport views  # noqa\n',
        "views.py": 'from sample import app\n\n\n@app.route("/slow")\ndef slow():\n'
        '    return ":("\n',
    })  # fmt: skip
    (failed,) = scaffold.smoke([root], app="sample")
    assert failed.error == (
        "GET / answered 404, expected 200. The app has no page at /; its code routes GET to "
        "/fast, /slow: check one with path=['/fast'], which answers 200."
    ), failed.error
    (passed,) = scaffold.smoke([root], app="sample", path=["/slow"])
    assert (passed.passed, passed.body) == (True, ":("), passed.error


def test_a_blueprints_routes_are_read_below_the_prefix_its_registration_gives() -> None:
    """flask-openapi3's APIBlueprint, registered with `register_api`, as its examples."""
    import ast

    from scaffold._apps.flask_routes import _blueprint_routes

    source = (
        "api = APIBlueprint('/book', __name__, url_prefix='/api')\n"
        "moved = Blueprint('moved', __name__, url_prefix='/old')\n"
        "@api.get('/book')\ndef book(): ...\n@api.post('/upload')\ndef upload(): ...\n"
        "@moved.route('/', methods=['GET', 'POST'])\ndef index(): ...\n"
        "app.register_api(api)\napp.register_blueprint(moved, url_prefix='/new')\n"
    )
    assert _blueprint_routes([ast.parse(source)]) == ["/api/book", "/new/"]


@pytest.mark.parametrize(
    ("source", "routes"),
    [
        # Flask-RESTful's: the API's own paths; a Resource without `get` is not one.
        ("api = Api(app)\nclass Todo(Resource):\n    def get(self): ...\n"
         "class Post(Resource):\n    def post(self): ...\n"
         "api.add_resource(Todo, '/todos', '/todos/<int:id>')\napi.add_resource(Post, '/p')\n",
         ["/todos", "/todos/<int:id>"]),
        # Flask-RESTX's namespaces: their own path, or their name's.
        ("ns = Namespace('cats', path='/felines')\nother = Namespace('dogs')\n"
         "@ns.route('/')\nclass Cats(Resource):\n    def get(self): ...\n"
         "@other.route('/all')\nclass Dogs(Resource):\n    def get(self): ...\n",
         ["/felines/", "/dogs/all"]),
        # An API on a blueprint: its prefix is set where the blueprint is registered.
        ("bp = Blueprint('api', __name__)\napi = Api(bp)\n"
         "class Todo(Resource):\n    def get(self): ...\napi.add_resource(Todo, '/todos')\n",
         []),
    ],
    ids=["flask-restful", "flask-restx-namespaces", "on-a-blueprint"],
)  # fmt: skip
def test_a_rest_apis_resources_are_read_with_their_namespaces_paths(
    source: str, routes: list[str]
) -> None:
    import ast

    from scaffold._apps.resource_routes import resource_routes

    assert resource_routes([ast.parse(source)]) == routes


def test_the_regex_patterns_of_older_djangos_404_page_are_read_too() -> None:
    """Django before 2.0 lists regexes, with no <code>: their literal ones are named."""
    from scaffold._apps.path_hints import not_found_hint

    body = (
        "<p>Django tried these URL patterns, in this order:</p><ol><li>\n  ^admin/\n</li>"
        "<li>^about/$</li><li>^(?P&lt;slug&gt;[-\\w]+)/$</li><li>^$</li><li>^admin/</li>"
        "<li>\n ^en/\n ^blog/$ [name='blog']\n</li><li>^en/ ^(?P&lt;pk&gt;\\d+)/$</li></ol>"
    )
    assert not_found_hint(404, "/shop/", body) == (
        " The app has no page at /shop/; Django's 404 page lists the URL patterns it serves "
        "(/admin/, /about/, /en/blog/): check one with path=['/admin/login/']."
    )
    assert not_found_hint(404, "/", "<h1>Not Found</h1>") == (
        " The app has no page at /: check one it serves with path=['PATH']."
    )
    assert not_found_hint(500, "/", body) == ""
    # An API's: its health check before its other pages (lee-lou2/django-boilerplate's).
    api = (
        "<p>Django tried these URL patterns, in this order:</p><ol><li><code>v1/</code></li>"
        "<li><code>_health/</code></li><li><code>admin/</code></li></ol>"
    )
    assert not_found_hint(404, "/", api).endswith("check one with path=['/_health/'].")


SECRETS = """\
import json
from pathlib import Path

from flask import Flask

app = Flask(__name__)
app.config.update(json.loads((Path(__file__).parent / "secrets.json").read_text()))


@app.route("/")
def hello():
    return "Hello, World!"
"""


def test_a_file_the_project_keeps_out_of_its_repository_is_named_with_its_example(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = write_files(tmp_path / "site", {
        "app.py": SECRETS, ".gitignore": "__pycache__/\n/secrets.json\n",
        "secrets.json.example": '{"API_KEY": ""}\n',
    })  # fmt: skip
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        " before answering: the app reads secrets.json, which the project has not got (its "
        ".gitignore keeps it out of the repository): make it from secrets.json.example (cp "
        "secrets.json.example secrets.json) and fill it in, as the project says."
    ), failed.error
    subprocess.run(["cp", "secrets.json.example", "secrets.json"], cwd=root, check=True)
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def test_local_settings_kept_out_of_the_repository_are_named_with_their_example(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`from .local_settings import *`, the file in .gitignore, an example beside it."""
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(settings.read_text() + "\nfrom .local_settings import *\n")
    write_files(root, {".gitignore": "local_settings.py\n",
                       "shop/local_settings.py.example": "DEBUG = True\n"})  # fmt: skip
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        " before answering: the app imports shop.local_settings, which the project has not got "
        "(its .gitignore keeps local_settings.py out of the repository): make it from "
        "shop/local_settings.py.example (cp shop/local_settings.py.example "
        "shop/local_settings.py) and fill it in, as the project says."
    ), failed.error
    subprocess.run(["cp", "shop/local_settings.py.example", "shop/local_settings.py"], cwd=root,
                   check=True)  # fmt: skip
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def test_a_config_module_flask_cannot_import_is_made_from_its_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lingthio's Flask-User starter: `app.config.from_object("app.local_settings")`, which
    werkzeug's import_string fails on; an example of it beside it, in .gitignore."""
    root = write_files(tmp_path / "starter", {
        "app/__init__.py": "from flask import Flask\n\n\ndef create_app():\n"
        "    app = Flask(__name__)\n    app.config.from_object('app.local_settings')\n\n"
        "    @app.route('/')\n    def hello():\n        return app.config['GREETING']\n\n"
        "    return app\n",
        "app/local_settings_example.py": "GREETING = 'Hello, World!'\n",
        ".gitignore": "app/local_settings.py\n",
    })  # fmt: skip
    monkeypatch.chdir(root)
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "the app imports app.local_settings, which the project has not got (its .gitignore "
        "keeps local_settings.py out of the repository): make it from "
        "app/local_settings_example.py (cp app/local_settings_example.py "
        "app/local_settings.py) and fill it in, as the project says."
    ), failed.error
    run_as_said("cp app/local_settings_example.py app/local_settings.py", cwd=root)
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def test_a_config_file_named_by_an_unset_variable_is_given_with_env(tmp_path: Path) -> None:
    """Flask's `app.config.from_envvar("BLOG_SETTINGS")`, as its docs show it."""
    source = SECRETS.replace(
        'app.config.update(json.loads((Path(__file__).parent / "secrets.json").read_text()))',
        'app.config.from_envvar("BLOG_SETTINGS")',
    )
    root = write_files(tmp_path / "blog", {"app.py": source, "blog.cfg": "GREETING = 'Hi'\n"})
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        " before answering: the app reads its configuration from the file BLOG_SETTINGS names, "
        "which its environment has not got: give it with env={'BLOG_SETTINGS': 'PATH'}, the "
        "path of a configuration file, as the project's README says."
    ), failed.error
    (passed,) = scaffold.smoke([root], env={"BLOG_SETTINGS": "blog.cfg"})
    assert passed.passed, passed.error


def _reading_secret_key_with_decouple(root: Path) -> Path:
    """A startproject at `root` whose settings read SECRET_KEY with python-decouple, which
    reads a .env too; `root`."""
    settings = _startproject(root)
    text = re.sub(r"SECRET_KEY = .*\n", 'SECRET_KEY = config("SECRET_KEY")\n', settings.read_text())
    settings.write_text("from decouple import config\n" + text)
    return root


@pytest.mark.parametrize(
    ("examples", "readme", "copied"),
    [
        # The README's `cp .env.example .env`, for settings that read .env (decouple).
        ({".env.example": "SECRET_KEY=change-me\nDEBUG=True\n"}, "", ".env.example"),
        # djangonaut-space's: .env.template for Docker, .env.template.local for a local
        # run, which its README copies.
        (
            {".env.template": "SECRET_KEY=change-me\nDATABASE_HOST=db\n",
             ".env.template.local": "SECRET_KEY=change-me\n"},
            "5. Copy it:\n\n   cp .env.template.local .env\n",
            ".env.template.local",
        ),
    ],
    ids=["example", "the-readmes"],
)  # fmt: skip
def test_settings_a_dotenv_example_sets_are_advised_with_its_copy_too(
    tmp_path: Path, examples: dict[str, str], readme: str, copied: str
) -> None:
    root = _reading_secret_key_with_decouple(tmp_path / "site")
    write_files(root, {**examples, "README.md": readme})
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        f"give it with env={{'SECRET_KEY': 'VALUE'}}. Or make its .env from {copied}, which "
        f"sets it (cp {copied} .env), as the project says."
    ), failed.error
    subprocess.run(["cp", copied, ".env"], cwd=root, check=True)
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def test_settings_a_readme_steps_script_would_write_to_dotenv_are_advised_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rg3915's tutorials: no example of a .env, but `python contrib/env_gen.py` in the
    README, a script that writes one with a new SECRET_KEY."""
    root = _reading_secret_key_with_decouple(tmp_path / "site")
    write_files(root, {
        "README.md": "```\npip install -r requirements.txt\npython contrib/env_gen.py\n"
        "python manage.py runserver\n```\n",
        "contrib/env_gen.py": "import secrets\n\nwith open('.env', 'w') as env:\n"
        "    env.write(f'SECRET_KEY={secrets.token_hex()}\\n')\n",
    })  # fmt: skip
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "give it with env={'SECRET_KEY': 'VALUE'}. Or make its .env as its README does "
        "(python contrib/env_gen.py)."
    ), failed.error
    run_as_said("python contrib/env_gen.py", root)
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def _silent_shop(root: Path, more_settings: str = "") -> list[str]:
    """A shop whose "/" lists its products, DEBUG off, its migrations made, not applied:
    `manage.py`'s command line."""
    _shop_with_catalog(root, MODELS)
    (root / "shop" / "urls.py").write_text(URLS)
    settings = root / "shop" / "settings.py"
    text = settings.read_text().replace("DEBUG = True", "DEBUG = False")
    text = text.replace("ALLOWED_HOSTS = []", "ALLOWED_HOSTS = ['127.0.0.1']")
    settings.write_text(text + more_settings)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "makemigrations", "catalog"], cwd=root, check=True)
    return manage


def test_a_silent_500_whose_settings_read_debug_is_advised_debug_on(tmp_path: Path) -> None:
    """django-cbv-inspector's: `DEBUG = bool(os.environ.get('DEBUG', False))`, and a view
    that fails on an empty database (its README loads fixtures first). Off, Django prints
    nothing of why; on, as advised, the error."""
    root = tmp_path / "site"
    settings = _startproject(root)
    text = settings.read_text().replace(
        "DEBUG = True", "import os\nDEBUG = bool(os.environ.get('DEBUG', False))"
    )
    settings.write_text(text.replace("ALLOWED_HOSTS = []", "ALLOWED_HOSTS = ['127.0.0.1']"))
    (settings.parent / "urls.py").write_text(
        "from django.urls import path\n\n\ndef home(request):\n"
        "    raise LookupError('no Django versions loaded')\n\n\n"
        "urlpatterns = [path('', home)]\n"
    )
    migrate = [sys.executable, "manage.py", "migrate", "--settings", "shop.settings"]
    subprocess.run(migrate, cwd=root, check=True, capture_output=True, timeout=60)
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 500, expected 200. It printed nothing of why (DEBUG off): its "
        "settings read DEBUG from DEBUG, and with env={'DEBUG': 'True'} Django prints the error."
    ), failed.error
    (failed,) = scaffold.smoke([root], env={"DEBUG": "True"})
    assert "It raised LookupError: no Django versions loaded" in str(failed.error), failed.error


def test_a_silent_500_after_runserver_said_migrations_are_unapplied_advises_them(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DEBUG off prints nothing of why; runserver said, as it started, what is missing."""
    root = tmp_path / "site"
    manage = _silent_shop(root)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 500, expected 200. It printed nothing of why (DEBUG off), and its "
        "server said its database has unapplied migrations: run its migrations first (python "
        "manage.py migrate --settings shop.settings), as a deploy would; the copy served has "
        "the project's db.sqlite3."
    )
    subprocess.run([*manage, "migrate", "--settings", "shop.settings"], cwd=root, check=True)
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "0 products"), passed.error


def test_a_log_files_folder_kept_out_of_the_repository_is_advised_to_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lee-lou2/django-boilerplate's: its LOGGING writes logs/django.log, its .gitignore
    keeps logs/ out, its README says `mkdir -p logs`. dictConfig's error comes last, the
    FileNotFoundError that says which file far above it."""
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(
        settings.read_text()
        + '\nLOGGING = {"version": 1, "handlers": {"file": {"class": "logging.FileHandler", '
        '"filename": BASE_DIR / "logs" / "django.log"}}, "root": {"handlers": ["file"]}}\n'
    )
    (root / ".gitignore").write_text("logs/\n")
    monkeypatch.chdir(root)
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "the app logs to logs/django.log, in a folder the project has not got (its "
        ".gitignore keeps it out of the repository): make it (mkdir -p logs), as the project "
        "says."
    ), failed.error
    subprocess.run(["mkdir", "-p", "logs"], cwd=root, check=True)
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def test_a_dotenv_example_not_copied_is_advised_with_what_the_app_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its settings load .env and check a key they read with a default, which raises an
    error of their own: the README's `cp .env.example .env` is what was not done."""
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(
        "import os\n\nfrom dotenv import load_dotenv\n\n"
        + settings.read_text()
        + '\nload_dotenv(BASE_DIR / ".env")\nif len(os.environ.get("SHOP_KEY", "")) != 32:\n'
        '    raise ValueError("SHOP_KEY must be 32 bytes.")\n'
    )
    (root / ".env.example").write_text("SHOP_KEY=" + "k" * 32 + "\n")
    monkeypatch.chdir(root)
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "ValueError: SHOP_KEY must be 32 bytes. Its .env.example is not copied to .env, which "
        "its code loads: make it (cp .env.example .env) and fill it in, as the project says."
    ), failed.error
    subprocess.run(["cp", ".env.example", ".env"], cwd=root, check=True)
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


@pytest.mark.parametrize(
    "name", ['"shop.db"', 'join(BASE_DIR, "shop.db")'], ids=["written", "joined"]
)
def test_the_migrate_advice_names_the_sqlite_file_the_settings_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """As DjangoCRM's `"NAME": "crm_db"` and mezzanine's `"NAME": "dev.db"`: the file
    the copy served then has is that one; and django-tables2's example's, joined with
    `join` imported from os.path."""
    root = tmp_path / "site"
    database = (
        "\nfrom os.path import join\n\n"
        f'DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {name}}}}}\n'
    )
    manage = _silent_shop(root, database)
    monkeypatch.chdir(root)
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "as a deploy would; the copy served has the project's shop.db."
    ), failed.error
    subprocess.run([*manage, "migrate", "--settings", "shop.settings"], cwd=root, check=True)
    assert (root / "shop.db").is_file()
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "0 products"), passed.error


def test_migrations_of_a_database_read_as_a_url_are_advised_with_a_file_to_keep(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its default is in memory (django-cms-quickstart's `sqlite://:memory:`): migrating
    that fills nothing the server sees, so the advice gives the URL of a file, to both."""
    root = tmp_path / "site"
    manage = _silent_shop(root, 'import environ\n\nDATABASES = {"default": environ.Env().db('
                          '"SHOP_DB_URL", default="sqlite://:memory:")}\n')  # fmt: skip
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "unapplied migrations: run its migrations first (SHOP_DB_URL=sqlite:///db.sqlite3 "
        "python manage.py migrate --settings shop.settings), and give smoke "
        "env={'SHOP_DB_URL': 'sqlite:///db.sqlite3'} too, as a deploy would; the copy served "
        "has the project's db.sqlite3."
    ), failed.error
    given = {"SHOP_DB_URL": "sqlite:///db.sqlite3"}
    migrate = [*manage, "migrate", "--settings", "shop.settings"]
    subprocess.run(migrate, cwd=root, check=True, env={**os.environ, **given})
    (passed,) = scaffold.smoke([root], env=given)
    assert (passed.passed, passed.body) == (True, "0 products"), passed.error


@pytest.mark.parametrize(
    "settings",
    [
        # wagtail's news template: `dj_database_url.config(default="sqlite:///" + …)`, a
        # file migrate fills for the server as it is.
        'import environ\n\nDATABASES = {"default": environ.Env().db("SHOP_DB_URL", '
        'default="sqlite:///" + str(BASE_DIR / "db.sqlite3"))}\n',
        # MDN's local library: SQLite unless `if "DATABASE_URL" in os.environ:` lets a
        # URL replace it. Unset, the URL is not read.
        'import os\nimport environ\n\nif "DATABASE_URL" in os.environ:\n'
        '    DATABASES["default"] = environ.Env().db()\n',
    ],
    ids=["defaulting-to-an-sqlite-file", "replaced-only-when-set"],
)
def test_migrations_of_a_database_its_url_leaves_in_sqlite_are_advised_without_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: str,
) -> None:
    """The database the server gets, its variable unset, is the file migrate fills: the
    advice brings no variable in."""
    root = tmp_path / "site"
    manage = _silent_shop(root, settings)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "unapplied migrations: run its migrations first (python manage.py migrate --settings "
        "shop.settings), as a deploy would; the copy served has the project's db.sqlite3."
    ), failed.error
    subprocess.run([*manage, "migrate", "--settings", "shop.settings"], cwd=root, check=True)
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "0 products"), passed.error


def test_a_missing_file_is_named_in_the_project_or_on_the_machine(tmp_path: Path) -> None:
    """Flask's instance folder's config, read in a view (a 500); a file outside the project."""
    from scaffold._apps.file_hints import missing_file

    app = detect(write_files(tmp_path / "blog", {"app.py": SECRETS}))
    flask = (
        "FileNotFoundError: [Errno 2] Unable to load configuration file (No such file or "
        f"directory): '{tempfile.gettempdir()}/scaffold-run-1/server-2/blog/instance/config.py'\n"
    )
    assert status_hint(app, 500, "127.0.0.1:8000", flask) == (
        " The app reads instance/config.py, which the project has not got: make it as the "
        "project's README says."
    )
    outside = "FileNotFoundError: [Errno 2] No such file or directory: '/etc/blog.conf'\n"
    assert missing_file(outside, app) == (
        "the app reads /etc/blog.conf, which this machine has not got: make it as the project "
        "says, or point the app at one it has."
    )
    assert missing_file("FileNotFoundError: [Errno 2] gone\n", app) == ""


def test_debug_off_without_allowed_hosts_is_told_the_host_to_list_and_then_passes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(settings.read_text().replace("DEBUG = True", "DEBUG = False"))
    (refused,) = scaffold.smoke([root], path=["/admin/login/"])
    assert str(refused.error).endswith(
        " before answering: its settings have DEBUG off and no ALLOWED_HOSTS, which runserver "
        "refuses: list '127.0.0.1' in ALLOWED_HOSTS in the settings the check runs with "
        "(settings=)."
    ), refused.error
    settings.write_text(
        settings.read_text().replace("ALLOWED_HOSTS = []", "ALLOWED_HOSTS = ['127.0.0.1']")
    )
    (passed,) = scaffold.smoke([root], path=["/admin/login/"])
    assert passed.passed, passed.error


@pytest.mark.parametrize(
    ("debug", "on"),
    [('os.environ.get("SHOP_DEBUG")', "True"), ('os.getenv("SHOP_DEBUG") == "1"', "1")],
    ids=["read", "compared"],
)
def test_debug_read_from_the_environment_without_allowed_hosts_is_given_on(
    tmp_path: Path, debug: str, on: str
) -> None:
    """djchat's settings: DEBUG and SECRET_KEY read with `os.environ.get`, from a .env
    it has not got, and no ALLOWED_HOSTS: DEBUG on is what lets runserver start, and
    SECRET_KEY is what it would stop at next."""
    root = tmp_path / "site"
    settings = _startproject(root)
    source = settings.read_text().replace("DEBUG = True", f"DEBUG = {debug}")
    source = re.sub(r"SECRET_KEY = .*\n", 'SECRET_KEY = os.environ.get("SHOP_SECRET")\n', source)
    settings.write_text(f"import os\n{source}")
    (refused,) = scaffold.smoke([root], path=["/admin/login/"])
    advised = {"SHOP_DEBUG": on, "SHOP_SECRET": "VALUE"}
    assert str(refused.error).endswith(
        " before answering: its settings have DEBUG off and no ALLOWED_HOSTS, which runserver "
        f"refuses: they read DEBUG from SHOP_DEBUG: give env={advised!r}, as for "
        "development; or list '127.0.0.1' in ALLOWED_HOSTS in the settings the check runs "
        "with (settings=)."
    ), refused.error
    (passed,) = scaffold.smoke([root], path=["/admin/login/"], env=advised)
    assert passed.passed, passed.error


# Read with a default, and through a function of the settings' own (Tandoor's).
HOSTS_READ = {
    "environ-get": 'ALLOWED_HOSTS = os.environ.get("SHOP_HOSTS", "shop.example.com").split(",")',
    "own-function": "def comma_list(key, default=''):\n"
    "    return os.getenv(key, default).split(',')\n\n\n"
    "ALLOWED_HOSTS = comma_list('SHOP_HOSTS', 'shop.example.com')",
}


@pytest.mark.parametrize("hosts", HOSTS_READ.values(), ids=HOSTS_READ.keys())
def test_allowed_hosts_read_from_the_environment_are_given_with_env(
    tmp_path: Path, hosts: str
) -> None:
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text("import os\n" + settings.read_text().replace("ALLOWED_HOSTS = []", hosts))
    (refused,) = scaffold.smoke([root], path=["/admin/login/"])
    assert str(refused.error).endswith(
        "give a name it lists with host=; or its settings read ALLOWED_HOSTS from SHOP_HOSTS: "
        "give env={'SHOP_HOSTS': '127.0.0.1'}."
    ), refused.error
    (passed,) = scaffold.smoke([root], path=["/admin/login/"], env={"SHOP_HOSTS": "127.0.0.1"})
    assert passed.passed, passed.error


def test_allowed_hosts_made_of_a_variable_are_given_a_name_and_the_host_it_makes(
    tmp_path: Path,
) -> None:
    """As fly-apps/hello-django's: `ALLOWED_HOSTS = [f"{APP_NAME}.fly.dev"]`, the name
    read from FLY_APP_NAME. Giving the variable smoke's address would make a host no
    request is sent with."""
    root = tmp_path / "site"
    settings = _startproject(root)
    hosts = 'APP_NAME = os.environ.get("FLY_APP_NAME")\nALLOWED_HOSTS = [f"{APP_NAME}.fly.dev"]'
    settings.write_text("import os\n" + settings.read_text().replace("ALLOWED_HOSTS = []", hosts))
    (refused,) = scaffold.smoke([root], path=["/admin/login/"])
    assert str(refused.error).endswith(
        "give a name it lists with host=; or its settings make ALLOWED_HOSTS of FLY_APP_NAME, "
        "as 'example.fly.dev': give env={'FLY_APP_NAME': 'example'} host='example.fly.dev'."
    ), refused.error
    (passed,) = scaffold.smoke(
        [root], path=["/admin/login/"], env={"FLY_APP_NAME": "example"}, host="example.fly.dev"
    )
    assert passed.passed, passed.error


@pytest.mark.parametrize(
    "reading",
    [
        'ALLOWED_HOSTS = os.getenv("SHOP_HOSTS", "shop.example.com").split(",")',
        # Read into a name first, then used (healthchecks' settings use the walrus).
        'if hosts := os.getenv("SHOP_HOSTS"):\n    ALLOWED_HOSTS = hosts.split(",")\n'
        'else:\n    ALLOWED_HOSTS = ["shop.example.com"]',
        'hosts = os.environ.get("SHOP_HOSTS")\nALLOWED_HOSTS = hosts.split(",") if hosts else []',
    ],
)
def test_the_variable_a_setting_is_read_from_is_found_however_it_is_read(
    tmp_path: Path, reading: str
) -> None:
    module = tmp_path / "settings.py"
    module.write_text(f"import os\nDEBUG = True\n{reading}\n")
    assert setting_variable(module, "ALLOWED_HOSTS") == "SHOP_HOSTS"
    assert setting_variable(module, "DEBUG") is None


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ({"config.py": "class Config:\n    SERVER_NAME = 'shop.example.com'\n"},
         "shop.example.com"),
        ({"app.py": "app.config.update(SERVER_NAME=os.environ.get('HOST') or 'a.example')"},
         "a.example"),
        ({"app.py": "app.config['SERVER_NAME'] = 'localhost:{0}'.format(PORT)"}, ""),
        ({"app.py": "app.config['DEBUG'] = False"}, None),
    ],
    ids=["config-class", "update-or", "not-a-literal", "none"],
)  # fmt: skip
def test_the_server_name_a_flask_app_sets_is_read_from_its_code(
    tmp_path: Path, files: dict[str, str], said: str | None
) -> None:
    from scaffold._apps.path_hints import server_name

    root = write_files(tmp_path / "shop", {"app.py": "", **files})
    (root / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n"
                                 + (root / "app.py").read_text())  # fmt: skip
    assert server_name(detect(root)) == said


def test_a_sqlite_database_in_a_folder_the_project_has_not_got_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`BASE_DIR / "data" / "db.sqlite3"`, the folder kept out of the repository."""
    root = tmp_path / "site"
    settings = _startproject(root)
    in_data = re.sub(r"BASE_DIR / (['\"])db", r"BASE_DIR / \1data\1 / \1db", settings.read_text())
    settings.write_text(in_data)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        " before answering: the app cannot open its SQLite database file, data/db.sqlite3: the "
        "project has no data folder: make it (mkdir -p data), as a deploy would."
    ), failed.error
    (root / "data").mkdir()
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("os.path.join(BASE_DIR, 'var', 'shop.db')", "var/shop.db: the project has no var "
         "folder: make it (mkdir -p var), as a deploy would."),
        ("'/data/db.sqlite3'", "/data/db.sqlite3: this machine has no /data (a container's "
         "volume, say): make it, or point DATABASES at a folder of the project."),
        ("env('DATABASE_PATH')", ": the folder its settings' DATABASES put it in is not "
         "there, or cannot be written: make it, as a deploy would."),
    ],
    ids=["path-join", "absolute", "unread"],
)  # fmt: skip
def test_where_a_sqlite_database_is_put_is_read_from_the_settings(
    tmp_path: Path, name: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold._apps.sqlite_hints import sqlite_folder

    settings = _startproject(tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")  # as a user runs smoke: from the project's folder
    text = re.sub(r"'NAME': BASE_DIR / 'db.sqlite3'|\"NAME\": BASE_DIR / \"db.sqlite3\"",
                  f"'NAME': {name}", settings.read_text())  # fmt: skip
    settings.write_text(text)
    output = "django.db.utils.OperationalError: unable to open database file\n"
    assert sqlite_folder(output, detect(tmp_path / "site")).endswith(said)
    assert sqlite_folder("OperationalError: database is locked\n", detect(tmp_path / "site")) == ""


def test_a_uv_projects_commands_are_advised_with_uv_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project uv manages runs its commands with `uv run`, as its README says."""
    root = tmp_path / "site"
    startproject("shop", root)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (root / "uv.lock").write_text("version = 1\n")
    said = "django.db.utils.OperationalError: no such table: django_session\n"
    assert status_hint(detect(root), 500, "127.0.0.1:8000", said) == (
        " Its database has no table django_session: run its migrations first (uv run python "
        "manage.py migrate --settings shop.settings), as a deploy would; the copy served has "
        "the project's db.sqlite3."
    )


def test_a_project_djangos_system_checks_refuse_is_told_the_first_error(tmp_path: Path) -> None:
    """runserver runs the checks as it starts, and exits on an error."""
    clash = '\n    shop = models.ForeignKey("Shop", on_delete=models.CASCADE)\n'
    root = _shop_with_catalog(tmp_path / "site", MODELS + clash)
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        " before answering: Django's system checks found errors in the project, first "
        "catalog.Product.shop: (fields.E300) Field defines a relation with model 'Shop', which "
        "is either not installed, or is abstract: fix them (`python manage.py check` lists "
        "them all)."
    ), failed.error


def test_a_charfield_without_max_length_is_told_postgresqls_alone(tmp_path: Path) -> None:
    """djangonaut-space's models (PostgreSQL, and SQLite from Django 5.2, let a CharField
    go without max_length): with no DATABASE_URL its settings have no database, and the
    check says E120. The advice is a database, as the settings read it; followed with
    SQLite, it passes (PostgreSQL's URL, the one advised, also runs on older Djangos)."""
    unlimited = "\n\nclass Team(models.Model):\n    name = models.CharField()\n"
    root = _shop_with_catalog(tmp_path / "site", MODELS + unlimited)
    settings = root / "shop" / "settings.py"
    text = re.sub(r"DATABASES = \{.*?\n\}\n", "", settings.read_text(), flags=re.S)
    settings.write_text(
        "import os\n\nimport environ\n\nenv = environ.Env()\n"
        + text
        + 'if "SHOP_DATABASE_URL" in os.environ:\n'
        '    DATABASES = {"default": env.db("SHOP_DATABASE_URL")}\n'
        "else:\n    DATABASES = {}\n"
    )
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        " before answering: Django's system checks found errors in the project, first "
        "catalog.Team.name: (fields.E120) CharFields must define a 'max_length' attribute: a "
        "CharField without max_length needs a database that takes it (PostgreSQL, or SQLite "
        "from Django 5.2), and the app's is none such: give it one that runs "
        "(env={'SHOP_DATABASE_URL': 'postgres://USER:PASSWORD@HOST/NAME'})."
    ), failed.error
    (passed,) = scaffold.smoke([root], env={"SHOP_DATABASE_URL": "sqlite:///db.sqlite3"})
    assert passed.passed, passed.error


def test_a_system_check_errors_hint_comes_with_it() -> None:
    """A project's own check (healthchecks' SITE_ROOT one) may say what to do."""
    said = (
        "SystemCheckError: System check identified some issues:\n\nERRORS:\n?: (shop.E002) "
        "The hostname in settings.SITE_ROOT is not found in settings.ALLOWED_HOSTS\n"
        "\tHINT: Add 'localhost' to settings.ALLOWED_HOSTS\n\nWARNINGS:\n?: (shop.W002) No "
        "SMTP configuration\n\nSystem check identified 2 issues (0 silenced).\n"
    )
    assert failed_checks(said) == (
        "Django's system checks found errors in the project, first ?: (shop.E002) The hostname "
        "in settings.SITE_ROOT is not found in settings.ALLOWED_HOSTS (Add 'localhost' to "
        "settings.ALLOWED_HOSTS): fix them (`python manage.py check` lists them all)."
    )


_CONTAINER = "uses collections.Container, which Python {python} has not got: that version"
_CODESET = (
    "passes translation() an argument it no longer takes (codeset): that version of oldpkg "
    "is older than Python {python}, or than the packages installed with it"
)


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("from collections import Container\n", f"oldpkg {_CONTAINER} of oldpkg is older than "
         "this Python"),
        ("import collections\n\ncollections.Container\n", f"oldpkg {_CONTAINER} of oldpkg "
         "is older than this Python"),
        ('import gettext\n\ngettext.translation("x", fallback=True, codeset="utf-8")\n',
         f"oldpkg {_CODESET}"),
        # psycopg2 2.8's _psycopg on Python 3.11, as the import of a C extension says it.
        ('raise SystemError("initialization of _oldc raised unreported exception")\n',
         "oldpkg's compiled module _oldc fails as it loads on Python {python}: that version "
         "of oldpkg is older than this Python"),
    ],
    ids=["imported", "attribute", "argument", "compiled"],
)  # fmt: skip
def test_a_package_older_than_its_python_is_named_with_what_to_do(
    tmp_path: Path, source: str, said: str
) -> None:
    """As Werkzeug 0.12 (Flask 0.12) and Django 2.0 fail on Python 3.10 and later, and
    Django 2.1 on 3.11 (gettext's codeset)."""
    if "codeset" in source and sys.version_info < (3, 11):
        source = "def translation(domain, fallback):\n    pass\n\n" + source.replace(
            "gettext.translation", "translation"
        )  # the argument Python 3.11 took out, as a function without it
    python = ".".join(map(str, sys.version_info[:2]))
    site = tmp_path / "env" / "lib" / f"python{python}" / "site-packages"
    (site / "oldpkg").mkdir(parents=True)
    (site / "oldpkg" / "__init__.py").write_text(source)
    app = tmp_path / "shop"
    app.mkdir()
    (app / "app.py").write_text(GREET.replace("SECRET_KEY\n", "'x'\n").replace(
        "from flask import Flask", "import oldpkg\nfrom flask import Flask"))  # fmt: skip
    (result,) = scaffold.smoke([app], env={"PYTHONPATH": str(site)})
    assert not result.passed
    assert result.error is not None
    assert result.error.startswith("the server exited with code ")
    advised = re.search(
        f" before answering: {re.escape(said.format(python=python))}. Require a newer one, or "
        r"serve the app with an older Python \(python='(?P<python>[^']+)', installed here\).$",
        result.error,
    )
    assert advised, result.error
    # The newest Python installed here older than this one, and than 3.10, which took
    # collections' ABCs out, for those.
    before = (3, 10) if "collections" in said else sys.version_info[:2]
    named = subprocess.run([advised["python"], "-c", "import sys; print(*sys.version_info[:2])"],
                           capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    assert tuple(map(int, named.stdout.split())) < before


def test_a_package_that_calls_another_wrongly_as_it_is_imported_is_named(
    tmp_path: Path,
) -> None:
    """flask-bones' rq 1.1, whose cli passes click 8 a default it refuses as rq is
    imported: nothing of the app's is in the call, so rq and click do not fit."""
    python = ".".join(map(str, sys.version_info[:2]))
    site = tmp_path / "env" / "lib" / f"python{python}" / "site-packages"
    write_files(site, {
        "newcli/__init__.py": "def option(default, multiple=False):\n"
        "    if multiple and not isinstance(default, list):\n"
        "        raise ValueError(\"'default' must be a list when 'multiple' is true.\")\n",
        "oldjobs/__init__.py": "from oldjobs.cli import main\n",
        "oldjobs/cli.py": "import newcli\n\n\ndef decorate():\n"
        "    return newcli.option(default=None, multiple=True)\n\n\nmain = decorate()\n",
    })  # fmt: skip
    app = write_files(tmp_path / "shop", {"app.py": "import oldjobs\n" + GREET.replace(
        "SECRET_KEY\n", "'x'\n")})  # fmt: skip
    (result,) = scaffold.smoke([app], env={"PYTHONPATH": str(site)})
    assert str(result.error).endswith(
        "oldjobs, as it is imported, calls newcli in a way the newcli installed refuses "
        "(ValueError: 'default' must be a list when 'multiple' is true.): oldjobs is written "
        "for another version of newcli; install one it is written for (the project declares "
        "no requirements), or use python= or fresh_env=True."
    ), result.error


def test_settings_an_installed_package_refuses_are_told_what_it_asks(tmp_path: Path) -> None:
    """Tivix/django-rest-auth's demo on django-allauth 0.56, whose AppConfig.ready()
    asks for its middleware, which the demo's settings, older, have not got."""
    python = ".".join(map(str, sys.version_info[:2]))
    site = tmp_path / "env" / "lib" / f"python{python}" / "site-packages"
    asked = "strictauth.middleware.AccountMiddleware"
    write_files(site, {
        "strictauth/__init__.py": "",
        "strictauth/middleware.py": "class AccountMiddleware:\n"
        "    def __init__(self, get_response):\n        self.get_response = get_response\n\n"
        "    def __call__(self, request):\n        return self.get_response(request)\n",
        "strictauth/apps.py": "from django.apps import AppConfig\n"
        "from django.conf import settings\n"
        "from django.core.exceptions import ImproperlyConfigured\n\n\n"
        "class StrictAuthConfig(AppConfig):\n    name = 'strictauth'\n\n    def ready(self):\n"
        f"        if {asked!r} not in settings.MIDDLEWARE:\n"
        f"            raise ImproperlyConfigured('{asked} must be added to settings.MIDDLEWARE')\n",
    })  # fmt: skip
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(settings.read_text() + "INSTALLED_APPS += ['strictauth']\n")
    (failed,) = scaffold.smoke([root], env={"PYTHONPATH": str(site)})
    assert str(failed.error).endswith(
        f"the strictauth installed refuses the project's settings ({asked} must be added to "
        "settings.MIDDLEWARE): add what it asks for, or pin the release of strictauth the "
        "project is written for."
    ), failed.error
    settings.write_text(settings.read_text() + f"MIDDLEWARE += [{asked!r}]\n")
    (passed,) = scaffold.smoke([root], env={"PYTHONPATH": str(site)})
    assert passed.passed, passed.error


def test_a_file_the_readme_makes_is_advised_its_step(tmp_path: Path) -> None:
    """testdrivenio/django-htmx-tailwind: its README builds static/src/output.css with
    `tailwindcss … -o ./static/src/output.css`, which django-compressor then reads."""
    root = write_files(tmp_path / "todo", {
        "app.py": _reading_static(
            "UncompressableFileError", "src/output.css",
            "'src/output.css' could not be found in {file.parent}",
        ),
        "build_css.py": "import sys\nfrom pathlib import Path\n\n"
        "Path(sys.argv[-1]).write_text('body {}')\n",
        "README.md": "1. Build the CSS:\n\n    ```sh\n"
        "    (venv)$ python build_css.py -o ./static/src/output.css\n    ```\n",
        "static/src/main.css": "@tailwind base;\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    step = "python build_css.py -o ./static/src/output.css"
    assert str(failed.error).endswith(
        f": the project makes src/output.css with a step of its README ({step}): run it "
        "first, as a deploy would."
    ), failed.error
    run_as_said(step, root)
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "body {}"), passed.error


LOCAL_CONFIG = """\
import logging
import sys
from pathlib import Path

from flask import Flask

logging.basicConfig()
if not Path(__file__).with_name("local_config.py").is_file():
    logging.getLogger(__name__).error(
        "You have to have `local_config.py` or `local_config/__init__.py` in order to use "
        "the default 'local' Flask Config."
    )
    sys.exit(1)

from local_config import GREETING  # noqa: E402

app = Flask(__name__)


@app.route("/")
def index():
    return GREETING
"""


def test_a_logged_error_naming_a_file_with_an_example_is_advised_the_copy(
    tmp_path: Path,
) -> None:
    """frol/flask-restplus-server-example logs that it needs `local_config.py`, and keeps a
    local_config.py.template for it, then exits."""
    root = write_files(tmp_path / "api", {
        "app.py": LOCAL_CONFIG, "local_config.py.template": "GREETING = 'Hello, World!'\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    copy = f"cd {root} && cp local_config.py.template local_config.py"
    assert str(failed.error).endswith(
        ": it names local_config.py, which the project has not got: make it from "
        f"local_config.py.template ({copy}) and fill it in, as the project says."
    ), failed.error
    run_as_said(copy, tmp_path)
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


def _reading_static(error: str, relative: str, said: str) -> str:
    """A Flask app whose "/" answers the static file `relative`, or raises `error` with
    `said` (`{file}`: the file's path) when it is not there, as an asset bundler does."""
    return (
        "from pathlib import Path\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        f"class {error}(Exception):\n    pass\n\n\n"
        f'@app.route("/")\ndef index():\n    file = Path(app.static_folder) / {relative!r}\n'
        f"    if not file.is_file():\n        raise {error}(f{said!r})\n"
        "    return file.read_text()\n"
    )


def test_a_file_of_the_javascript_packages_not_installed_is_advised_their_install(
    tmp_path: Path,
) -> None:
    """flask-bones' webassets bundle files of the packages its Makefile installs with
    `yarn install --modules-folder ./app/static/node_modules`; the README says `make`."""
    root = write_files(tmp_path / "shop", {
        "app.py": _reading_static(
            "BuildError", "node_modules/jquery/dist/jquery.js",
            "[Errno 2] No such file or directory: '{file}'",
        ),
        "package.json": '{"dependencies": {"jquery": "3.4.1"}}\n',
        "README.md": "Install the assets with `npm install`, then run it.\n",
        "Makefile": "assets:\n\trm -rf ./static/node_modules\n"
        "\tyarn install --modules-folder ./static/node_modules\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        " The app reads static/node_modules/jquery/dist/jquery.js, which its JavaScript "
        "packages install, not installed here: install them as the project does (yarn "
        "install --modules-folder ./static/node_modules, as its Makefile runs it)."
    ), failed.error
    write_files(root / "static/node_modules", {"jquery/dist/jquery.js": "jQuery"})  # as yarn
    before = snapshot(root)
    (passed,) = scaffold.smoke([root])  # the copy served links them: read where they are
    assert (passed.passed, passed.body) == (True, "jQuery"), passed.error
    assert snapshot(root) == before  # and the copy's removal leaves them be


DRIVERS_SAY = {
    "psycopg": (
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
        "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
        "connections?",
        "PostgreSQL server (127.0.0.1, port 5432)",
    ),
    "psycopg2": (  # older libpq
        "could not connect to server: Connection refused\n\tIs the server running on host "
        '"localhost" (127.0.0.1) and accepting\n\tTCP/IP connections on port 5432?',
        "PostgreSQL server (localhost, port 5432)",
    ),
    "socket": (
        'connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such '
        "file or directory\n\tIs the server running locally and accepting connections on "
        "that socket?",
        "PostgreSQL server (/var/run/postgresql/.s.PGSQL.5432)",
    ),
    "mysql": (  # PyMySQL and mysqlclient
        "(2003, \"Can't connect to MySQL server on '127.0.0.1' ([Errno 111] Connection refused)\")",
        "MySQL server (127.0.0.1)",
    ),
    "mariadb": (  # mysqlclient built on MariaDB's client library (Debian's libmysqlclient)
        "(2002, \"Can't connect to server on '127.0.0.1' (115)\")",
        "MySQL server (127.0.0.1)",
    ),
    "mariadb-socket": (
        "(2002, \"Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)\")",
        "MySQL server (/run/mysqld/mysqld.sock)",
    ),
    "redis": (
        "Error 111 connecting to localhost:6379. Connection refused.",
        "Redis server (localhost:6379)",
    ),
    # A host name only a Docker Compose network knows, as each driver says it.
    "psycopg-name": (
        "failed to resolve host 'db': [Errno -2] Name or service not known",
        "PostgreSQL server (db, a host name this machine cannot resolve)",
    ),
    "psycopg2-name": (
        'could not translate host name "db" to address: Name or service not known\n',
        "PostgreSQL server (db, a host name this machine cannot resolve)",
    ),
    "pymysql-name": (
        "(2003, \"Can't connect to MySQL server on 'db' ([Errno -2] Name or service not known)\")",
        "MySQL server (db, a host name this machine cannot resolve)",
    ),
    "mysqlclient-name": (
        "(2005, \"Unknown MySQL server host 'db' (-2)\")",
        "MySQL server (db, a host name this machine cannot resolve)",
    ),
    "mariadb-name": (
        "(2005, \"Unknown server host 'db' (-2)\")",
        "MySQL server (db, a host name this machine cannot resolve)",
    ),
    "redis-name": (
        "Error -3 connecting to cache:6379. Temporary failure in name resolution.",
        "Redis server (cache, a host name this machine cannot resolve)",
    ),
}
"""The drivers' own words (each checked against the driver), and the server named."""


def _raising(tmp_path: Path, said: str, *, at_import: bool) -> Path:
    """A Flask app that raises `said` as a driver raises it: at import, or in its view."""
    app = tmp_path / "shop"
    app.mkdir()
    (app / "said.txt").write_text(said)
    raised = 'raise ConnectionError(Path(__file__).with_name("said.txt").read_text())\n'
    (app / "app.py").write_text(
        "from pathlib import Path\n\nfrom flask import Flask\n\n"
        + (raised if at_import else "")
        + 'app = Flask(__name__)\n\n\n@app.route("/")\ndef hello():\n    '
        + (raised if not at_import else 'return "Hello, World!"\n')
    )
    return app


@pytest.mark.parametrize(("said", "where"), DRIVERS_SAY.values(), ids=DRIVERS_SAY.keys())
def test_each_drivers_words_for_a_server_it_cannot_reach_name_it(
    tmp_path: Path, said: str, where: str
) -> None:
    app = detect(_raising(tmp_path, said, at_import=False))
    assert status_hint(app, 500, "127.0.0.1:8000", said) == (
        f" The app could not reach its {where}: start it as the project says, or point the "
        "app at one that runs with env=, as its settings read it."
    )


@pytest.mark.parametrize(
    ("said", "what"),
    [
        ("(1049, \"Unknown database 'chat'\")", "MySQL"),  # mysqlclient's and PyMySQL's
        ('connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "chat" does '
         "not exist", "PostgreSQL"),
    ],
    ids=["mysql", "postgresql"],
)  # fmt: skip
def test_a_database_its_server_has_not_got_is_named_with_the_statement_that_makes_it(
    tmp_path: Path, said: str, what: str
) -> None:
    """narrowfail/django-channels-chat's README: `CREATE DATABASE chat`, before migrate.
    A server that answers is not one the app could not reach."""
    app = detect(_raising(tmp_path, said, at_import=False))
    assert status_hint(app, 500, "127.0.0.1:8000", said) == (
        f" The app names a database its {what} server has not got, chat: make it there "
        "(CREATE DATABASE chat;), as the project says, or point the app at one the server has."
    )
    refused = said.replace('database "chat" does not exist', "password authentication failed")
    assert "could not reach" not in status_hint(app, 500, "127.0.0.1:8000", refused)


def test_a_django_database_read_from_the_environment_can_be_pointed_at_sqlite(
    tmp_path: Path,
) -> None:
    """As cookiecutter-django's settings read it: the variable, and a URL that serves."""
    app = detect(write_files(tmp_path / "site", {
        "manage.py": MANAGE, "config/wsgi.py": "",
        "config/settings/local.py": "from .base import *\n",
        "config/settings/base.py": "import environ\n\nenv = environ.Env()\n"
        'DATABASES = {"default": env.db("SHOP_DATABASE_URL", default="postgres:///shop")}\n',
    }))  # fmt: skip
    said, where = DRIVERS_SAY["psycopg"]
    assert status_hint(app, 500, "127.0.0.1:8000", said) == (
        f" The app could not reach its {where}: start it as the project says, or point the "
        "app at one that runs, or at SQLite, with "
        "env={'SHOP_DATABASE_URL': 'sqlite:///db.sqlite3'}."
    )


# A Railway-deployed Flask app's: the URL read into a name, fixed up, then given to
# Flask-SQLAlchemy; with PostgreSQL's own connection options, or without.
FLASK_DATABASE = (
    "import os\n\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\n"
    "app = Flask(__name__)\n"
    'db_url = os.getenv("SHOP_DATABASE_URL")\n'
    'if db_url and db_url.startswith("postgres://"):\n'
    '    db_url = db_url.replace("postgres://", "postgresql://", 1)\n'
    'app.config["SQLALCHEMY_DATABASE_URI"] = db_url\n'
    "{options}db = SQLAlchemy(app)\n\n\n"
    '@app.route("/")\ndef index():\n    return "Hello, World!"\n'
)


def test_a_flask_database_read_from_the_environment_can_be_pointed_at_sqlite(
    tmp_path: Path,
) -> None:
    root = write_files(tmp_path / "site", {"app.py": FLASK_DATABASE.replace("{options}", "")})
    said, where = DRIVERS_SAY["psycopg"]
    assert status_hint(detect(root), 500, "127.0.0.1:8000", said) == (
        f" The app could not reach its {where}: start it as the project says, or point the "
        "app at one that runs, or at SQLite, with "
        "env={'SHOP_DATABASE_URL': 'sqlite:///db.sqlite3'}."
    )
    (passed,) = scaffold.smoke([root], env={"SHOP_DATABASE_URL": "sqlite:///db.sqlite3"})
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error
    # PostgreSQL's own connection options, which SQLite refuses: PostgreSQL's URL.
    options = 'app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"sslmode": "require"}}\n'
    (root / "app.py").write_text(FLASK_DATABASE.replace("{options}", options))
    assert status_hint(detect(root), 500, "127.0.0.1:8000", said) == (
        f" The app could not reach its {where}: start it as the project says, or point the "
        "app at one that runs with env={'SHOP_DATABASE_URL': 'postgres://USER:PASSWORD@HOST/"
        "NAME'} (its code gives the database PostgreSQL's own options, for which SQLite "
        "cannot stand in)."
    )


def test_a_database_of_postgresql_features_is_not_pointed_at_sqlite(tmp_path: Path) -> None:
    """As saleor's settings: django.contrib.postgres installed (its models use what SQLite
    has not got), the URL read by dj_database_url under its own DEFAULT_ENV."""
    app = detect(write_files(tmp_path / "site", {
        "manage.py": MANAGE, "config/wsgi.py": "",
        "config/settings/local.py": "import dj_database_url\n\n"
        'INSTALLED_APPS = ["django.contrib.postgres"]\nDATABASES = {"default": '
        'dj_database_url.config(env=dj_database_url.DEFAULT_ENV, default="postgres:///s")}\n',
    }))  # fmt: skip
    settings = tmp_path / "site/config/settings/local.py"
    assert setting_variable(settings, "DATABASES") == "DATABASE_URL"
    said, where = DRIVERS_SAY["psycopg"]
    assert status_hint(app, 500, "127.0.0.1:8000", said) == (
        f" The app could not reach its {where}: start it as the project says, or point the "
        "app at one that runs with env={'DATABASE_URL': 'postgres://USER:PASSWORD@HOST/NAME'} "
        "(its settings install django.contrib.postgres, for which SQLite cannot stand in)."
    )


_PARTS = "".join(f'    "{key}": os.environ.get("DB_{key}"),\n' for key in ("HOST", "NAME"))


@pytest.mark.parametrize(
    ("databases", "advice"),
    [
        # Its host, name and user each read (a Docker Compose course's settings): no one
        # variable could point it at SQLite; the host's points it at a server.
        (
            f'import os\n\nDATABASES = {{"default": {{\n{_PARTS}}}}}\n',
            "with env={'DB_HOST': 'HOST', 'DB_NAME': 'VALUE'}, the host its settings read, "
            "and the name they read with no default.",
        ),
        # nickjj's docker-django-example: each part read with the Compose service's default.
        (
            'import os\n\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", '
            '"HOST": os.getenv("POSTGRES_HOST", "postgres"), "PORT": "5432"}}\n',
            "with env={'POSTGRES_HOST': 'HOST'}, the host its settings read.",
        ),
        # liangliangyy/DjangoBlog's: each part read, or its default.
        (
            'import os\n\nDATABASES = {"default": {"ENGINE": "django.db.backends.mysql", '
            '"HOST": os.environ.get("DB_HOST") or "127.0.0.1"}}\n',
            "with env={'DB_HOST': 'HOST'}, the host its settings read.",
        ),
        # Nothing it reads is the host: the settings read it some other way.
        (
            'import os\n\nDATABASES = {"default": {"NAME": os.getenv("DB_NAME")}}\n',
            "with env=, as its settings read it.",
        ),
        # taiga-back's settings/common.py: written out, no variable read for them: no
        # --env can move it, the settings can.
        (
            'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", '
            '"HOST": "127.0.0.1"}}\n',
            "in its settings' DATABASES (config/settings/local.py), which no environment "
            "variable sets.",
        ),
    ],
    ids=["read-in-parts", "read-with-defaults", "read-or-default", "host-not-read", "written-out"],
)
def test_a_django_database_no_url_points_at_is_pointed_at_where_it_is_set(
    tmp_path: Path, databases: str, advice: str
) -> None:
    app = detect(write_files(tmp_path / "site", {
        "manage.py": MANAGE, "config/wsgi.py": "", "config/settings/local.py": databases,
    }))  # fmt: skip
    said, where = DRIVERS_SAY["psycopg"]
    assert status_hint(app, 500, "127.0.0.1:8000", said) == (
        f" The app could not reach its {where}: start it as the project says, or point the "
        f"app at one that runs {advice}"
    )


# recipe-app-api's settings: each part of the database read with no default.
_READ_BARE = "".join(
    f'    "{key}": os.environ.get("DB_{key[:4]}"),\n'
    for key in ("HOST", "NAME", "USER", "PASSWORD")
)


@pytest.mark.parametrize(
    ("said", "env", "advice"),
    [
        # No DB_USER: libpq connects as the OS user, whom the server does not know.
        ('FATAL:  role "root" does not exist', {},
         "the name, user and password of its database with no default, from variables its "
         "environment has not got: give them with env={'DB_NAME': 'VALUE', 'DB_USER': "
         "'VALUE', 'DB_PASS': 'VALUE'}."),
        ("fe_sendauth: no password supplied", {"DB_NAME": "app", "DB_USER": "postgres"},
         "the password of its database with no default, from variables its environment has "
         "not got: give it with env={'DB_PASS': 'VALUE'}."),
        # No DB_HOST: the local socket, where the server takes only the OS user's own role.
        ('FATAL:  Peer authentication failed for user "postgres"',
         {"DB_NAME": "app", "DB_USER": "postgres", "DB_PASS": "secret"},
         "the host of its database with no default, from variables its environment has not "
         "got: give it with env={'DB_HOST': 'localhost'}."),
    ],
    ids=["role", "password", "peer"],
)  # fmt: skip
def test_a_database_server_refusing_the_parts_the_settings_lack_is_told_them(
    tmp_path: Path, said: str, env: dict[str, str], advice: str
) -> None:
    app = detect(write_files(tmp_path / "site", {
        "manage.py": MANAGE, "config/wsgi.py": "",
        "config/settings/local.py": f'import os\n\nDATABASES = {{"default": {{\n{_READ_BARE}}}}}\n',
    }))  # fmt: skip
    output = f"django.db.utils.OperationalError: {said}\n"
    assert status_hint(app, 500, "127.0.0.1:8000", output, env) == (
        f" The app was refused by its PostgreSQL server ({said}): its settings read {advice}"
    )
    # All given, the refusal is the server's own, which no variable of smoke's can mend.
    given = {"DB_HOST": "h", "DB_NAME": "n", "DB_USER": "u", "DB_PASS": "p"}
    assert "refused" not in status_hint(app, 500, "127.0.0.1:8000", output, given)


def test_a_server_that_never_answers_as_its_pool_retries_its_database_is_told_why(
    tmp_path: Path,
) -> None:
    """django-uv-knox-test's psycopg pool retries its PostgreSQL before runserver listens,
    saying each time that the server cannot be reached: the deadline passes, and the
    advice names the server, not the timeout alone."""
    said, where = DRIVERS_SAY["psycopg"]
    app = tmp_path / "shop"
    app.mkdir()
    (app / "said.txt").write_text(said)
    (app / "app.py").write_text(
        "import time\nfrom pathlib import Path\n\nfrom flask import Flask\n\n"
        "while True:  # a pool that retries, warning each time\n"
        "    print(\"WARNING error connecting in 'pool-1':\", "
        'Path(__file__).with_name("said.txt").read_text(), flush=True)\n'
        "    time.sleep(0.2)\n\napp = Flask(__name__)\n"
    )
    (result,) = scaffold.smoke([app], timeout=2)
    assert result.error == (
        f"the server did not answer within 2 s: the app could not reach its {where}: start "
        "it as the project says, or point the app at one that runs with env=, as its "
        "settings read it."
    ), result.error


@pytest.mark.parametrize("at_import", [False, True], ids=["in-a-view", "at-boot"])
def test_a_server_the_app_cannot_reach_is_named(tmp_path: Path, at_import: bool) -> None:
    """Raised by a real server: in a view (a 500), or as the app boots (an exit)."""
    said, where = DRIVERS_SAY["psycopg-name" if at_import else "psycopg"]
    (result,) = scaffold.smoke([_raising(tmp_path, said, at_import=at_import)])
    failed = (
        "the server exited with code 1 before answering: the app"
        if at_import
        else "GET / answered 500, expected 200. The app"
    )
    assert result.error == (
        f"{failed} could not reach its {where}: start it as "
        "the project says, or point the app at one that runs with env=, as its settings "
        "read it."
    )


def test_a_pipenv_project_is_told_to_give_its_requirements_and_then_passes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "shop"
    root.mkdir()
    (root / "app.py").write_text(GREET.replace("SECRET_KEY\n", "'x'\n"))
    (root / "Pipfile").write_text('[packages]\nflask = "*"\n')
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        "its Pipfile is pipenv's: export it (pipenv requirements > requirements.txt), or "
        "give a requirements file with requirements=."
    )
    # What `pipenv requirements` would print, kept outside the project.
    exported = tmp_path / "exported.txt"
    exported.write_text("flask\n")
    (passed,) = scaffold.smoke([root], fresh_env=True, requirements=exported)
    assert passed.passed, passed.error


def test_a_server_the_app_cannot_reach_as_it_boots_is_named(tmp_path: Path) -> None:
    """The app connects while it is imported, as Django's checks or a Flask factory may."""
    app = tmp_path / "shop"
    app.mkdir()
    (app / "app.py").write_text(
        "raise ConnectionError('Error 111 connecting to localhost:6379. Connection refused.')\n"
        + GREET.replace("SECRET_KEY\n", "'x'\n")
    )
    (result,) = scaffold.smoke([app])
    assert str(result.error).endswith(
        "before answering: the app could not reach its Redis server (localhost:6379): start "
        "it as the project says, or point the app at one that runs with env=, as its "
        "settings read it."
    )


def test_a_greeting_the_user_changed_is_traced_to_scaffold_json(tmp_path: Path) -> None:
    project = scaffold.generate("flask-single", "hello", output_dir=tmp_path).path
    app = project / "app.py"
    app.write_text(app.read_text().replace('GREETING = "Hello"', 'GREETING = "Howdy"'))
    (result,) = scaffold.smoke([project])
    assert not result.passed
    assert result.error is not None
    advice = re.search(
        r"check the new text with expect=(.+), or the status alone with any_body=True\.$",
        result.error,
    )
    assert advice is not None, result.error
    assert "the one the project's .scaffold.json records ('Hello')" in result.error
    # Followed literally, either way: the new greeting is checked, or the status alone.
    (again,) = scaffold.smoke([project], expect=ast.literal_eval(advice.group(1)))
    assert again.passed, again.error
    (status_alone,) = scaffold.smoke([project], any_body=True)
    assert status_alone.passed, status_alone.error


def test_at_the_command_line_the_greeting_advice_names_the_options(tmp_path: Path) -> None:
    project = scaffold.generate("flask-single", "hello", output_dir=tmp_path).path
    app = project / "app.py"
    app.write_text(app.read_text().replace('GREETING = "Hello"', 'GREETING = "Howdy"'))
    smoke = [sys.executable, "-m", "scaffold", "smoke", str(project)]
    failed = subprocess.run(smoke, capture_output=True, text=True, timeout=60)
    assert failed.returncode == 1
    assert (
        "check the new text with --expect 'Howdy, World!', or the status alone with "
        "--any-body." in failed.stdout
    )
    for advised in (["--expect", "Howdy, World!"], ["--any-body"]):
        passed = subprocess.run([*smoke, *advised], capture_output=True, text=True, timeout=60)
        assert passed.returncode == 0, passed.stdout
    both = subprocess.run([*smoke, "--any-body", "--expect", "x"], capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert both.returncode == 2
    assert both.stderr == (
        "Error: Invalid value for '--any-body': --any-body and --expect contradict each "
        "other: give one or the other.\n"
    )


@pytest.mark.parametrize(
    ("lock", "commands"),
    [("yarn.lock", "yarn install, then yarn build"), (None, "npm ci, then npm run build")],
    ids=["yarn", "npm"],
)
def test_a_template_folder_the_front_end_build_makes_is_advised_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lock: str | None, commands: str
) -> None:
    """gtalarico/django-vue-template's shape: Django serves the Vue app's index.html from
    dist/, which `yarn build` makes and the repository does not hold."""
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(settings.read_text().replace("'DIRS': []", "'DIRS': ['dist']"))
    urls = root / "shop" / "urls.py"
    urls.write_text(urls.read_text().replace(
        "urlpatterns = [", "from django.views.generic import TemplateView\n\nurlpatterns = [\n"
        '    path("", TemplateView.as_view(template_name="index.html")),',
    ))  # fmt: skip
    write_files(root, {"package.json": '{"scripts": {"build": "vue-cli-service build"}}'})
    if lock:
        write_files(root, {lock: ""})
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "It raised django.template.exceptions.TemplateDoesNotExist: index.html: its settings' "
        "TEMPLATES look in dist, a folder the project has not got, which its front-end build "
        f"makes (package.json's build script): run it first ({commands}), as a deploy would."
    ), failed.error
    write_files(root, {"dist/index.html": "<p>Hello from Vue</p>"})  # what the build makes
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "<p>Hello from Vue</p>"), passed.error


def test_advice_reading_the_project_takes_a_file_it_cannot_read_as_saying_nothing(
    tmp_path: Path,
) -> None:
    """The URLconf, settings and TEMPLATES the newer hints read, one a FIFO (a read would
    wait for a writer for ever): no advice from it, and no error stops the check."""
    from scaffold._apps.django_routes import django_routes
    from scaffold._apps.file_hints import optional_settings
    from scaffold._apps.frontend_hints import built_templates

    root = tmp_path / "site"
    _startproject(root)
    (root / "shop" / "urls.py").unlink()
    os.mkfifo(root / "shop" / "urls.py")
    write_files(root, {"package.json": '{"scripts": {"build": "vue-cli-service build"}}'})
    app = detect(root)
    assert django_routes(app) == []
    assert built_templates("django.template.exceptions.TemplateDoesNotExist: index.html", app) == ""
    said = "django.core.exceptions.ImproperlyConfigured: settings.DATABASES is improperly …"
    assert optional_settings(said, app) == ""


def _startproject(root: Path) -> Path:
    """`django-admin startproject shop` in `root`: its settings module's file."""
    startproject("shop", root)
    return root / "shop" / "settings.py"


CONFIGURATIONS = """

from configurations import Configuration, values


class Dev(Configuration):  # the settings above, which a configuration takes as its own
    SECRET_KEY, DEBUG, ROOT_URLCONF, TEMPLATES = _SECRET_KEY, True, ROOT_URLCONF, TEMPLATES
    INSTALLED_APPS, MIDDLEWARE, DATABASES = INSTALLED_APPS, MIDDLEWARE, DATABASES
    STATIC_URL = STATIC_URL


class Prod(Dev):
    DEBUG, ALLOWED_HOSTS = False, ["127.0.0.1"]
    SECRET_KEY = values.SecretValue()
"""
ADMIN = ["/admin/login/"]  # a page of both configurations'


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_value_django_configurations_requires_is_given_with_env(
    tmp_path: Path, server: ServerName
) -> None:
    """django-configurations' template: manage.py and wsgi.py set DJANGO_CONFIGURATION
    and run its own management and WSGI entries; the Prod class's SecretValue reads
    DJANGO_SECRET_KEY, which the error names."""
    root = tmp_path / "site"
    settings = _startproject(root)
    text = settings.read_text().replace("\nSECRET_KEY = ", "\n_SECRET_KEY = ")
    settings.write_text(text.replace("\nDEBUG = True\n", "\n") + CONFIGURATIONS)
    manage = (
        (root / "manage.py")
        .read_text()
        .replace("django.core.management", "configurations.management")
    )
    (root / "manage.py").write_text(manage.replace(
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')",
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"
        "    os.environ.setdefault('DJANGO_CONFIGURATION', 'Dev')",
    ))  # fmt: skip
    (root / "shop" / "wsgi.py").write_text(
        "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"
        "os.environ.setdefault('DJANGO_CONFIGURATION', 'Dev')\n\n"
        "from configurations.wsgi import get_wsgi_application  # noqa: E402\n\n"
        "application = get_wsgi_application()\n"
    )
    (passed,) = scaffold.smoke([root], server=server, path=ADMIN)
    assert passed.passed, passed.error
    (failed,) = scaffold.smoke(
        [root], server=server, path=ADMIN, env={"DJANGO_CONFIGURATION": "Prod"}
    )
    assert str(failed.error).endswith(
        "the app reads DJANGO_SECRET_KEY from its environment, which has none: give it with "
        "env={'DJANGO_SECRET_KEY': 'VALUE'}."
    ), failed.error
    given = {"DJANGO_CONFIGURATION": "Prod", "DJANGO_SECRET_KEY": "VALUE"}
    (passed,) = scaffold.smoke([root], server=server, path=ADMIN, env=given)
    assert passed.passed, passed.error


def test_a_database_read_in_parts_is_given_sqlites_and_switched_off_parts_are_not_asked(
    tmp_path: Path,
) -> None:
    """Shaped like wger's production settings: the engine and name each read with no
    default, the admins only when a variable is set. The advice gives SQLite's engine
    and a file, and asks nothing of what an unset variable leaves off."""
    root = tmp_path / "site"
    settings = _startproject(root)
    database = (
        'DATABASES = {"default": {"ENGINE": os.environ["SHOP_DB_ENGINE"], '
        '"NAME": os.environ["SHOP_DB_NAME"]}}\n'
        'if os.environ.get("SHOP_ADMINS"):\n    ADMINS = [os.environ["SHOP_ADMINS"]]\n'
    )
    code = settings.read_text()
    start, end = code.index("DATABASES = {"), code.index("# Password validation")
    settings.write_text(f"import os\n{code[:start]}{database}\n{code[end:]}")
    (failed,) = scaffold.smoke([root])
    advised = {"SHOP_DB_ENGINE": "django.db.backends.sqlite3", "SHOP_DB_NAME": "db.sqlite3"}
    assert str(failed.error).endswith(f"give them with env={advised!r}."), failed.error
    (passed,) = scaffold.smoke([root], env=advised)
    assert passed.passed, passed.error


def test_a_manifest_collected_outside_the_project_is_found_where_static_root_says(
    tmp_path: Path,
) -> None:
    """wger's production settings collect into /home/wger/static: once collectstatic has
    written the manifest there, a silent 500 is not put down to it again."""
    root = tmp_path / "site"
    settings = _startproject(root)
    outside = tmp_path / "srv" / "static"
    settings.write_text(
        f"import os\n{settings.read_text()}\n"
        f'STATIC_ROOT = os.environ.get("SHOP_STATIC_ROOT", "{outside}")\n'
        'STORAGES = {"staticfiles": {"BACKEND": '
        '"django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}\n'
    )
    app = detect(root)
    assert "run collectstatic first" in status_hint(app, 500, "127.0.0.1:8000", "")
    outside.mkdir(parents=True)
    (outside / "staticfiles.json").write_text("{}")
    assert status_hint(app, 500, "127.0.0.1:8000", "") == ""


def test_an_app_sending_http_to_https_is_told_the_setting_that_turns_it_off(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(
        settings.read_text()
        + "\nimport os\n\n"
        + 'SECURE_SSL_REDIRECT = os.environ.get("SHOP_SSL_REDIRECT", "True") == "True"\n'
    )
    (redirected,) = scaffold.smoke([root])
    assert redirected.error is not None
    assert redirected.error.endswith(
        "The app sends plain HTTP to HTTPS, as a site behind TLS does, and smoke's requests "
        "are plain HTTP: its settings read SECURE_SSL_REDIRECT from SHOP_SSL_REDIRECT: give "
        "env={'SHOP_SSL_REDIRECT': 'False'}; or check the redirect itself: status=301."
    )
    (passed,) = scaffold.smoke([root], env={"SHOP_SSL_REDIRECT": "False"})
    assert passed.passed, passed.error


MANAGE = (
    "import os\nimport sys\n\n"
    'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n'
    "from django.core.management import execute_from_command_line\n\n"
    "execute_from_command_line(sys.argv)\n"
)


def test_a_redirect_to_https_set_unless_a_variable_is_true_is_advised_it(
    tmp_path: Path,
) -> None:
    """justdjango's getting-started-with-django sets SECURE_SSL_REDIRECT in `if not DEBUG:`,
    DEBUG read from the environment, as its .env sets it for development."""
    root = tmp_path / "site"
    settings = _startproject(root)
    source = re.sub(r"DEBUG = .*\n", 'DEBUG = os.getenv("SHOP_DEBUG")\n', settings.read_text())
    source = source.replace("ALLOWED_HOSTS = []", "ALLOWED_HOSTS = ['127.0.0.1']")
    settings.write_text(f"import os\n{source}if not DEBUG:\n    SECURE_SSL_REDIRECT = True\n")
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "its settings set SECURE_SSL_REDIRECT unless SHOP_DEBUG is true: give "
        "env={'SHOP_DEBUG': 'True'}; or check the redirect itself: status=301."
    ), failed.error
    (passed,) = scaffold.smoke([root], env={"SHOP_DEBUG": "True"})
    assert passed.passed, passed.error


@pytest.mark.parametrize(
    ("files", "todo"),
    [
        (  # as cookiecutter-django has it: production beside local
            {
                "manage.py": MANAGE,
                "config/wsgi.py": "",
                "config/settings/local.py": "DEBUG = True\n",
                "config/settings/production.py": "import environ\n\nenv = environ.Env()\n"
                'SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)\n',
            },
            "its settings read SECURE_SSL_REDIRECT from DJANGO_SECURE_SSL_REDIRECT: give "
            "env={'DJANGO_SECURE_SSL_REDIRECT': 'False'}",
        ),
        (
            {
                "manage.py": MANAGE,
                "config/wsgi.py": "",
                "config/settings/local.py": "SECURE_SSL_REDIRECT = True\n",
            },
            "turn SECURE_SSL_REDIRECT off in the settings the check runs with (settings=)",
        ),
        (
            {"app.py": "from flask import Flask\n\napp = Flask(__name__)\n"},
            "turn that off for the check",
        ),
    ],
    ids=["setting-from-environment", "setting-in-code", "flask"],
)
def test_a_redirect_to_https_says_how_to_turn_it_off(
    tmp_path: Path, files: dict[str, str], todo: str
) -> None:
    app = detect(write_files(tmp_path / "site", files))
    assert status_hint(app, 308, "127.0.0.1:8000", "", location="https://127.0.0.1:8000/") == (
        " The app sends plain HTTP to HTTPS, as a site behind TLS does, and smoke's requests "
        f"are plain HTTP: {todo}; or check the redirect itself: status=308."
    )
    # To another site: not its own HTTPS.
    assert status_hint(app, 308, "127.0.0.1:8000", "", location="https://example.com/") == ""


PYTHON_2 = {
    "print-statement": (
        {"app.py": 'from flask import Flask\n\nprint "starting"\napp = Flask(__name__)\n'},
        "app.py, line 3, is Python 2 (SyntaxError: Missing parentheses in call to 'print'. "
        "Did you mean print(...)?), which Python 3 does not run: port it to Python 3.",
    ),
    "relative-import": (
        {
            "app.py": "from shop import app\n",
            "shop/__init__.py": "from flask import Flask\n\nfrom settings import NAME\n\n"
            "app = Flask(NAME)\n",
            "shop/settings.py": 'NAME = "shop"\n',
        },
        "shop/__init__.py imports settings as Python 2 did, from beside it in its package, "
        "which Python 3 does not: it is Python 2 code; port it to Python 3 (`from . import "
        "settings`).",
    ),
    # mitsuhiko/flask-website's listings/releases.py, imported by a view.
    "stdlib-name": (
        {
            "app.py": "from flask import Flask\n\nfrom shop.links import absolute\n\n"
            "app = Flask(__name__)\n",
            "shop/__init__.py": "",
            "shop/links.py": "from urlparse import urljoin\n\nabsolute = urljoin\n",
        },
        "shop/links.py imports urlparse, Python 2's name for urllib.parse: it is Python 2 "
        "code, which Python 3 does not run; port it to Python 3.",
    ),
}


def test_a_module_an_older_version_of_a_package_had_is_named_as_such(tmp_path: Path) -> None:
    """`flask.ext`, which Flask 1.0 took out: Flask is installed, not the one it needs,
    which its requirements pin."""
    app = write_files(tmp_path / "blog", {
        "app.py": "from flask import Flask\nfrom flask.ext.login import LoginManager\n\n"
        "app = Flask(__name__)\n",
        "requirements.txt": "flask<1.0\nflask-login<0.5\n",
    })  # fmt: skip
    (result,) = scaffold.smoke([app])
    assert str(result.error).endswith(
        "before answering: the app imports flask.ext, which the flask installed has not got: "
        "it is written for another version of flask; install the one its requirements pin, "
        "or use python= or fresh_env=True. Flask 1.0 took flask.ext out: on a newer Flask, "
        "import each extension by its own name (flask_login for flask.ext.login)."
    )


def test_a_name_an_older_version_of_a_package_had_is_named_as_such(tmp_path: Path) -> None:
    """`from flask import Markup`, which Flask 3.0 took out, as many older apps have it,
    in a book's chapter that declares no requirements (Flask Framework Cookbook's): the
    advice, followed, serves it on this Flask."""
    app = write_files(tmp_path / "blog", {
        "app.py": "from flask import Flask, Markup\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\ndef index():\n    return Markup('<b>hi</b>')\n",
    })  # fmt: skip
    (result,) = scaffold.smoke([app])
    assert str(result.error).endswith(
        "before answering: the app imports Markup from flask, which the flask installed has "
        "not got: it is written for another version of flask; install one it is written for "
        "(the project declares no requirements), or use python= or fresh_env=True. Flask 3.0 "
        "took Markup out: import it from markupsafe."
    ), result.error
    code = (app / "app.py").read_text()
    (app / "app.py").write_text(code.replace(", Markup\n", "\nfrom markupsafe import Markup\n"))
    (passed,) = scaffold.smoke([app])
    assert (passed.passed, passed.body) == (True, "<b>hi</b>"), passed.error


@pytest.mark.parametrize(
    ("used", "instead", "gone"),
    [
        (
            "@app.before_first_request\ndef setup():\n    app.config['READY'] = True\n",
            "with app.app_context():\n    app.config['READY'] = True\n",
            "Flask.before_first_request, which the flask installed has not got: it is written "
            "for another version of flask; install the one its requirements pin, or use "
            "python= or fresh_env=True. Flask 2.3 took it out: run that setup once as the app "
            "is made (after it, within `with app.app_context():`).",
        ),
        (
            "app.config['READY'] = app.env == 'production'\n",
            "app.config['READY'] = not app.debug\n",
            "Flask.env, which the flask installed has not got: it is written for another "
            "version of flask; install the one its requirements pin, or use python= or "
            "fresh_env=True. Flask 2.3 took it out: use app.debug, or a setting of the app's "
            "own.",
        ),
    ],
    ids=["before_first_request", "env"],
)
def test_what_flask_2_3_took_out_of_the_app_is_named_with_what_replaces_it(
    tmp_path: Path, used: str, instead: str, gone: str
) -> None:
    """`@app.before_first_request` and `app.env`, in many apps from before Flask 2.3:
    said, with what replaces them, which serves the app on this Flask."""
    code = "from flask import Flask\n\napp = Flask(__name__)\n{}\n\n@app.route('/')\n" + (
        "def index():\n    return 'ready'\n"
    )
    app = write_files(tmp_path / "blog", {
        "app.py": code.format(used), "requirements.txt": "flask<2.3\n",
    })  # fmt: skip
    (result,) = scaffold.smoke([app])
    assert str(result.error).endswith(f"before answering: the app uses {gone}"), result.error
    (app / "app.py").write_text(code.format(instead))
    (passed,) = scaffold.smoke([app])
    assert (passed.passed, passed.body) == (True, "ready"), passed.error


@pytest.mark.parametrize(
    ("old", "new", "gone"),
    [
        (
            "from werkzeug.contrib.fixers import ProxyFix",
            "from werkzeug.middleware.proxy_fix import ProxyFix",
            "Werkzeug 1.0 took werkzeug.contrib out: ProxyFix is in "
            "werkzeug.middleware.proxy_fix, the cache is the cachelib package.",
        ),
        (
            "from itsdangerous import TimedJSONWebSignatureSerializer as ProxyFix",
            "from itsdangerous import URLSafeTimedSerializer as ProxyFix",
            "itsdangerous 2.1 took it out: use URLSafeTimedSerializer (its tokens are not "
            "JWTs), or a JWT library.",
        ),
        (  # six is no package of this environment's: the app then gets one of its own
            "from django.utils import six as ProxyFix",
            "import six as ProxyFix",
            "Django 3.0 took it out: use the six package (import six).",
        ),
    ],
    ids=["werkzeug.contrib", "TimedJSONWebSignatureSerializer", "django.utils.six"],
)
def test_what_old_tutorials_import_is_named_with_where_it_went(
    tmp_path: Path, old: str, new: str, gone: str
) -> None:
    """Corey Schafer's password reset tokens (itsdangerous's JWT serializer), ProxyFix
    from werkzeug.contrib, Django's bundled six: each said with what replaces it, and
    the app, changed so, serves."""
    app = write_files(tmp_path / "blog", {
        "app.py": f"{old}\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\ndef index():\n    return ProxyFix.__name__\n",
    })  # fmt: skip
    (result,) = scaffold.smoke([app])
    assert str(result.error).endswith(gone), result.error
    (app / "app.py").write_text((app / "app.py").read_text().replace(old, new))
    own_six = "six" in new
    if own_six:
        (app / "requirements.txt").write_text("flask\nsix\n")
    (passed,) = scaffold.smoke([app], fresh_env=own_six)
    assert passed.passed, passed.error


@pytest.mark.parametrize(
    ("imported", "gone"),
    [
        ("from django.core.urlresolvers import reverse",
         "Django 2.0 took it out: import reverse and its kin from django.urls."),
        ("from django.shortcuts import render_to_response",
         "Django 3.0 took it out: use render(request, …)."),
        ("from django.utils.encoding import python_2_unicode_compatible",
         "Django 3.0 took it out: drop the decorator (Python 3 needs none)."),
    ],
    ids=["urlresolvers", "render_to_response", "python_2_unicode_compatible"],
)  # fmt: skip
def test_what_django_took_out_is_named_with_what_replaces_it(
    tmp_path: Path, imported: str, gone: str
) -> None:
    """What Django 1.x tutorials import, as a module of the app imports it."""
    root = tmp_path / "site"
    startproject("shop", root)
    write_files(root, {"shop/views.py": f"{imported}  # noqa\n"})
    urls = root / "shop" / "urls.py"
    urls.write_text("from shop import views  # noqa\n" + urls.read_text())
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(gone), failed.error


def test_an_app_that_needs_its_context_as_it_is_loaded_is_told_where(tmp_path: Path) -> None:
    """A Flask-SQLAlchemy 2.x tutorial's `db.create_all()` at import, which 3.0 runs only
    within the app's context: the line is named, and wrapped so, the app serves."""
    code = (
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\n"
        "app = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\n"
        "db = SQLAlchemy(app)\n{}\n\n@app.route('/')\ndef index():\n    return 'tables'\n"
    )
    app = write_files(tmp_path / "blog", {"app.py": code.format("db.create_all()\n")})
    (result,) = scaffold.smoke([app])
    assert str(result.error).endswith(
        "before answering: the app's app.py, line 7, uses what needs the app's context "
        "outside one (as Flask-SQLAlchemy 3.0's db.create_all() does, which 2.x ran on the "
        "app it was given): run it within `with app.app_context():`, as Flask's error says, "
        "or pin the version of the extension it is written for."
    ), result.error
    (app / "app.py").write_text(code.format("with app.app_context():\n    db.create_all()\n"))
    (passed,) = scaffold.smoke([app])
    assert (passed.passed, passed.body) == (True, "tables"), passed.error


def test_a_name_sqlalchemy_2_moved_is_named_where_it_is_now(tmp_path: Path) -> None:
    """Flask Framework Cookbook's chapter 4 imports join from sqlalchemy.orm.util, which
    SQLAlchemy 2.0 took out: imported where the advice says, it serves."""
    app = write_files(tmp_path / "Chapter-4", {
        "app.py": "from flask import Flask\nfrom sqlalchemy.orm.util import join\n\n"
        "app = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return join.__name__\n",
    })  # fmt: skip
    (result,) = scaffold.smoke([app])
    assert str(result.error).endswith(
        "SQLAlchemy 2.0 took it out of sqlalchemy.orm.util: import it from sqlalchemy.orm."
    ), result.error
    code = (app / "app.py").read_text()
    (app / "app.py").write_text(code.replace("sqlalchemy.orm.util", "sqlalchemy.orm"))
    (passed,) = scaffold.smoke([app])
    assert (passed.passed, passed.body) == (True, "join"), passed.error


def test_an_installed_package_importing_what_another_has_not_got_is_named() -> None:
    """An extension older than the framework installed: the extension is named."""
    from scaffold._apps.package_hints import another_version

    said = (
        '  File "/srv/app/app.py", line 1, in <module>\n    import flask_wtf\n'
        '  File "/srv/env/lib/python3.12/site-packages/flask_wtf/__init__.py", line 3\n'
        "    from jinja2 import Markup\n"
        "ImportError: cannot import name 'Markup' from 'jinja2' "
        "(/srv/env/lib/python3.12/site-packages/jinja2/__init__.py)\n"
    )
    assert another_version(said, "pin it") == (
        "flask_wtf imports Markup from jinja2, which the jinja2 installed has not got: "
        "flask_wtf is written for another version of jinja2; pin it. Jinja 3.1 took Markup "
        "out: import it from markupsafe."
    )
    # A name the app's own module has not got is the app's to fix: no word of versions.
    own = "ImportError: cannot import name 'x' from 'shop' (/srv/app/shop/__init__.py)\n"
    assert another_version(own, "pin it") == ""


def test_djangos_postgresql_driver_is_advised_with_the_extra_a_project_runs_with(
    tmp_path: Path,
) -> None:
    """django-import-export's example: Django's backend falls back to psycopg2 when
    psycopg is missing, and says the fallback; its `tests` extra (after `docs`, which
    lists it too) holds psycopg."""
    root = tmp_path / "site"
    _startproject(root)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "shop"\nversion = "1"\n[project.optional-dependencies]\n'
        'docs = ["sphinx", "psycopg[binary]"]\ntests = ["psycopg[binary]>=3.2"]\n'
    )
    output = (
        '  File "/srv/env/lib/python3.11/site-packages/django/db/backends/postgresql/'
        'psycopg_any.py", line 77, in <module>\n    from psycopg2 import errors\n'
        "ModuleNotFoundError: No module named 'psycopg2'\n"
    )
    error = ServerExitedError("the server exited with code 1 before answering", output=output)
    assert explain(error, detect(root), "python", fresh_env=True).endswith(
        "the app imports psycopg, which the project's dependencies do not install, and its "
        "pyproject.toml's tests extra lists psycopg: add extra=['tests']."
    )


# What an old Flask stack (lingthio's Flask-User starter: Flask 1.0.2, Flask-WTF 0.14)
# imports that its dependencies took out since, each said with what took it.
TAKEN_OUT = {
    ("flask", "url_quote", "werkzeug.urls"): "Werkzeug 3.0 took it out (2.3 warned of it): "
    "in code of your own, use urllib.parse.quote.",
    ("flask", "json", "itsdangerous"): "itsdangerous 2.1 took it out: use the json module.",
    ("jinja2", "soft_unicode", "markupsafe"): "MarkupSafe 2.1 took it out: use soft_str.",
    # gothinkster's flask-realworld-example-app: Flask-SQLAlchemy 2.2 on Flask 3.
    ("flask_sqlalchemy", "_app_ctx_stack", "flask"): "Flask 3.0 took it out (2.3 warned of "
    "it): in code of your own, use flask.g or flask.current_app.",
    ("flask_wtf", "url_encode", "werkzeug"): "Werkzeug 1.0 took the names it gave at its top "
    "out: import each from the module that has it (werkzeug.urls, werkzeug.utils, …).",
}


@pytest.mark.parametrize(
    ("importer", "name", "module"), TAKEN_OUT, ids=[n for _, n, _ in TAKEN_OUT]
)
def test_what_a_dependency_took_out_is_named_with_the_release_that_did(
    importer: str, name: str, module: str
) -> None:
    from scaffold._apps.package_hints import another_version

    said = (
        f'  File "/srv/env/lib/python3.9/site-packages/{importer}/__init__.py", line 3\n'
        f"ImportError: cannot import name '{name}' from '{module}' "
        f"(/srv/env/lib/python3.9/site-packages/{module.replace('.', '/')}.py)\n"
    )
    assert another_version(said, "pin it").endswith(f"pin it. {TAKEN_OUT[importer, name, module]}")


def test_with_no_older_python_installed_the_option_to_name_one_is_advised_alone() -> None:
    """No Python 3 is older than 3.0: the advice names the option, and no path."""
    from scaffold._apps.older_python import older_python

    assert older_python("3.0") == "python="
    assert older_python("3.1", "collections") == "python="


FLASK_OLD = """\
import jinja2

RELEASE = jinja2.__release__
"""
USES_FLASK_OLD = """\
import flask_old
from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "Hello, World!"
"""


def test_an_installed_package_using_what_another_has_taken_out_is_named(tmp_path: Path) -> None:
    """As docker/awesome-compose's django app: environs 7 reads marshmallow.__version__,
    which marshmallow 4 took out. Here an extension reads what Jinja has not got, in a
    virtualenv that has it (and Flask, from this environment's packages)."""
    env = tmp_path / "env"
    site = virtualenv_over_this_one(env)
    write_files(site, {"flask_old/__init__.py": FLASK_OLD})
    root = write_files(tmp_path / "site", {"app.py": USES_FLASK_OLD})
    (result,) = scaffold.smoke([root], python=str(env / "bin" / "python"))
    assert str(result.error).endswith(
        ": flask_old uses jinja2.__release__, which the jinja2 installed has not got: "
        "flask_old is written for another version of jinja2; install one it is written for "
        "(the project declares no requirements), or use python= or fresh_env=True."
    ), result.error
    # A package's own attribute it has not got is no matter of versions.
    from scaffold._apps.package_hints import another_version

    own = (
        '  File "/srv/env/lib/python3.12/site-packages/shop/__init__.py", line 3\n'
        "AttributeError: module 'shop' has no attribute 'x'\n"
    )
    assert another_version(own, "pin it") == ""


def test_an_installed_package_in_python_2_is_told_to_be_pinned_newer(tmp_path: Path) -> None:
    """flasky-first-edition's Pygments 1.6, whose `except TypeError, err:` setuptools
    once converted with 2to3 as it built it: Python 3 says only "invalid syntax", the
    line shows Python 2. A newer release, installed in its place, passes."""
    env = tmp_path / "env"
    site = virtualenv_over_this_one(env)
    old = "try:\n    import json\nexcept TypeError, err:\n    pass\n"
    write_files(site, {"highlights/__init__.py": old})
    root = flask_app_saying(tmp_path / "site", "Hello, World!")
    (root / "app.py").write_text(
        "import highlights  # noqa: F401\n" + (root / "app.py").read_text()
    )
    (failed,) = scaffold.smoke([root], python=str(env / "bin" / "python"))
    said = "invalid syntax" if sys.version_info < (3, 10) else "multiple exception types must"
    assert re.search(
        r": the highlights installed is Python 2 \(highlights/__init__.py, line 3: `except "
        rf"TypeError, err:`, SyntaxError: {said}[^)]*\), which Python 3 does not run: that "
        r"release of it is for Python 2, or is converted to Python 3 as it is built, by the "
        r"2to3 that setuptools 58 took out: pin a newer release of it.$",
        str(failed.error),
    ), failed.error
    write_files(site, {"highlights/__init__.py": old.replace("TypeError, err", "TypeError as err")})
    (passed,) = scaffold.smoke([root], python=str(env / "bin" / "python"))
    assert passed.passed, passed.error


CHARTS_MOVED = {  # plotly 4's shape: the module kept, to say where it went
    "charts/__init__.py": "",
    "charts/online/__init__.py": "from _charts_future_ import moved\n\nmoved('online')\n",
    "_charts_future_/__init__.py": (
        "def moved(name):\n    raise ImportError(\n"
        "        f'\\nThe charts.{name} module is deprecated,\\nplease install the '\n"
        "        f'charts-{name} package instead.\\n'\n    )\n"
    ),
}


def test_a_module_an_installed_package_refuses_to_be_imported_is_advised_its_version(
    tmp_path: Path,
) -> None:
    """dash-heroku-template's `import plotly.plotly`, which plotly 4 keeps only to raise
    ImportError: the app is written for an older plotly. Installed, it passes; a library
    that cannot load its compiled part is no matter of versions."""
    env = tmp_path / "env"
    site = virtualenv_over_this_one(env)
    write_files(site, CHARTS_MOVED)
    root = flask_app_saying(tmp_path / "site", "Hello, World!")
    (root / "app.py").write_text("import charts.online as online  # noqa: F401\n"
                                 + (root / "app.py").read_text())  # fmt: skip
    (failed,) = scaffold.smoke([root], python=str(env / "bin" / "python"))
    assert str(failed.error).endswith(
        ": the app imports charts.online, which the charts installed refuses (ImportError: "
        "The charts.online module is deprecated, please install the charts-online package "
        "instead.): it is written for another version of charts; install one it is written "
        "for (the project declares no requirements), or use python= or fresh_env=True."
    ), failed.error
    write_files(site, {"charts/online/__init__.py": "def plot():\n    pass\n"})  # the older one
    (passed,) = scaffold.smoke([root], python=str(env / "bin" / "python"))
    assert passed.passed, passed.error
    from scaffold._apps.package_hints import another_version

    compiled = (
        '  File "/srv/site/app.py", line 1, in <module>\n    import cv2.aruco\n'
        '  File "/srv/env/lib/python3.12/site-packages/cv2/__init__.py", line 8, in <module>\n'
        "ImportError: libGL.so.1: cannot open shared object file: No such file or directory\n"
    )
    assert another_version(compiled, "pin it") == ""


@pytest.mark.parametrize(("files", "said"), PYTHON_2.values(), ids=PYTHON_2.keys())
def test_python_2_code_is_named_as_such(tmp_path: Path, files: dict[str, str], said: str) -> None:
    """Old apps are often Python 2: not a missing package, not a broken install."""
    (result,) = scaffold.smoke([write_files(tmp_path / "blog", files)])
    assert result.error is not None
    assert result.error.endswith(f" before answering: {said}")  # code 1, or click's 2


def test_a_celery_module_importing_celery_is_python_3_and_celery_is_missing(
    tmp_path: Path,
) -> None:
    """Celery's documented layout (python/pythondotorg's): `shop/celery.py` does `from
    celery import Celery`, an absolute import of the package, not of itself."""
    root = tmp_path / "site"
    _startproject(root)
    write_files(root / "shop", {
        "celery.py": "from celery import Celery\n\napp = Celery('shop')\n",
        "__init__.py": "from .celery import app as celery_app\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        f"the app imports celery, which is not installed for {sys.executable}. Install the "
        "project's requirements there, or use python= or fresh_env=True."
    ), failed.error


def test_an_exit_no_hint_explains_is_told_by_what_the_app_raised(tmp_path: Path) -> None:
    """NetBox's settings raise ImproperlyConfigured, whose words say what to do."""
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(settings.read_text() + (
        "\nfrom django.core.exceptions import ImproperlyConfigured\n\n"
        "raise ImproperlyConfigured('Configuration module (shop.configuration) not found. "
        "Copy shop/configuration_example.py to shop/configuration.py.')\n"
    ))  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "the server exited with code 1 before answering: django.core.exceptions."
        "ImproperlyConfigured: Configuration module (shop.configuration) not found. Copy "
        "shop/configuration_example.py to shop/configuration.py."
    )
    assert last_exception("Watching for file changes with StatReloader\nbye\n") is None


@pytest.mark.parametrize(
    ("raised", "said"),
    [
        (  # plotly 4's plotly.plotly: its words start on the line below the exception's name
            'raise ImportError("\\nThe legacy module is deprecated,\\nplease install the '
            'new-legacy package and use\\nthe new_legacy module instead.\\n")',
            "ImportError: The legacy module is deprecated, please install the new-legacy "
            "package and use the new_legacy module instead.",
        ),
        (  # a failed `assert` says nothing: the statement does
            "import sys\n\nassert sys.maxsize < 0",
            "AssertionError (in {root}/legacy.py, line 3: assert sys.maxsize < 0)",
        ),
    ],
    ids=["words-below", "assert"],
)
def test_what_an_app_raised_is_said_when_its_words_are_not_on_its_line(
    tmp_path: Path, raised: str, said: str
) -> None:
    root = flask_app_saying(tmp_path / "charts", "Hello, World!")
    (root / "app.py").write_text("import legacy  # noqa: F401\n" + (root / "app.py").read_text())
    (root / "legacy.py").write_text(raised + "\n")
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(" before answering: " + said.format(root=root)), failed.error


def test_an_exit_with_no_traceback_is_told_by_the_last_error_it_logged(tmp_path: Path) -> None:
    """Shaped like searxng, which logs that its secret key is the default one and exits:
    its words are the cause; the setting they name, given as its docs say, passes."""
    root = flask_app_saying(tmp_path / "search", "Hello, World!")
    code = (root / "app.py").read_text()
    (root / "app.py").write_text(
        "import logging\nimport os\nimport sys\n\nlogging.basicConfig()\n"
        "logging.getLogger('search.webapp').error('git: not a git repository')\n"
        "if os.environ.get('SEARCH_SECRET', 'ultrasecretkey') == 'ultrasecretkey':\n"
        "    logging.getLogger('search.webapp').error('server.secret_key is not changed.')\n"
        f"    sys.exit(1)\n{code}"
    )
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "the server exited with code 1 before answering: the last error it logged was "
        "'server.secret_key is not changed.'"
    )
    (passed,) = scaffold.smoke([root], env={"SEARCH_SECRET": "s3cret"})
    assert passed.passed, passed.error
    logged = {
        "2026-12-04 14:18:14,589 ERROR:search.webapp: the key.": "the key.",
        "[2026-12-04 14:11:42 +0000] [26745] [ERROR] Worker failed.": "Worker failed.",
        "CRITICAL  [alembic] no database": "no database",
        "ERROR: Database: not reachable": "Database: not reachable",
    }
    for line, said in logged.items():
        assert last_error_logged(f"INFO starting\n{line}\nbye\n") == said
    assert last_error_logged("no errors here\nERRORS: 0\n") is None


def test_code_that_does_not_parse_is_named_with_its_line(tmp_path: Path) -> None:
    flask = "from flask import Flask\n\napp = Flask(__name__)\n"
    app = detect(write_files(tmp_path / "blog", {"app.py": flask}))
    error = ServerExitedError(
        "the server exited with code 1 before answering",
        output='  File "/tmp/scaffold-run-1/server-2/blog/app.py", line 7\n'
        "    type Greeting = str\n         ^^^^^^^^\nSyntaxError: invalid syntax\n",
    )
    assert explain(error, app, "python") == (
        "the server exited with code 1 before answering: app.py, line 7, is not Python the "
        "interpreter serving it can read (SyntaxError: invalid syntax): fix it, or, if it is "
        "written for a newer Python, serve it with one (python=)."
    )
    # In an installed package, it is the package's: no word about the project's code.
    installed = ServerExitedError(
        "the server exited with code 1 before answering",
        output='  File "/tmp/env/lib/python3.11/site-packages/old/app.py", line 7\n'
        "    print \"x\"\nSyntaxError: Missing parentheses in call to 'print'.\n",
    )
    assert explain(installed, app, "python") == (
        f'{installed}: the old installed is Python 2 (old/app.py, line 7: `print "x"`, '
        "SyntaxError: Missing parentheses in call to 'print'.), which Python 3 does not run: "
        "that release of it is for Python 2, or is converted to Python 3 as it is built, by "
        "the 2to3 that setuptools 58 took out: pin a newer release of it."
    )


def test_a_secret_key_read_from_an_unset_variable_is_named_with_its_option(
    tmp_path: Path,
) -> None:
    """`SECRET_KEY = os.getenv("SECRET_KEY")`: Django fails its first request, not its boot."""
    root = tmp_path / "site"
    settings = _startproject(root)
    from_env = 'SECRET_KEY = os.getenv("SHOP_SECRET_KEY")\n'
    text = re.sub(r"SECRET_KEY = .*\n", from_env, settings.read_text())
    settings.write_text("import os\n" + text)
    (empty,) = scaffold.smoke([root])
    assert empty.error == (
        "GET / answered 500, expected 200. Its settings read SECRET_KEY from SHOP_SECRET_KEY, "
        "which its environment has not got: give it with env={'SHOP_SECRET_KEY': 'VALUE'}."
    )
    (passed,) = scaffold.smoke([root], env={"SHOP_SECRET_KEY": "VALUE"})
    assert passed.passed, passed.error
    # Left empty in the code itself: the settings are what to change.
    settings.write_text(text.replace('os.getenv("SHOP_SECRET_KEY")', '""'))
    said = "django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty."
    assert status_hint(detect(root), 500, "127.0.0.1:8000", said) == (
        " Its settings leave SECRET_KEY empty: set it in the settings the check runs with "
        "(settings=)."
    )


RERAISED = """\
try:
    SECRET_KEY = os.environ["SHOP_SECRET_KEY"]
except (KeyError, TypeError) as e:
    raise RuntimeError("Could not find a SECRET_KEY in environment") from e
"""


def test_a_variable_whose_keyerror_the_settings_raise_again_is_named(tmp_path: Path) -> None:
    """realpython's django-gunicorn-nginx: the KeyError raised again as an error of the
    settings' own, its words naming no variable, its traceback past the lines kept."""
    root = tmp_path / "site"
    settings = _startproject(root)
    settings.write_text(
        "import os\n" + re.sub(r"SECRET_KEY = .*\n", RERAISED, settings.read_text())
    )
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        ": the app reads SHOP_SECRET_KEY from its environment, which has none: give it with "
        "env={'SHOP_SECRET_KEY': 'VALUE'}."
    ), failed.error
    assert "KeyError" not in failed.output  # the lines kept end with the RuntimeError's
    (passed,) = scaffold.smoke([root], env={"SHOP_SECRET_KEY": "VALUE"})
    assert passed.passed, passed.error


@pytest.mark.parametrize(
    ("caught", "named"),
    [
        ("KeyError", "SHOP_SECRET_KEY"),
        ("(KeyError, TypeError) as e", "SHOP_SECRET_KEY"),
        ("LookupError", "SHOP_SECRET_KEY"),
        ("Exception", "SHOP_SECRET_KEY"),
        ("", "SHOP_SECRET_KEY"),  # a bare `except:`
        ("ValueError", None),  # not the KeyError's handler
    ],
)
def test_the_handler_of_a_reads_keyerror_names_its_variable(caught: str, named: str | None) -> None:
    from scaffold._source_environ import handled_read

    source = RERAISED.replace(
        "except (KeyError, TypeError) as e:", f"except {caught}:".replace(" :", ":")
    )
    tree = ast.parse(source)
    assert handled_read(tree, 4) == named  # the line of the raise
    assert handled_read(tree, 2) is None  # the read itself is in no handler


def test_a_django_project_django_environ_stops_is_told_every_variable_its_settings_lack(
    tmp_path: Path,
) -> None:
    """justdjango's getting-started-with-django: django-environ raises from the KeyError
    of its own read, whose traceback, printed first, has no frame of the project's."""
    root = tmp_path / "site"
    settings = _startproject(root)
    reads = 'import environ\n\nenv = environ.Env()\nSECRET_KEY = env("SHOP_SECRET_KEY")\n'
    source = re.sub(r"SECRET_KEY = .*\n", reads, settings.read_text())
    settings.write_text(f'{source}EMAIL_HOST = env("SHOP_EMAIL_HOST")\n')
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "the app reads SHOP_SECRET_KEY from its environment, which has none, and "
        "shop/settings.py reads SHOP_EMAIL_HOST with no default, which it has not got "
        "either: give them with env={'SHOP_SECRET_KEY': 'VALUE', 'SHOP_EMAIL_HOST': 'VALUE'}."
    ), failed.error
    advised = {"SHOP_SECRET_KEY": "VALUE", "SHOP_EMAIL_HOST": "VALUE"}
    (passed,) = scaffold.smoke([root], env=advised)
    assert passed.passed, passed.error


UNSET_RAISED = """\
if DEVELOPMENT:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
else:
    if os.getenv("DATABASE_URL", None) is None:
        raise Exception("DATABASE_URL environment variable not defined")
    DATABASES = {"default": parse(os.environ.get("DATABASE_URL"))}
"""


def test_a_raise_the_settings_make_when_a_variable_is_unset_names_it(tmp_path: Path) -> None:
    """DigitalOcean's sample-django: `if os.getenv("DATABASE_URL", None) is None: raise
    Exception(...)`, in words of its own, then `dj_database_url.parse(os.environ.get(
    "DATABASE_URL"))`. The advice gives a URL the settings take."""
    root = tmp_path / "site"
    settings = _startproject(root)
    source = re.sub(r"DATABASES = \{.*?\n\}\n", "", settings.read_text(), flags=re.S)
    parse = (
        'def parse(url):\n    return {"ENGINE": "django.db.backends.sqlite3", "NAME": url[10:]}\n'
    )
    settings.write_text(f"import os\nDEVELOPMENT = False\n{parse}{source}{UNSET_RAISED}")
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        ": the app reads DATABASE_URL from its environment, which has none: give it with "
        "env={'DATABASE_URL': 'sqlite:///db.sqlite3'}."
    ), failed.error
    (passed,) = scaffold.smoke([root], env={"DATABASE_URL": "sqlite:///db.sqlite3"})
    assert passed.passed, passed.error


# A variable read with no default and passed to a function that fails on the None inside
# an installed package (tecladocode's `redis.from_url(os.getenv("REDIS_URL"))`, over two
# lines) or the standard library.
PASSED_UNSET = {
    "werkzeug": (
        "from werkzeug.security import generate_password_hash\n\n"
        'ADMIN = generate_password_hash(\n    os.getenv("ADMIN_PASSWORD")\n)\n',
        {"ADMIN_PASSWORD": "VALUE"},
    ),
    "stdlib": (
        'UPLOADS = os.path.join(os.getenv("DATA_DIR"), "uploads")\n',
        {"DATA_DIR": "VALUE"},
    ),
}


@pytest.mark.parametrize("shape", PASSED_UNSET)
def test_an_unset_variable_passed_to_a_function_that_fails_on_it_is_named(
    tmp_path: Path, shape: str
) -> None:
    source, given = PASSED_UNSET[shape]
    root = write_files(tmp_path / "site", {
        "app.py": f"import os\n\nfrom flask import Flask\n{source}\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\ndef index():\n    return 'Hello, World!'\n",
        # An example that leaves it to fill in: copying it would not set it.
        ".env.example": "".join(f"{name}=\n" for name in given),
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        f": the app reads {next(iter(given))} from its environment, which has none: give it "
        f"with env={given}."
    ), failed.error
    (passed,) = scaffold.smoke([root], env=given)
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


# twilio's appointment-reminders-flask: `flask run` loads a .env (python-dotenv is
# installed), which the README says to copy from .env.example; a client, made as the app
# is imported, refuses the config's value read from an unset variable.
CREDENTIALS = {
    "config/__init__.py": "import os\n\n\nclass DefaultConfig:\n"
    "    SMS_TOKEN = os.environ.get('SMS_TOKEN')\n"
    "    SQLALCHEMY_DATABASE_URI = os.environ.get('DATABASE_URI')\n",
    "sms.py": "class Client:\n    def __init__(self, token):\n        if not token:\n"
    "            raise RuntimeError('Credentials are required to create a Client')\n",
    "tasks.py": "from reminders import app\nfrom sms import Client\n\n"
    "client = Client(app.config['SMS_TOKEN'])\n",
    "reminders.py": "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\n"
    "from config import DefaultConfig\n\napp = Flask(__name__)\n"
    "app.config.from_object(DefaultConfig)\n\nimport tasks  # noqa: E402\n\n"
    "db = SQLAlchemy(app)\n\n\n@app.route('/')\ndef index():\n    return 'Hello, World!'\n",
    ".env.example": "export DATABASE_URI=\nexport SMS_TOKEN=XXXXXXXX\n",
}


def test_an_example_env_flask_run_would_load_is_advised_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files(tmp_path / "site", CREDENTIALS)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "RuntimeError: Credentials are required to create a Client. Its .env.example is not "
        "copied to .env, which flask run loads: make it (cp .env.example .env) and fill it "
        "in, as the project says."
    ), failed.error
    run_as_said("cp .env.example .env", root)
    # Copied, it leaves the database's variable empty, which the config reads with no
    # default: named, from the config package, as empty.
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "config/__init__.py sets SQLALCHEMY_DATABASE_URI from DATABASE_URI with no default, "
        "which its environment has empty: give it with "
        "env={'DATABASE_URI': 'sqlite:///db.sqlite3'}."
    ), failed.error
    (passed,) = scaffold.smoke([root], env={"DATABASE_URI": "sqlite:///db.sqlite3"})
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


def test_a_redis_url_is_given_a_local_servers_as_its_value() -> None:
    """A client connects only when used: the URL lets the app start."""
    from scaffold._apps.env_values import named_value

    assert named_value("REDIS_URL") == "redis://localhost:6379/0"
    assert named_value("CACHE_REDIS_URL") == "redis://localhost:6379/0"
    assert named_value("REDIS_HOST") == "VALUE"


# realworld-django-htmx's settings: PostgreSQL when DATABASE_URL is set, SQLite when DEBUG
# is on, else they stop the app in words of their own.
STOPS_UNLESS = (
    "from os import getenv\n\n"
    'SHOP_DEBUG = str(getenv("SHOP_DEBUG", False)).lower() == "true"\n'
    'DATABASE_URL = getenv("DATABASE_URL")\n'
    "if DATABASE_URL:\n"
    '    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}\n'
    "elif SHOP_DEBUG:\n"
    '    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}\n'
    "else:\n"
    "    {stop}\n"
)


def test_each_variable_a_config_raises_for_when_unset_is_given_at_once(tmp_path: Path) -> None:
    """ucdse/flask-app's config.py: each read into a name, then `if not NAME: raise`, one
    after another; all are given in one run's advice."""
    root = write_files(tmp_path / "site", {
        "config.py": "import os\n\n"
        'DATABASE_URL = os.environ.get("SHOP_DATABASE_URL")\nif not DATABASE_URL:\n'
        '    raise ValueError("SHOP_DATABASE_URL environment variable is not set")\n\n'
        'API_KEY = os.environ.get("SHOP_API_KEY")\nif not API_KEY:\n'
        '    raise ValueError("SHOP_API_KEY environment variable is not set")\n',
        "app.py": "from flask import Flask\n\nimport config  # noqa: F401\n\n"
        "app = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'Hello, World!'\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    given = {"SHOP_DATABASE_URL": "sqlite:///db.sqlite3", "SHOP_API_KEY": "VALUE"}
    assert str(failed.error).endswith(
        "the app reads SHOP_DATABASE_URL from its environment, which has none, and config.py "
        f"reads SHOP_API_KEY with no default, which it has not got either: give them with "
        f"env={given}."
    ), failed.error
    (passed,) = scaffold.smoke([root], env=given)
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


def test_each_variable_a_module_asserts_is_set_is_given_at_once(tmp_path: Path) -> None:
    """`assert os.environ.get("KEY")` at import, its AssertionError saying nothing: each
    variable the module's asserts need is given, and the run with them passes."""
    root = flask_app_saying(tmp_path / "site", "Hello, World!")
    (root / "app.py").write_text(
        'import os\n\nassert os.environ.get("SHOP_API_KEY")\n'
        'assert "SHOP_MAIL_SERVER" in os.environ, "no mail"\n'
        'SENTRY_DSN = os.getenv("SHOP_SENTRY_DSN")\nassert SENTRY_DSN is not None\n'
        + (root / "app.py").read_text()
    )
    (failed,) = scaffold.smoke([root])
    given = dict.fromkeys(["SHOP_API_KEY", "SHOP_MAIL_SERVER", "SHOP_SENTRY_DSN"], "VALUE")
    assert str(failed.error).endswith(
        "the app reads SHOP_API_KEY from its environment, which has none, and app.py reads "
        "SHOP_MAIL_SERVER and SHOP_SENTRY_DSN with no default, which it has not got either: "
        f"give them with env={given}."
    ), failed.error
    (passed,) = scaffold.smoke([root], env=given)
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


@pytest.mark.parametrize(
    "stop",
    [
        'raise SystemExit("You should set up at least one of:\\n- DATABASE_URL\\n- SHOP_DEBUG")',
        'import sys; sys.exit("You should set up at least one of:\\n- DATABASE_URL")',
        "from django.core.exceptions import ImproperlyConfigured; "
        'raise ImproperlyConfigured("No database: give DATABASE_URL, or turn SHOP_DEBUG on")',
    ],
    ids=["SystemExit", "sys.exit", "raised"],
)
def test_settings_that_stop_in_the_else_of_tests_of_variables_are_given_the_last(
    tmp_path: Path, stop: str
) -> None:
    root = tmp_path / "site"
    settings = _startproject(root)
    text = re.sub(r"DATABASES = \{.*?\n\}\n", "", settings.read_text(), flags=re.S)
    settings.write_text(text + STOPS_UNLESS.replace("{stop}", stop))
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "settings.py stops the app unless SHOP_DEBUG is set, as the tests before its `else:` "
        "read it: give it with env={'SHOP_DEBUG': 'true'}."
    ), failed.error
    (passed,) = scaffold.smoke([root], env={"SHOP_DEBUG": "true"})
    assert passed.passed, passed.error


GUNICORN_CONF = """\
from os import environ

ENVIRONMENT = environ.get("SHOP_ENVIRONMENT")
workers = 2

if ENVIRONMENT == "development":
    workers = 1
elif ENVIRONMENT == "production":
    accesslog = "/var/log/shop-that-is-not-here/info.log"
else:
    raise ValueError(f"Unknown environment provided: `{ENVIRONMENT}`.")
"""


def test_a_gunicorn_conf_that_stops_in_the_else_of_its_environments_is_given_the_development_one(
    tmp_path: Path,
) -> None:
    """hackersandslackers' flask-blueprint-tutorial: gunicorn reads the project's
    gunicorn.conf.py, which raises unless ENVIRONMENT names one of its set-ups; of
    those, the development one is advised (production's logs go to /var/log)."""
    root = flask_app_saying(tmp_path / "site", "Hello, World!")
    (root / "gunicorn.conf.py").write_text(GUNICORN_CONF)
    (failed,) = scaffold.smoke([root], server="wsgi")
    assert str(failed.error).endswith(
        "gunicorn.conf.py stops the app unless SHOP_ENVIRONMENT is set, as the tests before "
        "its `else:` read it: give it with env={'SHOP_ENVIRONMENT': 'development'}."
    ), failed.error
    (passed,) = scaffold.smoke([root], server="wsgi", env={"SHOP_ENVIRONMENT": "development"})
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


@pytest.mark.parametrize(
    ("test", "named"),
    [
        ('os.getenv("KEY", None) is None', "KEY"),
        ('os.environ.get("KEY") == None', "KEY"),
        ('os.getenv("KEY", "") == ""', "KEY"),
        ('not os.environ.get("KEY")', "KEY"),
        ('not os.getenv("KEY")', "KEY"),
        ('"KEY" not in os.environ', "KEY"),
        ('"KEY" in os.environ', None),  # true when it is set
        ('os.getenv("KEY") == "1"', None),
        ("not DEBUG", None),
    ],
)
def test_an_if_raising_when_a_variable_is_unset_names_it(test: str, named: str | None) -> None:
    from scaffold._source_environ import handled_read

    tree = ast.parse(f"import os\nif {test}:\n    raise Exception('no')\nelse:\n    pass\n")
    assert handled_read(tree, 3) == named  # the raise
    assert handled_read(tree, 5) is None  # the else: the variable is set there


@pytest.mark.parametrize("status", [401, 403])
def test_a_page_that_asks_for_credentials_is_told_so_and_its_refusal_can_be_checked(
    tmp_path: Path, status: int
) -> None:
    """As a wemake/agconti cookiecutter render's API root, DRF's IsAuthenticated: 403."""
    root = flask_app_saying(tmp_path / "api", '{"detail": "Not authenticated."}', status)
    (refused,) = scaffold.smoke([root])
    assert str(refused.error) == (
        f"GET / answered {status}, expected 200. It asks for credentials, and smoke sends "
        f"none: check a page anyone may see (path=), or this refusal itself (status={status})."
    )
    (passed,) = scaffold.smoke([root], status=status)
    assert passed.passed, passed.error


# realpython/flask-by-example's shape: the config object named by a variable, and the
# config module it names reading a variable of its own.
BY_NAMED_CONFIG = {
    "app.py": "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"
    'app.config.from_object(os.environ["SHOP_SETTINGS"])\n\n\n@app.route("/")\n'
    'def hello():\n    return app.config["DATABASE"]\n',
    "config.py": "import os\n\n\nclass Config:\n    DEBUG = False\n"
    '    DATABASE = os.environ["SHOP_DATABASE_URL"]\n\n\n'
    "class ProductionConfig(Config):\n    pass\n\n\n"
    "class DevelopmentConfig(Config):\n    DEBUG = True\n",
}


def test_a_variable_naming_the_config_object_is_advised_one_of_its_classes(
    tmp_path: Path,
) -> None:
    root = write_files(tmp_path / "shop", BY_NAMED_CONFIG)
    (failed,) = scaffold.smoke([root])
    env = {"SHOP_SETTINGS": "config.DevelopmentConfig", "SHOP_DATABASE_URL": "sqlite:///db.sqlite3"}
    assert str(failed.error).endswith(
        "the app reads SHOP_SETTINGS from its environment, which has none, and config.py "
        "reads SHOP_DATABASE_URL with no default, which it has not got either: give them "
        f"with env={env!r}."
    ), failed.error
    (passed,) = scaffold.smoke([root], env=env)
    assert (passed.passed, passed.body) == (True, "sqlite:///db.sqlite3"), passed.error


def test_a_database_url_of_a_postgresql_project_is_asked_for_as_postgresql(
    tmp_path: Path,
) -> None:
    """As djangopackages' settings: django.contrib.postgres installed, and the URL read
    with no default. A SQLite URL would get past this stop and fail at migrate."""
    root = tmp_path / "site"
    settings = _startproject(root)
    text = settings.read_text().replace(
        "INSTALLED_APPS = [",
        'DATABASE_URL = os.environ["DATABASE_URL"]\n\nINSTALLED_APPS = [\n'
        '    "django.contrib.postgres",',
    )
    settings.write_text("import os\n" + text)
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "the app reads DATABASE_URL from its environment, which has none: give it with "
        "env={'DATABASE_URL': 'postgres://USER:PASSWORD@HOST/NAME'}."
    ), failed.error


def test_an_app_others_migrations_depend_on_is_told_to_make_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """django-react-boilerplate's: its users app ships an empty migrations package,
    whose first migration others depend on, and runserver stops as it loads them."""
    root = tmp_path / "site"
    settings = _startproject(root)
    listed = re.sub(
        r"INSTALLED_APPS = \[", 'INSTALLED_APPS = ["users", "blog", ', settings.read_text()
    )
    settings.write_text(listed)
    member = "class Member(models.Model):\n    name = models.CharField(max_length=20)\n"
    write_files(root, {
        "users/__init__.py": "",
        "users/models.py": f"from django.db import models\n\n\n{member}",
        "users/migrations/__init__.py": "",  # its migrations package, and none in it
        "blog/__init__.py": "",
        "blog/models.py": "",
        "blog/migrations/__init__.py": "",
        "blog/migrations/0001_initial.py": "from django.db import migrations\n\n\n"
                                           "class Migration(migrations.Migration):\n"
                                           "    dependencies = [('users', '__first__')]\n"
                                           "    operations = []\n",
    })  # fmt: skip
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    commands = (
        "python manage.py makemigrations users --settings shop.settings, then python "
        "manage.py migrate --settings shop.settings"
    )
    assert str(failed.error).endswith(
        "other apps' migrations depend on the app users, which has none: make users's first "
        f"migrations, then run them ({commands}), as a deploy would; the copy served has the "
        "project's db.sqlite3."
    ), failed.error
    for command in commands.split(", then "):
        run_as_said(command, cwd=root)
    (passed,) = scaffold.smoke([root], path=["/admin/login/"])
    assert passed.passed, passed.error


def test_manage_py_settings_come_from_its_dotenv_and_not_its_test_branch(tmp_path: Path) -> None:
    """django-react-boilerplate's manage.py: the settings python-decouple reads from the
    project's .env, `myproj.settings.test` only for `manage.py test`."""
    root = tmp_path / "site"
    startproject("shop", root)
    (root / "manage.py").write_text(
        "import os\nimport sys\n\nfrom decouple import config\n\n"
        "if __name__ == '__main__':\n"
        "    settings_module = config('DJANGO_SETTINGS_MODULE', default=None)\n"
        "    if sys.argv[1] == 'test':\n"
        "        os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.test_settings')\n"
        "    else:\n"
        "        os.environ.setdefault('DJANGO_SETTINGS_MODULE', settings_module)\n"
    )
    (root / ".env").write_text("DJANGO_SETTINGS_MODULE=shop.local_settings\n")
    assert detect(root).found.settings == "shop.local_settings"
    os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"  # the environment wins
    try:
        assert detect(root).found.settings == "shop.settings"
    finally:
        del os.environ["DJANGO_SETTINGS_MODULE"]


def test_a_500_whose_exception_the_server_logged_names_it_with_the_projects_paths(
    tmp_path: Path,
) -> None:
    """django-webpack-loader's, before the front end is built: the path it names is the
    project's, not the served copy's."""
    root = write_files(tmp_path / "site", {"app.py": (
        "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\ndef hello():\n"
        "    stats = os.path.join(os.path.dirname(__file__), 'webpack-stats.json')\n"
        "    raise OSError(f'Error reading {stats}. Are you sure webpack has generated it?')\n"
    )})  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        f"GET / answered 500, expected 200. It raised OSError: Error reading {root}/"
        "webpack-stats.json. Are you sure webpack has generated it?"
    )


def test_a_500_only_debugs_error_page_explains_is_told_by_it_not_inferred(
    tmp_path: Path,
) -> None:
    """wger's, with DEBUG on and its own logging, which prints no traceback: the page
    says what was raised (its gym has no configuration), where smoke inferred that
    collectstatic had not run from settings that keep a manifest."""
    source = DJANGO_SINGLE.replace("DEBUG=False,", (
        'DEBUG=True,\n    LOGGING={"version": 1, "handlers": {"null": {"class": '
        '"logging.NullHandler"}}, "loggers": {"django": {"handlers": ["null"], '
        '"propagate": False}}},\n    STATIC_URL="/static/",\n    STORAGES={"staticfiles": '
        '{"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}},'
    )).replace('    name = request.GET.get("name", "World")\n',
               '    raise LookupError("GymConfig matching query does not exist.")\n')  # fmt: skip
    root = write_files(tmp_path / "gym", {"app.py": source})
    (failed,) = scaffold.smoke([root])
    assert failed.error == (
        "GET / answered 500, expected 200. It raised LookupError: GymConfig matching query "
        "does not exist."
    ), (failed.error, failed.output)


def test_an_empty_setting_the_projects_dotenv_sets_is_given_with_it(tmp_path: Path) -> None:
    """realpython's django-hosting-heroku: no SECRET_KEY in the settings, which a library
    fills from the environment (django-heroku's `settings(locals())`), and the project's
    .env sets it for `heroku local`."""
    root = tmp_path / "site"
    settings = _startproject(root)
    kept = [line for line in settings.read_text().splitlines() if "SECRET_KEY =" not in line]
    settings.write_text("\n".join([*kept, "from shop.platform import fill", "fill(locals())", ""]))
    (root / "shop" / "platform.py").write_text(
        "import os\n\n\ndef fill(config):\n"
        "    config.update({k: v for k, v in os.environ.items() if k == 'SECRET_KEY'})\n"
    )
    (root / ".env").write_text("SECRET_KEY=from-the-dotenv\n")
    (failed,) = scaffold.smoke([root])  # a 500: Django 5 reads SECRET_KEY as it answers
    dotenv = str(root / ".env")
    assert str(failed.error).endswith(
        "settings leave SECRET_KEY empty, and the project's .env sets SECRET_KEY, as the "
        "environment its tools run it in (heroku local, docker compose) would: give it with "
        f"env_file=[{dotenv!r}]."
    ), failed.error
    (passed,) = scaffold.smoke([root], env_file=[dotenv])
    assert passed.passed, passed.error


def test_a_module_imported_from_a_package_but_the_projects_own_is_said_to_be_both(
    tmp_path: Path,
) -> None:
    """Flask-AppBuilder's employees example: `from flask_appbuilder.extensions import db`
    in its views, where its own package holds `extensions.py`: no version of the
    package need be at fault."""
    root = write_files(tmp_path / "site", {
        "shop/__init__.py": FACTORY_IMPORTING.format(module="flask.extensions"),
        "shop/extensions.py": "db = None\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "the app imports flask.extensions, which the flask installed has not got, and the "
        "project has a module of that name, shop/extensions.py: if it is the one meant, "
        "import it from the project (`from .extensions import …`); else the app is written "
        "for another version of flask."
    ), failed.error
    (root / "shop" / "__init__.py").write_text(FACTORY_IMPORTING.format(module=".extensions"))
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error


SERVES_AT_IMPORT = """\
from flask import Flask
{imported}

app = Flask(__name__)
app.add_url_rule("/", "hello", lambda: "Hello, World!")

print("Serving on a port of its own")
{serve}
"""
SERVERS_OF_ITS_OWN = {  # waitress' `serve(app, port=8086)` at a module's top, and its kin
    "werkzeug": ("from werkzeug.serving import run_simple", "run_simple('127.0.0.1', 0, app)"),
    "wsgiref": (
        "from wsgiref.simple_server import make_server",
        "make_server('127.0.0.1', 0, app).serve_forever()",
    ),
}


@pytest.mark.parametrize(("imported", "serve"), SERVERS_OF_ITS_OWN.values(), ids=SERVERS_OF_ITS_OWN)
def test_a_module_that_serves_itself_as_it_is_imported_is_told_to_do_so_as_a_script(
    tmp_path: Path, imported: str, serve: str
) -> None:
    """A main.py run with `python main.py`, its server started at its top: flask run and
    gunicorn import it and never get past that call, on a port smoke does not ask."""
    root = write_files(tmp_path / "shop", {
        "main.py": SERVES_AT_IMPORT.format(imported=imported, serve=serve),
    })  # fmt: skip
    for server in ("dev", "wsgi"):
        (failed,) = scaffold.smoke([root], server=server, timeout=3)  # type: ignore[arg-type]
        assert str(failed.error).endswith(  # its request taken, or none: the server's way
            ": the app serves itself as main.py is "
            f"imported (line 8: `{serve}`), on a port of its own: flask run and "
            "gunicorn, which import it to serve it, never get past that call. Put it under "
            '`if __name__ == "__main__":`, where running the module as a script still reaches '
            "it."
        ), failed.error
    guarded = SERVES_AT_IMPORT.format(
        imported=imported, serve=f"if __name__ == '__main__':\n    {serve}"
    )
    (root / "main.py").write_text(guarded)
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


FACTORY_IMPORTING = (
    "from flask import Flask\n\nfrom {module} import db\n\n\ndef create_app():\n"
    "    app = Flask(__name__)\n    app.add_url_rule('/', 'hello', lambda: 'Hello')\n"
    "    return app\n"
)


SCRIPT_SETUP = """\
from flask import Flask

app = Flask(__name__)


def hello():
    return "Hello, World!"


if __name__ == "__main__":
    "Try it: http :5000/"
    port = 5000
    app.add_url_rule("/", view_func=hello)
    app.run(port=port)
"""


def test_what_a_script_sets_up_before_its_server_is_named_for_the_servers(tmp_path: Path) -> None:
    # flask-admin's examples: `uv run main.py` adds the admin views; flask run never does.
    # A string of its own (spectree's examples' commands to try) sets nothing up.
    root = write_files(tmp_path / "shop", {"main.py": SCRIPT_SETUP})
    (failed,) = scaffold.smoke([root])
    assert failed.status == 404
    assert str(failed.error).endswith(
        ' Run as a script, main.py does more first: its `if __name__ == "__main__":` block '
        "(line 10) runs `app.add_url_rule('/', view_func=hello)` before `app.run()`, which "
        "flask run and gunicorn skip, as they import it: move that out of the block (to the "
        "module, or a factory) for them to serve the app the script runs."
    ), failed.error
    moved = '    app.add_url_rule("/", view_func=hello)\n'
    (root / "main.py").write_text(
        SCRIPT_SETUP.replace(moved, "").replace("if __name__", moved.lstrip() + "\nif __name__")
    )
    (passed,) = scaffold.smoke([root])
    assert passed.passed, passed.error
