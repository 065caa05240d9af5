"""Projects as scaffold 0.1.0 made them, from the templates it shipped (kept in the package)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scaffold._project.rendering import render
from scaffold._project.secret_keys import new_secret
from scaffold._update.history import template_folder
from scaffold.kinds import get_kind

OldProject = Callable[[str], Path]

# The templates scaffold 0.1.0 shipped (flask-project came with 0.2.0).
OLD_TEMPLATES = ["flask-single", "django-single", "django-project"]


@pytest.fixture
def old_project(tmp_path: Path) -> OldProject:
    """A function making a project as scaffold 0.1.0 did: named site1, in tmp_path/old."""

    def make(template: str) -> Path:
        kind = get_kind(template)
        answers = {"project_name": "site1", "greeting": "Hello"}
        # 0.1.0 made the secret inside the template and recorded it nowhere.
        answers.update({answer: new_secret(prefix) for answer, prefix in kind.secrets})
        (tmp_path / "old").mkdir()
        with template_folder(kind, "0.1.0") as folder:
            return render(kind, answers, tmp_path / "old", template=folder)

    return make
