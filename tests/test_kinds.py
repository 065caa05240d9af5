"""Each kind of app is one record, and each record has its template."""

from __future__ import annotations

import json
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


def test_the_copies_of_the_shared_macro_are_identical() -> None:
    copies = {kind.name: (kind.path / "templates" / "python.jinja").read_text() for kind in KINDS}
    assert len(set(copies.values())) == 1, "templates/*/templates/python.jinja differ"


RULES = (Path(scaffold._project.names.__file__)).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_templates_hook_applies_scaffolds_own_rules(kind: Kind) -> None:
    hook = (kind.path / "hooks" / "pre_gen_project.py").read_text(encoding="utf-8")
    assert hook.startswith(RULES), (
        f"{kind.folder}/hooks/pre_gen_project.py must start with scaffold/_project/names.py, "
        "copied verbatim"
    )
    assert f"TEMPLATE = {kind.name!r}\n" in hook
    reserved = ", ".join(map(repr, sorted(kind.reserved)))
    assert f"RESERVED = frozenset({{{reserved}}})\n" in hook or (
        not kind.reserved and "RESERVED = frozenset()\n" in hook
    )
