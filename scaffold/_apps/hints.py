"""Why a served app failed, said with what to do next: from what its server printed, or
the status it answered."""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from pathlib import Path

import scaffold.kinds as kinds
from scaffold._apps import code_hints, script_hints, sqlite_hints
from scaffold._apps.database_hints import (
    MISSING_TABLE,
    missing_table,
    parent_elsewhere,
    set_up,
    table_at_start,
)
from scaffold._apps.detect import App
from scaffold._apps.file_hints import (
    config_file_variable,
    missing_file,
    missing_module,
    named_example,
    optional_settings,
    readme_makes,
)
from scaffold._apps.frontend_hints import built_templates
from scaffold._apps.install_hints import not_installed, package_above
from scaffold._apps.interpreter import install_command
from scaffold._apps.older_python import newer_than_python, older_than_python
from scaffold._apps.package_hints import (
    another_version,
    gone,
    importer,
    missing_module_named,
    own_module_named,
    refused_settings,
    version_todo,
    without_pkg_resources,
)
from scaffold._apps.path_hints import bad_request_hint, to_https
from scaffold._apps.service_hints import unreachable
from scaffold._apps.setting_hints import (
    empty_setting,
    https_hint,
    refused_hosts,
    silent_error_hint,
    static_hint,
)
from scaffold._apps.sqlite_hints import sqlite_folder
from scaffold._apps.tracebacks import (
    as_projects,
    error_page,
    frame_file,
    last_error_logged,
    last_exception,
)
from scaffold._apps.variable_hints import unset_variable
from scaffold._source import EXCEPTION_LINE, module_file
from scaffold.errors import (
    ProcessError,
    RequestTimeoutError,
    ServerExitedError,
    ServerTimeoutError,
    option,
)

__all__ = ["explain", "status_hint"]

_REDIRECTS = (301, 302, 303, 307, 308)
# Django's MigrationLoader, when an app's migrations depend on an app that has none.
_NO_MIGRATIONS = re.compile(r"Dependency on app with no migrations: (\w{1,200})")
_UNAPPLIED = re.compile(r"You have \d{1,6} unapplied migration\(s\)")


