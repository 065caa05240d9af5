"""0.3.0 moved the requirements files into pyproject.toml: `update` carries the user's
requirements there, once, and the project still passes its tests and boots."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import scaffold
from scaffold._project.pyproject import read_pyproject
from scaffold._project.rendering import render
from scaffold._project.secret_keys import new_secret
from scaffold._update.history import template_folder
from scaffold._update.migrations import migrate
from scaffold._update.plan import File
from scaffold.cli import cli
from scaffold.kinds import get_kind
from support import TEMPLATE_NAMES

MadeBy = Callable[[str, str], Path]
# What each template's app needs to answer, as 0.2.2 wrote it in requirements.txt.
FRAMEWORK_LINE = {
    "flask-single": "flask>=3.1,<4",
    "flask-project": "flask>=3.1,<4",
    "django-single": "django>=4.2,<7",
    "django-project": "django>=4.2,<7",
}


@pytest.fixture
def made_by(tmp_path: Path) -> MadeBy:
    """A function making a project named site1 as scaffold `version` made it."""

    def make(template: str, version: str) -> Path:
        kind = get_kind(template)
        answers = {"project_name": "site1", "greeting": "Hello"}
        answers.update({answer: new_secret(prefix) for answer, prefix in kind.secrets})
        (tmp_path / version).mkdir(exist_ok=True)
        with template_folder(kind, version) as folder:
            return render(kind, answers, tmp_path / version, template=folder)

    return make


def _append(file: Path, text: str) -> None:
    file.write_text(file.read_text() + text)


def _dependencies(project: Path) -> tuple[list[str], list[str]]:
    pyproject = read_pyproject(project / "pyproject.toml")
    groups = pyproject._data["dependency-groups"]
    return list(pyproject.dependencies), groups["dev"]


@pytest.mark.integration
@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_requirements_a_user_added_to_a_0_2_2_project_land_in_pyproject_toml(
    template: str, made_by: MadeBy, runner: CliRunner
) -> None:
    project = made_by(template, "0.2.2")
    framework = FRAMEWORK_LINE[template]
    # As users edit: a package added with a comment, the framework's range narrowed,
    # a test tool added; and the code edited.
    requirements = project / "requirements.txt"
    requirements.write_text(
        requirements.read_text().replace(framework, framework.replace(",<", ",!=4.0.0,<"))
        + "requests>=2.31  # the API client\n"
    )
    _append(project / "requirements-dev.txt", "pytest-timeout>=2.1\n")
    (project / "NOTES.md").write_text("mine\n")

    result = runner.invoke(cli, ["update", str(project)])

    assert result.exit_code == 0, result.output
    runtime, dev = _dependencies(project)
    assert "requests>=2.31" in runtime
    assert framework.replace(",<", ",!=4.0.0,<") in runtime
    assert framework not in runtime
    assert "gunicorn>=23,<28" in runtime  # the template's, which the user left as it was
    assert "pytest-timeout>=2.1" in dev
    assert "ruff>=0.9" in dev
    assert "Migrated: requirements.txt: your requirements are now in pyproject.toml" in (
        result.stdout
    )
    # Edited, so kept, and said so; nothing else of the user's is touched.
    assert "requests>=2.31" in requirements.read_text()
    assert "requirements.txt: kept, as you changed it" in result.stderr
    assert (project / "NOTES.md").read_text() == "mine\n"
    assert not (project / "pytest.ini").exists()
    # What makes the new dependencies count, said after the summary.
    assert "\nThen, in the project:\n  uv sync  # or: python -m pip install -e . --group dev\n" in (
        result.stdout
    )
    # The update ran once: the project is now up to date, and a second run changes nothing.
    again = runner.invoke(cli, ["update", str(project)])
    assert "already up to date" in again.stdout

    # The project still passes its own tests (configured in pyproject.toml now) and boots.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert all(result.passed for result in scaffold.smoke([project]))


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_untouched_requirements_files_are_removed(
    template: str, made_by: MadeBy, tmp_path: Path
) -> None:
    project = made_by(template, "0.2.2")
    result = scaffold.update(project)
    assert result.migrated == ()  # nothing of the user's to carry
    assert {c.path for c in result.changes if c.action == "removed"} >= {
        "requirements.txt",
        "requirements-dev.txt",
    }
    assert not (project / "requirements.txt").exists()
    (tmp_path / "fresh").mkdir()
    fresh = scaffold.generate(template, "site1", output_dir=tmp_path / "fresh").path
    assert (project / "pyproject.toml").read_text() == (fresh / "pyproject.toml").read_text()


def test_a_requirement_the_user_removed_stays_removed_and_options_stay_behind(
    made_by: MadeBy,
) -> None:
    project = made_by("django-project", "0.2.2")
    requirements = project / "requirements.txt"
    lines = [line for line in requirements.read_text().splitlines() if "whitenoise" not in line]
    requirements.write_text("\n".join([*lines, "-e ./vendored/lib", ""]))
    result = scaffold.update(project)
    runtime, _ = _dependencies(project)
    assert not [entry for entry in runtime if "whitenoise" in entry]
    assert "django>=4.2,<7" in runtime
    assert any("has no place for '-e ./vendored/lib'" in note for note in result.migrated)
    assert "-e ./vendored/lib" in requirements.read_text()


def test_a_0_1_0_projects_requirements_are_carried_too(made_by: MadeBy) -> None:
    project = made_by("flask-single", "0.1.0")
    _append(project / "requirements.txt", "flask-login>=0.6\n")
    scaffold.update(project)
    assert "flask-login>=0.6" in _dependencies(project)[0]


def test_the_migration_runs_only_when_an_update_crosses_0_3_0() -> None:
    pyproject = b'[project]\ndependencies = [\n    "flask>=3.1,<4",\n]\n'
    base = {"requirements.txt": File(b"flask>=3.1,<4\n")}
    ours: dict[str, File | None] = {"requirements.txt": File(b"flask>=3.1,<4\nrequests\n")}
    for old, new, runs in (("0.2.2", "0.3.0", True), ("0.3.0", "0.3.0", False),
                           ("0.1.0", "0.2.2", False)):  # fmt: skip
        theirs = {"pyproject.toml": File(pyproject)}
        notes = migrate(old, new, base, ours, theirs)
        assert bool(notes) is runs
        assert (b'"requests"' in theirs["pyproject.toml"].data) is runs


@pytest.mark.parametrize("version", ["0.2.0", "0.2.1"])
def test_each_0_2_release_carries_them_too(version: str, made_by: MadeBy) -> None:
    project = made_by("flask-project", version)
    _append(project / "requirements.txt", "flask-wtf>=1.2\n")
    result = scaffold.update(project)
    assert result.conflicts == ()
    assert "flask-wtf>=1.2" in _dependencies(project)[0]


def test_a_django_settings_change_is_followed_by_collectstatic(
    made_by: MadeBy, runner: CliRunner
) -> None:
    project = made_by("django-project", "0.1.0")  # 0.2.0 added STATIC_ROOT to the settings
    result = runner.invoke(cli, ["update", str(project), "--json"])
    assert (
        "python manage.py migrate && python manage.py collectstatic --no-input"
        in (json.loads(result.stdout)["next_steps"])
    )


def test_a_pyproject_toml_the_user_already_had_is_merged_as_a_conflict_holding_both(
    made_by: MadeBy, runner: CliRunner
) -> None:
    project = made_by("flask-single", "0.2.2")
    (project / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")
    _append(project / "requirements.txt", "requests>=2.31\n")
    result = runner.invoke(cli, ["update", str(project)])
    assert result.exit_code == 1
    assert "conflicts in pyproject.toml" in result.stderr
    merged = (project / "pyproject.toml").read_text()
    assert "[tool.black]" in merged  # the user's, kept
    assert '"requests>=2.31",' in merged  # and the template's, with what they added
