"""Checks of option values that more than one command takes."""

from __future__ import annotations

import click

_MAX_FOLDERS = 200
TYPE_CHECKING = False  # as typing's, without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Callable

    from click.shell_completion import CompletionItem

__all__ = [
    "complete_target",
    "env_file_option",
    "env_option",
    "host_option",
    "progress_printer",
    "python_option",
]


def complete_target(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """A target, as the shell completes it: a template's name, or a folder.

    The folders are listed here rather than left to the shell ("dir" completions):
    bash drops every other match when it is told to complete folders.
    """
    import os

    from click.shell_completion import CompletionItem

    from scaffold.kinds import KINDS

    names = [k.name for k in KINDS if k.name.startswith(incomplete)]
    head, slash, start = incomplete.rpartition("/")
    folder = (head or "/") if slash else "."
    try:
        with os.scandir(folder) as entries:
            folders = sorted(
                f"{head}{slash}{entry.name}/"
                for entry in entries
                if entry.name.startswith(start)
                and (start or not entry.name.startswith("."))
                and entry.is_dir()
            )
    except OSError:
        folders = []
    return [CompletionItem(value) for value in [*names, *folders[:_MAX_FOLDERS]]]


def _key_values(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    """KEY=VALUE pairs as a mapping."""
    settings = {}
    for value in values:
        key, equals, setting = value.partition("=")
        if not equals:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE, e.g. DJANGO_DEBUG=0.")
        settings[key] = setting
    return settings


host_option = click.option(
    "--host",
    metavar="NAME",
    help="The Host header of every request, e.g. a name ALLOWED_HOSTS lists.  "
    "[default: 127.0.0.1:PORT]",
)
env_option = click.option(
    "--env",
    multiple=True,
    callback=_key_values,
    metavar="KEY=VALUE",
    help="A setting for the servers' environment; repeat it for more.",
)
env_file_option = click.option(
    "--env-file",
    multiple=True,
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="A file of KEY=VALUE settings for the servers' environment, read as a .env (as "
    "docker compose's env_file); repeatable, a later one's win, --env's over all.",
)
python_option = click.option(
    "--python",
    metavar="PYTHON",
    help="The interpreter that runs every app: a path, a command, or a version such as 3.12 "
    "(the newest installed by pyenv or uv, or on PATH).  [default: each project's own virtualenv "
    "(.venv, venv, or any folder holding a pyvenv.cfg), else the activated one ($VIRTUAL_ENV), "
    "else the one running scaffold]",
)


def progress_printer(*, quiet: bool) -> Callable[[str], None] | None:
    """Where a slow step says it has started: dim on stderr, at a terminal only (never in
    pipes, files, or with `quiet`). The colour is decided here, in the command: the
    threads that report have no click context to ask (--no-color, NO_COLOR)."""
    import sys

    if quiet or not sys.stderr.isatty():
        return None
    color = click.get_current_context().color

    def say(message: str) -> None:
        click.secho(message, err=True, dim=True, color=color)

    return say
