"""Flask apps whose database a command makes, as real projects have them: a package whose
factory needs its configuration's name, made into the app by a script at the root
(flasky's shape, with its `deploy` command), and Flask-Migrate's migrations. Each is
served for real, its advice followed as a user would paste it, and served again."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import scaffold
from scaffold._apps.detect import detect
from support import run_as_said, write_files

pytestmark = pytest.mark.integration

# The factory needs the configuration's name: `flask run` cannot call it, the script can.
# Each bakery's "/": how many loaves its database holds.
LOAVES_VIEW = """\
    @app.route("/")
    def index():
        with sqlite3.connect(app.config["DATABASE"]) as db:
            (count,) = db.execute("SELECT count(*) FROM loaf").fetchone()
        return f"{count} loaves"
"""
BAKERY = {
    "bakery/__init__.py": """\
import os
import sqlite3

from flask import Flask

CONFIGS = {"default": "bakery.sqlite", "testing": ":memory:"}


def create_app(config_name):
    app = Flask(__name__)
    app.config["DATABASE"] = os.path.join(os.path.dirname(__file__), "..", CONFIGS[config_name])

"""
    + LOAVES_VIEW
    + """
    return app
""",
    "manage_bakery.py": """\
import os
import sqlite3

import click

from bakery import create_app

app = create_app(os.getenv("BAKERY_CONFIG") or "default")


@app.cli.command()
def deploy():
    with sqlite3.connect(app.config["DATABASE"]) as db:
        db.execute("CREATE TABLE IF NOT EXISTS loaf (id INTEGER PRIMARY KEY)")
    click.echo("deployed")
""",
}


def _advised(error: str) -> str:
    said = re.search(r"\(([^()]*)\), as a deploy would", error)
    assert said, error
    return said.group(1)


def _advice_followed(root: Path, advised: str, body: str, **options: Any) -> None:
    """smoke of `root` fails advising the command `advised`; run as a user pastes it, it
    makes the next smoke pass with `body`."""
    (failed,) = scaffold.smoke([root], **options)
    assert _advised(str(failed.error)) == advised
    run_as_said(advised, root)
    (passed,) = scaffold.smoke([root], **options)
    assert (passed.passed, passed.body) == (True, body), passed.error


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_script_making_the_app_with_a_factory_needing_arguments_is_served(
    tmp_path: Path,
    server: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = write_files(tmp_path / "site", BAKERY)
    assert detect(root).found.wsgi == "manage_bakery:app"
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    _advice_followed(
        root, "FLASK_APP=manage_bakery python -m flask deploy", "0 loaves", server=server
    )


# greyli's bluelog: `.flaskenv` names the package for `flask run`, whose factory takes
# the development configuration by default; production runs `gunicorn wsgi:app`, the
# production one, with a database of its own. Both are made by the package's command.
BLOG = {
    ".flaskenv": "FLASK_APP=blog\n",
    "Procfile": "web: gunicorn wsgi:app --log-file -\n",
    "wsgi.py": "from blog import create_app\n\napp = create_app('production')\n",
    "blog/__init__.py": """\
import os
import sqlite3

import click
from flask import Flask

DATABASES = {"development": "data-dev.db", "production": "data.db"}


def create_app(config_name=None):
    app = Flask(__name__)
    name = DATABASES[config_name or os.getenv("FLASK_CONFIG", "development")]
    app.config["DATABASE"] = os.path.join(os.path.dirname(__file__), "..", name)

    @app.route("/")
    def index():
        with sqlite3.connect(app.config["DATABASE"]) as db:
            (count,) = db.execute("SELECT count(*) FROM post").fetchone()
        return f"{count} posts"

    @app.cli.command()
    def initdb():
        with sqlite3.connect(app.config["DATABASE"]) as db:
            db.execute("CREATE TABLE IF NOT EXISTS post (id INTEGER PRIMARY KEY)")
        click.echo("Initialized database.")

    return app
""",
}


def test_gunicorn_serves_the_app_production_names_not_the_one_flaskenv_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only `flask` reads `.flaskenv`: under gunicorn the Procfile's app is served, and
    the command that makes its database is advised with it."""
    root = write_files(tmp_path / "site", BLOG)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    _advice_followed(root, "FLASK_APP=blog python -m flask initdb", "0 posts")
    # Production's database is not made yet: its own command makes it.
    _advice_followed(root, "FLASK_APP=wsgi python -m flask initdb", "0 posts", server="wsgi")


