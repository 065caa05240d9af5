"""Each kind of app is one record, and each record has its template."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

import scaffold._project.names
from scaffold.kinds import KINDS, Kind, KindName, templates_root

ROOT = templates_root()


def test_the_names_in_the_type_are_the_kinds() -> None:
    assert {kind.name for kind in KINDS} == set(get_args(KindName))


def test_every_template_folder_belongs_to_a_kind() -> None:
    folders = {path.name for path in ROOT.iterdir() if path.is_dir()} - {"__pycache__"}
    assert folders == {kind.folder for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_template_asks_for_a_name_and_a_greeting(kind: Kind) -> None:
    answers = json.loads((kind.path / "cookiecutter.json").read_text(encoding="utf-8"))
    assert list(answers) == ["project_name", "greeting", *(name for name, _ in kind.secrets)]
    assert (kind.path / "{{cookiecutter.project_name}}" / ".scaffold.json").is_file()


def test_the_copies_in_each_template_are_their_sources_output() -> None:
    # hooks/pre_gen_project.py and templates/python.jinja, written by the sync script.
    script = Path(__file__).resolve().parent.parent / "checks" / "sync_templates.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_templates_hook_applies_scaffolds_own_rules(kind: Kind) -> None:
    hook = (kind.path / "hooks" / "pre_gen_project.py").read_text(encoding="utf-8")
    rules = Path(scaffold._project.names.__file__).read_text(encoding="utf-8")
    assert hook.startswith(rules)
    assert f"TEMPLATE = {kind.name!r}\n" in hook
    assert "shadowed=FRAMEWORK_MODULES" in hook


def test_kinds_can_key_a_mapping() -> None:
    # benchmarks and callers key figures by kind: a record must hash, framework and all.
    assert len({kind: kind.name for kind in KINDS}) == len(KINDS)
