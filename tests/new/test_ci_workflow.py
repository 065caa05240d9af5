"""Each project's .github/workflows/ci.yml: valid by GitHub's schema, and its steps pass
when run here, in the generated project, as the runner runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scaffold import generate
from scaffold._process.uv import find_uv
from support import TEMPLATE_NAMES, load_check

pytestmark = pytest.mark.integration

WORKFLOW = Path(".github", "workflows", "ci.yml")


def _steps(project: Path) -> list[dict[str, str]]:
    workflow = yaml.safe_load((project / WORKFLOW).read_text())
    (job,) = workflow["jobs"].values()
    return list(job["steps"])


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_workflow_is_valid_by_githubs_schema(template: str, tmp_path: Path) -> None:
    project = generate(template, "site1", output_dir=tmp_path).path
    checker = Path(sys.executable).with_name("check-jsonschema")
    run = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(project / WORKFLOW)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    uses = [step["uses"] for step in _steps(project) if "uses" in step]
    assert uses == ["actions/checkout@v4", "astral-sh/setup-uv@v6"]


@pytest.fixture(scope="module")
def scaffold_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a wheel of this scaffold, built from a copy of its source, as
    the index would hold the published one (as checks/install_lines.py builds it)."""
    uv = find_uv()
    assert uv is not None  # the test extras install it
    return load_check("install_lines").build_wheel(tmp_path_factory.mktemp("build"), uv)  # type: ignore[no-any-return]


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_workflows_steps_pass_in_the_new_project(
    template: str, tmp_path: Path, scaffold_wheel: Path
) -> None:
    project = generate(template, "site1", output_dir=tmp_path).path
    uv = find_uv()
    assert uv is not None
    # As on the runner: uv on PATH (setup-uv, with its cache), no virtualenv active, and
    # scaffold from the index, which here is a folder with this scaffold's wheel beside PyPI.
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("VIRTUAL_ENV", "UV_")) or k == "UV_CACHE_DIR"
    }  # fmt: skip
    env |= {
        "PATH": f"{Path(uv).parent}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "UV_FIND_LINKS": str(scaffold_wheel),
        "UV_TOOL_DIR": str(tmp_path / "tools"),
        "UV_TOOL_BIN_DIR": str(tmp_path / "tool-bin"),
        "NO_COLOR": "1",
    }
    runs = [step for step in _steps(project) if "run" in step]
    assert [step["name"] for step in runs] == ["Install", "Lint", "Test", "Smoke test"]
    for step in runs:
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=project, env=env,
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{step['name']}:\n{done.stdout}{done.stderr}"
    assert "1 passed, 0 failed" in done.stdout  # the smoke test, of the project's app