# Corey Schafer's Flask blog, as deployed: run.py calls the package's factory, which
# loads config.py's Config, its values read from the environment with no default. The
# None of one unset reaches a library: SQLAlchemy's create_engine (Flask-SQLAlchemy 2's
# make_url there), in a view or at boot, or Flask-SQLAlchemy 3, which names the key.
POSTS = """\
import os

from flask import Flask
from sqlalchemy import create_engine, text

from journal.config import Config


def create_app():
    app = Flask(__name__)
    app.config.from_object(Config)
    if os.getenv("FLASK_SQLALCHEMY"):
        from flask_sqlalchemy import SQLAlchemy

        SQLAlchemy(app)
    elif os.getenv("AT_BOOT"):
        create_engine(app.config["SQLALCHEMY_DATABASE_URI"])

    @app.route("/")
    def index():
        with create_engine(app.config["SQLALCHEMY_DATABASE_URI"]).begin() as db:
            db.execute(text("CREATE TABLE IF NOT EXISTS post (id INTEGER PRIMARY KEY)"))
            count = db.execute(text("SELECT count(*) FROM post")).scalar()
        return f"{count} posts"

    return app
"""
JOURNAL = {
    "run.py": "from journal import create_app\n\napp = create_app()\n",
    "journal/__init__.py": POSTS,
    # SERVER_NAME and the mail account are optional: no error names them.
    "journal/config.py": "import os\n\n\nclass Config:\n"
    "    SERVER_NAME = os.environ.get('SERVER_NAME')\n"
    "    SQLALCHEMY_DATABASE_URI = os.environ.get('JOURNAL_DATABASE_URL')\n"
    "    MAIL_USERNAME = os.environ.get('EMAIL_USER')\n",
}


# hackersandslackers/flask-sqlalchemy-tutorial's config.py: `from os import environ`.
_IMPORTED_FROM_OS = {
    "import os\n": "from os import environ, getenv\n",
    "os.environ.get('SERVER_NAME')": "getenv('SERVER_NAME')",
    "os.environ.get(": "environ.get(",
}


@pytest.mark.parametrize(
    ("env", "said", "config"),
    [
        ({}, "GET / answered 500, expected 200. It raised sqlalchemy.exc.ArgumentError: "
         "Expected string or URL object, got None", {}),
        ({"AT_BOOT": "1"}, "the server exited with code 1 before answering", {}),
        ({"FLASK_SQLALCHEMY": "1"}, "the server exited with code 1 before answering", {}),
        ({"FLASK_SQLALCHEMY": "1"}, "the server exited with code 1 before answering",
         _IMPORTED_FROM_OS),
    ],
    ids=["in-a-view", "at-boot", "flask-sqlalchemy-names-it", "imported-from-os"],
)  # fmt: skip
def test_a_config_key_read_from_an_unset_variable_is_given_when_its_library_fails(
    tmp_path: Path, env: dict[str, str], said: str, config: dict[str, str]
) -> None:
    root = write_files(tmp_path / "site", JOURNAL)
    written = (root / "journal" / "config.py").read_text()
    for old, new in config.items():
        assert old in written, old
        written = written.replace(old, new)
    (root / "journal" / "config.py").write_text(written)
    (failed,) = scaffold.smoke([root], env=env)
    given = {"JOURNAL_DATABASE_URL": "sqlite:///db.sqlite3"}
    assert failed.error == (
        f"{said}: journal/config.py sets SQLALCHEMY_DATABASE_URI from JOURNAL_DATABASE_URL "
        f"with no default, which its environment has not got: give it with env={given!r}."
    )
    (passed,) = scaffold.smoke([root], env={**env, **given})
    assert (passed.passed, passed.body) == (True, "0 posts"), passed.error


# joehand/flask-blog's shape: run.py calls the factory its package re-exports from the
# module that defines it, which loads a config class; Flask-MongoEngine 0.7, as it is
# set up, makes an int of MONGODB_PORT, whose keys start MONGODB_, not MONGOENGINE_.
MONGO_BLOG = {
    "run.py": "from blog import create_app\n\napp = create_app()\n",
    "blog/__init__.py": "from .factory import create_app\n",
    "blog/factory.py": "from flask import Flask\nfrom flask_mongolike import Mongo\n\n"
    "from .config import Config\n\n\ndef create_app():\n    app = Flask(__name__)\n"
    "    app.config.from_object(Config)\n    Mongo(app)\n\n"
    '    @app.route("/")\n    def index():\n'
    "        return f\"port {app.config['MONGODB_PORT']}\"\n\n"
    "    return app\n",
    "blog/config.py": "import os\n\n\nclass Config:\n"
    "    MONGODB_PORT = os.environ.get('MONGODB_PORT')\n",
    "requirements.txt": "flask\n./mongolike\n",
    "mongolike/setup.py": "from setuptools import setup\n\n"
    "setup(name='flask-mongolike', version='0.7', py_modules=['flask_mongolike'])\n",
    "mongolike/flask_mongolike.py": "class Mongo:\n    def __init__(self, app):\n"
    "        self.port = int(app.config.get('MONGODB_PORT', 0))\n",
}


