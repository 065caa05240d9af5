"""Advice on an app's settings: the ones its environment lacks, all at once, and the one
that sends plain HTTP to HTTPS, found in the project's settings modules."""

from __future__ import annotations

import ast
import os
import re
import shlex
from collections.abc import Mapping
from itertools import chain, islice
from pathlib import Path

from scaffold._apps.config_hints import unset_config
from scaffold._apps.config_objects import config_object
from scaffold._apps.detect import App
from scaffold._apps.env_reads import (
    REQUESTED_HOST,
    assigns,
    named_value,
    read_at,
    required_settings,
    setting_variable,
)
from scaffold._apps.interpreter import command_runner, in_project
from scaffold._apps.tracebacks import frame_at, frame_file
from scaffold._files import read_within
from scaffold._source import MAX_SOURCE_BYTES, module_file, parsed, readable_tree
from scaffold._source_environ import handled_read
from scaffold._words import listed
from scaffold.errors import option
from scaffold.frameworks.dotenv_files import dotenv_example, dotenv_values, loads_dotenv

__all__ = [
    "POSTGRES",
    "allowed_hosts",
    "empty_setting",
    "https_hint",
    "missing_settings",
    "refused_hosts",
    "settings_files",
    "static_hint",
    "unset_setting",
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
# What using None says: `None.split()`, `int(None)`, `Path(None)`.
_NONE_USED = re.compile(r"^(?:AttributeError|TypeError): [^\n]{0,300}NoneType", re.MULTILINE)


def missing_settings(setting: re.Match[str], output: str, app: App, env: Mapping[str, str]) -> str:
    """What to give the app that stopped at the missing setting `setting` names: it, and
    the others the module that read it reads with no default and would stop at next."""
    module = frame_file(output, setting.start(), app.root)
    return _give(setting.group(1), module, app, env)


def unset_setting(output: str, app: App, env: Mapping[str, str]) -> str:
    """`missing_settings`, of an app that stopped using the None `os.environ.get("KEY")`
    gave it (`.split()` of it: AttributeError on NoneType) on a line of its own that
    reads a variable its environment has not got, or at a config key its Flask config
    classes read so (see `unset_config`); '' if it did not stop so."""
    used = _NONE_USED.search(output)
    at = frame_at(output, used.start(), app.root, last=True) if used else None
    name = read_at(*at) if at else None
    if at is None or name is None or name in {*os.environ, *env}:
        return unset_config(output, app, env) or _reraised(output, app, env)
    return _give(name, at[0], app, env)


def _reraised(output: str, app: App, env: Mapping[str, str]) -> str:
    """`missing_settings`, of an app whose handler of `os.environ["KEY"]`'s KeyError
    raised its own error (realpython's django-gunicorn-nginx), which ends the output."""
    at = frame_at(output, len(output), app.root, last=True)
    tree = readable_tree(at[0]) if at else None
    name = handled_read(tree, at[1]) if tree and at else None
    return _give(name, at[0], app, env) if at and name and name not in {*os.environ, *env} else ""


def _give(name: str, module: Path | None, app: App, env: Mapping[str, str]) -> str:
    own = required_settings(module) if module else {}
    needed = own
    # A variable naming the config object app.config.from_object loads: one of the
    # project's config classes, whose module's own needs come next.
    loaded = config_object(module, name, app.root) if module else None
    if loaded:
        needed = {**needed, **required_settings(loaded[1]), name: loaded[0]}
    given = {*os.environ, *env, *dotenv_values(app.root), name}
    others = [n for n in needed if n not in given]
    values = {n: needed.get(n) or named_value(n) for n in [name, *others]}
    if uses_postgres_features(app):  # no SQLite URL for a database SQLite cannot be
        values = {n: POSTGRES if v.startswith("sqlite:") else v for n, v in values.items()}
    give = option("env", " --env ".join(f"{n}={v}" for n, v in values.items()), repr(values))
    example = dotenv_example(app.root)
    copy = ""
    if example and name in example[1] and module and loads_dotenv(module):
        # As its README says: `cp .env.example .env`, which its settings read.
        copy = (
            f" Or make its .env from {example[0]}, which sets {'them' if others else 'it'} "
            f"(cp {example[0]} .env), as the project says."
        )
    if module is None or not others:  # without the module, there are no others
        return (
            f"the app reads {name} from its environment, which has none: give it with {give}.{copy}"
        )
    # What reads the others: the module, or the config module it loads by name.
    reader = loaded[1] if loaded and not set(others) & own.keys() else module
    where = reader.relative_to(app.root).as_posix()
    return (
        f"the app reads {name} from its environment, which has none, and {where} reads "
        f"{listed(others)} with no default, which it has not got either: give them with "
        f"{give}.{copy}"
    )


def https_hint(app: App, status: int) -> str:
    """How to check an app that sends plain HTTP to HTTPS: its setting off, or the redirect."""
    setting = app.kind.framework.https_redirect
    variable = _variable_of(app, setting)
    if variable:
        off = option("env", f"{variable}=False", repr({variable: "False"}))
        todo = f"its settings read {setting} from {variable}: give {off}"
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
        give = option("env", f"{variable}={_SOME_NAME}", repr({variable: _SOME_NAME}))
        also = option("host", host, repr(host))
        return f"its settings make ALLOWED_HOSTS of {variable}, as {host!r}: give {give} {also}"
    give = option("env", f"{variable}={REQUESTED_HOST}", repr({variable: REQUESTED_HOST}))
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


def refused_hosts(app: App, output: str) -> str:
    """What to do when runserver refused to start, as `output` says, for DEBUG off and
    no ALLOWED_HOSTS (not a system check naming them): the variable to give, else the
    setting to list 127.0.0.1 in; '' if it did not refuse."""
    if not _NO_HOSTS.search(output):
        return ""
    return allowed_hosts(app) or (
        f"its settings have DEBUG off and no ALLOWED_HOSTS, which runserver refuses: list "
        f"'{REQUESTED_HOST}' in ALLOWED_HOSTS in the settings the check runs with "
        f"({option('settings')})"
    )


def empty_setting(output: str, app: App) -> str:
    """'its settings …: what to do', of a setting Django needs that the app's settings
    left empty (`SECRET_KEY = os.getenv("SECRET_KEY")` with none set); '' if none."""
    found = _EMPTY_SETTING.search(output)
    if found is None:
        return ""
    setting = found.group(1)
    if variable := _variable_of(app, setting):
        by = option("env", f"{variable}=VALUE", repr({variable: "VALUE"}))
        got = "which its environment has not got"
        return f"its settings read {setting} from {variable}, {got}: give it with {by}."
    give = option("env", f"{setting}=VALUE", repr({setting: "VALUE"}))
    if setting in dotenv_values(app.root):  # which `heroku local` and Compose give it
        tools = "as the environment its tools run it in (heroku local, docker compose) would"
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
    use what SQLite has not got, so SQLite is no stand-in for its database."""
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
