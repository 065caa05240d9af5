"""What scaffold knows about one web framework, as one typed record.

A framework's record says how to find its apps in code people wrote (its finders),
which servers serve them and how each is started, what their environment must not
carry, what a failure of theirs means, and which names a project may not take. A
kind of project (`scaffold.kinds`) names its framework; every other module asks
these records, so a framework is added by adding a record (and its templates).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from scaffold.frameworks.roles import Snippet, Source

__all__ = [
    "DECLARED",
    "ENTRY_SCRIPT",
    "ENVIRONMENT",
    "NAMED",
    "SERVERS",
    "SHAPE",
    "Clues",
    "DatabaseSetup",
    "Finder",
    "Found",
    "Framework",
    "ServerName",
    "fill",
]

ServerName = Literal["dev", "wsgi", "asgi"]
SERVERS: tuple[ServerName, ...] = ("dev", "wsgi", "asgi")

# The ranks of finders, in the order discovery asks them: an app the user named wins
# over a framework's own entry script, which wins over one the environment names,
# which wins over one the project declares for production (its Procfile), which wins
# over one found by the shape of its code.
NAMED = 0
ENTRY_SCRIPT = 10
ENVIRONMENT = 20
DECLARED = 25
SHAPE = 30


class Clues(NamedTuple):
    """What the user said about the app to serve, as the frameworks' own tools take it."""

    app: str | None = None
    """Flask's --app: `module`, `module:name`, `module:factory(args)`, a path."""
    settings: str | None = None
    """Django's --settings: a dotted settings module."""
    environ: Mapping[str, str] = {}
    """The environment the frameworks' tools would read (FLASK_APP, DJANGO_SETTINGS_MODULE)."""


class Found(NamedTuple):
    """An app found in a folder: what its servers are told, and the kind whose shape it has."""

    kind: str
    """The kind of project it is shaped like, e.g. 'flask-project'."""
    wsgi: str
    """Its WSGI application as gunicorn names it: `app:app`, `blog:create_app()`."""
    settings: str | None = None
    """Its Django settings module, when its servers must be told it."""
    asgi: str | None = None
    """Its ASGI application as uvicorn names it, if it has one."""
    entry: str | None = None
    """What the development server is told, when not `wsgi`: Flask's --app gets the
    module alone, so that Flask's own discovery picks the app in it."""
    source: str = ""
    """The folder its modules are imported from: `src` in a src layout; "" for the root."""
    script: str | None = None
    """The project's file its development server runs, e.g. `manage.py`."""
    settings_named: bool = False
    """Whether the user named `settings` (--settings, DJANGO_SETTINGS_MODULE): then they
    win over those the project's own entry points set (manage.py, wsgi.py, asgi.py)."""

    def served_by(self, server: ServerName) -> Found:
        """What `server` serves of it: the development server is told `entry`; the others
        `wsgi` or `asgi`, as the app named for the development server too."""
        return self if server == "dev" else self._replace(entry=None)


class DatabaseSetup(NamedTuple):
    """What makes an app's missing database tables, as the user runs it in the project."""

    what: str
    """What to do, said before the commands, e.g. 'run its migrations first'."""
    commands: tuple[str, ...]
    """The shell commands, in order, e.g. 'python manage.py migrate'."""
    kept_in: str
    """Where the result lives, which the copy smoke serves then has, e.g. 'db.sqlite3'."""


class Finder(NamedTuple):
    """One way a framework finds an app in a folder; lower ranks are asked first."""

    rank: int
    find: Callable[[Path, Clues], Found | None]
    """The app in the folder, or None; UnknownProjectError or InputError for an app the
    user named that is not there."""


class Framework(NamedTuple):
    """Everything scaffold knows about one framework: see the module's docstring.

    Server arguments and environment values may hold `{port}`, `{wsgi}`, `{asgi}`,
    `{entry}` (what the dev server is told: `Found.entry`, else `wsgi`), `{script}` and
    `{named_settings}` (the settings, when the user named them; else nothing, and an
    environment value that comes to nothing is left as the environment has it).
    """

    name: str
    """As kinds and messages name it, e.g. 'flask'."""
    title: str
    """As people write it, e.g. 'Flask'."""
    packages: tuple[str, ...]
    """Its distributions as pip installs them, which its apps import."""
    imports: frozenset[str]
    """The modules it and its dependencies install, which a new project may not shadow."""
    servers: Mapping[ServerName, tuple[str, ...]]
    """Each server that can serve its apps: the arguments after the interpreter."""
    server_packages: Mapping[ServerName, tuple[str, ...]]
    """What each server needs installed besides the app's own needs, as pip names it."""
    finders: tuple[Finder, ...]
    """How its apps are found in code people wrote, without importing it."""
    looked_for: str
    """What its finders look for, as the 'no app found' message lists it."""
    regrown: Callable[[Path, Clues, Found], Found]
    """How a project generated as one of its kinds is served now, from what it was made
    as: a project may have grown since (manage.py may name other settings)."""
    hosts_refusal: str
    """How it refuses a request for a Host it does not serve, said before '… does not list'."""
    hosts_refused: tuple[str, ...] = ()
    """What its answer to a Host it does not serve holds, in the body or the server's output."""
    environment: Mapping[str, str | None] = {}
    """Settings its servers must not inherit (None) or must have, which may hold the
    placeholders the server arguments hold: debug modes off, the app to serve."""
    app_variable: str = ""
    """The variable of `environment` its tools find the app by (FLASK_APP): read, from
    scaffold's environment or --env, to find the app, then set to the app found."""
    database_setup: Callable[[Path, Found, str], DatabaseSetup | None] | None = None
    """What makes the table an app lacks (its name given), in the project's folder."""
    https_redirect: str = ""
    """The setting that sends plain HTTP to HTTPS, which the hints name ('' if none)."""
    app_option: str = ""
    """The option that names one of its apps to smoke ('app': `--app`, `app=`), for the
    hints."""
    roles: Callable[[Mapping[str, Source], Found], dict[str, tuple[Snippet, ...]]] | None = None
    """The code playing each role of its apps (see roles.py), from their parsed sources."""

    def __hash__(self) -> int:
        # By name: its mappings cannot be hashed, and a kind holding it is a dict key.
        return hash(self.name)

    def environment_for(self, found: Found) -> dict[str, str | None]:
        """The environment changes its servers need to serve `found` (see `environment`)."""
        filled = {
            name: None if value is None else fill((value,), found)[0]
            for name, value in self.environment.items()
        }
        return {name: value for name, value in filled.items() if value != ""}

    def command(self, server: ServerName, found: Found, *, port: int) -> tuple[str, ...]:
        """The arguments after the interpreter that serve `found` with `server` on `port`."""
        return fill(self.servers[server], found, port=port)


def fill(template: tuple[str, ...], found: Found, *, port: int | None = None) -> tuple[str, ...]:
    """`template`'s arguments with `found`'s placeholders filled in (see Framework)."""
    values = {
        "port": "" if port is None else str(port),
        "wsgi": found.wsgi,
        "asgi": found.asgi or "",
        "entry": found.entry or found.wsgi,
        "script": found.script or "",
        "named_settings": (found.settings or "") if found.settings_named else "",
    }
    return tuple(arg.format_map(values) for arg in template)
