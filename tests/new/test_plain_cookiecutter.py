"""The templates are plain cookiecutter templates: cookiecutter alone makes the same project."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from scaffold import generate
from support import BIN, REPO, TEMPLATE_NAMES, snapshot

pytestmark = pytest.mark.integration


def _read_all(project: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(project.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            # The one intended difference: each project gets its own secret key.
            texts[path.relative_to(project).as_posix()] = re.sub(
                r'"django-insecure-[^"]+"', '"<secret>"', text
            )
    return texts


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_cookiecutter_no_input_makes_the_same_project(
    template: str, tmp_path: Path, home: Path
) -> None:
    folder = REPO / "templates" / template.replace("-", "_")
    defaults = json.loads((folder / "cookiecutter.json").read_text())
    result = subprocess.run(
        [str(BIN / "cookiecutter"), "--no-input", str(folder), "-o", str(tmp_path / "plain")],
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    plain = tmp_path / "plain" / defaults["project_name"]
    ours = generate(template, defaults["project_name"], output_dir=tmp_path).path
    assert _read_all(plain) == _read_all(ours)
    assert defaults["greeting"] == "Hello"


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_recorded_answers_render_the_same_project_byte_for_byte(
    template: str, tmp_path: Path, home: Path
) -> None:
    (tmp_path / "ours").mkdir()
    ours = generate(template, "site1", output_dir=tmp_path / "ours", greeting="Hi there").path
    answers = json.loads((ours / ".scaffold.json").read_text())["answers"]
    folder = REPO / "templates" / template.replace("-", "_")
    result = subprocess.run(
        [str(BIN / "cookiecutter"), "--no-input", str(folder), "-o", str(tmp_path / "plain"),
         *(f"{key}={value}" for key, value in answers.items())],
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path / "plain" / "site1") == snapshot(ours)
