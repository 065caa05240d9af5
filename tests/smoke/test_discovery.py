"""Apps as people write them: found by parsing their code, as Flask and Django find them."""

from __future__ import annotations

import ast
import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import scaffold
from sample_apps import FLASK, flask_app
from scaffold import generate
from scaffold._apps.detect import detect
from scaffold.cli import cli
from scaffold.errors import InputError, UnknownProjectError
from support import run_scaffold, startproject, write_files

HELLO = '\n\n@{obj}.route("/")\ndef hello():\n    return "Hello, World!"\n'
FACTORY = (
    "from flask import Flask\n\n\ndef {factory}(greeting='Hello'):\n"
    "    app = Flask(__name__)\n\n    @app.route('/')\n    def hello():\n"
    "        return f'{{greeting}}, World!'\n\n    return app\n"
)
# Each shape of Flask app that flask run finds, and what scaffold serves from it.
FLASK_SHAPES = {
    "wsgi-application": ({"wsgi.py": "from flask import Flask\napplication = Flask(__name__)"
                          + HELLO.format(obj="application")}, "wsgi:application"),
    "main-app": ({"main.py": "from flask import Flask\napp = Flask(__name__)"
                  + HELLO.format(obj="app")}, "main:app"),
    "one-instance": ({"app.py": "import flask\nserver = flask.Flask(__name__)"
                      + HELLO.format(obj="server")}, "app:server"),
    "create-app": ({"app.py": FACTORY.format(factory="create_app")}, "app:create_app()"),
    "make-app": ({"wsgi.py": FACTORY.format(factory="make_app")}, "wsgi:make_app()"),
    "package-factory": ({"shop/__init__.py": FACTORY.format(factory="create_app")},
                        "shop:create_app()"),
    "wsgi-from-package": ({"shop/__init__.py": FACTORY.format(factory="create_app"),
                           "wsgi.py": "from shop import create_app\n\napp = create_app()\n"},
                          "wsgi:app"),
    # The Flask Mega-Tutorial's shape: the app made in a package, imported by the module
    # FLASK_APP names, as Flask's discovery reads the module's attributes.
    "imported-app": ({"shop/__init__.py": "from flask import Flask\napp = Flask(__name__)\n"
                                          "from shop import routes\n",
                      "shop/routes.py": "from shop import app" + HELLO.format(obj="app"),
                      "microblog.py": "from shop import app\n",
                      ".flaskenv": "FLASK_APP=microblog.py\n"}, "microblog:app"),
    "imported-factory": ({"shop/__init__.py": FACTORY.format(factory="create_app"),
                          "wsgi.py": "from shop import create_app as create_app\n"},
                         "wsgi:create_app()"),
    # Older Flask projects (Flask-Script's): manage.py makes the app, `gunicorn manage:app`.
    "flask-script-manage": ({"shop/__init__.py": FACTORY.format(factory="create_app"),
                             "manage.py": "import os\n\nfrom shop import create_app\n\n"
                             "app = create_app(os.getenv('SHOP_GREETING', 'Hello'))\n\n"
                             "if __name__ == '__main__':\n"
                             "    from flask_script import Manager\n\n"
                             "    Manager(app).run()\n"}, "manage:app"),
    # Elastic Beanstalk's: application.py holding `application`.
    "elastic-beanstalk": ({"application.py": "import flask\napplication = flask.Flask(__name__)"
                           + HELLO.format(obj="application")}, "application:application"),
    # A script its README runs (`./rest-server.py`): named as no import could name it.
    "script": ({"rest-server.py": "#!flask/bin/python\nfrom flask import Flask\n"
                "app = Flask(__name__)" + HELLO.format(obj="app")
                + "\n\nif __name__ == '__main__':\n    app.run(debug=True)\n",
                "test_server.py": "from flask import Flask\napp = Flask(__name__)\n"},
               "rest-server:app"),
    # httpbin's: the package re-exports its core module's names, the app among them.
    "star-import": ({"shop/__init__.py": "from .core import *\n",
                     "shop/core.py": "from flask import Flask\n\n__all__ = ['app']\n"
                     "app = Flask(__name__)" + HELLO.format(obj="app")}, "shop:app"),
    # A src layout, which `flask run` serves once the project is installed.
    "src-layout": ({"src/shop/__init__.py": FACTORY.format(factory="create_app")},
                   "shop:create_app()"),
}  # fmt: skip


