"""`scaffold update` on real version pairs: projects made by 0.1.0, brought to the current ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import OLD_TEMPLATES, OldProject

import scaffold
from scaffold.cli import cli
from scaffold.kinds import get_kind
from support import snapshot

# Per template: a line the user changes that the template left alone (a clean
# merge), and a line the template changed too (a conflict), with the file's path.
CLEAN_EDITS = {
    "flask-single": ("app.py", '    name = request.args.get("name") or "World"\n',
                     '    name = request.args.get("name") or "friend"\n'),
    "django-single": ("app.py", '    name = request.GET.get("name") or "World"\n',
                      '    name = request.GET.get("name") or "friend"\n'),
    "django-project": ("site1/settings.py", 'TIME_ZONE = "UTC"\n',
                       'TIME_ZONE = "Europe/Paris"\n'),
}  # fmt: skip
CONFLICTING_EDITS = {
    "flask-single": ("README.md", "python -m pip install -r requirements-dev.txt  # Flask",
                     "python -m pip install --quiet -r requirements-dev.txt  # Flask"),
    "django-single": ("test_app.py", "client = Client()\n", "client = Client(secure=True)\n"),
    "django-project": ("site1/settings.py", 'STATIC_URL = "static/"\n', 'STATIC_URL = "assets/"\n'),
}  # fmt: skip


def _edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new))


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("template", OLD_TEMPLATES)
def test_an_untouched_project_becomes_what_new_makes_now(
    template: str, old_project: OldProject, tmp_path: Path
) -> None:
    project = old_project(template)
    result = scaffold.update(project)
    assert (result.status.version, result.status.current) == ("0.1.0", scaffold.__version__)
    assert result.conflicts == ()
    fresh = scaffold.generate(template, "site1", output_dir=tmp_path).path
    updated, expected = _files(project), _files(fresh)
    # The same files, but for the project's own secret, which the update kept.
    for answer, _ in get_kind(template).secrets:
        mine = json.loads(updated[".scaffold.json"])["answers"][answer]
        theirs = json.loads(expected[".scaffold.json"])["answers"][answer]
        expected = {path: text.replace(theirs, mine) for path, text in expected.items()}
    assert updated == expected


def test_the_projects_secret_key_is_kept(old_project: OldProject) -> None:
    project = old_project("django-project")
    settings = (project / "site1" / "settings.py").read_text()
    (secret,) = (line for line in settings.splitlines() if "django-insecure-" in line)
    scaffold.update(project)
    assert secret in (project / "site1" / "settings.py").read_text()
    recorded = json.loads((project / ".scaffold.json").read_text())
    assert recorded["answers"]["secret_key"] in secret


@pytest.mark.parametrize("template", OLD_TEMPLATES)
def test_edits_to_other_lines_merge_cleanly(template: str, old_project: OldProject) -> None:
    project = old_project(template)
    path, old, new = CLEAN_EDITS[template]
    _edit(project, path, old, new)
    result = scaffold.update(project)
    assert result.conflicts == ()
    assert (path, "merged") in [(c.path, c.action) for c in result.changes]
    text = (project / path).read_text()
    assert new in text
    assert old not in text
    assert "<<<<<<<" not in text
    assert scaffold.check(project).up_to_date


@pytest.mark.parametrize("template", OLD_TEMPLATES)
def test_an_edit_of_lines_the_template_changed_is_marked_as_a_conflict(
    template: str, old_project: OldProject, runner: CliRunner
) -> None:
    project = old_project(template)
    path, old, new = CONFLICTING_EDITS[template]
    _edit(project, path, old, new)
    result = runner.invoke(cli, ["update", str(project)])
    assert result.exit_code == 1
    assert f"conflicts in {path}: resolve their <<<<<<< markers" in result.stderr
    text = (project / path).read_text()
    yours = text.split("<<<<<<< yours\n", 1)[1].split("=======\n", 1)[0]
    assert new in yours
    assert f">>>>>>> scaffold {scaffold.__version__}\n" in text
    # Recorded as updated: the markers are the user's to resolve.
    assert scaffold.check(project).up_to_date
    again = runner.invoke(cli, ["update", str(project)])
    assert again.exit_code == 0
    assert "already up to date" in again.stdout
    # check says so until the markers are gone.
    checked = runner.invoke(cli, ["check", str(project)])
    assert checked.exit_code == 0
    assert checked.stderr == (
        f"Warning: conflict markers from 'scaffold update' remain in {path}: keep what you "
        "want, delete the markers, and commit.\n"
    )
    (project / path).write_text(text.split("<<<<<<< yours\n", 1)[0])
    assert runner.invoke(cli, ["check", str(project)]).stderr == ""


def test_a_deleted_file_stays_deleted_and_an_added_file_is_left_alone(
    old_project: OldProject,
) -> None:
    project = old_project("django-project")
    (project / "manage.py").unlink()  # a file the template changed
    (project / "helloworld" / "tests.py").unlink()  # one it did not
    (project / "notes.md").write_text("mine\n")
    (project / "site1" / "extra.py").write_text("X = 1\n")
    result = scaffold.update(project)
    assert result.conflicts == ()
    assert not (project / "manage.py").exists()
    assert not (project / "helloworld" / "tests.py").exists()
    assert (project / "notes.md").read_text() == "mine\n"
    assert (project / "site1" / "extra.py").read_text() == "X = 1\n"
    assert {c.path for c in result.changes}.isdisjoint(
        {"manage.py", "helloworld/tests.py", "notes.md", "site1/extra.py"}
    )


def test_files_the_template_added_arrive(old_project: OldProject) -> None:
    project = old_project("django-project")
    result = scaffold.update(project)
    added = {c.path for c in result.changes if c.action == "added"}
    assert added == {"pyproject.toml", ".github/workflows/ci.yml"}
    assert "pytest-django" in (project / "pyproject.toml").read_text()


def test_a_dry_run_says_what_would_change_and_changes_nothing(
    old_project: OldProject, runner: CliRunner
) -> None:
    project = old_project("flask-single")
    path, old, new = CONFLICTING_EDITS["flask-single"]
    _edit(project, path, old, new)
    before = snapshot(project)
    result = runner.invoke(cli, ["update", str(project), "--dry-run", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["dry_run"] is True
    assert (report["version"], report["current"]) == ("0.1.0", scaffold.__version__)
    assert report["conflicts"] == ["README.md"]
    assert {"path": "app.py", "action": "updated"} in report["changes"]
    assert snapshot(project) == before


def test_an_up_to_date_project_is_left_as_it_is(tmp_path: Path, runner: CliRunner) -> None:
    project = scaffold.generate("flask-project", "blog", output_dir=tmp_path).path
    (project / "blog" / "greeting.py").write_text("# mine\n")
    before = snapshot(project)
    result = runner.invoke(cli, ["update", str(project)])
    assert result.exit_code == 0
    assert (
        result.stdout == f"{project}: already up to date (flask-project {scaffold.__version__}).\n"
    )
    assert snapshot(project) == before


def test_a_clean_update_lists_each_change_and_exits_0(
    old_project: OldProject, runner: CliRunner
) -> None:
    project = old_project("django-single")
    result = runner.invoke(cli, ["update", str(project)])
    assert result.exit_code == 0, result.output
    assert "  updated  app.py\n" in result.stdout
    assert f"{project}: updated 0.1.0 → {scaffold.__version__}, 9 files.\n" in result.stdout
    assert result.stderr == ""
