"""The Python API: the README's example runs, it mirrors the command line, runs stay apart."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import click
import pytest

import scaffold
from sample_apps import flask_app, hanging_app
from scaffold.cli import cli
from support import REPO, assert_gone

README = (REPO / "README.md").read_text(encoding="utf-8")
API_PAGE = (REPO / "docs" / "api.md").read_text(encoding="utf-8")


@pytest.mark.integration
def test_the_readmes_example_prints_what_its_comment_says(tmp_path: Path) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    said = re.search(r"print\(.*\)  # (.*)$", code, re.MULTILINE)
    assert said
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == said.group(1) + "\n"


@pytest.mark.integration
def test_the_api_pages_example_prints_what_the_page_says(tmp_path: Path) -> None:
    section = API_PAGE
    code, printed = re.findall(r"```(?:python|text)\n(.*?)```", section, re.DOTALL)[:2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == printed
    assert (tmp_path / "blog" / "blog" / "__init__.py").is_file()


def _keyword_only(function: object) -> set[str]:
    parameters = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    return {p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}


def _options(command: str) -> set[str]:
    params = cli.commands[command].params  # type: ignore[attr-defined]
    return {p.name for p in params if isinstance(p, click.Option)}


@pytest.mark.parametrize(
    ("command", "function", "only_in_the_cli", "only_in_the_api"),
    [
        ("new", scaffold.generate, {"no_input"}, set()),
        ("smoke", scaffold.smoke, {"as_json", "junit_xml", "keep"}, {"workdir", "progress"}),
        ("compare", scaffold.compare, {"fmt", "as_json", "diff"}, {"progress"}),
        ("check", scaffold.check, {"as_json"}, set()),
        ("diff", scaffold.diff, {"exit_code"}, set()),
        ("update", scaffold.update, {"as_json"}, set()),
    ],
    ids=["new", "smoke", "compare", "check", "diff", "update"],
)
def test_each_function_takes_its_commands_options_as_keywords(
    command: str, function: object, only_in_the_cli: set[str], only_in_the_api: set[str]
) -> None:
    assert _options(command) - only_in_the_cli == _keyword_only(function) - only_in_the_api


def test_every_public_name_is_there() -> None:
    for name in scaffold.__all__:
        assert getattr(scaffold, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        scaffold.nothing  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.integration
def test_closing_one_smoke_run_early_stops_its_servers_and_no_other_runs(
    tmp_path: Path,
) -> None:
    quick, hang = flask_app(tmp_path / "quick"), hanging_app(tmp_path / "hang")
    first = scaffold.smoke([quick, hang], timeout=60, jobs=2)
    assert next(first).target == str(quick)
    pid_file = hang / "pid"
    while not (pid_file.exists() and pid_file.read_text()):  # the hanging server is up
        time.sleep(0.02)
    other: list[scaffold.SmokeResult] = []
    running = threading.Thread(target=lambda: other.extend(scaffold.smoke(["flask-single"])))
    running.start()
    first.close()
    running.join(timeout=60)
    assert [(r.target, r.passed) for r in other] == [("flask-single", True)]
    assert_gone(int(pid_file.read_text()))
