"""`scaffold compare` on the command line: options and the table."""

from __future__ import annotations

from typing import Literal, get_args

import click

from scaffold.cli._options import (
    complete_target,
    env_file_option,
    env_option,
    host_option,
    progress_printer,
    python_option,
)
from scaffold.errors import InputError

__all__ = ["compare"]

Format = Literal["table", "markdown", "json"]


@click.command()
@click.argument("targets", nargs=-1, metavar="TARGET...", shell_complete=complete_target)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(get_args(Format)),
    default="table",
    show_default=True,
    help="An aligned table, a GitHub markdown table, or JSON.",
)
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option("--boot", is_flag=True, help="Also measure boot time and memory (dev server).")
@click.option("--load", is_flag=True, help="Also measure throughput and latency under gunicorn.")
@click.option(
    "--repeat",
    type=int,
    default=3,
    show_default=True,
    metavar="N",
    help="How many times to measure each figure (boot, memory, load): the median is shown.",
)
@click.option(
    "--load-seconds",
    type=float,
    default=2.0,
    show_default=True,
    metavar="SECONDS",
    help="How long each load sample lasts, with --load (at most 20,000 requests).",
)
@click.option(
    "--html",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write a page with the figures, a chart of each and the code side by side.",
)
@host_option
@env_option
@env_file_option
@python_option
@click.option(
    "--roles",
    is_flag=True,
    help="Also say where each target keeps each role's code, and its lines.",
)
@click.option("--diff", is_flag=True, help="Print a unified diff of two targets' trees instead.")
def compare(
    targets: tuple[str, ...],
    fmt: Format,
    as_json: bool,
    boot: bool,
    load: bool,
    repeat: int,
    load_seconds: float,
    html: str | None,
    host: str | None,
    env: dict[str, str],
    env_file: tuple[str, ...],
    python: str | None,
    roles: bool,
    diff: bool,
) -> None:
    """Compare projects side by side: files, lines, imports, requirements, and more.

    TARGET is a project folder or a template name (generated into a temporary
    folder). With --roles, where each keeps the code of each role: the app, its
    routes, the view for "/", settings, the entry point, tests, dependencies. With
    --diff, exactly two TARGETs, whose trees are diffed.

    \b
    Examples:
      scaffold compare flask-single flask-project django-single django-project
      scaffold compare ./site-a ./site-b --boot --load --format markdown
      scaffold compare flask-single django-single --boot --load --html report.html
      scaffold compare ./shop --boot --host shop.test --env 'FLASK_TRUSTED_HOSTS=["shop.test"]'
      scaffold compare flask-single django-project --roles
      scaffold compare --diff flask-single flask-project
    """
    from scaffold import compare as measure
    from scaffold import tree_diff
    from scaffold._compare.table import render, render_roles

    if diff:
        if len(targets) != 2:
            raise InputError(f"--diff takes exactly two targets, not {len(targets)}: A and B.")
        click.echo(tree_diff(*targets), nl=False)
        return
    fmt = "json" if as_json else fmt
    results = measure(
        targets,
        boot=boot,
        load=load,
        repeat=repeat,
        load_seconds=load_seconds,
        html=html,
        host=host,
        env=env,
        env_file=env_file,
        python=python,
        roles=roles,
        progress=progress_printer(quiet=fmt == "json"),
    )
    click.echo(render(results, fmt))
    if roles and fmt != "json":
        click.echo()
        click.echo(render_roles(results, fmt))
