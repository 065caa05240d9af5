"""action.yml: valid by GitHub's own schema, and its smoke step does what its inputs say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from sample_apps import flask_app
from support import REPO

ACTION = REPO / "action.yml"


def _step(name: str) -> str:
    action = yaml.safe_load(ACTION.read_text())
    (script,) = [step["run"] for step in action["runs"]["steps"] if step["name"] == name]
    return str(script)


def test_the_action_is_valid_by_githubs_schema() -> None:
    checker = Path(sys.executable).with_name("check-jsonschema")
    run = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-actions", str(ACTION)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


def _smoke_step(tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "TARGETS": ".", "SERVER": "dev", "SHARD": "", "JUNIT_XML": "", "FRESH_ENV": "false",
           **inputs}  # fmt: skip
    return subprocess.run(["bash", "-c", _step("Smoke")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_the_smoke_step_runs_the_targets_the_shard_and_the_report_named(tmp_path: Path) -> None:
    for name in ("one", "two", "three"):
        flask_app(tmp_path / "apps" / name)
    run = _smoke_step(tmp_path, TARGETS="apps/*", SHARD="1/2", JUNIT_XML="smoke.xml")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed, 0 failed" in run.stdout  # one and three, the first of two slices
    assert 'tests="2"' in (tmp_path / "smoke.xml").read_text()


def test_an_input_is_never_run_as_shell(tmp_path: Path) -> None:
    run = _smoke_step(tmp_path, TARGETS='$(touch pwned) ";touch pwned2"', SERVER="dev")
    assert run.returncode == 2
    assert "is neither a project folder nor a template" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
