"""Advice on an app's settings, found in the project's settings modules: the hosts it
allows, the one that sends plain HTTP to HTTPS, the empty ones, its static files."""

from __future__ import annotations

import ast
import os
import re
import shlex
from collections.abc import Mapping
from itertools import chain, islice
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._apps.env_reads import required_settings, setting_variable, unless_variable
from scaffold._apps.env_values import REQUESTED_HOST, assigns
from scaffold._apps.interpreter import command_runner, in_project
from scaffold._files import read_within
from scaffold._source import MAX_SOURCE_BYTES, module_file, parsed
from scaffold.errors import env_option, option
from scaffold.frameworks.dotenv_files import dotenv_values, env_file_option
from scaffold.frameworks.roles import string_value

__all__ = [
    "POSTGRES",
    "allowed_hosts",
    "empty_setting",
    "https_hint",
    "refused_hosts",
    "settings_files",
    "silent_error_hint",
    "static_hint",
    "uses_postgres_features",
]

_MAX_SETTINGS_FILES = 50
# What settings keeping static files with a manifest say; the file collectstatic writes.
_MANIFESTS = (b"ManifestStaticFilesStorage", b"django_heroku.settings(")
_MANIFEST_FILE = "staticfiles.json"
# What Django raises for a static file its manifest has no entry for.
_MISSING_ENTRY = re.compile(r"ValueError: Missing staticfiles manifest entry for ('[^'\n]{1,200}')")
POSTGRES = "postgres://USER:PASSWORD@HOST/NAME"
"""A PostgreSQL database URL to fill in, for a project SQLite cannot stand in for."""
_VALUE_SLOT = "\0"
_SOME_NAME = "example"
"""The value advised for a variable a host is made of: any name makes a host."""
# Django's words for a setting it needs that the settings left empty.
_EMPTY_SETTING = re.compile(r"ImproperlyConfigured: The (\w{1,200}) setting must not be empty")
# Django's runserver, refusing settings with DEBUG off and no ALLOWED_HOSTS.
_NO_HOSTS = re.compile(r"CommandError: You must set settings\.ALLOWED_HOSTS if DEBUG is False")


def https_hint(app: App, status: int) -> str:
    """How to check an app that sends plain HTTP to HTTPS: its setting off, or the redirect."""
    setting = app.kind.framework.https_redirect
    variable = _variable_of(app, setting)
    if variable:
        off = env_option({variable: "False"})
        todo = f"its settings read {setting} from {variable}: give {off}"
    elif setting and (unless := _unless(app, setting)):
        on = env_option({unless: "True"})
        todo = f"its settings set {setting} unless {unless} is true: give {on}"
    elif setting:
        todo = f"turn {setting} off in the settings the check runs with ({option('settings')})"
    else:
        todo = "turn that off for the check"
    return (
        f" The app sends plain HTTP to HTTPS, as a site behind TLS does, and smoke's "
        f"requests are plain HTTP: {todo}; or check the redirect itself: "
        f"{option('status', str(status), str(status))}."
    )


def allowed_hosts(app: App) -> str:
    """How to let `app` answer smoke's host: the variable its Django settings read
    ALLOWED_HOSTS from, given 127.0.0.1; '' if they read none."""
    if not (variable := _variable_of(app, "ALLOWED_HOSTS")):
        return ""
    if made := _host_made(app):  # fly.io's f"{APP_NAME}.fly.dev": a name, and the host
        host = made.replace(_VALUE_SLOT, _SOME_NAME)
        give = env_option({variable: _SOME_NAME})
        also = option("host", host, repr(host))
        return f"its settings make ALLOWED_HOSTS of {variable}, as {host!r}: give {give} {also}"
    give = env_option({variable: REQUESTED_HOST})
    return f"its settings read ALLOWED_HOSTS from {variable}: give {give}"


