"""smoke's checks and settings: paths, statuses, the environment, the interpreter, shards."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pexpect
import pytest
from click.testing import CliRunner

from sample_apps import DJANGO_SINGLE, flask_app, unmigrated_site
from scaffold._apps.detect import detect
from scaffold._apps.hints import status_hint
from scaffold._apps.interpreter import install_command, project_python, require_runnable
from scaffold._process.uv import find_uv
from scaffold._smoke.options import shard_of
from scaffold.cli import cli
from scaffold.errors import InputError
from support import REPO, run_as_said, run_scaffold, write_files

ROUTES = (
    "import os\n\nfrom flask import Flask, redirect\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/')\ndef hello():\n    return os.environ.get('GREETING', 'Hello')\n\n\n"
    "@app.route('/health')\ndef health():\n    return 'ok'\n\n\n"
    "@app.route('/old')\ndef old():\n    return redirect('/')\n\n\n"
    "@app.route('/older')\ndef older():\n    return redirect('/old')\n\n\n"
    "@app.route('/round')\ndef round():\n    return redirect('/about')\n\n\n"
    "@app.route('/about')\ndef about():\n    return redirect('/round')\n"
)


def _smoke(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(cli, ["smoke", "--json", *args])
    assert result.exit_code in (0, 1), result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_every_path_must_answer_the_status_and_redirects_are_not_followed(
    runner: CliRunner, tmp_path: Path
) -> None:
    app = str(flask_app(tmp_path / "site", ROUTES))
    (ok,) = _smoke(runner, "--path", "/", "--path", "/health", app)
    assert ok["passed"] is True
    (moved,) = _smoke(runner, "--path", "/old", "--status", "302", app)
    assert (moved["passed"], moved["status"], moved["request"]) == (True, 302, "/old")
    (missing,) = _smoke(runner, "--path", "/health", "--path", "/gone", app)
    assert missing["error"] == "GET /gone answered 404, expected 200."
    # The first path missing (an API's "/", a site whose pages start elsewhere): which
    # option checks a page it has, a health check first.
    (no_page,) = _smoke(runner, "--path", "/gone", app)
    assert no_page["error"] == (
        "GET /gone answered 404, expected 200. The app has no page at /gone; its code routes "
        "GET to /, /health, /old, /older, /round: check one with --path /health, which "
        "answers 200."
    )
    # An unexpected redirect says where it leads, as its Location header does, and the
    # options that check the page it leads to, or the redirect itself: both pass.
    (unexpected,) = _smoke(runner, "--path", "/old", app)
    assert unexpected["error"] == (
        "GET /old answered 302 to '/', expected 200. To check the page it leads to: "
        "--path /; or the redirect itself: --status 302."
    )
    (led_to,) = _smoke(runner, "--path", "/", app)
    assert led_to["passed"] is True
    # Redirects in a row (a login page, then Django's APPEND_SLASH): the last page is
    # advised, and passes (above); redirects that go round say so.
    (chained,) = _smoke(runner, "--path", "/older", app)
    assert chained["error"] == (
        "GET /older answered 302 to '/old', expected 200. It leads, through '/old', to '/', "
        "which answers 200: check it with --path /; or the redirect itself: --status 302."
    )
    (looped,) = _smoke(runner, "--path", "/round", app)
    assert looped["error"] == (
        "GET /round answered 302 to '/about', expected 200. Its redirects go round in a "
        "loop ('/about', '/round'): --status 302 checks the first."
    )
    (first,) = _smoke(runner, "--path", "/round", "--status", "302", app)
    assert first["passed"] is True


SIGN_IN = (
    "from flask import Flask, redirect\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/')\ndef account():\n    return redirect('/login/github')\n\n\n"
    "@app.route('/login/github')\ndef login():\n"
    "    return redirect('https://accounts.example.com/authorize?client_id=None')\n\n\n"
    "@app.route('/home')\ndef home():\n    return redirect('http://shop.example.com/')\n"
)


def test_a_redirect_to_another_site_is_not_advised_as_a_path_to_check(
    runner: CliRunner, tmp_path: Path
) -> None:
    """flask-dance's examples: "/" leads to a sign-in at an OAuth provider, which smoke
    cannot follow, so the redirect itself is what it advises to check; it passes."""
    app = str(flask_app(tmp_path / "site", SIGN_IN))
    (through,) = _smoke(runner, app)
    assert through["error"] == (
        "GET / answered 302 to '/login/github', expected 200. It leads, through "
        "'/login/github', to another site, https://accounts.example.com, which smoke does "
        "not follow: check the redirect itself: --status 302."
    )
    (away,) = _smoke(runner, "--path", "/login/github", app)
    assert str(away["error"]).endswith(
        ", expected 200. It leads to another site, https://accounts.example.com: check the "
        "redirect itself: --status 302."
    )
    (followed,) = _smoke(runner, "--status", "302", app)
    assert followed["passed"] is True, followed
    # The site's own name, requested with --host, is not another site.
    (own,) = _smoke(runner, "--host", "shop.example.com", "--path", "/home", app)
    assert own["error"] == "GET /home answered 302 to 'http://shop.example.com/', expected 200."


def test_env_settings_reach_the_server(runner: CliRunner, tmp_path: Path) -> None:
    app = str(flask_app(tmp_path / "site", ROUTES))
    (row,) = _smoke(runner, "--env", "GREETING=Bonjour", "--expect", "Bonjour", app)
    assert (row["passed"], row["body"]) == (True, "Bonjour")


def test_env_files_reach_the_server_a_later_ones_and_envs_first(
    runner: CliRunner, tmp_path: Path
) -> None:
    """As docker compose's env_file and `uv run --env-file` read a .env: comments,
    quotes, `export`; a later file's settings win, and --env's over all."""
    source = ROUTES.replace(
        "return os.environ.get('GREETING', 'Hello')",
        "return ' '.join(os.environ[k] for k in ('ONE', 'TWO', 'THREE'))",
    )
    app = str(flask_app(tmp_path / "site", source))
    first = tmp_path / "first.env"
    first.write_text("# the defaults\nexport ONE=1\nTWO='one'\nTHREE=one  # a comment\n")
    (tmp_path / "second.env").write_text('TWO="2"\nTHREE=${TWO}\n')
    env_files = ["--env-file", str(first), "--env-file", str(tmp_path / "second.env")]
    (row,) = _smoke(runner, *env_files, "--env", "THREE=3", "--expect", "1 2 3", app)
    assert row["passed"] is True, row


@pytest.mark.parametrize(
    ("made", "said"),
    [
        (None, "cannot read env file '{file}': No such file or directory: give a file"),
        (b"A=1\n" * 300_000, "env file '{file}' is over 1 MiB, more than scaffold reads."),
        ("fifo", "cannot read env file '{file}': not a regular file: give a file"),
        (b"GOOD=1\n1BAD=2\n", "env file '{file}' sets '1BAD', which no environment can hold"),
    ],
    ids=["missing", "too-big", "fifo", "bad-name"],
)
def test_an_env_file_that_cannot_be_read_is_bad_input_before_any_server(
    made: bytes | str | None, said: str, tmp_path: Path
) -> None:
    file = tmp_path / "app.env"
    if made == "fifo":
        os.mkfifo(file)  # a read would wait for a writer forever
    elif isinstance(made, bytes):
        file.write_bytes(made)
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", "smoke", "--env-file", str(file), "flask-single"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Error: Invalid value for '--env-file': ")
    assert said.format(file=file) in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


COMPOSED = {
    # Shaped like nickjj's docker-flask-example: compose.yaml's env_file gives the app
    # the .env its README copies from .env.example; the app loads no .env itself, and
    # a view reads what the project's Docker image sets.
    "config.py": "import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\n",
    "app.py": "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"
    "app.config.from_object('config')\n\n\n@app.route('/')\ndef home():\n"
    "    return 'Python ' + os.environ['PYTHON_VERSION']\n",
    ".env.example": "# cp .env.example .env\nexport SECRET_KEY=insecure_key_for_dev\n",
    "compose.yaml": "services:\n  web:\n    build: .\n    env_file:\n      - .env\n",
}


def test_a_variable_a_composed_projects_env_sets_is_given_with_its_env_file(
    tmp_path: Path,
) -> None:
    """Served by gunicorn, as its image serves it: `flask run` would load the .env itself
    when python-dotenv is installed, which the project does not list."""
    root = write_files(tmp_path / "hello", COMPOSED)

    def advice(*options: str) -> str:
        said = run_scaffold("smoke", ".", "--server", "wsgi", *options, cwd=root).stdout
        return said.splitlines()[1].strip() if "1 failed" in said else said

    assert advice().endswith(
        "the app reads SECRET_KEY from its environment, which has none: give it with --env "
        "SECRET_KEY=VALUE. Or make its .env from .env.example, which sets it (cp "
        ".env.example .env), as the project says, and give it with --env-file .env."
    )
    run_as_said("cp .env.example .env", root)
    assert advice().endswith(
        "the app reads SECRET_KEY from its environment, which has none, and does not load "
        "the project's .env, which sets it, as docker compose's env_file or heroku local "
        "would give it to the app: give it with --env-file .env."
    )
    assert advice("--env-file", ".env") == (
        "GET / answered 500, expected 200. It raised KeyError: 'PYTHON_VERSION': the app "
        "reads PYTHON_VERSION from its environment, which has none: give it with --env "
        "PYTHON_VERSION=VALUE."
    )
    assert "1 passed" in advice("--env-file", ".env", "--env", "PYTHON_VERSION=VALUE")


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_setting_the_app_needs_and_lacks_is_named_with_the_option_that_gives_it(
    runner: CliRunner, server: str, tmp_path: Path
) -> None:
    # As settings modules read secrets: os.environ[...] at import, a KeyError without it.
    source = ROUTES.replace("app = Flask", "SECRET = os.environ['SHOP_SECRET']\napp = Flask")
    app = str(flask_app(tmp_path / "site", source))
    (lacking,) = _smoke(runner, "--server", server, app)
    assert lacking["passed"] is False
    assert str(lacking["error"]).endswith(
        "the app reads SHOP_SECRET from its environment, which has none: "
        "give it with --env SHOP_SECRET=VALUE."
    )
    (given,) = _smoke(runner, "--server", server, "--env", "SHOP_SECRET=s3cret", app)
    assert given["passed"] is True, given


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_package_the_app_imports_and_lacks_is_named_but_not_its_own_module(
    runner: CliRunner, server: str, tmp_path: Path
) -> None:
    lacking = flask_app(tmp_path / "site", "import flask_extras_nowhere\n" + ROUTES)
    (row,) = _smoke(runner, "--server", server, str(lacking))
    assert str(row["error"]).endswith(
        f"the app imports flask_extras_nowhere, which is not installed for {sys.executable}. "
        "Install the project's requirements there, or use --python or --fresh-env."
    )
    # The project's own package, missing a module: its own mistake, nothing to install.
    own = flask_app(tmp_path / "own", "import shop.nothing\n" + ROUTES)
    (own / "shop").mkdir()
    (own / "shop" / "__init__.py").write_text("")
    (row,) = _smoke(runner, "--server", server, str(own))
    code = 3 if server == "wsgi" else 2  # gunicorn's "worker failed to boot"; flask's usage
    assert row["error"] == (
        f"the server exited with code {code} before answering: ModuleNotFoundError: No "
        "module named 'shop.nothing'"
    )  # what the app raised: nothing scaffold could add


FACTORY = (
    "from flask import Flask\n\n\ndef helper(required):\n    return required\n\n\n"
    "def create_app(config_name):\n    app = Flask(__name__)\n    BROKEN\n\n"
    "    @app.route('/')\n    def hello():\n        return f'Hello from {config_name}'\n\n"
    "    return app\n"
)


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_factory_that_needs_arguments_is_named_with_the_option_that_gives_them(
    runner: CliRunner, server: str, tmp_path: Path
) -> None:
    app = str(flask_app(tmp_path / "site", FACTORY.replace("BROKEN", "pass")))
    (lacking,) = _smoke(runner, "--server", server, app)
    assert str(lacking["error"]).endswith(
        "its factory create_app() needs arguments: give them as Flask takes them, "
        "--app 'app:create_app(...)'."
    )
    (given,) = _smoke(runner, "--server", server, "--app", "app:create_app('prod')", app)
    assert (given["passed"], given["body"]) == (True, "Hello from prod")
    # A call inside the factory that lacks its arguments is the app's own mistake.
    other = flask_app(tmp_path / "other", FACTORY.replace("BROKEN", "helper()"))
    (row,) = _smoke(runner, "--server", server, "--app", "app:create_app('prod')", str(other))
    assert "needs arguments" not in str(row["error"])
    assert "helper() missing 1 required positional argument" in str(row["output"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--path", "health"],
            "Invalid value for '--path': path 'health' is not a path a request can carry",
        ),
        (
            ["--path", "/a b"],
            "Invalid value for '--path': path '/a b' is not a path a request can carry",
        ),
        (["--status", "99"], "Invalid value for '--status': status 99 is not an HTTP status"),
        (["--env", "NO-EQUALS"], "'NO-EQUALS' is not KEY=VALUE"),
        (["--env", "BAD KEY=1"], "Invalid value for '--env': env BAD KEY='1' is not a setting"),
        (
            ["--shard", "3/2"],
            "Invalid value for '--shard': shard '3/2' is not K/N with 1 <= K <= N",
        ),
        (
            ["--shard", "0/2"],
            "Invalid value for '--shard': shard '0/2' is not K/N with 1 <= K <= N",
        ),
        (
            ["--host", "shop example"],
            "Invalid value for '--host': host 'shop example' is not a host name",
        ),
        (
            ["--host", "shop\r\nX-Evil: 1"],
            "Invalid value for '--host': host 'shop\\r\\nX-Evil: 1' is not a host name",
        ),
    ],
    ids=[
        "relative-path",
        "space-in-path",
        "status",
        "env-form",
        "env-key",
        "shard-k",
        "shard-0",
        "host-space",
        "host-header-injection",
    ],
)
def test_bad_options_exit_2_before_any_server_starts(
    runner: CliRunner, args: list[str], message: str, tmp_path: Path
) -> None:
    app = flask_app(tmp_path / "app", "raise SystemExit('never started')\napp = object()\n")
    result = runner.invoke(cli, ["smoke", *args, str(app)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_host_names_the_site_a_django_project_with_fixed_hosts_serves(
    runner: CliRunner, tmp_path: Path
) -> None:
    site = tmp_path / "shop"
    site.mkdir()
    # Django checks the Host when something asks for it: CommonMiddleware does.
    source = DJANGO_SINGLE.replace(
        'ALLOWED_HOSTS=["*"],',
        'ALLOWED_HOSTS=["shop.example.com"],\n'
        '    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],',
    )
    (site / "app.py").write_text(source)
    (refused,) = _smoke(runner, str(site))
    assert refused["status"] == 400
    assert "Django answers 400 to a Host its ALLOWED_HOSTS does not list" in str(refused["error"])
    (wrong,) = _smoke(runner, "--host", "shop.example.org", str(site))
    assert str(wrong["error"]).endswith(
        "and this one was 'shop.example.org': give a name it lists with --host "
        "shop.example.com (its settings list 'shop.example.com')."
    ), wrong["error"]
    (served,) = _smoke(runner, "--host", "shop.example.com", str(site))
    assert (served["passed"], served["body"]) == (True, "Hello, World!")


def test_a_400_that_is_not_the_host_refused_says_what_the_app_said(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Shaped like a GraphQL endpoint, which answers a GET without a query 400: the
    host is not what it refused, and each way the advice gives passes."""
    site = tmp_path / "api"
    site.mkdir()
    view = (
        "from django.http import JsonResponse\n\n\ndef graphql(request):\n"
        "    if 'query' not in request.GET:\n"
        "        return JsonResponse({'errors': [{'message': 'Must provide query string.'}]},"
        " status=400)\n"
        "    return JsonResponse({'data': {'__typename': 'Query'}})\n\n\n"
    )
    source = DJANGO_SINGLE.replace("def index(", f"{view}def index(")
    (site / "app.py").write_text(source.replace('path("", index)', 'path("graphql/", graphql)'))
    (refused,) = _smoke(runner, "--path", "/graphql/", str(site))
    assert refused["error"] == (
        "GET /graphql/ answered 400, expected 200. It refused the request, saying "
        """'{"errors": [{"message": "Must provide query string."}]}': check a page that """
        "takes it as it is (--path), or this refusal itself (--status 400)."
    )
    (taken,) = _smoke(runner, "--path", "/graphql/?query={__typename}", str(site))
    assert taken["passed"] is True, taken
    (refusal,) = _smoke(runner, "--path", "/graphql/", "--status", "400", str(site))
    assert refusal["passed"] is True, refusal


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_a_database_without_its_tables_says_to_run_the_migrations(
    runner: CliRunner, tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run from the folder above the project (`scaffold smoke site`), the command goes
    # into the project's folder first, in a subshell, and works pasted as it is.
    site = unmigrated_site(tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    (unmigrated,) = _smoke(runner, "--server", server, "site")
    command = "cd site && python manage.py migrate --settings shop.settings"
    assert unmigrated["error"] == (
        f"GET / answered 500, expected 200. Its database has no table django_session: run its "
        f"migrations first ({command}), as a deploy would; the copy served has the project's "
        "db.sqlite3."
    )
    run_as_said(command, cwd=tmp_path)
    (migrated,) = _smoke(runner, "--server", server, str(site))
    assert (migrated["passed"], migrated["body"]) == (True, "0 sessions"), migrated


@pytest.mark.parametrize(
    "output",
    [
        'psycopg.errors.UndefinedTable: relation "django_session" does not exist\n',
        "django.db.utils.ProgrammingError: (1146, \"Table 'shop.django_session' doesn't exist\")",
    ],
    ids=["postgresql", "mysql"],
)
def test_a_database_servers_database_without_its_tables_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """Its migrations, run in the project, make them in the server the copy served uses."""
    app = detect(unmigrated_site(tmp_path / "site"))
    monkeypatch.chdir(app.root)  # as a user runs smoke: from the project's folder
    assert status_hint(app, 500, "127.0.0.1:8000", output) == (
        " Its database has no table django_session: run its migrations first (python "
        "manage.py migrate --settings shop.settings), as a deploy would; the copy served "
        "uses the same database server."
    )
    # Only a server error says so: a page that merely mentions it is not one.
    assert status_hint(app, 404, "127.0.0.1:8000", output) == ""


def test_a_flask_project_refusing_the_host_says_which_setting_lists_it(
    runner: CliRunner,
) -> None:
    (refused,) = _smoke(runner, "--host", "shop.example.com", "flask-single")
    assert str(refused["error"]).endswith(
        "Flask 3.1 and newer answer 400 to a Host its TRUSTED_HOSTS does not list, and this "
        "one was 'shop.example.com': give a name it lists with --host."
    )
    trusted = ["--env", 'FLASK_TRUSTED_HOSTS=["shop.example.com"]']
    (served,) = _smoke(runner, "--host", "shop.example.com", *trusted, "flask-single")
    assert served["passed"] is True, served


def test_host_is_sent_as_given_port_included(runner: CliRunner, tmp_path: Path) -> None:
    app = flask_app(
        tmp_path / "site",
        "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\ndef host():\n    return request.host\n",
    )
    (row,) = _smoke(runner, "--host", "LocalHost:8000", "--expect", "LocalHost:8000", str(app))
    assert row["passed"] is True, row


def test_a_projects_own_virtualenv_runs_it_unless_python_is_given(
    runner: CliRunner, tmp_path: Path
) -> None:
    app = flask_app(tmp_path / "site")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(app / ".venv")], check=True)
    (own,) = _smoke(runner, str(app))
    # That env has no Flask: the error says so, and names the interpreter and what to run.
    python = app / ".venv" / "bin" / "python"
    # Made without pip, it needs pip before pip can install.
    assert f"Flask is not installed for {python}. Install it there ({python} -m ensurepip, " in (
        str(own["error"])
    )
    (given,) = _smoke(runner, "--python", sys.executable, str(app))
    assert given["passed"] is True


