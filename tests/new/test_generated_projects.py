"""The projects scaffold writes pass Django's checks, migrate, and lint clean."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold import generate
from support import BIN, TEMPLATE_NAMES

pytestmark = pytest.mark.integration


def _run(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


# Each project's own tests (python -m pytest in the project) run in checks/matrix.py,
# which CI runs: for every template, on two Pythons, at the lowest and highest versions.


def test_the_django_project_checks_and_migrates(tmp_path: Path) -> None:
    project = generate("django-project", "site1", output_dir=tmp_path)
    for command in (["check"], ["migrate", "--no-input"]):
        result = _run(sys.executable, "manage.py", *command, cwd=project.path)
        assert result.returncode == 0, result.stdout + result.stderr
    assert (project.path / "db.sqlite3").is_file()


GREETINGS = [
    "Hello",
    "Say \"hi\" and 'bye'",
    '"""\'',
    "Grüß Gott, 你好, 👋 — “quoted”",
    "Hello there, " * 6,  # long enough that only parentheses make it fit
    "Hello there, " * 12,  # too long to fit at all
    "日本語のあいさつ" * 5,
]


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_generated_code_is_lint_clean_and_formatted(template: str, tmp_path: Path) -> None:
    for i, greeting in enumerate(GREETINGS):
        project = generate(template, f"site{i}", output_dir=tmp_path, greeting=greeting.strip())
        # From the project's own folder, with its own settings (pyproject.toml), as its
        # user and its CI workflow run it: that decides what is local.
        for command in (["check"], ["format", "--check"]):
            result = _run(str(BIN / "ruff"), *command, ".", cwd=project.path)
            assert result.returncode == 0, f"{greeting!r}:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_generated_readme_covers_install_run_test_configure_and_next(
    template: str, tmp_path: Path
) -> None:
    readme = (generate(template, "site1", output_dir=tmp_path).path / "README.md").read_text()
    for heading in ("## Quick start", "## Run", "## Test", "## Configure", "## Next steps"):
        assert heading in readme
    assert "gunicorn " in readme
    # Both ways to install, from pyproject.toml alone.
    assert "uv run pytest" in readme
    assert "python -m pip install -e . --group dev" in readme
    assert "requirements" not in readme


@pytest.mark.parametrize("template", ["flask-project", "django-project"])
@pytest.mark.parametrize("name", ["s", "site1", "a_rather_long_project_name_indeed"])
def test_the_readmes_layout_drawing_lines_up_for_any_name(
    template: str, name: str, tmp_path: Path
) -> None:
    readme = (generate(template, name, output_dir=tmp_path).path / "README.md").read_text()
    drawing = readme.split("```\n", 2)[1].splitlines()
    columns = {re.match(r".+?\S {2,}(?=\S)", line).end() for line in drawing}  # type: ignore[union-attr]
    assert len(columns) == 1, "\n".join(drawing)
