"""`scaffold new --lock`: a uv.lock from the real `uv lock`, or nothing written at all."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import scaffold._new.lock
from scaffold.cli import cli
from support import assert_gone, run_scaffold


@pytest.mark.integration
def test_the_new_project_gets_the_lock_of_its_dependencies(tmp_path: Path) -> None:
    done = run_scaffold("new", "flask-project", "blog", "--lock", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    project = tmp_path / "blog"
    locked = (project / "uv.lock").read_text()
    names = set(re.findall(r'^name = "([^"]+)"$', locked, re.M))
    assert {"blog", "flask", "gunicorn", "werkzeug", "pytest", "ruff"} <= names
    assert "  uv.lock\n" in done.stdout
    # The next steps are the README's quick start with uv, which installs from the lock.
    readme = (project / "README.md").read_text()
    quick_start = readme.split("With [uv]", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    printed = done.stdout.split("Next steps:\n", 1)[1].splitlines()
    assert printed == ["  cd blog", *(f"  {line}" for line in quick_start.splitlines())]
    # Nothing else: no virtualenv, no build in the project.
    plain = tmp_path / "plain"
    plain.mkdir()
    assert run_scaffold("new", "flask-project", "blog", cwd=plain).returncode == 0
    made = sorted(p.name for p in project.iterdir())
    assert made == sorted([*(p.name for p in (plain / "blog").iterdir()), "uv.lock"])


@pytest.mark.integration
def test_a_lock_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    # An index nobody answers on, and no cache to fall back on: uv lock fails for real.
    env = {"UV_DEFAULT_INDEX": "http://127.0.0.1:9/simple", "UV_NO_CACHE": "1",
           "UV_HTTP_TIMEOUT": "5"}  # fmt: skip
    done = run_scaffold("new", "flask-single", "hello", "--lock", cwd=tmp_path, env=env)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("Error: 'uv lock' failed (exit ")
    assert "Nothing was written" in line
    assert "leave --lock out" in line
    assert list(tmp_path.iterdir()) == []


def test_a_lock_that_hangs_is_stopped_at_its_deadline_and_nothing_is_written(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A uv that never ends, with a child that ignores SIGTERM in a session of its own.
    fake = tmp_path / "bin" / "uv"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        f"setsid sh -c 'trap \"\" TERM; echo $$ > {tmp_path}/child; exec sleep 600' &\n"
        "exec sleep 600\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    monkeypatch.setattr(scaffold._new.lock, "_TIMEOUT_S", 1.0)
    output = tmp_path / "out"
    output.mkdir()
    result = runner.invoke(cli, ["new", "flask-single", "hello", "--lock", "-o", str(output)])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'uv lock' failed (exit -1): it did not end within 1 s. Nothing was written: "
        "try again when the package index can be reached, or leave --lock out and run "
        "'uv lock' in the project later.\n"
    )
    assert list(output.iterdir()) == []
    assert_gone(int((tmp_path / "child").read_text()))


def test_without_uv_lock_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scaffold._new.lock, "find_uv", lambda: None)
    argv = ["new", "flask-single", "hello", "--lock", "-o", str(tmp_path)]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --lock runs 'uv lock', and uv is not installed: install it (pipx install "
        "uv, or pip install uv) or leave --lock out.\n"
    )
    assert list(tmp_path.iterdir()) == []