def _django(root: Path, *, settings: str = "config.settings") -> Path:
    """A startproject layout with its settings in `settings`, which manage.py names."""
    startproject("config", root)
    manage = root / "manage.py"
    manage.write_text(manage.read_text().replace("config.settings", settings))
    return root


@pytest.mark.parametrize(("files", "served"), FLASK_SHAPES.values(), ids=FLASK_SHAPES.keys())
def test_a_flask_app_is_found_as_flask_run_finds_it(
    tmp_path: Path, files: dict[str, str], served: str
) -> None:
    app = detect(write_files(tmp_path, files))
    assert (app.kind.framework.name, app.found.wsgi, app.greeting) == ("flask", served, None)
    # The dev server gets the module alone, and Flask's own discovery finds the app.
    assert app.found.entry == served.split(":")[0]


def test_every_flask_shape_boots_and_answers(tmp_path: Path, runner: CliRunner) -> None:
    # The dev server: `flask --app` and gunicorn take the same names (see the --app test).
    folders = [write_files(tmp_path / shape, files) for shape, (files, _) in FLASK_SHAPES.items()]
    result = runner.invoke(cli, ["smoke", "--json", *map(str, folders)])
    rows = json.loads(result.stdout)
    assert [(row["passed"], row["body"]) for row in rows] == [(True, "Hello, World!")] * len(
        folders
    ), result.stdout


def test_apps_in_several_scripts_are_named_to_choose_from_and_served_as_named(
    tmp_path: Path,
) -> None:
    for name in ("rest-server.py", "rest-server-v2.py"):
        (tmp_path / name).write_text(
            "from flask import Flask\napp = Flask(__name__)" + HELLO.format(obj="app")
        )
    with pytest.raises(UnknownProjectError, match=(
        r"has a Flask app in each of rest-server-v2:app, rest-server:app: name one with "
        r"app='rest-server-v2:app'\.$"
    )):  # fmt: skip
        detect(tmp_path)
    (served,) = scaffold.smoke([tmp_path], app="rest-server:app", server="wsgi")
    assert (served.passed, served.body) == (True, "Hello, World!"), served.error


def test_a_manage_py_is_djangos_only_if_it_says_so(tmp_path: Path) -> None:
    """Flask-Script's manage.py is not Django's; Django's that names no settings module
    is still Django's, and says what to pass."""
    flask_script = write_files(tmp_path / "blog", {
        "blog/__init__.py": FACTORY.format(factory="create_app"),
        "manage.py": "from flask_script import Manager\n\nfrom blog import create_app\n\n"
        "app = create_app('default')\nmanager = Manager(app)\n",
    })  # fmt: skip
    assert detect(flask_script).found.wsgi == "manage:app"
    django = write_files(tmp_path / "site", {
        "manage.py": "import sys\n\nfrom django.core.management import "
        "execute_from_command_line\n\nexecute_from_command_line(sys.argv)\n",
    })  # fmt: skip
    with pytest.raises(UnknownProjectError, match="names no settings module: pass settings="):
        detect(django)
    # Python 2's, which does not parse: not Django's unless it names Django; the app is
    # found where Flask finds it, never taken to be in a manage.py nobody can read.
    old = write_files(tmp_path / "old", {
        "shop/__init__.py": "from flask import Flask\n\napp = Flask(__name__)\n",
        "manage.py": "from flask.ext.script import Manager\n\nfrom shop import app\n\n"
        "print 'managing'\nManager(app).run()\n",
    })  # fmt: skip
    assert detect(old).found.wsgi == "shop:app"