def explain(
    err: ProcessError,
    app: App,
    python: str,
    *,
    other_ways: str = "",
    app_option: str = "",
    fresh_env: bool = False,
    env: Mapping[str, str] | None = None,
    smoke: bool = False,
    requirements: Path | None = None,
) -> str:
    """`err`'s message, and for a server that stopped at boot or never answered, what it
    lacked: a package `python` has not got, a setting, a service, its factory's arguments.
    `other_ways` names the command's other ways to a package ('--python or --fresh-env');
    `app_option` how the command is told an app ('FLASK_APP='), when not as the
    framework's record says. With `fresh_env`, `python` is a throwaway environment of the
    project's requirements: what it lacks, they lack. `env` is what the server was given
    (--env); `smoke`: whether smoke asks, whose options choose the server and its
    timeout; `requirements`, the file installed in place of the project's."""
    if isinstance(err, ServerTimeoutError):  # a port of its own, a database pool that retries
        server = script_hints.serves_at_import(app) or unreachable(err.printed, app, env)
        if server or not isinstance(err, RequestTimeoutError):
            return f"{err}: the app {server}" if server else str(err)
        longer = f", or give the app longer with {option('timeout', 'SECONDS', 'SECONDS')}"
        return (
            f"{err}: the app may be waiting on a service that is not running here (a "
            "database, a cache, another API), as it starts or as it answers: start it as the "
            f"project does{longer if smoke else ''}."
        )
    if not isinstance(err, ServerExitedError):
        return str(err)
    if factory := code_hints.factory_needing_arguments(err.printed, app):
        given = f"{app.found.wsgi.partition(':')[0]}:{factory}(...)"
        named = (
            f"{app_option}'{given}'"
            if app_option
            else option(app.kind.framework.app_option, shlex.quote(given), repr(given))
        )
        return (
            f"{err}: its factory {factory}() needs arguments: give them as "
            f"{app.kind.framework.title} takes them, {named}."
        )
    alternatives = f", or use {other_ways}" if other_ways else ""
    if missing := missing_module_named(err.printed):
        module, at = missing
        top = module.split(".")[0]
        own = any(module_file(app.root / folder, top) for folder in {"", app.found.source})
        if python2 := code_hints.python2_import(err.printed, at, top, app):
            return f"{err}: {python2}"
        framework = [name.lower() for name in app.kind.framework.packages]
        if module == f"{top}.__main__" and top in framework:
            # Flask before 0.11 has no command line, which its dev server is run with.
            wsgi = f"serve it with {option('server', 'wsgi', repr('wsgi'))}, or " if smoke else ""
            return (
                f"{err}: the {app.kind.framework.title} installed has no `python -m {top}`, "
                f"which its dev server is started with: it is older than smoke serves; "
                f"{wsgi}pin a newer {app.kind.framework.title}."
            )
        if own and (unmade := missing_module(module, app)):
            return f"{err}: {unmade}"
        if top == "pkg_resources" and not own:
            todo = without_pkg_resources(err.printed, at, python, fresh_env)
            return f"{err}: {todo}{alternatives}."
        if newer := newer_than_python(module):
            return f"{err}: {newer}"
        if "." in module and not own:
            last = module.rpartition(".")[2]
            if mine := own_module_named(app, last):
                return (
                    f"{err}: the app imports {module}, which the {top} installed has "
                    f"not got, and the project has a module of that name, {mine}: if it is "
                    f"the one meant, import it from the project (`from .{last} import …`); "
                    f"else the app is written for another version of {top}."
                )
            # Installed, not the version the app (or a package, Flask-Script) is written for.
            return (
                f"{err}: {importer(err.printed, at) or 'the app'} imports {module}, which the "
                f"{top} installed has not got: it is written for another version of {top}; "
                f"{version_todo(app, fresh_env, alternatives)}.{gone(module)}"
            )
        if fresh_env and not own:  # Django's postgresql backend wants psycopg, else psycopg2
            wanted = "psycopg" if "psycopg_any" in err.printed else module
            by = importer(err.printed, at)  # a package installed, or the app (None)
            # The module whose import failed; the app's own when the framework's is what
            # is missing (`python -m flask`: No module named flask).
            importing = frame_file(err.printed, at, app.root) or app.served_module
            return f"{err}: {not_installed(wanted, app, requirements, by, importing)}"
        packages = {name.lower(): name for kind in kinds.KINDS for name in kind.packages}
        if top.lower() in packages:
            package = packages[top.lower()]
            return (
                f"{err}: {package} is not installed for {python}. Install it there "
                f"({install_command(python, package)}){alternatives}."
            )
        if not own and (above := package_above(app.root, top)):  # an example's library
            install = install_command(python, f"-e {shlex.quote(str(above))}")
            return (
                f"{err}: the app imports {module}, the package of the repository in "
                f"'{above}', which is not installed for {python}: install it there, as `pip "
                f"install -e .` in that folder does ({install}){alternatives}."
            )
        if not own:
            # Not one of the project's own modules: a requirement not installed.
            return (
                f"{err}: the app imports {module}, which is not installed for "
                f"{python}. Install the project's requirements there{alternatives}."
            )
    if unreadable := code_hints.syntax_error(err.printed, app):
        return f"{err}: {unreadable}"
    if server := unreachable(err.printed, app, env):
        return f"{err}: the app {server}"
    if too_old := older_than_python(err.printed):
        return f"{err}: {too_old}"
    todo = version_todo(app, fresh_env, alternatives)
    if other := another_version(err.printed, todo) or parent_elsewhere(err.printed, app, todo):
        return f"{err}: {other}"
    if unset := unset_variable(err.printed, app, env or {}):
        return f"{err}: {unset}"
    if refused := code_hints.failed_checks(err.printed, app):
        return f"{err}: {refused}"
    older = code_hints.outside_app_context(err.printed, app)
    if older := older or code_hints.without_on_delete(err.printed, app):
        return f"{err}: {older}"
    if hosts := refused_hosts(app, err.printed, env or {}):
        return f"{err}: {hosts}."
    if unmade := sqlite_folder(err.printed, app):
        return f"{err}: {unmade}"
    setup = app.kind.framework.database_setup
    if (unmigrated := _NO_MIGRATIONS.search(err.printed)) and setup:
        label = unmigrated.group(1)
        made = setup(app.root, app.found, f"{label}_")  # as its tables are named
        if made is not None:
            said = f"other apps' migrations depend on the app {label}, which has none"
            return f"{err}: {said}: {set_up(app, made, env)}"
    if unmade := table_at_start(err.printed, app, env):
        return f"{err}: {unmade}"
    unmade = missing_file(err.printed, app) or config_file_variable(err.printed)
    if unmade := unmade or code_hints.wrapped_flask_app(err.printed, app, smoke=smoke):
        return f"{err}: {unmade}"
    if refused := refused_settings(err.printed):
        return f"{err}: {refused}"
    # No cause scaffold knows: the one the app raised, whose words may say what to do.
    if raised := last_exception(err.printed):
        said = code_hints.raised_unless_dotenv(as_projects(raised, app.root), app, err.printed)
        return f"{err}: {said}{readme_makes(raised, app) or optional_settings(raised, app)}"
    if logged := last_error_logged(err.printed):
        said = f"the last error it logged was {as_projects(logged, app.root)!r}"
        return f"{err}: {said}{named_example(logged, app)}"
    return str(err)


