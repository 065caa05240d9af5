"""The templates are plain cookiecutter templates: cookiecutter alone makes the same project."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import generate
from scaffold.cli import cli
from support import BIN, REPO, TEMPLATE_NAMES, listing, snapshot

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


def _plain(template: str, answers: dict[str, str], out: Path) -> None:
    """Plain cookiecutter, through its own API: no scaffold, hooks and all."""
    from cookiecutter.main import cookiecutter

    folder = REPO / "templates" / template.replace("-", "_")
    cookiecutter(str(folder), no_input=True, extra_context=answers, output_dir=str(out))


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_recorded_answers_render_the_same_project_byte_for_byte(
    template: str, tmp_path: Path, home: Path
) -> None:
    (tmp_path / "ours").mkdir()
    ours = generate(template, "site1", output_dir=tmp_path / "ours", greeting="Hi there").path
    answers = json.loads((ours / ".scaffold.json").read_text())["answers"]
    _plain(template, answers, tmp_path / "plain")
    assert snapshot(tmp_path / "plain" / "site1") == snapshot(ours)


# Names and greetings, good and bad, that plain cookiecutter and scaffold must judge
# alike. (Empty names and paths are cookiecutter's own to refuse: it makes the
# project's folder before any hook runs.)
CORPUS = [
    ("flask-single", "site1", "Hello"),
    ("flask-single", "my-site", "Hello"),
    ("flask-single", "123abc", "Hello"),
    ("flask-single", "class", "Hello"),
    ("flask-single", "__main__", "Hello"),
    ("flask-single", "django", "Hello"),
    ("flask-single", "Über", "Hello"),
    ("flask-single", "n" * 101, "Hello"),
    ("flask-single", "site2", "Grüß Gott 👋 \u202e"),
    ("flask-single", "site3", "   "),
    ("flask-single", "site4", "Hi\x1b[31m"),
    ("django-project", "helloworld", "Hello"),
    ("flask-project", "tests", "Hello"),
    ("django-single", "rich", "Bonjour"),
]


@pytest.mark.parametrize(("template", "name", "greeting"), CORPUS)
def test_plain_cookiecutter_judges_answers_as_scaffold_does(
    runner: CliRunner,
    capfd: pytest.CaptureFixture[str],
    template: str,
    name: str,
    greeting: str,
    tmp_path: Path,
    home: Path,
) -> None:
    from cookiecutter.exceptions import FailedHookException

    (tmp_path / "ours").mkdir()
    ours = runner.invoke(cli, ["new", template, name, "-g", greeting, "-o", str(tmp_path / "ours")])
    try:
        _plain(template, {"project_name": name, "greeting": greeting}, tmp_path / "plain")
        refused = False
    except FailedHookException:
        refused = True
    assert (ours.exit_code != 0) == refused, ours.stderr
    if refused:
        assert ours.stderr.splitlines()[-1] in capfd.readouterr().err  # the same message
        assert listing(tmp_path / "plain") == []  # and nothing written
    else:
        assert listing(tmp_path / "plain") == [name]
