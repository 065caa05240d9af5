"""`scaffold check` and `scaffold diff`: where a project stands, and what its user changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import OldProject

import scaffold
from scaffold.cli import cli


def test_check_says_an_update_is_available_with_exit_1(
    old_project: OldProject, runner: CliRunner
) -> None:
    project = old_project("flask-single")
    result = runner.invoke(cli, ["check", str(project)])
    assert result.exit_code == 1
    assert f"update available: 0.1.0 → {scaffold.__version__} (flask-single)" in result.stdout
    as_json = runner.invoke(cli, ["check", str(project), "--json"])
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout) == {
        "project": str(project),
        "template": "flask-single",
        "version": "0.1.0",
        "current": scaffold.__version__,
        "up_to_date": False,
        "interrupted": False,
        "conflicted": [],
    }


def test_check_of_a_new_project_is_up_to_date_with_exit_0(
    tmp_path: Path, runner: CliRunner
) -> None:
    project = scaffold.generate("django-project", "site1", output_dir=tmp_path).path
    result = runner.invoke(cli, ["check", str(project)])
    assert result.exit_code == 0
    assert result.stdout == f"{project}: up to date (django-project {scaffold.__version__}).\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": "9.0.0"}, "was made by scaffold 9.0.0, newer than this scaffold"),
        ({"version": "0.1.5"}, "names version 0.1.5, which scaffold never shipped"),
        ({"version": "0.1"}, "version must be a version number"),
        ({"version": "0.1.0", "template": "django-single"},
         "unknown answer 'secret_key'"),
        ({"answers": {"project_name": "site1", "greeting": "Hi",
                      "secret_key": 'x", __import__("os").system("id"), "'}},
         "secret_key must be 'django-insecure-' and 50 letters or digits"),
        ({"answers": {"project_name": "site1", "greeting": "Hi", "extra": "1"}},
         "unknown answer 'extra'"),
        # What to write in the file, not an option of `new`'s.
        ({"answers": {"project_name": "site1", "greeting": " "}},
         'the greeting is blank: give some text, e.g. "greeting": "Hello".'),
    ],
    ids=["newer", "never-shipped", "not-a-version", "another-templates-answers", "code-in-secret",
         "unknown-answer", "blank-greeting"],
)  # fmt: skip
def test_an_answers_file_that_does_not_hold_is_refused_with_exit_2(
    tmp_path: Path, runner: CliRunner, change: dict[str, object], message: str
) -> None:
    project = scaffold.generate("django-project", "site1", output_dir=tmp_path).path
    answers_file = project / ".scaffold.json"
    recorded = {**json.loads(answers_file.read_text()), **change}
    answers_file.write_text(json.dumps(recorded))
    for command in ("check", "diff", "update"):
        result = runner.invoke(cli, [command, str(project)])
        assert result.exit_code == 2, (command, result.output)
        assert message in result.stderr
        assert result.stderr.count("\n") == 1
        assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "it must be a JSON object"),
        ("null", "it must be a JSON object"),
        ('{"answers": {}}', "template is missing"),
        ('{"template": "django-project"', "it is not JSON"),
        ("[" * 60_000, "it is nested too deep"),  # under 64 KiB, past Python's parser
    ],
    ids=["a-list", "null", "no-template", "cut-short", "nested-too-deep"],
)
def test_an_answers_file_that_is_no_object_of_answers_is_refused_with_exit_2(
    tmp_path: Path, runner: CliRunner, content: str, message: str
) -> None:
    project = scaffold.generate("django-project", "site1", output_dir=tmp_path).path
    (project / ".scaffold.json").write_text(content)
    for command in ("check", "diff", "update"):
        result = runner.invoke(cli, [command, str(project)])
        assert result.exit_code == 2, (command, result.output)
        assert f"is not a valid answers file: {message}" in result.stderr
        assert result.stderr.count("\n") == 1


def test_a_template_its_version_did_not_have_is_refused_with_exit_2(
    tmp_path: Path, runner: CliRunner
) -> None:
    project = scaffold.generate("flask-project", "blog", output_dir=tmp_path).path
    answers_file = project / ".scaffold.json"
    answers_file.write_text(answers_file.read_text().replace(scaffold.__version__, "0.1.0"))
    result = runner.invoke(cli, ["check", str(project)])
    assert result.exit_code == 2
    assert "scaffold 0.1.0 had no template 'flask-project'" in result.stderr


def test_a_folder_that_is_not_a_project_is_exit_2(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: '{tmp_path}' is not a scaffold project: it has no .scaffold.json.\n"
    )


def test_the_current_folder_is_the_default_project(
    old_project: OldProject, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    project = old_project("django-single")
    monkeypatch.chdir(project)
    assert runner.invoke(cli, ["check"]).exit_code == 1
    assert runner.invoke(cli, ["diff", "--exit-code"]).exit_code == 0
    assert runner.invoke(cli, ["update"]).exit_code == 0
    assert runner.invoke(cli, ["check"]).exit_code == 0


def test_diff_of_an_untouched_project_is_empty(old_project: OldProject, runner: CliRunner) -> None:
    project = old_project("django-project")
    result = runner.invoke(cli, ["diff", str(project), "--exit-code"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_diff_shows_edits_new_files_and_deletions_but_no_virtualenv(
    old_project: OldProject, runner: CliRunner
) -> None:
    project = old_project("flask-single")
    app = project / "app.py"
    app.write_text(app.read_text().replace('or "World"', 'or "friend"'))
    (project / "test_app.py").unlink()
    (project / "notes.md").write_text("mine\n")
    for junk in (".venv/lib/site.py", "__pycache__/app.cpython-311.pyc", ".git/HEAD"):
        (project / junk).parent.mkdir(parents=True, exist_ok=True)
        (project / junk).write_text("not mine\n")
    result = runner.invoke(cli, ["diff", str(project), "--exit-code"])
    assert result.exit_code == 1
    headers = [line for line in result.stdout.splitlines() if line.startswith("diff --git")]
    assert headers == [
        "diff --git a/app.py b/app.py",
        "diff --git a/notes.md b/notes.md",
        "diff --git a/test_app.py b/test_app.py",
    ]
    assert '-    name = request.args.get("name") or "World"\n' in result.stdout
    assert '+    name = request.args.get("name") or "friend"\n' in result.stdout
    assert "deleted file mode 100644" in result.stdout
    # Without --exit-code, changes are no failure.
    assert runner.invoke(cli, ["diff", str(project)]).exit_code == 0