def _host_made(app: App) -> str | None:
    """The host ALLOWED_HOSTS makes of one value with text around it, the value's place
    marked `_VALUE_SLOT` (f"{APP_NAME}.fly.dev"); None if it makes none so."""
    made = (
        part
        for tree in filter(None, map(parsed, settings_files(app)))
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and assigns(node, "ALLOWED_HOSTS")
        for part in ast.walk(node.value)
        if isinstance(part, ast.JoinedStr) and len(part.values) > 1
    )
    for joined in made:
        if sum(isinstance(value, ast.FormattedValue) for value in joined.values) == 1:
            return "".join(
                _VALUE_SLOT if isinstance(v, ast.FormattedValue) else str(v.value)
                for v in joined.values
                if isinstance(v, ast.FormattedValue | ast.Constant)
            )
    return None


def refused_hosts(app: App, output: str, env: Mapping[str, str]) -> str:
    """What to do when runserver refused to start, as `output` says, for DEBUG off and
    no ALLOWED_HOSTS (not a system check naming them): the variable to give, else the
    setting to list 127.0.0.1 in; '' if it did not refuse."""
    if not _NO_HOSTS.search(output):
        return ""
    listed = f"list '{REQUESTED_HOST}' in ALLOWED_HOSTS in the settings the check runs with"
    if variable := _variable_of(app, "DEBUG"):  # djchat's `DEBUG = os.environ.get("DEBUG")`
        # With what else they read with no default, which it would stop at next.
        needed = (required_settings(module) for module in settings_files(app))
        values = {variable: _debug_on(app)} | {
            name: value
            for name, value in chain.from_iterable(n.items() for n in needed)
            if name not in {*os.environ, *env, variable}
        }
        debug = env_option(values)
        return (
            f"its settings have DEBUG off and no ALLOWED_HOSTS, which runserver refuses: they "
            f"read DEBUG from {variable}: give {debug}, as for development; or {listed} "
            f"({option('settings')})"
        )
    return allowed_hosts(app) or (
        f"its settings have DEBUG off and no ALLOWED_HOSTS, which runserver refuses: "
        f"{listed} ({option('settings')})"
    )


def silent_error_hint(app: App) -> str:
    """' It printed nothing of why …: give --env DEBUG=True', for a Django app that
    answered 500 and printed no error, whose settings read DEBUG from a variable (DEBUG
    off, Django logs no traceback to the console); '' if they do not."""
    variable = _variable_of(app, "DEBUG") if app.kind.framework.name == "django" else None
    if variable is None:
        return ""
    debug = env_option({variable: _debug_on(app)})
    return (
        f" It printed nothing of why (DEBUG off): its settings read DEBUG from {variable}, "
        f"and with {debug} Django prints the error."
    )


def _debug_on(app: App) -> str:
    """A value of the variable `app`'s settings read DEBUG from that turns it on: the one
    they compare it with (`os.getenv("DEBUG") == "1"`), else 'True'."""
    for tree in filter(None, map(parsed, settings_files(app))):
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and assigns(node, "DEBUG"):
                value = node.value
                if isinstance(value, ast.Compare) and isinstance(value.ops[0], ast.Eq):
                    said = string_value(value.comparators[0])
                    return said if said is not None else "True"
    return "True"


def empty_setting(output: str, app: App) -> str:
    """'its settings …: what to do', of a setting Django needs that the app's settings
    left empty (`SECRET_KEY = os.getenv("SECRET_KEY")` with none set); '' if none."""
    found = _EMPTY_SETTING.search(output)
    if found is None:
        return ""
    setting = found.group(1)
    if variable := _variable_of(app, setting):
        by = env_option({variable: "VALUE"})
        got = "which its environment has not got"
        return f"its settings read {setting} from {variable}, {got}: give it with {by}."
    if setting in dotenv_values(app.root):  # which `heroku local` and Compose give it
        tools = "as the environment its tools run it in (heroku local, docker compose) would"
        give = env_file_option(app.root)
        said = f"the project's .env sets {setting}, {tools}: give it with {give}."
        return f"its settings leave {setting} empty, and {said}"
    return (
        f"its settings leave {setting} empty: set it in the settings the check runs with "
        f"({option('settings')})."
    )