def test_a_none_reaching_a_library_is_given_the_keys_that_share_its_name(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", MONGO_BLOG)
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        " before answering: blog/config.py sets MONGODB_PORT from MONGODB_PORT with no "
        "default, which its environment has not got: give it with env={'MONGODB_PORT': 'VALUE'}."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, env={"MONGODB_PORT": "27017"})
    assert (passed.passed, passed.body) == (True, "port 27017"), passed.error


def test_a_config_object_named_by_an_unset_variable_is_given_with_the_keys_it_sets(
    tmp_path: Path,
) -> None:
    """Shaped like testdrivenio/flask-react-aws's users service: manage.py beside the
    package src/ (not a src layout: src is imported), whose factory loads the config
    object `app_settings = os.getenv("APP_SETTINGS")` names. Unset, no key is set."""
    factory = POSTS.replace("from journal.config import Config\n", "").replace(
        "app.config.from_object(Config)",
        'app_settings = os.getenv("APP_SETTINGS")\n    app.config.from_object(app_settings)',
    )
    root = write_files(tmp_path / "users", {
        "manage.py": "from src import create_app\n\napp = create_app()\n",
        "src/__init__.py": factory,
        "src/api/__init__.py": "",
        "src/config.py": "import os\n\n\nclass BaseConfig:\n    TESTING = False\n\n\n"
        "class DevelopmentConfig(BaseConfig):\n"
        "    SQLALCHEMY_DATABASE_URI = os.environ.get('DATABASE_URL')\n",
    })  # fmt: skip
    env = {"FLASK_SQLALCHEMY": "1"}
    (failed,) = scaffold.smoke([root], env=env)
    given = {"APP_SETTINGS": "src.config.DevelopmentConfig", "DATABASE_URL": "sqlite:///db.sqlite3"}
    assert str(failed.error).endswith(
        "src/config.py sets SQLALCHEMY_DATABASE_URI from DATABASE_URL with no default, and the "
        "app loads it by the name APP_SETTINGS holds, which its environment has not got: give "
        f"them with env={given!r}."
    ), failed.error
    (passed,) = scaffold.smoke([root], env={**env, **given})
    assert (passed.passed, passed.body) == (True, "0 posts"), passed.error


@pytest.mark.parametrize(
    ("library", "raised", "named"),
    [
        ("flask", "RuntimeError: The session is unavailable because no secret key was set.",
         ["SECRET_KEY"]),
        ("flask_mail", "AttributeError: 'NoneType' object has no attribute 'encode'",
         ["MAIL_SERVER"]),
        # ENV is read unset too, but not named: ENVIRONMENT is another word.
        ("flask", "KeyError: 'ENVIRONMENT'", []),
        # A None in the framework's own frames names no extension's key.
        ("flask", "TypeError: 'NoneType' object is not callable", []),
    ],
    ids=["named", "library", "a-longer-word", "framework"],
)  # fmt: skip
def test_a_config_key_is_named_only_by_its_words_or_its_librarys_frames(
    tmp_path: Path, library: str, raised: str, named: list[str]
) -> None:
    from scaffold._apps.config_hints import unset_config

    config = "".join(
        f"    {key} = os.environ.get('{key}')\n" for key in ("SECRET_KEY", "MAIL_SERVER", "ENV")
    )
    root = write_files(tmp_path / "site", {
        **JOURNAL, "journal/config.py": f"import os\n\n\nclass Config:\n{config}",
    })  # fmt: skip
    output = (
        f'Traceback (most recent call last):\n  File "/v/site-packages/{library}/app.py", '
        f"line 9, in run\n    go()\n{raised}\n"
    )
    said = unset_config(output, detect(root), {})
    assert re.findall(r"sets (\S+) from", said) == named, said


