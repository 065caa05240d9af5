"""`scaffold compare` on the command line: options and the table."""

from __future__ import annotations

from typing import Literal, get_args

import click

from scaffold.errors import InputError

__all__ = ["compare"]

Format = Literal["table", "markdown", "json"]


@click.command()
@click.argument("targets", nargs=-1, metavar="TARGET...")
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
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    metavar="N",
    help="Boots to take the median of, with --boot.",
)
@click.option("--diff", is_flag=True, help="Print a unified diff of two targets' trees instead.")
def compare(
    targets: tuple[str, ...],
    fmt: Format,
    as_json: bool,
    boot: bool,
    load: bool,
    repeat: int,
    diff: bool,
) -> None:
    """Compare projects side by side: files, lines, imports, requirements, and more.

    TARGET is a project folder or a template name (generated into a temporary
    folder). With --diff, exactly two TARGETs, whose trees are diffed.

    \b
    Examples:
      scaffold compare flask-single flask-project django-single django-project
      scaffold compare ./site-a ./site-b --boot --load --format markdown
      scaffold compare --diff flask-single flask-project
    """
    from scaffold import compare as measure
    from scaffold import tree_diff
    from scaffold._compare.table import render

    if diff:
        if len(targets) != 2:
            raise InputError(f"--diff takes exactly two targets, not {len(targets)}: A and B.")
        click.echo(tree_diff(*targets), nl=False)
        return
    results = measure(targets, boot=boot, load=load, repeat=repeat)
    click.echo(render(results, "json" if as_json else fmt))
