"""The `scaffold` entry point: answers `--version`, `--help` and `list` without click.

Importing click costs about three times the start of Python itself, and these
commands run in loops (CI steps, shell prompts, scripts that pick a template), so
they are answered here from plain data. Every other command line goes to
`scaffold.cli`. The answers are the ones click gives, byte for byte: the tests
compare the two.
"""

from __future__ import annotations

import os
import sys

from scaffold import __version__

__all__ = ["HELP_FILE", "answer", "listing", "main"]

# os.path rather than pathlib, whose import would cost more than this whole command.
HELP_FILE = os.path.join(os.path.dirname(__file__), "help.txt")  # noqa: PTH118, PTH120
"""`scaffold --help` as click renders it at 80 columns (see `tests/test_quick.py`)."""

# click wraps help to the terminal's width, but never wider than 80 columns: from
# there on, the text is the same whatever the width.
_HELP_WIDTH = 80


def answer(args: list[str]) -> str | None:
    """What `scaffold ARGS` prints, if it can be said without click; else None."""
    if "_SCAFFOLD_COMPLETE" in os.environ:  # shell completion, which click does
        return None
    if args in (["--version"], ["-V"]):
        return f"scaffold, version {__version__}\n"
    if args in (["--help"], ["-h"]) and _columns() >= _HELP_WIDTH:
        with open(HELP_FILE, encoding="utf-8") as file:  # noqa: PTH123
            return file.read()
    if args in (["list"], ["list", "--json"]):
        return listing(as_json=len(args) == 2)
    return None


def listing(*, as_json: bool) -> str:
    """The output of `scaffold list`: a line per template, or a JSON array."""
    from scaffold.templates import TEMPLATES

    if as_json:
        import json

        rows = [{"name": t.name, "description": t.description} for t in TEMPLATES]
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(t.name) for t in TEMPLATES)
    return "".join(f"{t.name.ljust(width)}  {t.description}\n" for t in TEMPLATES)


def main() -> None:
    """Entry point of the `scaffold` command."""
    text = answer(sys.argv[1:])
    if text is None:
        from scaffold.cli import main as click_main

        click_main()
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left early (`scaffold list | head -1`): end quietly, as click
        # does, with nothing more to flush into the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


def _columns() -> int:
    # The width click wraps help to, measured as shutil.get_terminal_size() does
    # (COLUMNS, else the terminal, else 80) without shutil's own imports.
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80
