"""scaffold run from a folder that was removed meanwhile (the shell still in it): what
needs the current folder is refused in one line, exit 2, and nothing is written;
what names only absolute paths works as anywhere else."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import scaffold
from support import shell, snapshot

GONE = (
    "Error: the current folder no longer exists: cd to one that does, then run the command again.\n"
)


def in_removed_folder(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`scaffold COMMAND` run by sh from a folder removed just before it starts."""
    (tmp_path / "gone").mkdir()
    return shell(f"cd gone && rmdir ../gone && exec scaffold {command}", tmp_path)


@pytest.mark.parametrize(
    "command",
    [
        "new flask-single hello",
        "new flask-single hello -o {here}",  # cookiecutter works from the current folder
        "smoke",
        "smoke hello",
        "smoke {here}/app1 --junit-xml report.xml",
        "smoke {here}/app1 --python .venv/bin/python",
        "check app1",
        "compare flask-single {here}/app1",
    ],
)
def test_what_needs_the_current_folder_is_refused(tmp_path: Path, command: str) -> None:
    scaffold.generate("flask-single", "app1", output_dir=tmp_path)
    before = snapshot(tmp_path)
    done = in_removed_folder(command.format(here=tmp_path), tmp_path)
    assert (done.returncode, done.stderr) == (2, GONE)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", ["smoke {here}/app1", "check {here}/app1"])
def test_absolute_paths_need_no_current_folder(tmp_path: Path, command: str) -> None:
    scaffold.generate("flask-single", "app1", output_dir=tmp_path)
    done = in_removed_folder(command.format(here=tmp_path), tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(("PASS", f"{tmp_path}/app1: up to date"))