# How manage.py and wsgi.py scripts set the settings module, and what each sets: with
# the environment as it is ({}) and with WEBSITE_HOSTNAME, as Azure's App Service sets it.
SET_SETTINGS = {
    "setdefault": ('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")',
                   "shop.settings", "shop.settings"),
    "assigned": ('os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"',
                 "shop.settings", "shop.settings"),
    # Azure-Samples/msdocs-python-django-webapp-quickstart's, in manage.py and wsgi.py.
    "by-host": ("module = 'shop.production' if 'WEBSITE_HOSTNAME' in os.environ else "
                "'shop.settings'\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', module)",
                "shop.settings", "shop.production"),
    "by-getenv": ('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.production" if '
                  'os.getenv("WEBSITE_HOSTNAME") else "shop.settings")',
                  "shop.settings", "shop.production"),
    # djangonaut-space's manage.py: the test settings only for `manage.py test`.
    "for-the-test-command": ('default = "shop.test" if "test" in sys.argv else "shop.dev"\n'
                             'os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)',
                             "shop.dev", "shop.dev"),
    "unless-the-test-command": ('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.dev" '
                                'if not sys.argv[1:2] == ["test"] else "shop.test")',
                                "shop.dev", "shop.dev"),
    "a-test-branch": ('if len(sys.argv) > 1 and sys.argv[1] == "test":\n'
                      '    os.environ["DJANGO_SETTINGS_MODULE"] = "shop.test"\n'
                      'else:\n    os.environ["DJANGO_SETTINGS_MODULE"] = "shop.dev"',
                      "shop.dev", "shop.dev"),
    "not-a-test-branch": ('if "test" not in sys.argv:\n'
                          '    os.environ["DJANGO_SETTINGS_MODULE"] = "shop.dev"\n'
                          'else:\n    os.environ["DJANGO_SETTINGS_MODULE"] = "shop.test"',
                          "shop.dev", "shop.dev"),
    "unreadable": ('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop." + sys.argv[1])',
                   None, None),
    # Names that lead to each other and never to a string: read a few deep, then given up.
    "names-in-a-cycle": ("a = b\nb = a\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', a)",
                         None, None),
    "another-dict": ('defaults = {}\ndefaults["DJANGO_SETTINGS_MODULE"] = "shop.settings"',
                     None, None),
    # python-discord/site's manage.py: a dict of defaults, each set in a loop.
    "dict-of-defaults": ('DEFAULTS = {"DJANGO_SETTINGS_MODULE": "shop.settings", "DEBUG": "1"}\n'
                         "for key, value in DEFAULTS.items():\n"
                         "    os.environ.setdefault(key, value)",
                         "shop.settings", "shop.settings"),
    "update": ('os.environ.update({"DJANGO_SETTINGS_MODULE": "shop.settings"})',
               "shop.settings", "shop.settings"),
    "another-dicts-update": ('env = {}\nenv.update({"DJANGO_SETTINGS_MODULE": "shop.settings"})',
                             None, None),
    "another-dicts-default": ('env = dict(os.environ)\n'
                              'env.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")',
                              None, None),
}  # fmt: skip


@pytest.mark.parametrize(("code", "plain", "on_azure"), SET_SETTINGS.values(),
                         ids=SET_SETTINGS.keys())  # fmt: skip
def test_the_settings_a_script_sets_are_read_as_it_would_set_them(
    code: str, plain: str | None, on_azure: str | None
) -> None:
    from scaffold._source_environ import environ_default

    tree = ast.parse(f"import os\nimport sys\n\n\ndef main():\n{textwrap.indent(code, '    ')}\n")
    assert environ_default(tree, "DJANGO_SETTINGS_MODULE", {}) == plain
    azure = {"WEBSITE_HOSTNAME": "shop.azurewebsites.net"}
    assert environ_default(tree, "DJANGO_SETTINGS_MODULE", azure) == on_azure


def test_a_project_whose_manage_py_picks_settings_by_host_is_served_with_those_it_picks(
    tmp_path: Path,
) -> None:
    root = _django(tmp_path / "site")
    (root / "config" / "production.py").write_text(
        "from .settings import *\n\nDEBUG = False\nALLOWED_HOSTS = ['shop.example']\n"
    )
    by_host = (
        "module = 'config.production' if 'WEBSITE_HOSTNAME' in os.environ else "
        "'config.settings'\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', module)"
    )
    for script, indent in (("manage.py", "    "), ("config/wsgi.py", "")):
        code = (root / script).read_text()
        setdefault = f"{indent}os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')"
        assert setdefault in code
        (root / script).write_text(code.replace(setdefault, textwrap.indent(by_host, indent)))
    assert detect(root).found.settings == "config.settings"
    azure = {"WEBSITE_HOSTNAME": "shop.example"}
    assert detect(root, environ=azure).found.settings == "config.production"
    # Production's would refuse the host (400): the welcome page says they were not picked.
    for server in ("dev", "wsgi"):
        (result,) = scaffold.smoke([root], server=server)
        assert result.passed, (server, result.error)


