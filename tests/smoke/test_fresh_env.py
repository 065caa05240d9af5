"""Fresh environments: shared by projects with the same requirements, removed after the last."""

from __future__ import annotations

import sys
from pathlib import Path

from scaffold._process.supervisor import Supervisor
from scaffold._smoke.fresh_env import FreshEnvs


def _project(folder: Path, requirements: str) -> Path:
    folder.mkdir()
    (folder / "requirements.txt").write_text(requirements)
    return folder


def test_an_environment_goes_when_the_last_project_planned_for_it_is_done(
    tmp_path: Path, supervisor: Supervisor
) -> None:
    # Requirements with nothing to install: the environments are made in milliseconds.
    one = _project(tmp_path / "one", "# none\n")
    two = _project(tmp_path / "two", "# none\n")
    other = _project(tmp_path / "other", "# none either\n")
    base = sys.executable
    envs = FreshEnvs(tmp_path / "envs", supervisor, [(one, base), (two, base), (other, base)])
    # Decided when planned: a requirements.txt changed midway does not move a project.
    (two / "requirements.txt").write_text("# changed\n")
    shared, own = (Path(envs.python_for(project, base)) for project in (one, other))
    assert Path(envs.python_for(two, base)) == shared
    assert shared != own
    assert shared.is_file()
    assert own.is_file()

    envs.done_with(one, base)
    assert shared.is_file()  # two still needs it
    envs.done_with(two, base)
    assert not shared.parents[1].exists()
    assert own.is_file()
    envs.done_with(other, base)
    assert not own.parents[1].exists()
