"""`scaffold smoke` on the command line: options, a line per result, the reports."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from scaffold.cli._options import seconds
from scaffold.kinds import SERVERS

if TYPE_CHECKING:
    from scaffold.kinds import ServerName

__all__ = ["smoke"]


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="TARGET...")
@click.option(
    "--timeout",
    type=float,
    callback=seconds,
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

    \b
    Examples:
      scaffold smoke flask-single django-project
      scaffold smoke ./mysite --server wsgi --junit-xml smoke.xml
      scaffold smoke ./mysite --python ./mysite/.venv/bin/python --json
    """
    import contextlib
    import tempfile
    import time
    from pathlib import Path

    from scaffold import smoke as run_smoke
    from scaffold._output import check_writable
    from scaffold._smoke import report

    if junit_xml:
        check_writable(Path(junit_xml))
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
                click.echo(_coloured(report.line(result)))
    if kept is not None:
        if any(kept.iterdir()):
            click.echo(f"Kept the generated projects in {kept}", err=True)
        else:
            kept.rmdir()
    results.sort(key=lambda r: targets.index(r.target))
    elapsed = time.monotonic() - start
    if as_json:
        click.echo(report.to_json(results))
    else:
        passed = all(r.passed for r in results)
        click.secho(report.summary(results, elapsed), fg="green" if passed else "red")
    if junit_xml:
        Path(junit_xml).write_text(report.junit_xml(results, elapsed), encoding="utf-8")
    if not all(r.passed for r in results):
        sys.exit(1)


def _coloured(line: str) -> str:
    """A result's line with its verdict in colour (click drops colour off a terminal)."""
    verdict, rest = line[:4], line[4:]
    return click.style(verdict, fg="green" if verdict == "PASS" else "red", bold=True) + rest
