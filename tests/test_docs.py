"""The README documents every command and option, and CI runs the README's test command."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import click
import pytest

from scaffold.cli import cli
from support import BIN, REPO

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


def test_try_it_runs_twice_and_leaves_the_checkout_as_it_was(tmp_path: Path) -> None:
    section = README.split("## Try it", 1)[1]
    command = re.search(r"```sh\n(.+?)\n```", section, re.DOTALL)
    assert command
    install, rest = command.group(1).split(' ".[apps]" && ', 1)
    assert install == "python -m venv .venv && .venv/bin/pip install"
    # The installing is the test command's own; run the rest with its scaffold.
    checkout = tmp_path / "checkout"
    (checkout / ".venv").mkdir(parents=True)
    (checkout / ".venv" / "bin").symlink_to(BIN)
    for _ in range(2):
        run = subprocess.run(["bash", "-c", rest], cwd=checkout, capture_output=True,
                             text=True, timeout=120)  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert re.search(r"^PASS  /\S+/hello ", run.stdout, re.MULTILINE), run.stdout
    assert sorted(p.name for p in checkout.iterdir()) == [".venv"]