def status_hint(
    app: App,
    status: int | None,
    host: str,
    output: str,
    env: Mapping[str, str] | None = None,
    location: str = "",
    body: str = "",
) -> str:
    """Why `app` may have answered `status` and `body` to a request with Host `host`,
    from what its server printed, `output`, and where it redirected, `location`; or ''.
    `env` is what the servers were given (--env), which the commands it advises need."""
    framework = app.kind.framework
    if status in _REDIRECTS and to_https(location, host):
        return https_hint(app, status)
    if status == 400:
        return bad_request_hint(app, host, body, output)
    if status == 500 and (server := unreachable(output, app, env)):
        return f" The app {server}"
    if status == 500 and (empty := empty_setting(output, app)):
        return f" {empty[0].upper()}{empty[1:]}"
    if status == 500 and (unmade := sqlite_folder(output, app) or missing_file(output, app)):
        return f" {unmade[0].upper()}{unmade[1:]}"
    page = error_page(body) if status == 500 else ""  # what DEBUG's error page says
    missing = MISSING_TABLE.search(f"{output}\n{page}") if status == 500 else None
    # Inferred, not read: only when the server printed nothing of why (DEBUG off).
    said_why = missing or EXCEPTION_LINE.search(output) or page
    if status == 500 and (static := static_hint(app, env or {}, output, said_why=bool(said_why))):
        return static
    # What Django's runserver says as it starts: the likeliest cause of a silent 500.
    unapplied = status == 500 and not said_why and _UNAPPLIED.search(output)
    if not (missing or unapplied) or framework.database_setup is None:
        # No cause scaffold knows: what the app raised (for a None, what its config lacks).
        raised = (last_exception(output) or page) if status == 500 else None
        if not raised:
            return silent_error_hint(app) if status == 500 and not said_why else ""
        unset = unset_variable(output, app, env or {})
        made = readme_makes(raised, app) or built_templates(raised, app)
        why = f": {unset}" if unset else made or optional_settings(raised, app)
        return f" It raised {as_projects(raised, app.root)}{why}"
    table = missing_table(missing) if missing else ""
    why = (
        f"Its database has no table {table}"
        if missing
        else "It printed nothing of why (DEBUG off), and its server said its database has "
        "unapplied migrations"
    )
    setup = framework.database_setup(app.root, app.found, table)
    if setup is None and (elsewhere := sqlite_hints.flask_sqlite_elsewhere(app)):
        return f" {why}: {elsewhere}."
    if setup is None:
        return f" {why}: make it in the project, as a deploy would."
    return f" {why}: {set_up(app, setup, env, on_server=bool(missing and not missing[1]))}"
