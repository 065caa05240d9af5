"""`scaffold compare`: figures checked against a count written here, formats, and the diff."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import scaffold
from sample_apps import DJANGO_SINGLE, flask_app, flask_app_saying, unmigrated_site
from scaffold import generate
from scaffold.cli import cli
from support import REPO, TEMPLATE_NAMES


def compare(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["compare", *args])


def independent_count(root: Path) -> dict[str, int]:
    """The documented definitions, counted another way: os.walk and plain string tests."""
    files = py = lines = code = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", "__pycache__")]
        for name in names:
            files += 1
            if name.endswith(".py"):
                py += 1
                with (Path(folder) / name).open(encoding="utf-8") as handle:
                    for line in handle:
                        lines += 1
                        code += bool(line.strip()) and not line.lstrip().startswith("#")
    return {"files": files, "python_files": py, "lines": lines, "code_lines": code}


@pytest.fixture
def odd_project(tmp_path: Path) -> Path:
    """A hand-made project with dotfiles, skipped folders, comments and local imports."""
    root = tmp_path / "odd"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"\0\1")
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("from . import helpers\n")
    (root / ".env").write_text("SECRET=1\n")
    (root / "app.py").write_text(
        "# A comment\n\nimport os\nimport requests  # trailing comment\n"
        "from flask import Flask\nfrom pkg import helpers\n\n    # indented comment\n"
        'app = Flask(__name__)\nx = "# not a comment"\n'
    )
    (root / "requirements.txt").write_text("# pinned\nrequests>=2\n\nflask==3.1  # web\n")
    return root


def test_figures_match_an_independent_count(runner: CliRunner, odd_project: Path) -> None:
    result = compare(runner, "--json", str(odd_project))
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert {k: row[k] for k in ("files", "python_files", "lines", "code_lines")} == (
        independent_count(odd_project)
    )
    assert (row["files"], row["python_files"], row["lines"], row["code_lines"]) == (4, 2, 11, 7)
    assert row["imports"] == ["flask", "requests"]
    assert row["requirements"] == ["requests>=2", "flask==3.1"]


def test_a_pyproject_project_declares_its_dependencies_and_src_modules_are_its_own(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = tmp_path / "api"
    (root / "src" / "shop").mkdir(parents=True)
    (root / "src" / "shop" / "__init__.py").write_text(
        "import flask\n\nfrom shop import views\n\napp = flask.Flask(__name__)\n"
    )
    (root / "src" / "shop" / "views.py").write_text("import markupsafe\n")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "shop"\ndependencies = [\n  "flask>=3.1",  # web\n  "markupsafe",\n]\n'
    )
    result = compare(runner, "--json", str(root))
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["imports"], row["requirements"]) == (
        ["flask", "markupsafe"],
        ["flask>=3.1", "markupsafe"],
    )
    # requirements.txt, where there is one, is what pip is told to install: it wins.
    (root / "requirements.txt").write_text("flask==3.1.0\n")
    (row,) = json.loads(compare(runner, "--json", str(root)).stdout)
    assert row["requirements"] == ["flask==3.1.0"]


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        ("[project\n", "is not TOML that can be read (Expected ']'"),
        ("[project]\ndependencies = " + "[" * 10_000 + "]" * 10_000, "(nested too deep)"),
        ('[project]\ndependencies = "flask"\n', "[project] dependencies must be a list"),
        ("[project]\ndependencies = [1]\n", "[project] dependencies must be a list"),
    ],
    ids=["syntax", "deep", "string", "number"],
)
def test_a_pyproject_that_cannot_be_read_is_a_one_line_error(
    runner: CliRunner, tmp_path: Path, pyproject: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    (tmp_path / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    result = compare(runner, str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: '{tmp_path / 'pyproject.toml'}'")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


EXPECTED_IMPORTS = {
    "flask-single": ["flask", "markupsafe"],
    "flask-project": ["flask", "markupsafe", "pytest"],  # its tests/conftest.py
    "django-single": ["django"],
    "django-project": ["django"],
}


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_template_figures_match_an_independent_count(
    runner: CliRunner, template: str, tmp_path: Path
) -> None:
    project = generate(template, "site1", output_dir=tmp_path).path
    (row,) = json.loads(compare(runner, "--json", str(project)).stdout)
    assert {k: row[k] for k in ("files", "python_files", "lines", "code_lines")} == (
        independent_count(project)
    )
    assert row["imports"] == EXPECTED_IMPORTS[template]
    assert row["kind"] == template


def test_json_has_one_object_per_target_with_the_documented_names(runner: CliRunner) -> None:
    result = compare(runner, "--format", "json", *TEMPLATE_NAMES)
    rows = json.loads(result.stdout)
    assert [row["target"] for row in rows] == TEMPLATE_NAMES
    measured = [f"{name}{end}" for name in ("boot_s", "rss_mib", "rps", "p50_ms", "p99_ms")
                for end in ("", "_min", "_max")]  # fmt: skip
    assert list(rows[0]) == [
        "target", "kind", "files", "python_files", "lines", "code_lines", "imports",
        "requirements", *measured,
    ]  # fmt: skip
    assert rows[0]["boot_s"] is None  # not measured unless asked for


def test_markdown_is_a_github_table(runner: CliRunner) -> None:
    result = compare(runner, "--format", "markdown", *TEMPLATE_NAMES)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + len(TEMPLATE_NAMES)
    assert lines[0].startswith("| target | kind | files |")
    assert re.fullmatch(r"\| (-{3}|-{3}:)( \| (-{3}|-{3}:))+ \|", lines[1])
    assert len({line.count(" | ") for line in lines}) == 1
    assert lines[2].startswith("| flask-single | flask-single | 7 | 2 |")


def test_the_default_table_is_aligned(runner: CliRunner) -> None:
    table, folded = compare(runner, *TEMPLATE_NAMES).stdout.split("\n\n")
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["target", "kind", "files"]
    files_column = lines[0].index("files") + len("files")
    assert all(line[files_column - 1].isdigit() for line in lines[1:])
    # Each target's lists, folded below the numbers, the target named once.
    assert folded.splitlines()[:2] == [
        "flask-single    imports: flask, markupsafe",
        "                requirements: flask>=3.1,<4, gunicorn>=23,<28",
    ]


def test_the_table_with_every_figure_fits_in_100_columns() -> None:
    """The templates' real sizes, and every measured figure as wide as a run shows it
    (as many digits as compare keeps, at the bounds the tests below hold real runs to)."""
    from dataclasses import replace

    from scaffold._compare import Spread
    from scaffold._compare.table import render

    widest = {
        "boot_s": Spread(29.999, 10.001, 29.999), "rss_mib": Spread(999.9, 100.1, 999.9),
        "rps": Spread(99999.9, 10000.1, 99999.9), "p50_ms": Spread(999.99, 100.01, 999.99),
        "p99_ms": Spread(9999.99, 1000.01, 9999.99),
    }  # fmt: skip
    table = render([replace(row, **widest) for row in scaffold.compare(TEMPLATE_NAMES)], "text")
    assert max(len(line) for line in table.splitlines()) <= 100, table
    for figure in ("29.999", "999.9", "99999.9", "999.99", "9999.99"):
        assert f" {figure} " in table or f" {figure}\n" in table  # shown, not cut
    assert table.endswith(
        "Measured figures are medians: --format markdown or json adds each one's lowest "
        "and highest."
    )


def test_boot_figures_are_sane(runner: CliRunner) -> None:
    result = compare(runner, "--json", "--boot", "--repeat", "2", "flask-single", "django-single")
    assert result.exit_code == 0, result.output
    for row in json.loads(result.stdout):
        assert 0 < row["boot_s_min"] <= row["boot_s"] <= row["boot_s_max"] < 30
        assert 5 < row["rss_mib_min"] <= row["rss_mib"] <= row["rss_mib_max"] < 1000


def test_load_figures_are_sane(runner: CliRunner) -> None:
    args = ["--json", "--load", "--repeat", "2", "--load-seconds", "0.3", "flask-single"]
    result = compare(runner, *args)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert 0 < row["rps_min"] <= row["rps"] <= row["rps_max"]
    assert 0 < row["p50_ms"] <= row["p99_ms"]


def test_a_measured_figure_is_shown_as_its_median_and_spread() -> None:
    from scaffold._compare import Comparison, Spread
    from scaffold._compare.size import Size
    from scaffold._compare.table import render

    size = Size(1, 1, 1, 1, (), ())
    rows = [
        Comparison("a", "flask-single", size, boot_s=Spread(0.25, 0.21, 0.3)),
        Comparison("b", "flask-single", size, boot_s=Spread(0.5, 0.5, 0.5)),
    ]
    table = render(rows, "markdown").splitlines()
    assert table[2].endswith("| 0.25 (0.21\N{EN DASH}0.3) |")
    assert table[3].endswith("| 0.5 |")
    as_json = json.loads(render(rows, "json"))
    assert [as_json[0][k] for k in ("boot_s", "boot_s_min", "boot_s_max")] == [0.25, 0.21, 0.3]


def test_diff_shows_changed_added_and_removed_files(runner: CliRunner, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "pkg").mkdir(parents=True)
    (a / "app.py").write_text("import flask\nprint('hi')\n")
    (b / "app.py").write_text("import django\nprint('hi')\n")
    (a / "old.txt").write_text("gone\n")
    (b / "pkg" / "new.txt").write_text("here\n")
    (a / "same.txt").write_text("same\n")
    (b / "same.txt").write_text("same\n")
    # Each needs an app for the targets to be recognised.
    (a / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (b / "app.py").write_text("from flask import Flask\napplication = Flask(__name__)\n")
    result = compare(runner, "--diff", str(a), str(b))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "diff --git a/app.py b/app.py\n"
        "--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n from flask import Flask\n"
        "-app = Flask(__name__)\n+application = Flask(__name__)\n"
        "diff --git a/old.txt b/old.txt\ndeleted file mode 100644\n"
        "--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n"
        "diff --git a/pkg/new.txt b/pkg/new.txt\nnew file mode 100644\n"
        "--- /dev/null\n+++ b/pkg/new.txt\n@@ -0,0 +1 @@\n+here\n"
    )


def test_diff_of_two_templates(runner: CliRunner) -> None:
    result = compare(runner, "--diff", "flask-single", "django-project")
    assert result.exit_code == 0
    assert "+++ b/manage.py\n" in result.stdout
    assert "--- a/app.py\n+++ /dev/null\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/path"], "is neither a project folder nor a template"),
        (["rails"], "is neither a project folder nor a template"),
        (["--diff", "flask-single"], "--diff takes exactly two targets, not 1"),
        (["--diff", "flask-single", "django-single", "django-project"], "not 3"),
        ([], "give at least one TARGET"),
    ],
)
def test_bad_input_exits_2_with_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    result = compare(runner, *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("seconds", ["0", "-1", "nan", "inf"])
def test_a_load_sample_must_last_a_finite_time(runner: CliRunner, seconds: str) -> None:
    result = compare(runner, "--load", "--load-seconds", seconds, "flask-single")
    assert result.exit_code == 2
    assert "is not a finite number of seconds above 0" in result.stderr
    assert "Traceback" not in result.output


def test_the_docs_numbers_are_what_compare_prints(runner: CliRunner) -> None:
    readme = (REPO / "docs" / "compare.md").read_text(encoding="utf-8")
    section = readme.split("<!-- compare:start -->", 1)[1].split("<!-- compare:end -->", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    fresh = compare(runner, "--format", "markdown", *TEMPLATE_NAMES).stdout.splitlines()
    static = len(fresh[0].split(" | "))  # the columns that do not depend on the machine
    assert [line.split(" | ")[: static - 1] for line in table] == [
        line.split(" | ")[: static - 1] for line in fresh
    ]


def test_boot_of_a_crashing_app_fails_with_its_output(runner: CliRunner, tmp_path: Path) -> None:
    app = tmp_path / "broken"
    app.mkdir()
    (app / "app.py").write_text("from flask import Flask\napp = Flask(__name__\n")
    result = compare(runner, "--boot", str(app))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {app}: the server exited with code 1")
    assert "\n  | SyntaxError: '(' was never closed\n" in result.stderr
    assert result.stdout == ""


def test_a_factory_that_needs_arguments_is_named_with_the_variable_that_gives_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = (
        "from flask import Flask\n\n\ndef create_app(config_name):\n"
        "    app = Flask(__name__)\n    app.get('/')(lambda: config_name)\n    return app\n"
    )
    app = flask_app(tmp_path / "site", source)
    result = compare(runner, "--boot", str(app))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {app}: the server exited with code 2 before answering: its factory "
        "create_app() needs arguments: give them as Flask takes them, "
        "FLASK_APP='app:create_app(...)'.\n"
    )
    args = ["compare", "--json", "--boot", "--repeat", "1", str(app)]
    given = runner.invoke(cli, args, env={"FLASK_APP": "app:create_app('prod')"})
    assert given.exit_code == 0, given.output
    assert json.loads(given.stdout)[0]["boot_s"] > 0


@pytest.mark.parametrize("figure", ["--boot", "--load"])
def test_an_app_whose_root_is_not_200_fails_at_once_naming_the_status(
    runner: CliRunner, tmp_path: Path, figure: str
) -> None:
    app = flask_app_saying(tmp_path / "api", "no page here", status=404)
    start = time.monotonic()
    result = compare(runner, figure, str(app))
    assert time.monotonic() - start < 10  # not the 30 s a server has to answer
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {app}: GET / answered 404, not 200; compare measures apps that answer '/'. "
        f"`scaffold smoke {app}` says more.\n"
    )
    assert result.stdout == ""


def test_a_database_without_its_tables_is_named_at_once(runner: CliRunner, tmp_path: Path) -> None:
    site = unmigrated_site(tmp_path / "site")
    result = compare(runner, "--boot", str(site))
    assert result.exit_code == 1
    # Run from outside the project, the command goes into it first: here by its whole
    # path, as the folder is not below the current one.
    assert result.stderr == (
        f"Error: {site}: GET / answered 500, not 200; compare measures apps that answer '/'. "
        f"Its database has no table django_session: run its migrations first (cd {site} && "
        "python manage.py migrate --settings shop.settings), as a deploy would; the copy "
        f"served has the project's db.sqlite3. `scaffold smoke {site}` says more.\n"
    )


def _guarded_site(root: Path) -> Path:
    """A Django app that serves one Host, with a secret it reads from its environment."""
    root.mkdir()
    source = DJANGO_SINGLE.replace(
        'ALLOWED_HOSTS=["*"],',
        'ALLOWED_HOSTS=["shop.example.com"],\n'
        '    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],',
    )
    (root / "app.py").write_text(f"import os\n\nSECRET = os.environ['SHOP_SECRET']\n{source}")
    return root


def test_host_and_env_let_a_guarded_app_be_measured(runner: CliRunner, tmp_path: Path) -> None:
    site = str(_guarded_site(tmp_path / "shop"))
    lacking = compare(runner, "--boot", site)
    assert lacking.exit_code == 1
    assert lacking.stderr.startswith(
        f"Error: {site}: the server exited with code 1 before answering: the app reads "
        "SHOP_SECRET from its environment, which has none: give it with --env SHOP_SECRET=VALUE."
    )
    refused = compare(runner, "--boot", "--env", "SHOP_SECRET=s", site)
    assert refused.exit_code == 1
    assert "Django answers 400 to a Host its ALLOWED_HOSTS does not list" in refused.stderr
    # Boot and load, each request carrying the Host: the dev server's, and the load's.
    args = ["--json", "--boot", "--load", "--repeat", "1", "--load-seconds", "0.3"]
    measured = compare(runner, *args, "--env", "SHOP_SECRET=s", "--host", "shop.example.com", site)
    assert measured.exit_code == 0, measured.output
    (row,) = json.loads(measured.stdout)
    assert row["boot_s"] > 0
    assert row["rps"] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--host", "shop example"],
            "Invalid value for '--host': host 'shop example' is not a host name",
        ),
        (["--env", "NO-EQUALS"], "'NO-EQUALS' is not KEY=VALUE"),
        (["--env", "BAD KEY=1"], "Invalid value for '--env': env BAD KEY='1' is not a setting"),
    ],
    ids=["host", "env-form", "env-key"],
)
def test_bad_host_or_env_exit_2_before_any_server_starts(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    page = tmp_path / "report.html"
    result = compare(runner, *args, "--boot", "--html", str(page), "flask-single")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not page.exists()


def test_a_projects_own_virtualenv_serves_it_unless_python_is_given(
    runner: CliRunner, tmp_path: Path
) -> None:
    app = flask_app(tmp_path / "site")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(app / ".venv")], check=True)
    own = compare(runner, "--boot", "--repeat", "1", str(app))
    python = app / ".venv" / "bin" / "python"
    assert own.exit_code == 1
    assert own.stderr.startswith(
        f"Error: {app}: the server exited with code 1 before answering: Flask is not installed "
        f"for {python}. Install it there ({python} -m ensurepip, then {python} -m pip install "
        "Flask), or use --python.\n"
    )
    given = compare(
        runner, "--json", "--boot", "--repeat", "1", "--python", sys.executable, str(app)
    )
    assert given.exit_code == 0, given.output
    assert json.loads(given.stdout)[0]["boot_s"] > 0


def test_a_virtualenv_that_cannot_run_is_refused_before_any_server_starts(
    runner: CliRunner, tmp_path: Path
) -> None:
    app = flask_app(tmp_path / "site")
    (app / ".venv" / "bin").mkdir(parents=True)
    (app / ".venv" / "bin" / "python").symlink_to(tmp_path / "python3.9-upgraded-away")
    refused = compare(runner, "--boot", "flask-single", str(app))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: '{app / '.venv' / 'bin' / 'python'}' cannot be run: it links to "
        f"'{tmp_path / 'python3.9-upgraded-away'}', which is gone. Make that virtualenv "
        "again, or name an interpreter with --python.\n"
    )
    # Counting files and lines runs nothing: the same project is compared as it is.
    counted = compare(runner, "--json", str(app))
    assert counted.exit_code == 0, counted.output