def test_only_the_last_tracebacks_libraries_name_keys_its_header_cut_or_not(
    tmp_path: Path,
) -> None:
    """A server's output is kept by its last lines: the last traceback's header may be
    gone, and an earlier traceback's (Flask-Mail's, here) is not the one that stopped it."""
    from scaffold._apps.config_hints import unset_config

    config = "".join(
        f"    {key} = os.environ.get('{key}')\n" for key in ("MAIL_SERVER", "SQLALCHEMY_URL")
    )
    root = write_files(tmp_path / "site", {
        **JOURNAL, "journal/config.py": f"import os\n\n\nclass Config:\n{config}",
    })  # fmt: skip
    output = (
        'Traceback (most recent call last):\n  File "/v/site-packages/flask_mail.py", line 9,'
        " in send\n    go()\nConnectionRefusedError: [Errno 111] refused\n"
        '  File "/v/site-packages/sqlalchemy/engine/create.py", line 9, in create_engine\n'
        "    u = make_url(url)\nsqlalchemy.exc.ArgumentError: Expected string or URL object, "
        "got None\n"
    )
    said = unset_config(output, detect(root), {})
    assert re.findall(r"sets (\S+) from", said) == ["SQLALCHEMY_URL"], said


def test_a_database_key_read_from_a_variable_of_another_name_is_given_an_sqlite_url(
    tmp_path: Path,
) -> None:
    from scaffold._apps.config_hints import unset_config

    root = write_files(tmp_path / "site", {
        **JOURNAL, "journal/config.py": "import os\n\n\nclass Config:\n"
        "    SQLALCHEMY_DATABASE_URI = os.environ.get('DB')\n",
    })  # fmt: skip
    output = (
        'Traceback (most recent call last):\n  File "/v/site-packages/sqlalchemy/engine/'
        'create.py", line 9, in create_engine\n    u = make_url(url)\n'
        "sqlalchemy.exc.ArgumentError: Expected string or URL object, got None\n"
    )
    assert unset_config(output, detect(root), {}).endswith(
        "give it with env={'DB': 'sqlite:///db.sqlite3'}."
    )


def test_a_factory_needing_arguments_alone_is_still_served_and_its_arguments_asked_for(
    tmp_path: Path,
) -> None:
    root = write_files(tmp_path / "site", {"bakery/__init__.py": BAKERY["bakery/__init__.py"]})
    (failed,) = scaffold.smoke([root])
    assert "its factory create_app() needs arguments" in str(failed.error), failed.error
    (passed,) = scaffold.smoke([root], app="bakery:create_app('testing')", status=500)
    assert passed.passed, passed.error  # served: its in-memory database has no table


ORCHARD = {
    "orchard/__init__.py": """\
from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Tree(db.Model):
    id = db.Column(db.Integer, primary_key=True)


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///orchard.sqlite"
    db.init_app(app)
    Migrate(app, db)

    @app.route("/")
    def index():
        return f"{db.session.query(Tree).count()} trees"

    return app
""",
}


# The same, its Migrate made in a module of its own (twilio's appointment-reminders-flask's
# database.py), which the app's module imports.
ORCHARD_MODULES = {
    "database.py": "from flask_migrate import Migrate\nfrom flask_sqlalchemy import SQLAlchemy\n"
    "\ndb = SQLAlchemy()\nmigrate = Migrate()\n",
    "orchard.py": """\
from flask import Flask

from database import db, migrate


class Tree(db.Model):
    id = db.Column(db.Integer, primary_key=True)


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///orchard.sqlite"
db.init_app(app)
migrate.init_app(app, db)


@app.route("/")
def index():
    return f"{db.session.query(Tree).count()} trees"
""",
}


@pytest.mark.parametrize("files", [ORCHARD, ORCHARD_MODULES], ids=["package", "modules"])
def test_a_flask_migrate_app_without_its_tables_is_told_to_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> None:
    root = write_files(tmp_path / "site", files)
    # Its author made the migrations, and left no database behind.
    run_as_said("FLASK_APP=orchard python -m flask db init", root)
    run_as_said("FLASK_APP=orchard python -m flask db migrate", root)
    for database in root.rglob("*.sqlite"):
        database.unlink()
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke([root])
    assert _advised(str(failed.error)) == "FLASK_APP=orchard python -m flask db upgrade"
    assert "run its migrations first (Flask-Migrate's)" in str(failed.error)
    run_as_said(_advised(str(failed.error)), root)
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "0 trees"), passed.error


