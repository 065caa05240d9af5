"""Checks of option values that more than one command takes."""

from __future__ import annotations

import click

__all__ = ["env_option", "host_option", "python_option"]


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
python_option = click.option(
    "--python",
    metavar="PATH",
    help="The interpreter that runs every app.  [default: each project's own virtualenv "
    "(.venv, venv, or any folder holding a pyvenv.cfg), else the one running scaffold]",
)
