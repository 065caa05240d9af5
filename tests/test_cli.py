"""The command line as a user meets it: help, version, list, and what `new` prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import __version__
from scaffold.cli import cli
from support import TEMPLATE_NAMES, run_scaffold


def test_version_is_printed(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"scaffold, version {__version__}\n"


@pytest.mark.parametrize(
    "command", [[], ["list"], ["new"], ["smoke"]], ids=["scaffold", "list", "new", "smoke"]
)
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert len(result.stdout.splitlines()) > 4


def test_list_shows_each_template_with_a_description(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == TEMPLATE_NAMES
    assert all(len(line.split(maxsplit=1)[1]) > 20 for line in lines)


def test_list_json_is_an_array_of_names_and_descriptions(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["name"] for row in rows] == TEMPLATE_NAMES
    assert all(row["description"] for row in rows)


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_next_steps_are_the_projects_quick_start(
    runner: CliRunner, template: str, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["new", template, "mysite", "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    printed = result.stdout.split("Next steps:\n", 1)[1].splitlines()
    readme = (tmp_path / "mysite" / "README.md").read_text()
    quick_start = readme.split("With pip, in a virtualenv:\n\n```sh\n", 1)[1].split("```", 1)[0]
    assert printed == [f"  cd {(tmp_path / 'mysite').as_posix()}"] + [
        f"  {line}" for line in quick_start.splitlines()
    ]
    assert "  python -m pip install -e . --group dev" in printed
    assert printed[-1] == "  python -m pytest"


def test_new_prints_the_files_it_wrote(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", "django-project", "mysite", "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "mysite/manage.py" not in result.stdout  # files are listed relative to the project
    assert "  manage.py\n" in result.stdout
    assert "  helloworld/views.py\n" in result.stdout
    assert result.stderr == ""


def test_new_in_the_current_folder_prints_a_relative_cd(tmp_path: Path) -> None:
    result = run_scaffold("new", "flask-single", "hello", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Next steps:\n  cd hello\n  python -m venv .venv\n" in result.stdout
    assert (tmp_path / "hello" / "app.py").is_file()


def test_the_module_and_the_script_are_the_same_command(tmp_path: Path) -> None:
    result = run_scaffold("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Usage: scaffold [OPTIONS] COMMAND" in result.stdout


def test_new_flask_project_prints_how_to_run_its_package(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", "flask-project", "blog", "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "  blog/__init__.py\n  blog/greeting.py\n" in result.stdout
    assert result.stdout.endswith("  flask --app blog run\n  python -m pytest\n")


@pytest.mark.parametrize(
    "args",
    [
        ["smoke", "--jobs", "0", "flask-single"],
        ["smoke", "--jobs", "-1", "flask-single"],
        ["smoke", "--jobs", "inf", "flask-single"],
        ["compare", "--repeat", "0", "flask-single"],
        ["compare", "--repeat", "-1", "flask-single"],
        ["compare", "--repeat", "nan", "flask-single"],
    ],
    ids=" ".join,
)
def test_counts_must_be_whole_numbers_above_0(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "Error: Invalid value for " in result.stderr
    assert f"'{args[1]}'" in result.stderr
    assert result.stdout == ""