def static_hint(app: App, env: Mapping[str, str], output: str, *, said_why: bool) -> str:
    """' Its settings keep static files …: run collectstatic', for a Django project whose
    settings keep its static files with a manifest (Django's ManifestStaticFilesStorage,
    WhiteNoise's compressed one) that collectstatic has not written yet: Django then
    answers 500 to a page naming a static file. Its server's `output` names the file the
    manifest lacks when the project logs errors; when it printed nothing of why
    (`said_why` false: DEBUG off), the cause is inferred from the settings."""
    if not app.found.script:
        return ""
    if lacking := _MISSING_ENTRY.search(output):
        why = f"with a manifest that has no entry for {lacking.group(1)}"
    else:
        said = (_mentions(module, words) for module in settings_files(app) for words in _MANIFESTS)
        if said_why or not any(said) or _collected(app):
            return ""
        why = "with a manifest, which collectstatic has not written"
    settings = f" --settings {app.found.settings}" if app.found.settings else ""
    given = "".join(f"{name}={shlex.quote(value)} " for name, value in env.items())
    runner = command_runner(app.root)
    command = in_project(
        app.root, f"{given}{runner}python {app.found.script} collectstatic --no-input{settings}"
    )
    return (
        f" Its settings keep static files {why}: run collectstatic first ({command}), as a "
        "deploy would; the copy served has the project's collected files."
    )


def _collected(app: App) -> bool:
    """Whether collectstatic wrote a manifest in the project, in a folder up to two down,
    or in a STATIC_ROOT its settings name outside it (wger's '/home/wger/static')."""
    found = (app.root.glob(f"{'*/' * depth}{_MANIFEST_FILE}") for depth in range(3))
    roots = (
        str(part.value) for tree in filter(None, map(parsed, settings_files(app)))
        for node in ast.walk(tree) if isinstance(node, ast.Assign) and assigns(node, "STATIC_ROOT")
        for part in ast.walk(node.value)
        if isinstance(part, ast.Constant) and str(part.value).startswith("/")
    )  # fmt: skip
    return any(chain(*found)) or any((Path(root) / _MANIFEST_FILE).is_file() for root in roots)


def uses_postgres_features(app: App) -> bool:
    """Whether `app`'s settings install django.contrib.postgres (saleor's): its models may
    use what SQLite has not got; or a Flask app's module gives its database PostgreSQL's
    own connection option `sslmode`, which SQLite refuses: SQLite is no stand-in for its
    database."""
    if app.kind.framework.name == "flask" and (module := app.served_module) is not None:
        return _mentions(module, b'"sslmode"') or _mentions(module, b"'sslmode'")
    return any(_mentions(module, b"django.contrib.postgres") for module in settings_files(app))


def _mentions(module: Path, text: bytes) -> bool:
    try:
        return text in (read_within(module, MAX_SOURCE_BYTES) or b"")
    except OSError:
        return False


def _variable_of(app: App, setting: str, *, always: bool = False) -> str | None:
    """The environment variable `app`'s settings set `setting` from, if they do."""
    found = (setting_variable(module, setting, always=always) for module in settings_files(app))
    return next(filter(None, found), None)


def _unless(app: App, setting: str) -> str | None:
    """The variable whose truth skips what sets `setting` in `app`'s settings, if any."""
    return next(filter(None, (unless_variable(m, setting) for m in settings_files(app))), None)


def settings_files(app: App) -> list[Path]:
    """The modules that may hold `app`'s settings, for a framework whose settings name a
    redirect to HTTPS (Django's settings modules): its settings module and those beside
    it in its package (production.py beside local.py), else its app's module."""
    if not app.kind.framework.https_redirect:
        return []  # no settings modules to read: Flask's settings are set in code
    named = app.found.settings or app.found.wsgi.partition(":")[0]
    # Named from the folder manage.py is in (src/manage.py), or the one above, which its
    # manage.py puts on sys.path (django-unicorn's example/manage.py: example.project.settings).
    script = (app.root / (app.found.script or "x")).parent
    bases = (app.root / app.found.source, script, app.root.parent)
    module = next(filter(None, (module_file(base, named) for base in bases)), None)
    if module is None:
        return []
    beside = sorted(islice(module.parent.glob("*.py"), _MAX_SETTINGS_FILES)) if "." in named else []
    return [module, *(other for other in beside if other != module)]
