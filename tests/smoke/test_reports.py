"""Reports stay honest and bounded whatever the apps print, answer or record."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result

from sample_apps import flask_app, flask_app_saying
from scaffold import generate
from scaffold.cli import cli
from support import snapshot

pytestmark = pytest.mark.integration

NOISE = "\\x00\\x01\\x08\\x1b[31mred\\x1b[0m ]]> <&> \\ud800 \\ufffe"


def smoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["smoke", *args])


def noisy_failing_app(folder: Path) -> Path:
    """A Flask app that prints characters XML forbids, a 150 KB line and 20,000 lines."""
    return flask_app(
        folder,
        "import sys\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"
        f"sys.stdout.write({NOISE!r} * 3 + '\\n')\nsys.stdout.write('y' * 150_000 + '\\n')\n"
        "for i in range(20_000):\n    print('line', i)\n"
        "sys.stdout.flush()\nsys.stderr.write('boom\\n')\nsys.exit(3)\n",
    )


def test_junit_xml_is_well_formed_whatever_the_server_prints_and_the_path_holds(
    runner: CliRunner, tmp_path: Path
) -> None:
    app = noisy_failing_app(tmp_path / "odd \x07 name ]]> &")
    report = tmp_path / "smoke.xml"
    result = smoke(runner, "--junit-xml", str(report), str(app))
    assert result.exit_code == 1
    case = ElementTree.parse(report).getroot().find("testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert "exited with code 3" in (failure.get("message") or "")
    assert "boom" in (failure.text or "")


def test_server_output_is_capped_in_lines_and_bytes(runner: CliRunner, tmp_path: Path) -> None:
    app = noisy_failing_app(tmp_path / "app")
    result = smoke(runner, "--json", str(app))
    (row,) = json.loads(result.stdout)
    lines = row["output"].splitlines()
    assert 0 < len(lines) <= 20
    assert all(len(line) <= 310 for line in lines)
    assert len(result.stdout) < 20_000
    text = smoke(runner, str(app)).stdout
    assert len(text) < 20_000
    assert "\x1b" not in text
    assert "\x00" not in text


def test_a_pass_line_does_not_print_a_long_body(runner: CliRunner, tmp_path: Path) -> None:
    body = "Hello, World!" + "x" * 150_000
    app = flask_app_saying(tmp_path / "app", body)
    result = smoke(runner, "--expect", body, str(app))
    assert result.exit_code == 0, result.output[:500]
    (line, _) = result.stdout.splitlines()
    assert line.startswith("PASS")
    assert len(line) < 300


def test_a_greeting_that_says_script_passes(runner: CliRunner, tmp_path: Path) -> None:
    greeting = "<script>alert(1)</script> Hi"
    project = generate("flask-project", "site1", output_dir=tmp_path, greeting=greeting).path
    result = smoke(runner, str(project))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ({"project_name": "x; rm -rf ~", "greeting": "Hi"}, "project_name must be a Python"),
        ({"project_name": ["site1"], "greeting": "Hi"}, "project_name must be a Python"),
        ({"project_name": "site1", "greeting": 42}, "greeting must be a string"),
        ({"project_name": "site1", "greeting": "Hi\x1b[2J"}, "control character"),
        ({"project_name": "site1"}, "greeting is missing"),
    ],
    ids=["shell", "list", "number", "escape-codes", "missing"],
)
def test_the_answers_file_is_checked_before_use(
    runner: CliRunner, tmp_path: Path, answers: dict[str, object], reason: str
) -> None:
    project = generate("flask-single", "site1", output_dir=tmp_path).path
    (project / ".scaffold.json").write_text(
        json.dumps({"template": "flask-single", "answers": answers})
    )
    result = smoke(runner, str(project))
    assert result.exit_code == 2
    assert "is not a valid answers file" in result.stderr
    assert reason in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_huge_answers_file_is_refused_unread(runner: CliRunner, tmp_path: Path) -> None:
    project = generate("flask-single", "site1", output_dir=tmp_path).path
    (project / ".scaffold.json").write_text(" " * 10_000_000 + "{}")
    result = smoke(runner, str(project))
    assert result.exit_code == 2
    assert "larger than 64 KiB" in result.stderr


@pytest.mark.parametrize(
    "where", ["missing/smoke.xml", "a-file/smoke.xml"], ids=["missing-folder", "under-a-file"]
)
def test_an_unwritable_junit_xml_is_refused_before_any_target_runs(
    runner: CliRunner, tmp_path: Path, where: str
) -> None:
    (tmp_path / "a-file").write_text("")
    app = flask_app(tmp_path / "app", "raise SystemExit('this app must never be started')\n")
    before = snapshot(tmp_path)
    result = smoke(runner, "--junit-xml", str(tmp_path / where), str(app))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot write")
    assert result.stdout == ""
    assert snapshot(tmp_path) == before
