"""The README documents every command and option, and CI runs the README's test command."""

from __future__ import annotations

import re

import click
import pytest

from scaffold.cli import cli
from support import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[click.Command]:
    return list(cli.commands.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: c.name)
def test_every_command_has_help_and_a_readme_section(command: click.Command) -> None:
    assert command.help
    assert f"### `scaffold {command.name}" in README


@pytest.mark.parametrize(
    "option",
    [opt for c in _commands() for p in c.params for opt in p.opts if opt.startswith("--")],
)
def test_every_option_is_in_the_readme(option: str) -> None:
    assert f"`{option}" in README or f" {option}" in README


def test_every_exit_code_is_in_the_readme() -> None:
    for code in ("0", "1", "2"):
        assert re.search(rf"^\| {code} +\| \w", README, re.MULTILINE)


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    section = README.split("## Run the tests", 1)[1]
    command = re.search(r"```sh\n(.+?)\n```", section, re.DOTALL)
    assert command
    ci_lines = (REPO / ".ci" / "run").read_text().splitlines()
    assert command.group(1) in ci_lines
