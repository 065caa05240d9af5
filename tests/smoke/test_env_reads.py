"""Which settings a module reads from the environment with no default, read from its code;
and the advice that names them all, worded for the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold._apps.detect import detect
from scaffold._apps.env_reads import required_settings, setting_variable
from scaffold._apps.hints import explain
from scaffold._apps.tracebacks import frame_file
from scaffold.errors import ServerExitedError, speak_to_command_line
from scaffold.frameworks.dotenv_files import dotenv_values
from support import write_files

SETTINGS = """\
import os

import environ
from decouple import config as setting

os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"  # a write, not a read
env = environ.Env(DEBUG=(bool, False))
DEBUG = env("DEBUG")  # its scheme gives it a default
SECRET_KEY = env.str("SECRET_KEY")
DATABASE_URL = env.db_url("DATABASE_URL", default="sqlite:///db.sqlite3")
CACHE_URL = env.cache_url("CACHE_URL", "locmem://")  # the second argument may be one
MAIL_PASSWORD = setting("MAIL_PASSWORD", cast=str)
MAIL_USER = setting("MAIL_USER", default="")
if "SENTRY_DSN" in os.environ:
    SENTRY_DSN = os.environ["SENTRY_DSN"]
API_KEY = os.environ["API_KEY"]
HOME = os.environ.get("HOME_PAGE")
TOKEN = environ.Env().str("TOKEN")
SECRET_KEY_AGAIN = env("SECRET_KEY")
"""


def test_the_reads_with_no_default_are_named_in_their_order(tmp_path: Path) -> None:
    settings = tmp_path / "settings.py"
    settings.write_text(SETTINGS)
    assert required_settings(settings) == dict.fromkeys(
        ["SECRET_KEY", "MAIL_PASSWORD", "API_KEY", "TOKEN"], "VALUE"
    )


def test_reads_an_unset_variable_leaves_off_are_not_named(tmp_path: Path) -> None:
    """Shaped like wger's production settings: reads behind a test of the environment
    (a feature switched on by a variable, a database given whole or in parts) run only
    when it passes, and an unset variable passes none but an else."""
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import os\n\nimport environ\n\nenv = environ.Env()\n"
        'if os.environ.get("ADMINS"):\n    ADMINS = [env.tuple("ADMINS")]\n'
        'if env.bool("ENABLE_EMAIL", False):\n    EMAIL_HOST = env.str("EMAIL_HOST")\n'
        'if os.environ.get("DATABASE_URI"):\n'
        '    DATABASES = {"default": env.db_url("DATABASE_URI")}\n'
        'else:\n    DATABASES = {"default": {"ENGINE": env.str("DB_ENGINE"),\n'
        '                             "PORT": env.int("DB_PORT", 5432)}}\n'
        'SENTRY = os.environ["SENTRY"] if "SENTRY" in os.environ else None\n'
        'USE_S3 = env.bool("USE_S3", False)\nif USE_S3:\n    S3_KEY = env.str("S3_KEY")\n'
        'SECRET_KEY = env("SECRET_KEY")\n'
    )
    # A database's parts are given SQLite's, which any Django has.
    assert required_settings(settings) == {
        "DB_ENGINE": "django.db.backends.sqlite3", "SECRET_KEY": "VALUE",
    }  # fmt: skip


def test_reads_an_unset_variable_runs_into_are_named(tmp_path: Path) -> None:
    """justdjango's getting-started-with-django: its production settings, in `if not
    DEBUG:`, run when DEBUG is unset; its else does not."""
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import environ\n\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env('DEBUG')\n"
        "if not DEBUG:\n    EMAIL_HOST = env('EMAIL_HOST')\nelse:\n    SHOWN = env('SHOWN')\n"
        "TOKEN = env('TOKEN') if not env.bool('LOCAL', False) else env('LOCAL_TOKEN')\n"
    )
    assert required_settings(settings) == {"EMAIL_HOST": "VALUE", "TOKEN": "VALUE"}


def test_a_database_servers_parts_are_given_where_one_runs_here(tmp_path: Path) -> None:
    """Its engine written out, each part read: the host is this machine, the port its
    engine's; SQLite's file for a name only where the engine may be SQLite's."""
    settings = tmp_path / "settings.py"
    parts = "".join(f'"{p}": env("DB_{p}"), ' for p in ("NAME", "HOST", "PORT"))
    settings.write_text(
        "import environ\n\nenv = environ.Env()\nDATABASES = {\n"
        f'    "default": {{"ENGINE": "django.db.backends.postgresql", {parts}}},\n'
        f'    "other": {{"ENGINE": "django.db.backends.mysql", "PORT": env("OTHER_PORT")}},\n'
        '    "local": {"ENGINE": env("LOCAL_ENGINE"), "NAME": env("LOCAL_NAME")},\n}\n'
    )
    assert required_settings(settings) == {
        "DB_NAME": "VALUE", "DB_HOST": "localhost", "DB_PORT": "5432", "OTHER_PORT": "3306",
        "LOCAL_ENGINE": "django.db.backends.sqlite3", "LOCAL_NAME": "db.sqlite3",
    }  # fmt: skip


def test_each_typed_read_is_given_a_value_its_reader_takes(tmp_path: Path) -> None:
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import environ\nfrom decouple import config\n\nenv = environ.Env()\n"
        'WORKERS = env.int("WORKERS")\nDEBUG = config("DEBUG", cast=bool)\n'
        'DATABASES = {"default": env.db_url("DATABASE_URL")}\nCACHE = env.cache("CACHE_URL")\n'
        'RATIO = env.float("RATIO")\nNAME = env.str("NAME")\n'
        # python-discord's: DATABASE_URL, read unnamed.
        'DATABASES["other"] = env.db(engine="django.db.backends.postgresql")\n'
    )
    assert required_settings(settings) == {
        "WORKERS": "1", "DEBUG": "False", "DATABASE_URL": "sqlite:///db.sqlite3",
        "CACHE_URL": "locmem://", "RATIO": "1.0", "NAME": "VALUE",
    }  # fmt: skip
    (settings.parent / "unnamed.py").write_text(
        'import environ\n\nenv = environ.Env()\nDATABASES = {"default": env.db()}\n'
    )
    assert required_settings(settings.parent / "unnamed.py") == {
        "DATABASE_URL": "sqlite:///db.sqlite3"
    }


def test_a_get_whose_none_cannot_do_is_a_read_with_no_default(tmp_path: Path) -> None:
    """testdriven.io's settings: `os.environ.get("DJANGO_ALLOWED_HOSTS").split(" ")`."""
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import os\n\n"
        'DEBUG = os.environ.get("DEBUG")  # None will do\n'
        'ALLOWED_HOSTS = os.environ.get("HOSTS").split(" ")\n'
        'SECRET_KEY = os.getenv("DJANGO_SECRET")\n'
        'PORT = os.environ.get("PORT", "8000").strip()  # a default\n'
        'NAME = os.getenv("SHOP_NAME").title()\n'
    )
    # What ALLOWED_HOSTS is read from is given the host smoke requests.
    assert required_settings(settings) == {
        "HOSTS": "127.0.0.1", "DJANGO_SECRET": "VALUE", "SHOP_NAME": "VALUE"
    }  # fmt: skip


def test_hosts_and_database_urls_are_given_values_that_serve(tmp_path: Path) -> None:
    """As the Django beginners' guide reads them with decouple."""
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import dj_database_url\nfrom decouple import Csv, config\n\n"
        "ALLOWED_HOSTS = config('HOSTS', cast=Csv())\n"
        "DATABASES = {'default': dj_database_url.config(default=config('DATABASE_URL'))}\n"
        "OTHER_DATABASE_URL = config('OTHER_DATABASE_URL')\n"
    )
    assert required_settings(settings) == {
        "HOSTS": "127.0.0.1", "DATABASE_URL": "sqlite:///db.sqlite3",
        "OTHER_DATABASE_URL": "sqlite:///db.sqlite3",
    }  # fmt: skip


@pytest.mark.parametrize(
    "content",
    [b"SECRET_KEY = os.environ[", b"x = " + b"(" * 100_000 + b")" * 100_000, b"\xff\x00"],
    ids=["not-python", "too-deep", "not-text"],
)
def test_a_module_that_cannot_be_parsed_names_nothing(tmp_path: Path, content: bytes) -> None:
    settings = tmp_path / "settings.py"
    settings.write_bytes(content)
    assert required_settings(settings) == {}
    assert required_settings(tmp_path / "gone.py") == {}


def test_the_names_a_dotenv_file_sets_are_known(tmp_path: Path) -> None:
    assert set(dotenv_values(tmp_path)) == set()
    (tmp_path / ".env").write_text("# mail\nexport MAIL_USER=shop\nMAIL_PASSWORD = x\n=bad\n")
    assert set(dotenv_values(tmp_path)) == {"MAIL_USER", "MAIL_PASSWORD"}


def test_the_frame_is_the_projects_own_file_as_its_copy_printed_it(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    (root / "config").mkdir(parents=True)
    (root / "config" / "settings.py").write_text("")
    (root / "__init__.py").write_text("")
    output = (
        'File "/tmp/scaffold-run-x/server-y/shop/config/settings.py", line 13, in <module>\n'
        'File "/tmp/scaffold-run-x/env1/lib/python3.12/site-packages/shop/__init__.py", line 1\n'
        'File "/usr/lib/python3.12/__init__.py", line 1\n'
        "environs.exceptions.EnvNotSetError: ..."
    )
    assert frame_file(output, len(output), root) == root / "config" / "settings.py"
    assert frame_file(output, 0, root) is None  # nothing before it
    (tmp_path / "outside.py").write_text("")
    escaping = 'File "/tmp/server-y/shop/../outside.py", line 1\n'
    assert frame_file(escaping, len(escaping), root) is None


def test_only_the_last_fifty_frames_of_what_a_server_printed_are_read(tmp_path: Path) -> None:
    """A server's output is not to be trusted to be a traceback: made-up frames cost
    scaffold a bounded look."""
    root = write_files(tmp_path / "shop", {"app.py": ""})
    own = 'File "/tmp/scaffold-run-1/server-2/shop/app.py", line 1\n'
    noise = "".join(f'File "/srv/lib/python3/site-packages/x{i}.py", line 1\n' for i in range(60))
    assert frame_file(own + noise[: noise.index("x49.py")], 10**6, root) == root / "app.py"
    assert frame_file(own + noise, 10**6, root) is None


def test_the_advice_for_the_command_line_gives_each_setting_its_option(tmp_path: Path) -> None:
    root = write_files(tmp_path / "shop", {
        "app.py": "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"
        'app.secret_key = os.environ["SHOP_SECRET_KEY"]\n'
        'app.config["MAIL"] = os.environ["SHOP_MAIL_PASSWORD"]\n'
        'app.config["GIVEN"] = os.environ["SHOP_GIVEN"]\n',
        ".env": "SHOP_FROM_DOTENV=1\n",
    })  # fmt: skip
    output = (
        'File "/tmp/scaffold-run-x/server-y/shop/app.py", line 6, in <module>\n'
        '  File "<frozen os>", line 679, in __getitem__\n'
        "KeyError: 'SHOP_SECRET_KEY'\n"
    )
    error = ServerExitedError("the server exited with code 1 before answering", output=output)
    speak_to_command_line(True)
    try:
        said = explain(error, detect(root), "python", env={"SHOP_GIVEN": "1"})
    finally:
        speak_to_command_line(False)
    assert said.endswith(
        "the app reads SHOP_SECRET_KEY from its environment, which has none, and app.py reads "
        "SHOP_MAIL_PASSWORD with no default, which it has not got either: give them with "
        "--env SHOP_SECRET_KEY=VALUE --env SHOP_MAIL_PASSWORD=VALUE."
    )


@pytest.mark.parametrize("said", [
    "django.core.exceptions.ImproperlyConfigured: Set the SHOP_SECRET environment variable",
    # redash's, for its REDASH_COOKIE_SECRET: any exception, any words before.
    "Exception: You must set the SHOP_SECRET environment variable. Visit https://x/secrets.",
    "RuntimeError: please set the SHOP_SECRET env variable",
])  # fmt: skip
def test_an_exception_asking_for_a_variable_is_advised_it(tmp_path: Path, said: str) -> None:
    root = write_files(tmp_path / "shop", {
        "app.py": "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"
        'app.secret_key = os.environ.get("SHOP_SECRET")\n',
    })  # fmt: skip
    output = f'File "/tmp/scaffold-run-x/server-y/shop/app.py", line 7, in <module>\n{said}\n'
    error = ServerExitedError("the server exited with code 1 before answering", output=output)
    assert explain(error, detect(root), "python").endswith(
        "the app reads SHOP_SECRET from its environment, which has none: give it with "
        "env={'SHOP_SECRET': 'VALUE'}."
    )


@pytest.mark.parametrize(
    ("module", "imports"),
    [
        ("config/django/base.py", "from config.env import env"),  # HackSoft's styleguide
        ("config/django/base.py", "from config.env import env as environment"),
        ("config/django/production.py", "from .base import env"),  # cookiecutter-django's
        ("config/django/production.py", "from ..env import env"),
    ],
)
def test_an_env_reader_imported_from_the_project_reads_the_environment(
    tmp_path: Path, module: str, imports: str
) -> None:
    reader = imports.rpartition(" ")[2]
    write_files(tmp_path, {
        "config/__init__.py": "", "config/django/__init__.py": "",
        "config/env.py": "import environ\n\nenv = environ.Env()\n",
        "config/django/base.py": "from config.env import env\n",
        module: f"{imports}\n\nDATABASES = {{\n"
                f'    "default": {reader}.db("DATABASE_URL", default="postgres:///shop"),\n}}\n',
    })  # fmt: skip
    assert setting_variable(tmp_path / module, "DATABASES") == "DATABASE_URL"


def test_a_name_imported_from_elsewhere_is_no_reader(tmp_path: Path) -> None:
    """Not the project's (a library's `env`), not one that reads the environment, or a
    module that is not there: a call of it reads nothing."""
    write_files(tmp_path, {
        "shop/__init__.py": "", "shop/tools.py": "def env(name, default=None):\n    return name\n",
        "shop/settings.py": (
            "from jinja2 import env\nfrom shop.tools import env as tool\nfrom shop.gone import db\n"
            'A = env("A_URL")\nB = tool("B_URL")\nDATABASES = {"default": db("DATABASE_URL")}\n'
        ),
    })  # fmt: skip
    for setting in ("A", "B", "DATABASES"):
        assert setting_variable(tmp_path / "shop" / "settings.py", setting) is None


def test_reads_with_an_imported_reader_and_no_default_are_required(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "config/__init__.py": "", "config/settings/__init__.py": "",
        "config/settings/base.py": "import environ\n\nenv = environ.Env()\n",
        "config/settings/production.py": (
            'from .base import env\n\nSECRET_KEY = env("DJANGO_SECRET_KEY")\n'
            'WORKERS = env.int("WEB_CONCURRENCY")\nDEBUG = env.bool("DJANGO_DEBUG", False)\n'
        ),
    })  # fmt: skip
    production = tmp_path / "config" / "settings" / "production.py"
    assert required_settings(production) == {"DJANGO_SECRET_KEY": "VALUE", "WEB_CONCURRENCY": "1"}


@pytest.mark.parametrize(
    ("settings", "variable"),
    [
        # djangogirls: dj-database-url reads DATABASE_URL unless told another.
        ('import dj_database_url\n\nDATABASES = {}\nDATABASES["default"] = '
         'dj_database_url.config(default="postgres://localhost/shop")\n', "DATABASE_URL"),
        ('import dj_database_url\n\nDATABASES = {"default": dj_database_url.config('
         'env="SHOP_DB_URL", conn_max_age=600)}\n', "SHOP_DB_URL"),
        ('import environ\n\nenv = environ.Env()\nDATABASES = {"default": env.db()}\n',
         "DATABASE_URL"),
        ('import environ\n\nenv = environ.Env()\nDATABASES = {"default": env.db_url()}\n',
         "DATABASE_URL"),
    ],
)  # fmt: skip
def test_a_database_url_read_without_a_name_is_the_one_its_reader_reads(
    tmp_path: Path, settings: str, variable: str
) -> None:
    (tmp_path / "settings.py").write_text(settings)
    assert setting_variable(tmp_path / "settings.py", "DATABASES") == variable


@pytest.mark.parametrize(
    "test",
    ['"DATABASE_URL" in os.environ', 'os.environ.get("DATABASE_URL")', 'os.getenv("ON_HEROKU")'],
)
def test_a_setting_read_only_when_a_variable_is_set_is_not_read_without_it(
    tmp_path: Path, test: str
) -> None:
    """MDN's local library: SQLite, replaced by the URL only if DATABASE_URL is set. Unset,
    the read does not happen."""
    (tmp_path / "settings.py").write_text(
        'import os\nimport dj_database_url\n\nDATABASES = {"default": {"ENGINE": '
        f'"django.db.backends.sqlite3"}}}}\nif {test}:\n'
        '    DATABASES["default"] = dj_database_url.config(conn_max_age=500)\n'
    )
    assert setting_variable(tmp_path / "settings.py", "DATABASES", always=True) is None
    # Setting the variable still changes it: a database it cannot reach can be replaced.
    assert setting_variable(tmp_path / "settings.py", "DATABASES") == "DATABASE_URL"


def test_a_config_that_is_not_dj_database_urls_reads_nothing(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(
        "import shop\n\nDATABASES = {}\nDATABASES['default'] = shop.config()\n"
    )
    assert setting_variable(tmp_path / "settings.py", "DATABASES") is None
