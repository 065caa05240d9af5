"""Project files: only regular ones read, never waited on; unparsable source is no exception."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scaffold import generate
from scaffold._files import python_tree, read_regular
from support import run_scaffold


def test_only_a_regular_file_is_read_and_only_up_to_the_cap(tmp_path: Path) -> None:
    regular = tmp_path / "regular"
    regular.write_bytes(b"0123456789")
    assert read_regular(regular, 4) == b"0123"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no writer: a plain open() would wait for one forever
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(OSError):  # noqa: PT011 - the kind of OSError varies
            read_regular(path, 4)


@pytest.mark.parametrize("command", ["check", "diff", "update"])
def test_a_fifo_in_place_of_the_answers_file_is_refused(command: str, tmp_path: Path) -> None:
    project = generate("flask-single", "hello", output_dir=tmp_path).path
    answers = project / ".scaffold.json"
    answers.unlink()
    os.mkfifo(answers)
    run = run_scaffold(command, str(project), cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == f"Error: cannot read '{answers}': not a regular file.\n"


def test_compare_refuses_a_python_file_over_16_mib(tmp_path: Path) -> None:
    project = generate("flask-single", "hello", output_dir=tmp_path).path
    with (project / "huge.py").open("wb") as huge:  # sparse: no disk spent
        huge.truncate(16 * 1024 * 1024 + 1)
    run = run_scaffold("compare", str(project), "flask-single", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == (
        f"Error: '{project / 'huge.py'}' is larger than 16 MiB: compare reads Python files, "
        "requirements.txt and pyproject.toml up to that size.\n"
    )


# Source no parser takes: a syntax error, a NUL byte, and nesting past the parser's
# limits (MemoryError for the first two, RecursionError or SyntaxError for others).
UNPARSABLE = ["x = " + "-" * 200_000 + "1\n", "x = " + "(" * 200_000 + ")" * 200_000 + "\n",
              "x = " + "[" * 5_000 + "]" * 5_000 + "\n", "x = 1\0\n", "def\n"]  # fmt: skip


@pytest.mark.parametrize("source", UNPARSABLE, ids=["minus", "parens", "lists", "nul", "syntax"])
def test_python_that_cannot_be_parsed_is_none_never_an_exception(source: str) -> None:
    assert python_tree(source) is None
    assert python_tree(source.encode()) is None


def test_a_file_nested_past_the_parser_is_counted_and_served_without_a_traceback(
    tmp_path: Path,
) -> None:
    project = generate("flask-single", "hello", output_dir=tmp_path).path
    app = project / "app.py"
    app.write_text(app.read_text() + UNPARSABLE[0])
    compared = run_scaffold("compare", str(project), cwd=tmp_path)
    assert compared.returncode == 0, compared.stderr
    assert compared.stderr == ""
    smoked = run_scaffold("smoke", str(project), cwd=tmp_path)
    assert smoked.returncode == 1  # the app cannot be imported: its server says why
    assert smoked.stdout.startswith("FAIL")
    assert smoked.stderr == ""


@pytest.mark.parametrize("name", [".flaskenv", ".env"])
def test_a_dotenv_file_that_is_not_a_regular_file_or_too_large_is_refused(
    name: str, tmp_path: Path
) -> None:
    """smoke reads FLASK_APP from these files (as `flask run` does) before app.py."""
    project = tmp_path / "hello"
    project.mkdir()
    (project / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    os.mkfifo(project / name)
    run = run_scaffold("smoke", str(project), cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"Error: cannot read '{project / name}': not a regular file; name the app with --app.\n"
    )
    (project / name).unlink()
    with (project / name).open("wb") as huge:  # sparse: no disk spent
        huge.truncate(1024 * 1024 + 1)
    run = run_scaffold("smoke", str(project), cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"Error: '{project / name}' is over 1 MiB, more than scaffold reads: name the app with "
        "--app.\n"
    )
