"""The `scaffold` command: parses, calls the Python API, prints, maps errors to exit codes."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Literal, get_args

import click

from scaffold import __version__
from scaffold.errors import InputError, ScaffoldError
from scaffold.kinds import KINDS, SERVERS

if TYPE_CHECKING:
    from pathlib import Path

    from scaffold.kinds import ServerName

# Commands import what they need when they run, so that each loads only its own
# dependencies and `scaffold --help`, `--version` and `list` load none of them.

__all__ = ["cli"]

Format = Literal["table", "markdown", "json"]


class _Group(click.Group):
    """Reports a ScaffoldError from any command as one line on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ScaffoldError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(err.exit_code)


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """Accept a finite number of seconds above 0: not nan, not inf, not 0."""
    import math

    if not (math.isfinite(value) and value > 0):
        raise click.BadParameter(f"{value} is not a finite number of seconds above 0.")
    return value


def _complete_template(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return [k.name for k in KINDS if k.name.startswith(incomplete)]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="scaffold")
def cli() -> None:
    """Generate runnable hello-world Flask and Django apps, and prove they run.

    Exit codes: 0 success, 1 failure, 2 bad usage or input.
    """


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
def list_templates(as_json: bool) -> None:
    """List the templates, one line each."""
    if as_json:
        import json

        rows = [{"name": k.name, "description": k.description} for k in KINDS]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(k.name) for k in KINDS)
    for kind in KINDS:
        click.echo(f"{kind.name.ljust(width)}  {kind.description}")


@cli.command()
@click.argument("template", shell_complete=_complete_template)
@click.argument("name")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(),
    metavar="DIR",
    default=".",
    show_default="the current folder",
    help="Folder to create the project in; it must exist.",
)
@click.option(
    "-g",
    "--greeting",
    default="Hello",
    show_default=True,
    help="What the app says before ', World!'. Used verbatim.",
)
def new(template: str, name: str, output_dir: str, greeting: str) -> None:
    """Create the project NAME from TEMPLATE (see `scaffold list`).

    The project lands in OUTPUT_DIR/NAME, which must not exist yet; on any error
    nothing is written.
    """
    import shlex

    from scaffold import generate

    project = generate(template, name, output_dir=output_dir, greeting=greeting)
    where = _shown(project.path)
    click.echo(f"Created {where}/ from {project.kind.name} ({len(project.files)} files):")
    for file in project.files:
        click.echo(f"  {file.as_posix()}")
    click.echo("\nNext steps:")
    for step in (f"cd {shlex.quote(where)}", *project.next_steps):
        click.echo(f"  {step}")


@cli.command()
@click.argument("targets", nargs=-1, required=True, metavar="TARGET...")
@click.option(
    "--timeout",
    type=float,
    callback=_seconds,
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="How long each server may take to answer.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="How many targets to test at once.  [default: the number of CPUs]",
)
@click.option(
    "--server",
    type=click.Choice(SERVERS),
    default="dev",
    show_default=True,
    help="The framework's development server, or gunicorn.",
)
@click.option(
    "--expect",
    metavar="TEXT",
    help="The body '/' must return.  [default: from the project's answers, else 'Hello, World!']",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as a JSON array.")
@click.option(
    "--junit-xml",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write the results as JUnit XML to FILE.",
)
@click.option("--keep", is_flag=True, help="Keep the projects generated from template names.")
@click.option(
    "--python",
    metavar="PATH",
    help="The interpreter that runs the apps.  [default: the one running scaffold]",
)
@click.option(
    "--fresh-env",
    is_flag=True,
    help="Run each app in a throwaway virtualenv holding only its requirements.txt.",
)
def smoke(
    targets: tuple[str, ...],
    timeout: float,
    jobs: int | None,
    server: ServerName,
    expect: str | None,
    as_json: bool,
    junit_xml: str | None,
    keep: bool,
    python: str | None,
    fresh_env: bool,
) -> None:
    """Boot each TARGET, request "/" and check the greeting and its escaping.

    TARGET is a project folder or a template name (generated into a temporary
    folder). Every server is stopped however the run ends. Exit codes: 0 all
    passed, 1 any failed, 2 bad usage or input.
    """
    import contextlib
    import tempfile
    import time
    from pathlib import Path

    from scaffold import smoke as run_smoke
    from scaffold._smoke import report

    if junit_xml:
        report.check_writable(Path(junit_xml))
    kept = Path(tempfile.mkdtemp(prefix="scaffold-")) if keep else None
    start = time.monotonic()
    results = []
    run = run_smoke(
        targets,
        server=server,
        timeout=timeout,
        expect=expect,
        python=python,
        fresh_env=fresh_env,
        jobs=jobs,
        workdir=kept,
    )
    with contextlib.closing(run):
        for result in run:
            results.append(result)
            if not as_json:
                click.echo(report.line(result))
    if kept is not None:
        if any(kept.iterdir()):
            click.echo(f"Kept the generated projects in {kept}", err=True)
        else:
            kept.rmdir()
    results.sort(key=lambda r: targets.index(r.target))
    elapsed = time.monotonic() - start
    click.echo(report.to_json(results) if as_json else report.summary(results, elapsed))
    if junit_xml:
        Path(junit_xml).write_text(report.junit_xml(results, elapsed), encoding="utf-8")
    if not all(r.passed for r in results):
        sys.exit(1)


@cli.command()
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


def _shown(path: Path) -> str:
    """`path` relative to the current folder when it lies below it, else absolute."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
