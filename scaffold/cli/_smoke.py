"""`scaffold smoke` on the command line: options, a line per result, the reports."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from scaffold.cli._options import (
    complete_target,
    env_file_option,
    env_option,
    host_option,
    progress_printer,
    python_option,
)
from scaffold.kinds import SERVERS

if TYPE_CHECKING:
    from scaffold.kinds import ServerName

__all__ = ["smoke"]


@click.command()
@click.argument("targets", nargs=-1, metavar="[TARGET]...", shell_complete=complete_target)
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="How long each server may take to answer.",
)
@click.option(
    "-j",
    "--jobs",
    type=int,
    default=None,
    metavar="N",
    help="How many servers to run at once.  [default: the number of CPUs]",
)
@click.option(
    "--server",
    type=click.Choice(SERVERS),
    default="dev",
    show_default=True,
    help="The framework's development server, gunicorn (wsgi), or uvicorn (asgi, Django).",
)
@click.option(
    "--path",
    multiple=True,
    default=("/",),
    show_default=True,
    metavar="PATH",
    help="A path to request; repeat it for more. Redirects are not followed.",
)
@click.option(
    "--status",
    type=int,
    default=200,
    show_default=True,
    metavar="CODE",
    help="The status every path must answer.",
)
@click.option(
    "--expect",
    metavar="TEXT",
    help="The exact body of the first path.  [default: a generated project's greeting, else any]",
)
@click.option(
    "--any-body",
    is_flag=True,
    help="Check the status alone: any body passes, even a generated project's.",
)
@host_option
@click.option("--app", metavar="IMPORT", help="The Flask app, as flask --app names it.")
@click.option("--settings", metavar="MODULE", help="The Django settings module.")
@env_option
@env_file_option
@click.option(
    "--shard",
    metavar="K/N",
    help="Run only the K-th of N slices of the targets (for CI matrices).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as a JSON array.")
@click.option(
    "--junit-xml",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write the results as JUnit XML to FILE.",
)
@click.option("--keep", is_flag=True, help="Keep the projects generated from template names.")
@python_option
@click.option(
    "--fresh-env",
    is_flag=True,
    help="Run each app in a throwaway virtualenv holding only its requirements.txt "
    "(without one: what its uv.lock locks, else its pyproject.toml's project or "
    "dependencies, else what its setup.py builds) and the server.",
)
@click.option(
    "--requirements",
    metavar="FILE",
    help="With --fresh-env: install FILE in place of each project's own requirements, "
    "as pip install -r FILE run in FILE's folder would.",
)
@click.option(
    "--extra",
    metavar="NAME",
    multiple=True,
    help="With --fresh-env: also install the project's optional dependencies NAME "
    "(pyproject.toml), as pip install '.[NAME]' or uv sync --extra NAME would. Repeatable.",
)
@click.option(
    "--group",
    metavar="NAME",
    multiple=True,
    help="With --fresh-env: also install the project's dependency group NAME "
    "(pyproject.toml), as pip install --group NAME or uv sync --group NAME would. Repeatable.",
)
def smoke(
    targets: tuple[str, ...],
    timeout: float,
    jobs: int | None,
    server: ServerName,
    path: tuple[str, ...],
    status: int,
    expect: str | None,
    any_body: bool,
    host: str | None,
    app: str | None,
    settings: str | None,
    env: dict[str, str],
    env_file: tuple[str, ...],
    shard: str | None,
    as_json: bool,
    junit_xml: str | None,
    keep: bool,
    python: str | None,
    fresh_env: bool,
    requirements: str | None,
    extra: tuple[str, ...],
    group: tuple[str, ...],
) -> None:
    """Boot each TARGET, request its paths and check the answers and their escaping.

    TARGET is a project folder (default: the current one) or a template name
    (generated into a temporary folder). Flask apps are found as flask run finds
    them, Django projects by their manage.py. Every server is stopped however the
    run ends. Exit codes: 0 all passed, 1 any failed, 2 bad usage or input.

    \b
    Examples:
      scaffold smoke                                 # the project in this folder
      scaffold smoke flask-single django-project
      scaffold smoke ./mysite --server asgi --path /admin/ --status 302
      scaffold smoke apps/* --shard 2/4 --junit-xml smoke.xml
      scaffold smoke ./api --app 'api:create_app()' --env API_MODE=test
    """
    import contextlib
    import tempfile
    import time
    from pathlib import Path

    from scaffold import smoke as run_smoke
    from scaffold._output import check_writable, write_whole
    from scaffold._smoke import report
    from scaffold._smoke.options import parse_shard

    if junit_xml:
        check_writable(Path(junit_xml))
    kept = Path(tempfile.mkdtemp(prefix="scaffold-")) if keep else None
    start = time.monotonic()
    results = []
    # Slow steps say they have started, on a terminal: never in pipes or files.
    progress = progress_printer(quiet=as_json)
    run = run_smoke(
        targets,
        server=server,
        timeout=timeout,
        path=path,
        status=status,
        expect=expect,
        any_body=any_body,
        host=host,
        app=app,
        settings=settings,
        env=env,
        env_file=env_file,
        python=python,
        fresh_env=fresh_env,
        requirements=requirements,
        extra=extra,
        group=group,
        jobs=jobs,
        shard=shard,
        workdir=kept,
        progress=progress,
    )
    # Checked by the run already: only read here, for the summary and the report.
    sliced = parse_shard(shard) if shard else None
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
    order = list(targets) or ["."]
    results.sort(key=lambda r: order.index(r.target))
    elapsed = time.monotonic() - start
    if as_json:
        click.echo(report.to_json(results))
    else:
        passed = all(r.passed for r in results)
        shown = report.summary(results, elapsed)
        if sliced:
            shown += f" (shard {sliced[0]}/{sliced[1]} of {len(order)} targets)"
        click.secho(shown, fg="green" if passed else "red")
    if junit_xml:
        xml = report.junit_xml(results, elapsed, sliced)
        write_whole(Path(junit_xml), xml)
    if not all(r.passed for r in results):
        sys.exit(1)


def _coloured(line: str) -> str:
    """A result's line with its verdict in colour (click drops colour off a terminal)."""
    verdict, rest = line[:4], line[4:]
    return click.style(verdict, fg="green" if verdict == "PASS" else "red", bold=True) + rest
