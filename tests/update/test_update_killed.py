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

# Runs `update` on each project of argv[1::2], each in a process of its own, forked from
# this one (which has imported scaffold once), that kills itself with SIGKILL just before
# the update's argv[2::2]-th write to the project (0: never). Prints a line per project:
# how the process ended (waitstatus_to_exitcode) and how many writes it made.
_KILLED_AT = """
import io, os, signal, sys
import scaffold, scaffold._update as updating

def killed_at(project, kill_at):
    calls = [0]
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
    scaffold.update(project)
    return calls[0]

for project, step in zip(sys.argv[1::2], sys.argv[2::2]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        os.write(write, str(killed_at(project, int(step))).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as made:
        writes = made.read() or "-"
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), writes)
"""


def _updates_killed_at(runs: dict[int, Path]) -> list[tuple[int, str]]:
    """(exit code, writes made) of an update of each project, killed at its step."""
    argv = [str(arg) for step, project in runs.items() for arg in (project, step)]
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_AT, *argv],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return [(int(code), writes) for code, writes in map(str.split, done.stdout.splitlines())]


def test_an_update_killed_at_any_step_is_finished_by_the_next(
    old_project: OldProject, tmp_path: Path, runner: CliRunner
) -> None:
    project = old_project("flask-single")
    done = tmp_path / "done"
    shutil.copytree(project, done)
    ((code, writes),) = _updates_killed_at({0: done})
    assert code == 0
    steps, after = int(writes), snapshot(done)
    assert steps > 10
    killed_at = {step: tmp_path / f"killed-{step}" for step in range(1, steps + 1)}
    for killed in killed_at.values():
        shutil.copytree(project, killed)
    # Two processes forking the updates, as the machine has two CPUs or more.
    halves = [dict(list(killed_at.items())[half::2]) for half in (0, 1)]
    with ThreadPoolExecutor(2) as pool:
        ends = [end for ended in pool.map(_updates_killed_at, halves) for end in ended]
    assert ends == [(-signal.SIGKILL, "-")] * steps
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
    ((_, writes),) = _updates_killed_at({0: tmp_path / "done"})
    steps = int(writes)
    # Killed before the last two writes (the record, the journal's removal): all else is new.
    assert _updates_killed_at({steps - 1: project}) == [(-signal.SIGKILL, "-")]
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
