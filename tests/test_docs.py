"""The README is the front door and the docs the manual: every command and option is
documented, the README stays short and links to every page, the site lists every page,
and CI runs the README's test command."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import click
import pytest

from scaffold.cli import cli
from support import BIN, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
PAGES = sorted((REPO / "docs").glob("*.md"))
DOCS = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)


def _commands() -> list[click.Command]:
    return list(cli.commands.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: c.name)
def test_every_command_has_help_a_docs_section_and_a_readme_example(
    command: click.Command,
) -> None:
    assert command.help
    assert f"## `scaffold {command.name}" in DOCS
    assert re.search(rf"^(eval \"\$\()?scaffold {command.name}\b", README, re.MULTILINE)


@pytest.mark.parametrize(
    "option",
    [opt for c in _commands() for p in c.params for opt in p.opts if opt.startswith("--")],
)
def test_every_option_is_in_the_docs(option: str) -> None:
    assert f"`{option}" in DOCS or f" {option}" in DOCS


def test_every_exit_code_is_in_the_docs() -> None:
    for code in ("0", "1", "2", "130"):
        assert re.search(rf"^\| {code}\b[^|]*\| \w", DOCS, re.MULTILINE)


def test_the_readme_is_a_front_door_of_at_most_200_lines_linking_every_page() -> None:
    assert len(README.splitlines()) <= 200
    for page in PAGES:
        assert f"(docs/{page.name})" in README or page.name == "changelog.md"
    assert "(CHANGELOG.md)" in README


def test_the_site_lists_every_page_and_builds_the_cli_reference_from_the_commands() -> None:
    import yaml

    site = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    assert site["strict"] is True

    def pages(nav: object) -> list[str]:
        if isinstance(nav, str):
            return [nav]
        items = nav.values() if isinstance(nav, dict) else nav
        return [page for item in items for page in pages(item)]  # type: ignore[union-attr]

    assert sorted(pages(site["nav"])) == [page.name for page in PAGES]
    reference = (REPO / "docs" / "reference.md").read_text()
    assert "::: mkdocs-click\n    :module: scaffold.cli\n    :command: cli\n" in reference


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
