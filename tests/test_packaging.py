"""The templates ship inside the wheel and are found from any folder, installed or editable."""

from __future__ import annotations

import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import REPO, run_scaffold, snapshot

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(REPO)],
        check=True,
        timeout=120,
    )  # fmt: skip
    (built,) = out.glob("scaffold_webapps-*.whl")
    return built


def test_the_wheel_holds_every_template_file_and_no_bytecode(wheel: Path) -> None:
    templates = REPO / "templates"
    expected = {
        f"scaffold/templates/{p.relative_to(templates).as_posix()}"
        for p in templates.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        mode = (
            archive.getinfo(
                "scaffold/templates/django_project/{{cookiecutter.project_name}}/manage.py"
            ).external_attr
            >> 16
        )
    assert expected <= names
    assert "scaffold/cli/__init__.py" in names
    # Every template version shipped so far, for `scaffold update`.
    assert {
        "scaffold/_update/history/0.1.0.tar.xz",
        "scaffold/_update/history/0.2.0.tar.xz",
        "scaffold/_update/history/0.2.1.tar.xz",
        "scaffold/_update/history/0.2.2.tar.xz",
    } <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith("tests/")]
    assert mode & stat.S_IXUSR


def _scaffold_new(tmp_path: Path, pythonpath: Path) -> Path:
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    result = run_scaffold(
        "new", "django-project", "site1", cwd=cwd, env={"PYTHONPATH": str(pythonpath)}
    )
    assert result.returncode == 0, result.stderr
    return cwd / "site1"


def test_an_installed_wheel_generates_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    # pip byte-compiles what it installs, templates included: the project must not show it.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
         str(wheel)],
        check=True,
        timeout=120,
    )  # fmt: skip
    assert list((site / "scaffold" / "templates").rglob("*.pyc"))
    project = _scaffold_new(tmp_path, pythonpath=site)
    files = snapshot(project)
    assert "manage.py" in files
    assert not [name for name in files if "__pycache__" in name]


def test_a_source_checkout_generates_from_any_folder(tmp_path: Path) -> None:
    # What `pip install -e .` does: put the checkout itself on the path.
    project = _scaffold_new(tmp_path, pythonpath=REPO)
    assert (project / "manage.py").is_file()
