"""An update killed (SIGKILL, which cannot be held back) at any step is finished by the next one."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from click.testing import CliRunner
from conftest import OldProject

import scaffold
from scaffold.cli import cli
from support import snapshot

# Runs `update` on argv[1], killing itself with SIGKILL just before the argv[2]-th
# write the update makes to the project (0: never); prints how many it made.
_KILLED_AT = """
import io, os, signal, sys
import scaffold, scaffold._update as updating

kill_at, calls = int(sys.argv[2]), [0]

def counted(module, name):
    real = getattr(module, name)
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(module, name, call)

real_apply = updating.apply
def apply(*args):
    for name in ("replace", "unlink", "mkdir", "rmdir", "chmod", "chown"):
        counted(os, name)
    counted(io, "open")
    real_apply(*args)
updating.apply = apply
scaffold.update(sys.argv[1])
print(calls[0])
"""


def _update_killed_at(project: Path, step: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _KILLED_AT, str(project), str(step)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_an_update_killed_at_any_step_is_finished_by_the_next(
    old_project: OldProject, tmp_path: Path, runner: CliRunner
) -> None:
    project = old_project("flask-single")
    done = tmp_path / "done"
    shutil.copytree(project, done)
    counting = _update_killed_at(done, 0)
    assert counting.returncode == 0, counting.stderr
    steps, after = int(counting.stdout), snapshot(done)
    assert steps > 10
    killed_at = {step: tmp_path / f"killed-{step}" for step in range(1, steps + 1)}
    for killed in killed_at.values():
        shutil.copytree(project, killed)
    with ThreadPoolExecutor(4) as pool:
        runs = pool.map(_update_killed_at, killed_at.values(), killed_at)
    for run in runs:
        assert run.returncode == -signal.SIGKILL, run.stderr
    for step, killed in killed_at.items():
        check = runner.invoke(cli, ["check", str(killed), "--json"])
        assert check.exit_code == 1, f"step {step}: {check.output}"
        assert json.loads(check.stdout)["up_to_date"] is False
        if json.loads(check.stdout)["interrupted"]:
            with_diff = runner.invoke(cli, ["diff", str(killed)])
            assert with_diff.exit_code == 1
            assert "was interrupted: run 'scaffold update' to finish it" in with_diff.stderr
        finished = runner.invoke(cli, ["update", str(killed)])
        assert finished.exit_code == 0, f"step {step}: {finished.output}"
        assert snapshot(killed) == after, f"killed at step {step} of {steps}"
        assert scaffold.check(killed).up_to_date


def test_the_record_of_the_new_version_is_the_last_file_written(
    old_project: OldProject, tmp_path: Path
) -> None:
    project = old_project("flask-single")
    shutil.copytree(project, tmp_path / "done")
    steps = int(_update_killed_at(tmp_path / "done", 0).stdout)
    # Killed before the last two writes (the record, the journal's removal): all else is new.
    _update_killed_at(project, steps - 1)
    status = scaffold.check(project)
    assert (status.version, status.interrupted) == ("0.1.0", True)


def test_a_damaged_journal_is_an_error_and_nothing_is_touched(
    old_project: OldProject, runner: CliRunner
) -> None:
    project = old_project("flask-single")
    journal = project / ".scaffold-update.json"
    for damaged in (
        "{",
        json.dumps({"token": "0" * 16, "old": "0.1.0", "new": "0.2.2", "stage": "swapping",
                    "entries": [{"path": "../outside", "action": "added", "removed": False}],
                    "folders": []}),
    ):  # fmt: skip
        journal.write_text(damaged)
        before = snapshot(project)
        result = runner.invoke(cli, ["update", str(project)])
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: '{journal}' is damaged: restore the project from version control, "
            "then remove that file.\n"
        )
        assert snapshot(project) == before