def test_the_activated_virtualenv_runs_a_project_that_has_none_of_its_own(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `source venv/bin/activate` then `scaffold smoke site`, with scaffold installed
    as a tool of its own (pipx, uv tool) and the project's requirements in the venv."""
    app = flask_app(tmp_path / "site")
    active = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(active)], check=True)
    monkeypatch.setenv("VIRTUAL_ENV", str(active))
    (activated,) = _smoke(runner, str(app))
    assert f"Flask is not installed for {active / 'bin' / 'python'}. " in str(activated["error"])
    # The project's own virtualenv comes first.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(app / "env")], check=True)
    (own,) = _smoke(runner, str(app))
    assert f"Flask is not installed for {app / 'env' / 'bin' / 'python'}. " in str(own["error"])


@pytest.mark.parametrize(
    ("made_with", "advice"),
    [
        (["uv", "venv"], "uv pip install --python {python} flask"),
        (["uv", "venv", "--seed"], "{python} -m pip install flask"),
        ([sys.executable, "-m", "venv", "--without-pip"],
         "{python} -m ensurepip, then {python} -m pip install flask"),
    ],
    ids=["uv", "uv-with-pip", "venv-without-pip"],
)  # fmt: skip
def test_what_to_install_a_missing_package_with_is_what_the_virtualenv_has(
    tmp_path: Path, made_with: list[str], advice: str
) -> None:
    uv = find_uv()
    assert uv is not None  # a test dependency
    argv = [uv if word == "uv" else word for word in made_with]
    subprocess.run([*argv, str(tmp_path / "env")], check=True, capture_output=True)
    python = str(tmp_path / "env" / "bin" / "python")
    assert install_command(python, "flask") == advice.format(python=python)
    # An interpreter of no virtualenv has pip, or gets it with the Python it came with.
    base = subprocess.run(
        [python, "-c", "import sys; print(sys._base_executable)"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    assert install_command(base, "flask") == f"{base} -m pip install flask"


def test_a_virtualenv_config_that_is_no_regular_file_is_not_waited_on(tmp_path: Path) -> None:
    python = str(tmp_path / "bin" / "python")
    os.mkfifo(tmp_path / "pyvenv.cfg")  # opened plainly, it would wait for a writer
    assert install_command(python, "flask") == f"{python} -m pip install flask"
    (tmp_path / "pyvenv.cfg").unlink()
    # Only its start is read: a 'uv' line after 64 KiB of padding is not seen.
    (tmp_path / "pyvenv.cfg").write_text("#" * 70_000 + "\nuv = 0.5.0\n")
    assert install_command(python, "flask").startswith(f"{python} -m ensurepip, then ")


@pytest.mark.parametrize("fresh_env", [[], ["--fresh-env"]], ids=["served", "fresh-env"])
def test_a_virtualenv_whose_python_is_gone_fails_its_target_and_says_why(
    runner: CliRunner, tmp_path: Path, fresh_env: list[str]
) -> None:
    """As after the Python it was made with was upgraded away: never scaffold's instead."""
    broken = flask_app(tmp_path / "broken")
    (broken / "requirements.txt").write_text("# nothing to install\n")
    (broken / "venv" / "bin").mkdir(parents=True)
    (broken / "venv" / "bin" / "python").symlink_to(tmp_path / "python3.9")
    fine = flask_app(tmp_path / "fine")
    (fine / "requirements.txt").write_text("flask\n")
    rows = {row["target"]: row for row in _smoke(runner, *fresh_env, str(broken), str(fine))}
    assert (rows[str(broken)]["passed"], rows[str(fine)]["passed"]) == (False, True), rows
    assert rows[str(broken)]["error"] == (
        f"'{broken / 'venv' / 'bin' / 'python'}' cannot be run: it links to "
        f"'{tmp_path / 'python3.9'}', which is gone. Make that virtualenv again, or name "
        "an interpreter with --python."
    )


def test_a_virtualenv_python_that_is_not_a_program_is_named_as_such(tmp_path: Path) -> None:
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("not a program\n")  # a file without the execute bit
    assert project_python(tmp_path) == str(python)
    with pytest.raises(InputError) as raised:
        require_runnable(str(python))
    assert str(raised.value) == (  # said to the Python API: its keyword, not the option
        f"'{python}' cannot be run: it is not a program. Make that virtualenv again, or name "
        "an interpreter with python=."
    )


@pytest.mark.parametrize(
    ("shard", "expected"),
    [((1, 3), [0, 3, 6]), ((2, 3), [1, 4]), ((3, 3), [2, 5]), ((1, 1), list(range(7))),
     ((5, 9), [4])],
)  # fmt: skip
def test_a_shard_is_every_nth_target_from_the_kth(
    shard: tuple[int, int], expected: list[int]
) -> None:
    assert shard_of(list(range(7)), shard) == expected


def test_a_shard_runs_only_its_targets_and_says_which_it_is(
    runner: CliRunner, tmp_path: Path
) -> None:
    app = str(flask_app(tmp_path / "site"))
    # The first target is shard 1's: never even looked at by shard 2.
    (row,) = _smoke(runner, "--shard", "2/2", str(tmp_path / "not-there"), app)
    assert (row["target"], row["passed"], row["shard"]) == (app, True, "2/2")


def test_on_a_terminal_each_slow_step_says_it_has_started(tmp_path: Path) -> None:
    app = flask_app(tmp_path / "site")
    child = pexpect.spawn(
        sys.executable, ["-m", "scaffold", "smoke", str(app), "flask-single"],
        encoding="utf-8", timeout=30, dimensions=(24, 200),
    )  # fmt: skip
    child.expect_exact("generating flask-single …")
    child.expect_exact(f"starting {app} (dev) …")
    child.expect("PASS")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_in_a_pipe_there_is_no_progress(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["smoke", str(flask_app(tmp_path / "site"))])
    assert result.exit_code == 0
    assert "starting" not in result.output


def test_the_docs_ci_recipe_runs_every_app_once_across_its_shards(tmp_path: Path) -> None:
    readme = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    recipe = re.search(r"```yaml\n(name: smoke\n.+?)```", readme, re.DOTALL)
    assert recipe
    import yaml  # cookiecutter's own dependency

    workflow = yaml.safe_load(recipe.group(1))
    job = workflow["jobs"]["smoke"]
    shards = job["strategy"]["matrix"]["shard"]
    commands = [step["run"] for step in job["steps"] if "scaffold smoke" in step.get("run", "")]
    assert len(commands) == 1
    # PyPI's `scaffold` is another project: the recipe installs scaffold-webapps.
    (install,) = [step["run"] for step in job["steps"] if "pip install" in step.get("run", "")]
    assert '"scaffold-webapps @ git+https://' in install
    for i in range(len(shards)):
        flask_app(tmp_path / "apps" / f"app{i}")
    bin_folder = Path(sys.executable).parent
    for shard in shards:
        command = commands[0].replace("${{ matrix.shard }}", str(shard))
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=60,
            env={"PATH": f"{bin_folder}:/usr/bin:/bin", "HOME": str(tmp_path)},
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    ran = []
    for shard in shards:
        suite = ElementTree.parse(tmp_path / f"smoke-{shard}.xml").getroot()
        assert suite.get("name") == f"scaffold smoke (shard {shard}/{len(shards)})"
        prop = suite.find("properties/property")
        assert prop is not None
        assert (prop.get("name"), prop.get("value")) == ("shard", f"{shard}/{len(shards)}")
        ran += [case.get("name") for case in suite.findall("testcase")]
    assert sorted(ran) == [f"apps/app{i} (wsgi)" for i in range(len(shards))]