# An older Flask project's manage.py, whose commands Flask-Script runs (`python manage.py
# deploy`). Flask-Script itself does not import under Flask 2 and newer: the project
# carries a Manager of the same shape.
SCRIPTED = {
    "flask_script.py": """\
import sys


class Manager:
    def __init__(self, app):
        self.app, self.commands = app, {}

    def command(self, function):
        self.commands[function.__name__] = function
        return function

    def run(self):
        self.commands[sys.argv[1]]()
""",
    "manage.py": """\
import sqlite3

from flask import Flask
from flask_script import Manager

app = Flask(__name__)
app.config["DATABASE"] = "bakery.sqlite"
manager = Manager(app)


@app.route("/")
def index():
    with sqlite3.connect(app.config["DATABASE"]) as db:
        (count,) = db.execute("SELECT count(*) FROM loaf").fetchone()
    return f"{count} loaves"


@manager.command
def deploy():
    with sqlite3.connect(app.config["DATABASE"]) as db:
        db.execute("CREATE TABLE IF NOT EXISTS loaf (id INTEGER PRIMARY KEY)")


if __name__ == "__main__":
    manager.run()
""",
}


def test_a_flask_script_command_is_advised_as_its_script_runs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files(tmp_path / "site", SCRIPTED)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    _advice_followed(root, "python manage.py deploy", "0 loaves")


# rochacbruno/flask-project-template's shape: plain functions, made commands in a loop.
LOOPED = {
    "bakery/__init__.py": """\
import sqlite3

from flask import Flask

from bakery.commands import init_app


def create_app():
    app = Flask(__name__)
    app.config["DATABASE"] = "bakery.sqlite"
    init_app(app)

"""
    + LOAVES_VIEW
    + """
    return app
""",
    "bakery/commands.py": """\
import sqlite3

from flask import current_app


def create_db():
    with sqlite3.connect(current_app.config["DATABASE"]) as db:
        db.execute("CREATE TABLE IF NOT EXISTS loaf (id INTEGER PRIMARY KEY)")


def drop_db():
    with sqlite3.connect(current_app.config["DATABASE"]) as db:
        db.execute("DROP TABLE loaf")


def init_app(app):
    for command in [create_db, drop_db]:
        app.cli.add_command(app.cli.command()(command))
""",
}


def test_commands_made_of_functions_in_a_loop_are_advised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files(tmp_path / "site", LOOPED)
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    _advice_followed(root, "FLASK_APP=bakery python -m flask create-db", "0 loaves")


def test_a_relative_sqlite_path_flask_sqlalchemy_3_opens_elsewhere_is_told_where(
    tmp_path: Path,
) -> None:
    """Corey Schafer's Flask blog keeps flaskblog/site.db, its tables made, and names it
    `sqlite:///site.db`: Flask-SQLAlchemy 3.0 opens instance/site.db instead, which has
    none. Said so; given whole, the path opens the project's file, and the app serves."""
    import sqlite3

    code = (
        "import os\n\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n"
        "from sqlalchemy import text\n\napp = Flask(__name__)\n"
        "app.config['SQLALCHEMY_DATABASE_URI'] = {uri}\ndb = SQLAlchemy(app)\n\n\n"
        "@app.route('/')\ndef index():\n"
        "    return str(db.session.execute(text('SELECT count(*) FROM post')).scalar())\n"
    )
    root = write_files(tmp_path / "blog", {
        "blog/__init__.py": code.format(uri="'sqlite:///site.db'"),
    })  # fmt: skip
    with sqlite3.connect(root / "blog" / "site.db") as made:
        made.execute("CREATE TABLE post (id INTEGER PRIMARY KEY)")
    (failed,) = scaffold.smoke([root])
    assert str(failed.error).endswith(
        "Its database has no table post: its SQLALCHEMY_DATABASE_URI, sqlite:///site.db, is a "
        "path Flask-SQLAlchemy 3.0 opens in the instance folder (instance/site.db), and the "
        "project keeps blog/site.db, where 2.x opened it: pin the Flask-SQLAlchemy it is "
        "written for (flask-sqlalchemy<3), or give the path whole (`'sqlite:///' + "
        "os.path.join(app.root_path, …)`)."
    ), failed.error
    whole = "'sqlite:///' + os.path.join(app.root_path, 'site.db')"
    (root / "blog" / "__init__.py").write_text(code.format(uri=whole))
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "0"), passed.error