def test_a_project_whose_manage_py_picks_test_settings_for_its_tests_is_served_with_others(
    tmp_path: Path,
) -> None:
    """djangonaut-space's manage.py: `"….test" if "test" in sys.argv else "….dev"`, with no
    settings module of the project's own name; the server's are the dev settings."""
    root = _django(tmp_path / "site", settings="config.dev")
    for name in ("dev", "test"):
        (root / "config" / f"{name}.py").write_text("from .settings import *\n")
    manage = root / "manage.py"
    picks = (
        '    default = "config.test" if "test" in sys.argv else "config.dev"\n'
        '    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)'
    )
    code = manage.read_text()
    setdefault = "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.dev')"
    assert setdefault in code
    manage.write_text(code.replace(setdefault, picks))
    assert detect(root).found.settings == "config.dev"
    (result,) = scaffold.smoke([root])
    assert result.passed, result.error


def test_the_current_folder_is_the_default_target(tmp_path: Path) -> None:
    flask_app(tmp_path / "hello")
    run = run_scaffold("smoke", "--json", cwd=tmp_path / "hello")
    (row,) = json.loads(run.stdout)
    assert (row["target"], row["passed"], row["kind"]) == (".", True, "flask-single"), run.stderr


def test_app_names_a_factory_with_arguments_as_flask_does(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = write_files(tmp_path / "api", {"hello.py": FACTORY.format(factory="build")})
    named = "hello:build('Bonjour')"
    for args in (["--app", named], []):
        if not args:
            monkeypatch.setenv("FLASK_APP", named)  # the environment, as flask run reads it
        result = runner.invoke(cli, ["smoke", "--server", "wsgi", *args, str(project)])
        assert result.exit_code == 0, result.output
        assert "'Bonjour, World!'" in result.stdout


@pytest.mark.parametrize("named", ["shop", "shop:create_app('Bonjour')"])
def test_app_names_a_module_of_a_src_layout_as_installing_it_would(
    tmp_path: Path, runner: CliRunner, named: str
) -> None:
    project = write_files(
        tmp_path / "api", {"src/shop/__init__.py": FACTORY.format(factory="create_app")}
    )
    result = runner.invoke(cli, ["smoke", "--server", "wsgi", "--app", named, str(project)])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(cli, ["smoke", "--app", "store", str(project)])
    assert missing.exit_code == 2
    assert f"there is no module 'store' in '{project}' or its src/." in missing.stderr


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_src_layout_serves_from_a_folder_whose_name_splits_a_search_path(
    tmp_path: Path, runner: CliRunner, server: str
) -> None:
    files = {"src/shop/__init__.py": FACTORY.format(factory="create_app")}
    project = write_files(tmp_path / f"my{os.pathsep}api", files)
    result = runner.invoke(cli, ["smoke", "--server", server, str(project)])
    assert result.exit_code == 0, result.output


# Reports what `flask run` made of the app: debug mode, and whether a reloader runs it.
DEBUG_REPORT = (
    "import os\nfrom flask import Flask\n\napi = Flask(__name__)\n\n\n@api.get('/')\n"
    "def hello():\n"
    "    return f\"debug={api.debug} reloader={os.environ.get('WERKZEUG_RUN_MAIN')}\"\n"
)


def test_flask_app_in_flaskenv_or_env_counts_as_flask_run_counts_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(tmp_path, {"server.py": DEBUG_REPORT, "other.py": FACTORY.format(
        factory="create_app"), ".flaskenv": "FLASK_APP=server:api\n"})  # fmt: skip
    assert detect(root, environ={}).found.wsgi == "server:api"
    # python-dotenv's syntax; a line it cannot read is passed by, and .env's values win.
    (root / ".env").write_text("# mine\nexport FLASK_APP='other'\nnot a setting\n")
    assert detect(root, environ={}).found.wsgi == "other:create_app()"
    assert caplog.records == []  # nor is python-dotenv's warning about that line shown
    # The environment wins over both files, and --app over everything.
    assert detect(root, environ={"FLASK_APP": "server:api"}).found.wsgi == "server:api"
    assert (
        detect(root, flask_app="server", environ={"FLASK_APP": "other"}).found.wsgi == "server:api"
    )


@pytest.mark.parametrize("given_in", ["FLASK_APP", ".flaskenv", ".env"])
def test_a_flask_app_named_where_there_is_none_says_where_it_was_named(
    tmp_path: Path, given_in: str
) -> None:
    environ = {"FLASK_APP": "nope"} if given_in == "FLASK_APP" else {}
    if given_in != "FLASK_APP":
        (tmp_path / given_in).write_text("FLASK_APP=nope\n")
    source = "FLASK_APP" + ("" if given_in == "FLASK_APP" else f" in {given_in}")
    with pytest.raises(UnknownProjectError) as raised:
        detect(tmp_path, environ=environ)
    said = f"{source} 'nope': there is no module 'nope' in '{tmp_path}' or its src/."
    assert str(raised.value) == said


def test_an_app_named_in_flaskenv_boots_with_debug_off_whatever_the_file_says(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Flask's CLI loads .flaskenv itself (python-dotenv is installed beside scaffold):
    smoke still serves the app as production does, with no debugger and no reloader."""
    flaskenv = "FLASK_APP=server:api\nFLASK_DEBUG=1\nFLASK_RUN_RELOAD=1\nFLASK_RUN_DEBUGGER=1\n"
    root = write_files(tmp_path / "api", {"server.py": DEBUG_REPORT, ".flaskenv": flaskenv})
    for server in ("dev", "wsgi"):
        args = ["smoke", "--server", server, "--expect", "debug=False reloader=None", str(root)]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("given", "message"),
    [("nope", "there is no module 'nope'"), ("-c x", "is not an app as Flask names one"),
     ("hello", "no Flask app or factory found")],
    ids=["no-module", "not-an-import", "nothing-in-it"],
)  # fmt: skip
def test_an_app_that_cannot_be_found_says_what_to_do(
    tmp_path: Path, given: str, message: str
) -> None:
    (tmp_path / "hello.py").write_text("x = 1\n")
    with pytest.raises((UnknownProjectError, InputError), match=message):
        detect(tmp_path, flask_app=given)


def test_an_app_made_in_a_packages_module_is_named_to_pass_with_app(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Shaped like searxng (`searx/webapp.py`, run as `searx.webapp:app`), which Flask
    finds only when named: the error names it, and it is served as named."""
    made = "from flask import Flask\n\napp = Flask(__name__)\n" + HELLO.format(obj="app")
    root = write_files(tmp_path / "repo", {
        "search/__init__.py": "",
        "search/webapp.py": made,
        "search/engines.py": "import json\n",
        "search/test_webapp.py": made,
    })  # fmt: skip
    result = runner.invoke(cli, ["smoke", str(root)])
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert result.stderr.endswith(
        "; a module of its packages makes one: name it with --app search.webapp:app.\n"
    )
    result = runner.invoke(cli, ["smoke", "--app", "search.webapp:app", str(root)])
    assert result.exit_code == 0, result.output
    write_files(root, {"search/admin.py": made.replace("app", "admin")})
    with pytest.raises(UnknownProjectError, match=(
        r"modules of its packages make search\.admin:admin and search\.webapp:app: name one "
        r"with app='search\.admin:admin'\.$"
    )):  # fmt: skip
        detect(root)


def test_django_settings_follow_djangos_order(tmp_path: Path) -> None:
    root = _django(tmp_path / "site")
    assert detect(root, environ={}).found.settings == "config.settings"
    assert (
        detect(root, environ={"DJANGO_SETTINGS_MODULE": "config.env"}).found.settings
        == "config.env"
    )
    chosen = detect(root, settings="config.flag", environ={"DJANGO_SETTINGS_MODULE": "config.env"})
    assert (chosen.found.settings, chosen.found.wsgi, chosen.found.asgi) == (
        "config.flag", "config.wsgi:application", "config.asgi:application",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("server", "named_by"), [("dev", "manage.py"), ("wsgi", "--settings"), ("asgi", "environment")]
)
def test_a_django_project_with_its_own_layout_boots_under_each_server(
    tmp_path: Path, runner: CliRunner, server: str, named_by: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings in a package of their own, named each way Django takes, under each server."""
    chosen = "config.settings.local"
    root = _django(tmp_path / "site", settings=chosen if named_by == "manage.py" else "nowhere")
    flags = ["--settings", chosen] if named_by == "--settings" else []
    if named_by == "environment":
        monkeypatch.setenv("DJANGO_SETTINGS_MODULE", chosen)
    settings = root / "config" / "settings"
    settings.mkdir()
    (root / "config" / "settings.py").rename(settings / "base.py")
    (settings / "__init__.py").write_text("")
    (settings / "local.py").write_text(
        "from .base import *  # noqa\n\nDEBUG = False\nALLOWED_HOSTS = ['127.0.0.1']\n"
    )
    # startproject's "/" is a 404 page with DEBUG off.
    result = runner.invoke(cli, ["smoke", "--server", server, "--status", "404", *flags, str(root)])
    assert result.exit_code == 0, result.output
    assert f"(django-project, {server})" in result.stdout


def test_a_manage_py_that_names_no_settings_is_told_the_ones_the_project_has(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Shaped like a project whose README says to export DJANGO_SETTINGS_MODULE (its
    manage.py only loads a .env): the error names its settings modules, and the one
    passed as said is served."""
    root = _django(tmp_path / "site")
    manage = root / "manage.py"
    code = manage.read_text()
    manage.write_text(code.replace("os.environ.setdefault(", "dict(os.environ).setdefault("))
    settings = root / "config" / "settings"
    settings.mkdir()
    (root / "config" / "settings.py").rename(settings / "base.py")
    (settings / "__init__.py").write_text("")
    (settings / "production.example.py").write_text("from .base import *  # noqa\n")
    (settings / "development.py").write_text(
        "from .base import *  # noqa\n\nDEBUG = False\nALLOWED_HOSTS = ['127.0.0.1']\n"
    )
    result = runner.invoke(cli, ["smoke", str(root)])
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert result.stderr == (
        f"Error: '{manage}' names no settings module: pass --settings MODULE: it has "
        "config.settings.base and config.settings.development.\n"
    )
    # startproject's "/" is a 404 page with DEBUG off.
    flags = ["--settings", "config.settings.development", "--status", "404"]
    result = runner.invoke(cli, ["smoke", *flags, str(root)])
    assert result.exit_code == 0, result.output


def test_a_file_given_for_its_app_is_told_its_folder_and_module(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Shaped like flasgger's examples/: one app per module, each run as `python
    examples/colors.py`; smoke takes the folder, and --app the module."""
    root = tmp_path / "examples"
    root.mkdir()
    for name in ("colors", "shapes"):
        (root / f"{name}.py").write_text(FLASK)
    result = runner.invoke(cli, ["smoke", str(root / "colors.py")])
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert result.stderr == (
        f"Error: '{root / 'colors.py'}' is a file: give the folder that holds it, '{root}' "
        "(and, if it holds other apps, --app colors).\n"
    )
    result = runner.invoke(cli, ["smoke", str(root), "--app", "colors"])
    assert result.exit_code == 0, result.output
    # compare takes no module: the folder alone.
    result = runner.invoke(cli, ["compare", str(root / "colors.py"), str(root / "shapes.py")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: '{root / 'colors.py'}' is a file: give the folder that holds it, '{root}'.\n",
    )


# Settings named at run time around a literal part, as mezzanine's manage.py does:
# `settings_module = "%s.settings" % real_project_name("shop")`.
COMPUTED_SETTINGS = {
    "percent": '"%s.settings" % real_project_name("config")',
    "format": '"{}.settings".format(real_project_name("config"))',
    "f-string": "f\"{real_project_name('config')}.settings\"",
    "concatenated": 'real_project_name("config") + ".settings"',
}


@pytest.mark.parametrize("computed", COMPUTED_SETTINGS.values(), ids=COMPUTED_SETTINGS.keys())
def test_settings_a_manage_py_names_at_run_time_are_the_one_module_that_fits(
    tmp_path: Path, computed: str
) -> None:
    root = _naming_settings_as(_django(tmp_path / "site"), computed)
    assert detect(root).found.settings == "config.settings"
    # Two that fit: the user is asked, as for none.
    (root / "other").mkdir()
    (root / "other" / "settings.py").write_text("")
    with pytest.raises(UnknownProjectError, match=r"it has config\.settings and other\.settings"):
        detect(root)


def test_a_project_whose_manage_py_names_its_settings_at_run_time_boots(tmp_path: Path) -> None:
    """As `mezzanine-project` makes them; its manage.py's own code picks the same."""
    root = _naming_settings_as(_django(tmp_path / "site"), COMPUTED_SETTINGS["percent"])
    (result,) = scaffold.smoke([root])
    assert result.passed, (result.error, result.output)


def _naming_settings_as(root: Path, computed: str) -> Path:
    """The project in `root`, its manage.py naming its settings as `computed` does, with
    a function of its own, `real_project_name`, which returns what it is given."""
    manage = root / "manage.py"
    code = manage.read_text().replace("'config.settings'", "settings_module")
    manage.write_text(
        code.replace(
            "def main():",
            "def real_project_name(name):\n    return name\n\n\n"
            f"settings_module = {computed}\n\n\ndef main():",
        )
    )
    return root


def test_a_generated_project_whose_settings_grew_into_a_package_boots(
    tmp_path: Path, runner: CliRunner
) -> None:
    """`--settings` names the settings a grown project uses now; the greeting is still checked."""
    project = generate("django-project", "site1", output_dir=tmp_path, greeting="Howdy")
    settings = project.path / "site1" / "settings"
    settings.mkdir()
    (project.path / "site1" / "settings.py").rename(settings / "base.py")
    (settings / "__init__.py").write_text("")
    (settings / "prod.py").write_text("from .base import *  # noqa: F403\n\nDEBUG = False\n")
    result = runner.invoke(
        cli, ["smoke", "--server", "wsgi", "--settings", "site1.settings.prod", str(project.path)]
    )
    assert result.exit_code == 0, result.output
    assert "GET / -> 200 'Howdy, World!'" in result.stdout


def test_asgi_is_refused_for_apps_without_one(tmp_path: Path, runner: CliRunner) -> None:
    app = flask_app(tmp_path / "hello")
    result = runner.invoke(cli, ["smoke", "--server", "asgi", str(app), "django-single"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: '{app}' is a Flask app, which speaks WSGI, not ASGI: use --server dev or wsgi.\n"
    )


def test_a_django_project_without_a_wsgi_application_is_served_by_runserver_and_uvicorn(
    tmp_path: Path,
) -> None:
    """As saleor's: no wsgi.py and no WSGI_APPLICATION, its ASGI application a package
    (saleor/asgi/__init__.py). runserver serves Django's own WSGI handler; gunicorn has
    nothing to serve, and is refused before anything starts."""
    root = _django(tmp_path / "site")
    (root / "config" / "wsgi.py").unlink()
    settings = root / "config" / "settings.py"
    settings.write_text(settings.read_text().replace("WSGI_APPLICATION", "# WSGI_APPLICATION"))
    (root / "config" / "asgi").mkdir()
    (root / "config" / "asgi.py").rename(root / "config" / "asgi" / "__init__.py")
    app = detect(root)
    assert (app.found.wsgi, app.found.asgi) == ("", "config.asgi:application")
    for server in ("dev", "asgi"):
        (result,) = scaffold.smoke([root], server=server)
        assert result.passed, (server, result.error)
    with pytest.raises(InputError, match=(
        r"has no WSGI application \(no wsgi\.py, no WSGI_APPLICATION\) to serve with "
        r"server='wsgi': use server='dev' or 'asgi'\.$"
    )):  # fmt: skip
        list(scaffold.smoke([root], server="wsgi"))
