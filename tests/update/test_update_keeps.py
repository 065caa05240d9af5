"""`update` keeps what the user set on their files, and stops when git cannot answer."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OldProject

import scaffold
from scaffold.errors import DirtyProjectError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o600, 0o444, 0o640], ids=oct)
def test_updated_and_merged_files_keep_their_permissions(
    old_project: OldProject, mode: int
) -> None:
    project = old_project("django-project")
    settings = project / "site1" / "settings.py"  # 0.1.0 to now changes it
    settings.write_text(settings.read_text() + "\n# mine\n")  # so it is merged
    for path in (settings, project / ".scaffold.json"):
        path.chmod(mode)
    result = scaffold.update(project, allow_dirty=True)
    assert {c.path: c.action for c in result.changes}["site1/settings.py"] == "merged"
    assert "# mine" in settings.read_text()
    assert (_mode(settings), _mode(project / ".scaffold.json")) == (mode, mode)


def test_a_new_file_gets_the_mode_the_umask_gives(old_project: OldProject) -> None:
    project = old_project("django-project")
    old = os.umask(0o077)
    try:
        result = scaffold.update(project, allow_dirty=True)
    finally:
        os.umask(old)
    added = [c.path for c in result.changes if c.action == "added"]
    assert added
    assert {_mode(project / path) for path in added} == {0o600}


def test_a_damaged_git_repository_stops_the_update(old_project: OldProject) -> None:
    project = old_project("flask-single")
    (project / ".git").write_text("gitdir: /nowhere/at/all\n")
    with pytest.raises(DirtyProjectError, match=r"git cannot tell .* pass allow_dirty=True"):
        scaffold.update(project)
    assert scaffold.check(project).version == "0.1.0"
    scaffold.update(project, allow_dirty=True)
    assert scaffold.check(project).up_to_date


def test_a_repository_without_git_installed_stops_the_update(
    old_project: OldProject, tmp_path: Path
) -> None:
    project = old_project("flask-single")
    (project / ".git").mkdir()
    # A PATH with Python but no git.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    run = subprocess.run(
        [sys.executable, "-m", "scaffold", "update", str(project)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "PATH": str(bin_dir)},
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr == (
        f"Error: '{project}' is in a git repository, and git is not installed to tell whether "
        "it has uncommitted changes: install git, or pass --allow-dirty.\n"
    )
