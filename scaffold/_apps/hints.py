"""Why a served app failed, said with what to do next: from what its server printed, or
the status it answered."""

from __future__ import annotations

import re

from scaffold._apps.detect import App
from scaffold._apps.discover import module_file
from scaffold._apps.interpreter import install_command
from scaffold.errors import ProcessError, ServerExitedError
from scaffold.kinds import KINDS

__all__ = ["explain", "status_hint"]

# What to install when a module is missing: the packages the kinds need, by import name.
_PACKAGES = {package.lower(): package for kind in KINDS for package in kind.packages}
# As an import prints it (quoted), and `python -m flask` without Flask (unquoted).
_MISSING_MODULE = re.compile(r"No module named '?([\w.]{1,200})")
# os.environ[KEY] raising KeyError, as Python 3.10 (os.py) and 3.11+ (<frozen os>) show it.
_MISSING_SETTING = re.compile(
    r"""(?:<frozen os>|/os\.py)", line \d+, in __getitem__\n"""
    r"""(?:[ \t].*\n)*KeyError: '([^'\n]{1,200})'"""
)
# A Flask app factory that cannot be called without arguments, as Flask's discovery
# says it and as calling it (gunicorn's `module:factory()`) raises it.
_FACTORY_NEEDS_ARGUMENTS = re.compile(
    r"Detected factory '(?P<flask>\w{1,200})' in module|"
    r"TypeError: (?P<call>\w{1,200})\(\) missing \d+ required"
)
# A database without the app's tables, as SQLite and PostgreSQL say it.
_MISSING_TABLE = re.compile(
    r'no such table: ([\w.]{1,200})|relation "([\w.]{1,200})" does not exist'
)
# The setting that decides which Host a framework answers, and how it refuses others.
_HOSTS_SETTING = {
    "django": "Django answers 400 to a Host its ALLOWED_HOSTS",
    "flask": "Flask 3.1 and newer answer 400 to a Host its TRUSTED_HOSTS",
}


def explain(
    err: ProcessError, app: App, python: str, *, otherwise: str = "", naming: str = "--app "
) -> str:
    """`err`'s message, and for a server that stopped at boot, what it lacked: a package
    `python` has not got, a setting its environment has not got, or its factory's
    arguments. `otherwise` names the command's other ways to a package, e.g. '--python
    or --fresh-env'; `naming` how it is told a Flask app, '--app ' or 'FLASK_APP='."""
    if not isinstance(err, ServerExitedError):
        return str(err)
    if factory := _factory_needing_arguments(err.output, app):
        module = app.wsgi.partition(":")[0]
        return (
            f"{err}: its factory {factory}() needs arguments: give them as Flask takes "
            f"them, {naming}'{module}:{factory}(...)'."
        )
    alternatives = f", or use {otherwise}" if otherwise else ""
    if missing := _MISSING_MODULE.search(err.output):
        top = missing.group(1).split(".")[0]
        if top.lower() in _PACKAGES:
            package = _PACKAGES[top.lower()]
            return (
                f"{err}: {package} is not installed for {python}. Install it there "
                f"({install_command(python, package)}){alternatives}."
            )
        if not any(module_file(app.root / folder, top) for folder in {"", app.source}):
            # Not one of the project's own modules: a requirement not installed.
            return (
                f"{err}: the app imports {missing.group(1)}, which is not installed for "
                f"{python}. Install the project's requirements there{alternatives}."
            )
    if setting := _MISSING_SETTING.search(err.output):
        name = setting.group(1)
        return (
            f"{err}: the app reads {name} from its environment, which has none: "
            f"give it with --env {name}=VALUE."
        )
    return str(err)


def status_hint(app: App, status: int | None, host: str, output: str) -> str:
    """Why `app` may have answered `status` to a request with Host `host`, from what its
    server printed, `output`; or ''."""
    if status == 400:
        refuses = _HOSTS_SETTING[app.kind.framework]
        return (
            f" {refuses} does not list, and this one was '{host}': give a name it lists "
            "with --host."
        )
    django = app.kind.framework == "django"
    if status == 500 and django and (missing := _MISSING_TABLE.search(output)):
        settings = f" --settings {app.settings}" if app.settings else ""
        return (
            f" Its database has no table {missing.group(1) or missing.group(2)}: run "
            f"its migrations first (python {app.kind.dev[0]} migrate{settings}), as a "
            "deploy would; the copy served has the project's db.sqlite3."
        )
    return ""


def _factory_needing_arguments(output: str, app: App) -> str | None:
    """The name of `app`'s factory if `output` says it was called without the arguments it
    needs; not a TypeError of some other function the factory calls."""
    factory = app.wsgi.partition(":")[2]
    if app.kind.framework != "flask" or not factory.endswith("()"):
        return None
    for found in _FACTORY_NEEDS_ARGUMENTS.finditer(output):
        name = found.group("flask") or found.group("call")
        if name == factory[:-2]:
            return name
    return None
