"""`scaffold check`, `diff` and `update` on the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from scaffold._update import Status, UpdateResult

__all__ = ["check", "diff", "update"]

_PROJECT = click.argument("project", default=".", type=click.Path(), metavar="[PROJECT]")


@click.command()
@_PROJECT
@click.option("--json", "as_json", is_flag=True, help="Print the status as a JSON object.")
@click.pass_context
def check(ctx: click.Context, project: str, as_json: bool) -> None:
    """Tell whether PROJECT (default: the current folder) is made by the current templates.

    Exit codes: 0 up to date, 1 an update is available (or one was interrupted
    and 'scaffold update' finishes it), 2 not a scaffold project.

    \b
    Examples:
      scaffold check
      scaffold check mysite --json
    """
    from scaffold._update import check

    status = check(project)
    project = _label(project, status)
    if as_json:
        import json

        click.echo(json.dumps(_status_json(status), indent=2))
    elif status.interrupted:
        click.echo(
            f"{project}: an update was interrupted; run 'scaffold update' to finish it "
            f"({status.template})."
        )
    elif status.up_to_date:
        click.echo(f"{project}: up to date ({status.template} {status.version}).")
    else:
        click.echo(
            f"{project}: update available: {status.version} → {status.current} "
            f"({status.template}); see it with 'scaffold update --dry-run'."
        )
    if status.conflicted and not as_json:
        files = ", ".join(status.conflicted)
        click.echo(
            f"{click.style('Warning:', fg='yellow')} conflict markers from 'scaffold update' "
            f"remain in {files}: keep what you want, delete the markers, and commit.",
            err=True,
        )
    ctx.exit(0 if status.up_to_date else 1)


@click.command()
@_PROJECT
@click.option("--exit-code", is_flag=True, help="Exit 1 if the project has changes, as git does.")
@click.pass_context
def diff(ctx: click.Context, project: str, exit_code: bool) -> None:
    """Show your changes to PROJECT: a unified diff from the project as it was generated.

    New files, edits and deletions, in git's format, against the pristine render
    of the project's recorded version and answers. Virtualenvs, caches and VCS
    folders are left out.

    \b
    Examples:
      scaffold diff
      scaffold diff mysite --exit-code > my-changes.patch
    """
    from scaffold._update import diff

    changes = diff(project)
    click.echo(changes, nl=False)
    ctx.exit(1 if exit_code and changes else 0)


@click.command()
@_PROJECT
@click.option("--dry-run", is_flag=True, help="Say what would change, and change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what changed as a JSON object.")
@click.option("--allow-dirty", is_flag=True, help="Update even with uncommitted changes in git.")
@click.pass_context
def update(
    ctx: click.Context, project: str, dry_run: bool, as_json: bool, allow_dirty: bool
) -> None:
    """Bring PROJECT to the current templates, keeping your changes.

    Each file is merged three ways: from the project as generated, to your
    version and to the current template's. Where both changed the same lines the
    file gets conflict markers, as git writes them, to resolve by hand; then the
    exit code is 1. All or nothing: on an error or Ctrl-C the project is left as
    it was. In a git work tree, uncommitted changes stop it (--allow-dirty).

    \b
    Examples:
      scaffold update --dry-run
      scaffold update mysite && git -C mysite diff
    """
    from scaffold._update import update

    result = update(project, dry_run=dry_run, allow_dirty=allow_dirty)
    if as_json:
        import json

        click.echo(json.dumps(_result_json(result), indent=2))
    else:
        _print_result(project, result)
    ctx.exit(1 if result.conflicts else 0)


def _print_result(project: str, result: UpdateResult) -> None:
    status = result.status
    project = _label(project, status)
    if status.up_to_date:
        click.echo(f"{project}: already up to date ({status.template} {status.version}).")
        return
    width = max((len(c.action) for c in result.changes), default=0)
    for change in result.changes:
        style = {"conflict": "red", "removed": "yellow"}.get(change.action)
        click.echo(f"  {click.style(change.action.ljust(width), fg=style)}  {change.path}")
    for note in result.migrated:
        click.echo(f"{click.style('Migrated:', fg='cyan')} {note}")
    for warning in result.warnings:
        click.echo(f"{click.style('Warning:', fg='yellow')} {warning}", err=True)
    verb = "would update" if result.dry_run else "updated"
    click.secho(
        f"{project}: {verb} {status.version} → {status.current}, {len(result.changes)} files.",
        bold=True,
    )
    if result.conflicts:
        files = ", ".join(result.conflicts)
        todo = (
            f"would conflict in {files}"
            if result.dry_run
            else f"conflicts in {files}: resolve their <<<<<<< markers, then commit"
        )
        click.secho(f"{status.version} → {status.current} {todo}.", fg="red", bold=True, err=True)
    if result.next_steps and not result.dry_run:
        click.secho("Then, in the project:", bold=True)
        for step in result.next_steps:
            click.echo(f"  {step}")


def _label(project: str, status: Status) -> str:
    """The project as the user named it, or by its folder's name if they named it '.'."""
    return status.project.name if project == "." else project


def _status_json(status: Status) -> dict[str, object]:
    return {
        "project": str(status.project),
        "template": status.template,
        "version": status.version,
        "current": status.current,
        "up_to_date": status.up_to_date,
        "interrupted": status.interrupted,
        "conflicted": list(status.conflicted),
    }


def _result_json(result: UpdateResult) -> dict[str, object]:
    return {
        **_status_json(result.status),
        "dry_run": result.dry_run,
        "changes": [{"path": c.path, "action": c.action} for c in result.changes],
        "conflicts": list(result.conflicts),
        "warnings": list(result.warnings),
        "migrated": list(result.migrated),
        "next_steps": list(result.next_steps),
    }
