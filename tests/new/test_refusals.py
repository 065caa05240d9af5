"""Bad input: a one-line reason on stderr, exit code 2, and the output folder untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold.cli import cli
from support import run_scaffold, snapshot


def _assert_refused(result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert message in lines[0]
    assert "Traceback" not in result.output


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder that already holds a project and a file."""
    folder = tmp_path / "out"
    (folder / "existing").mkdir(parents=True)
    (folder / "existing" / "keep.txt").write_text("mine")
    (folder / "notes.txt").write_text("mine too")
    (folder / "empty").mkdir()
    return folder


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["flask-single", ""], "the project name is empty"),
        (["flask-single", "123abc"], "'123abc' is not a valid project name"),
        (["flask-single", "my-site"], "e.g. 'my_site'"),
        (["flask-single", "a b"], "e.g. 'a_b'"),
        (["django-single", "class"], "is a Python keyword"),
        (["django-single", "os"], "would shadow the module 'os'"),
        (["django-project", "django"], "would shadow the module 'django'"),
        (["flask-single", "Flask"], "would shadow the module 'flask'"),
        (["flask-single", "sub/dir"], "is a path"),
        (["flask-single", "--", "-rf"], "looks like an option"),
        (["django-project", "helloworld"], "a name the django-project template uses itself"),
        (["flask-project", "tests"], "a name the flask-project template uses itself"),
        (
            ["rails", "blog"],
            "choose one of flask-single, flask-project, django-single, django-project",
        ),
        (["flask_single", "blog"], "did you mean 'flask-single'?"),
        (["flask-single", "blog", "--greeting", ""], "the greeting is blank"),
        (["flask-single", "blog", "--greeting", "   "], "the greeting is blank"),
        (["flask-single", "existing", "--greeting", ""], "already exists as a folder"),
        (["flask-single", "notes.txt"], "already exists as a file"),
        (["flask-single", "blog", "--greeting", "Hi\nthere"], "line break"),
        (["flask-single", "blog", "--greeting", "Hi\x1b[31m"], "control character"),
        (["flask-single", "existing"], "already exists as a folder"),
        (["flask-single", "empty"], "already exists as a folder"),
        (["django-project", "not.txt"], "is not a valid project name"),
    ],
    ids=lambda value: repr(value) if isinstance(value, list) else "",
)
def test_bad_input_is_refused_and_nothing_is_touched(
    runner: CliRunner, out: Path, args: list[str], message: str
) -> None:
    before = snapshot(out)
    result = runner.invoke(cli, ["new", "--output-dir", str(out), *args])
    _assert_refused(result, message)
    assert snapshot(out) == before


def test_an_existing_file_with_the_name_is_refused(runner: CliRunner, out: Path) -> None:
    (out / "blog").write_text("not a folder")
    before = snapshot(out)
    result = runner.invoke(cli, ["new", "flask-single", "blog", "-o", str(out)])
    _assert_refused(result, "already exists as a file")
    assert snapshot(out) == before


def test_an_output_dir_that_is_a_file_is_refused(runner: CliRunner, out: Path) -> None:
    before = snapshot(out)
    result = runner.invoke(cli, ["new", "flask-single", "blog", "-o", str(out / "notes.txt")])
    _assert_refused(result, "is a file")
    assert snapshot(out) == before


def test_a_missing_output_dir_is_refused_not_created(runner: CliRunner, out: Path) -> None:
    result = runner.invoke(cli, ["new", "flask-single", "blog", "-o", str(out / "nope")])
    _assert_refused(result, "does not exist")
    assert not (out / "nope").exists()


def test_an_output_dir_where_no_folder_can_be_made_is_refused(runner: CliRunner) -> None:
    # /proc exists and is a folder, but takes no new one: as a read-only disk would not.
    result = runner.invoke(cli, ["new", "flask-single", "blog", "-o", "/proc"])
    _assert_refused(result, "cannot create a folder in '/proc': No such file or directory")


def test_refusals_from_the_installed_command_have_no_traceback(out: Path) -> None:
    before = snapshot(out)
    result = run_scaffold("new", "flask-single", "my-site", cwd=out)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: 'my-site' is not a valid project name: use letters, digits and underscores, "
        "not starting with a digit, e.g. 'my_site'.\n"
    )
    assert snapshot(out) == before


def test_a_template_missing_from_the_install_is_one_line_saying_to_reinstall(
    tmp_path: Path,
) -> None:
    """As after a partial install: the template folder has no cookiecutter.json."""
    from scaffold._project.rendering import render
    from scaffold.errors import GenerationError
    from scaffold.kinds import get_kind

    broken = tmp_path / "template"
    broken.mkdir()
    (tmp_path / "out").mkdir()
    with pytest.raises(GenerationError) as raised:
        render(get_kind("flask-single"), {"project_name": "hello"}, tmp_path / "out",
               template=broken)  # fmt: skip
    assert str(raised.value) == (
        f"cannot read the template 'flask-single' (No such file or directory: "
        f"'{broken / 'cookiecutter.json'}'): reinstall scaffold (pip install "
        "--force-reinstall scaffold-webapps)."
    )
    assert list((tmp_path / "out").iterdir()) == []
