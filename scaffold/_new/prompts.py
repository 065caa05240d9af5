"""`scaffold new` at a terminal: ask for what is missing, checking each answer as it is typed.

The answers go through the same checks as the command line's arguments, with the
same messages; a bad one is asked again. Ctrl-C aborts with nothing written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from scaffold._new import DEFAULT_GREETING, check_greeting, check_target
from scaffold.errors import ScaffoldError
from scaffold.kinds import KINDS, Kind, get_kind

__all__ = ["ask_greeting", "ask_name", "ask_template"]

_T = TypeVar("_T")


def ask_template() -> Kind:
    """The template, from a numbered menu: its number or its name."""
    width = max(len(kind.name) for kind in KINDS)
    click.secho("Templates:", bold=True)
    for number, kind in enumerate(KINDS, start=1):
        click.echo(f"  {number}  {kind.name.ljust(width)}  {kind.description}")

    def chosen(answer: str) -> Kind:
        answer = answer.strip()
        if answer.isdigit():
            if 1 <= int(answer) <= len(KINDS):
                return KINDS[int(answer) - 1]
            raise click.UsageError(
                f"{answer} is not in the menu: type a number from 1 to {len(KINDS)}, or a "
                "template's name."
            )
        return _checked(lambda: get_kind(answer))

    template: Kind = click.prompt("Template", default="1", value_proc=chosen)
    return template


def ask_name(kind: Kind, output_dir: Path) -> str:
    """The project's name, suggesting the template's own default (numbered if taken)."""
    default = suggested = _default_name(kind)
    number = 1
    while (output_dir / suggested).exists():
        number += 1
        suggested = f"{default}_{number}"

    def valid(answer: str) -> str:
        _checked(lambda: check_target(answer, kind=kind, output_dir=output_dir))
        return answer

    name: str = click.prompt("Project name", default=suggested, value_proc=valid)
    return name


def ask_greeting() -> str:
    """What the app says before ', World!'."""

    def valid(answer: str) -> str:
        _checked(lambda: check_greeting(answer))
        return answer

    greeting: str = click.prompt("Greeting", default=DEFAULT_GREETING, value_proc=valid)
    return greeting


def _checked(check: Callable[[], _T]) -> _T:
    """What `check()` returns; its ScaffoldError as click's UsageError, which asks again."""
    try:
        return check()
    except ScaffoldError as err:
        raise click.UsageError(str(err)) from None


def _default_name(kind: Kind) -> str:
    defaults = json.loads((kind.path / "cookiecutter.json").read_text(encoding="utf-8"))
    name: str = defaults["project_name"]
    return name
