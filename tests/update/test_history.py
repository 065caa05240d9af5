"""Every template version scaffold has shipped renders from the package, offline and compactly."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest

from scaffold._update import history
from scaffold._update.history import HISTORY, template_folder, versions
from scaffold._version import __version__
from scaffold.errors import UpdateError
from scaffold.kinds import KINDS, get_kind, templates_root
from support import REPO

FIRST_RELEASE = "fd36f7b"  # main when scaffold 0.1.0 shipped


def _tree(folder: Path) -> dict[str, tuple[bytes, bool]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), os.access(p, os.X_OK))
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def test_the_current_templates_are_archived_as_this_version(tmp_path: Path) -> None:
    # A template changed without a new version fails here: bump the version in
    # scaffold/_version.py and the templates' .scaffold.json, then run
    # `python -m scaffold._update` to archive the new templates.
    with tarfile.open(HISTORY / f"{__version__}.tar.xz") as archive:
        archive.extractall(tmp_path, filter="data")
    assert _tree(tmp_path) == _tree(templates_root())


def test_every_kind_records_the_version_that_made_it() -> None:
    for kind in KINDS:
        answers_file = kind.path / "{{cookiecutter.project_name}}" / ".scaffold.json"
        assert f'"version": "{__version__}",' in answers_file.read_text()


def test_the_versions_are_in_order_and_compact() -> None:
    assert versions()[0] == "0.1.0"
    assert versions()[-1] == __version__
    assert history.version_key("0.10.0") > history.version_key("0.9.0")
    for archive in HISTORY.glob("*.tar.xz"):
        assert archive.stat().st_size < 16 * 1024, archive


@pytest.mark.skipif(
    subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", FIRST_RELEASE],
                   capture_output=True, check=False).returncode != 0,
    reason="needs the project's git history (a clone, not an sdist)",
)  # fmt: skip
@pytest.mark.parametrize("template", ["flask-single", "django-single", "django-project"])
def test_version_0_1_0_renders_as_the_0_1_0_templates_did(template: str, tmp_path: Path) -> None:
    kind = get_kind(template)
    shipped = subprocess.run(
        ["git", "-C", str(REPO), "archive", FIRST_RELEASE, f"templates/{kind.folder}"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(shipped)) as archive:
        archive.extractall(tmp_path / "shipped", filter="data")
    with template_folder(kind, "0.1.0") as kept:
        got = _tree(kept)
    expected = _tree(tmp_path / "shipped" / "templates" / kind.folder)
    if template == "django-project":
        # The one difference, on purpose: the secret key is an answer, so that the
        # project's own key can be given back when the version is rendered again.
        settings = "{{cookiecutter.project_name}}/{{cookiecutter.project_name}}/settings.py"
        text, executable = expected[settings]
        expected[settings] = (
            text.replace(b'"django-insecure-{{ random_ascii_string(50) }}"',
                         b'"{{ cookiecutter.secret_key }}"'),
            executable,
        )  # fmt: skip
        assert b"secret_key" in got.pop("cookiecutter.json")[0]
        expected.pop("cookiecutter.json")
    assert got == expected


def test_a_version_without_the_template_is_an_error() -> None:
    with (
        pytest.raises(UpdateError, match=r"scaffold 0\.1\.0 had no template 'flask-project'"),
        template_folder(get_kind("flask-project"), "0.1.0"),
    ):
        pass


def test_a_damaged_archive_is_refused_and_nothing_is_written_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "HISTORY", tmp_path / "history")
    (tmp_path / "history").mkdir()
    with tarfile.open(tmp_path / "history" / "0.0.1.tar.xz", "w:xz") as archive:
        info = tarfile.TarInfo("flask_single/../../escaped.txt")
        info.size = 3
        archive.addfile(info, io.BytesIO(b"bad"))
    with (
        pytest.raises(UpdateError, match="is damaged: reinstall scaffold"),
        template_folder(get_kind("flask-single"), "0.0.1"),
    ):
        pass
    assert not Path(tempfile.gettempdir(), "escaped.txt").exists()
