"""Generating leaves arrow unimported until a template uses `{% now %}`, which still works,
and what runs processes until `--lock` asks for one."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

from support import imported_modules, run_scaffold


def test_new_imports_neither_arrow_nor_what_runs_processes(tmp_path: Path) -> None:
    result = run_scaffold(
        "new", "django-project", "site1", cwd=tmp_path, env={"PYTHONPROFILEIMPORTTIME": "1"}
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site1" / "manage.py").is_file()
    assert "cookiecutter.extensions" in imported_modules(result.stderr)
    assert "arrow" not in imported_modules(result.stderr)
    assert "scaffold._process.supervisor" not in imported_modules(result.stderr)


# Run in a process of its own: this one may have imported cookiecutter already.
AFTER_GENERATING = """
import sys
from pathlib import Path

from cookiecutter.environment import StrictEnvironment
from scaffold import generate

generate("flask-single", "hello", output_dir=Path(sys.argv[1]))
print("arrow" in sys.modules)
print(StrictEnvironment(context={}).from_string("{% now 'utc', '%Y' %}").render())
import arrow
print(arrow.get("2024-02-29").year)
"""


def test_the_now_tag_and_arrow_work_after_generating(tmp_path: Path) -> None:
    before = datetime.datetime.now(datetime.timezone.utc).year
    result = subprocess.run(
        [sys.executable, "-c", AFTER_GENERATING, str(tmp_path)],
        cwd=tmp_path,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    after = datetime.datetime.now(datetime.timezone.utc).year
    assert result.returncode == 0, result.stderr
    imported_by_generating, year, arrows = result.stdout.splitlines()
    assert imported_by_generating == "False"
    assert int(year) in {before, after}
    assert arrows == "2024"
    assert (tmp_path / "hello" / "app.py").is_file()
