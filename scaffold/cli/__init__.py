"""The `scaffold` command: parses, calls the Python API, prints, maps errors to exit codes."""

from __future__ import annotations

import errno
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from scaffold._version import __version__
from scaffold.cli._compare import compare
from scaffold.cli._smoke import smoke
from scaffold.cli._update import check, diff, update
from scaffold.errors import InputError, ScaffoldError, speak_to_command_line
from scaffold.kinds import KINDS, get_kind

if TYPE_CHECKING:
    from pathlib import Path

# Commands import what they need when they run, so that each loads only its own
# dependencies and `scaffold --help`, `--version` and `list` load none of them.

__all__ = ["cli"]


class _Group(click.Group):
    """Reports a ScaffoldError from any command as one line on stderr and its exit code,
    and so a full disk (or a file grown past the size limit), wherever scaffold was
    writing (its output, say)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ScaffoldError as err:
            message = str(err)
            if isinstance(err, InputError) and err.parameter:
                # Said as click says a usage error, naming the option, on one line.
                option = "--" + err.parameter.replace("_", "-")
                message = f"Invalid value for '{option}': {message}"
            click.echo(f"{click.style('Error:', fg='red', bold=True)} {message}", err=True)
            ctx.exit(err.exit_code)
        except OSError as err:
            if err.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise
            where = f" ('{err.filename}')" if err.filename else ""
            todo = (
                "raise the limit on file size (ulimit -f)"
                if err.errno == errno.EFBIG
                else "free some space"
            )
            message = f"{err.strerror}{where}: {todo}, then run the command again."
            click.echo(f"{click.style('Error:', fg='red', bold=True)} {message}", err=True)
            ctx.exit(1)


def _complete_template(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return [k.name for k in KINDS if k.name.startswith(incomplete)]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="scaffold")
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (as NO_COLOR=1).")
@click.pass_context
def cli(ctx: click.Context, no_color: bool) -> None:
    """Generate runnable hello-world Flask and Django apps, and prove they run.

    Exit codes: 0 success, 1 failure, 2 bad usage or input, 130 Ctrl-C.

    \b
    Examples:
      scaffold new                       # asks which template, name and greeting
      scaffold new flask-single hello && scaffold smoke hello
      scaffold compare flask-single django-single --boot --html report.html
      scaffold check mysite || scaffold update mysite   # update when one is available
    """
    # Colour only on a terminal (click's default), and never when asked not to.
    if no_color or os.environ.get("NO_COLOR"):
        ctx.color = False
    # Advice names this command's options, not the Python API's arguments, while it runs.
    speak_to_command_line(True)
    ctx.call_on_close(lambda: speak_to_command_line(False))


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
def list_templates(as_json: bool) -> None:
    """List the templates, one line each.

    \b
    Examples:
      scaffold list
      scaffold list --json | jq -r '.[].name'
    """
    if as_json:
        import json

        rows = [{"name": k.name, "description": k.description} for k in KINDS]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(k.name) for k in KINDS)
    for kind in KINDS:
        click.echo(f"{kind.name.ljust(width)}  {kind.description}")


@cli.command()
@click.argument("template", required=False, shell_complete=_complete_template)
@click.argument("name", required=False)
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
    help="What the app says before ', World!'. Used verbatim.  [default: Hello]",
)
@click.option("--no-input", is_flag=True, help="Never ask: a missing TEMPLATE or NAME is an error.")
@click.option(
    "--lock",
    is_flag=True,
    help="Also write uv.lock, the exact versions of the dependencies (runs 'uv lock': needs "
    "uv and the package index).",
)
def new(
    template: str | None,
    name: str | None,
    output_dir: str,
    greeting: str | None,
    no_input: bool,
    lock: bool,
) -> None:
    """Create the project NAME from TEMPLATE (see `scaffold list`).

    The project lands in OUTPUT_DIR/NAME, which must not exist yet; on any error
    nothing is written. At a terminal, what is missing is asked for.

    \b
    Examples:
      scaffold new                                  # asks for each answer
      scaffold new flask-project blog
      scaffold new django-project mysite -o ~/code -g Bonjour
      scaffold new django-single notes --lock       # with uv.lock, for uv sync
    """
    import shlex
    from pathlib import Path

    from scaffold import generate
    from scaffold._new import DEFAULT_GREETING, checked_output_dir

    if template is None or name is None:
        missing = "TEMPLATE and NAME" if template is None else "NAME"
        if no_input or not sys.stdin.isatty():
            raise click.UsageError(
                f"missing {missing}: give a template, one of "
                f"{', '.join(k.name for k in KINDS)}, and a name, e.g. 'scaffold new "
                f"{KINDS[0].name} hello'."
            )
        from scaffold._new import prompts

        folder = checked_output_dir(Path(output_dir))
        template = template or prompts.ask_template().name
        name = prompts.ask_name(get_kind(template), folder)
        greeting = prompts.ask_greeting() if greeting is None else greeting
    if greeting is None:
        greeting = DEFAULT_GREETING
    project = generate(template, name, output_dir=output_dir, greeting=greeting, lock=lock)
    where = _shown(project.path)
    click.secho(
        f"Created {where}/ from {project.kind.name} ({len(project.files)} files):", bold=True
    )
    for file in project.files:
        click.echo(f"  {file.as_posix()}")
    click.secho("\nNext steps:", bold=True)
    for step in (f"cd {shlex.quote(where)}", *project.next_steps):
        click.echo(f"  {step}")


@cli.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the script that completes scaffold's commands in SHELL.

    \b
    Examples:
      eval "$(scaffold completion bash)"     # in ~/.bashrc
      eval "$(scaffold completion zsh)"      # in ~/.zshrc, after compinit
      scaffold completion fish > ~/.config/fish/completions/scaffold.fish
    """
    from click.shell_completion import BashComplete, FishComplete, ZshComplete

    complete = {"bash": BashComplete, "zsh": ZshComplete, "fish": FishComplete}[shell]
    click.echo(complete(cli, {}, "scaffold", "_SCAFFOLD_COMPLETE").source())


cli.add_command(smoke)
cli.add_command(compare)
cli.add_command(check)
cli.add_command(diff)
cli.add_command(update)


def _shown(path: Path) -> str:
    """`path` relative to the current folder when it lies below it, else absolute."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
