"""Serve an app as its users would, on a copy of it: the one way scaffold does it.

smoke, compare, the pytest fixture and `scaffold.serve` all serve through `served`,
with a `Serving` checked once. A server runs on a copy of the project in the run's
own temporary folder, with its HOME and TMPDIR there too, so whatever it writes
(Django's db.sqlite3, logs, gunicorn's control socket under ~/.gunicorn/) lands in
scaffold's folder, never in the project or the user's home. Debug switches in
scaffold's own environment do not reach it. The interpreter is the one given, else
the project's own virtualenv's, else the activated one's ($VIRTUAL_ENV), else
scaffold's.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._apps.interpreter import (
    active_python,
    find_python,
    project_python,
    require_runnable,
)
from scaffold._apps.targets import resolve, workspace
from scaffold._checked import is_seconds
from scaffold._process.server import Server, free_port, serve_command
from scaffold._process.supervisor import Supervisor
from scaffold._project.tree import copy_project, packages_above
from scaffold._temporary import remove_tree
from scaffold.errors import InputError, PortTakenError, option
from scaffold.frameworks import SERVERS, ServerName
from scaffold.frameworks.dotenv_files import checked_settings

__all__ = [
    "RunningApp",
    "Serving",
    "base_python",
    "check_servable",
    "interpreter",
    "serve",
    "served",
    "server_command",
]

# A name or an address, and a port if any: what Django's ALLOWED_HOSTS check accepts.
_HOST_NAME = re.compile(r"([A-Za-z0-9.-]+|\[[A-Fa-f0-9]*:[A-Fa-f0-9.:]+\])(:[0-9]{1,5})?")
# Servers write no bytecode and print as they go; each framework adds its own (debug off).
_ENV: dict[str, str | None] = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
MAX_TIMEOUT_S = 24 * 60 * 60.0
"""The longest a server may take to answer: a day, which any deadline can hold."""
_PORT_TRIES = 3
"""How many ports a server is started on, the next when another process took the last."""


@dataclass(frozen=True)
class Serving:
    """How to serve apps, the same for every app of a run; see `Serving.checked`."""

    server: ServerName = "dev"
    python: str | None = None
    """The interpreter for every app, found; None: each project's own, else the activated
    one's, else scaffold's."""
    env: Mapping[str, str] = field(default_factory=dict)
    """Settings added to the servers' environment, after scaffold's own."""
    host: str | None = None
    """The Host header of every request; None: the server's address and port."""
    timeout: float = 30.0
    """How long a server has to answer, from its start."""

    @classmethod
    def checked(
        cls,
        *,
        server: str = "dev",
        python: str | None = None,
        env: Mapping[str, str] | None = None,
        host: str | None = None,
        timeout: float = 30.0,
        env_file: Sequence[str | os.PathLike[str]] = (),
    ) -> Serving:
        """A Serving of these, or InputError saying which one no server can take. The
        settings the `env_file`s make come first: `env`'s win over them."""
        if server not in SERVERS:
            raise InputError(
                f"server {server!r} is not one of {', '.join(SERVERS)}.", parameter="server"
            )
        if not is_seconds(timeout, MAX_TIMEOUT_S):
            raise InputError(
                f"timeout {timeout!r} is not a finite number of seconds above 0 (and at most "
                "a day).",
                parameter="timeout",
            )
        if host is not None and not (isinstance(host, str) and _HOST_NAME.fullmatch(host)):
            raise InputError(
                f"host {host!r} is not a host name a request can carry: use a name or an "
                "address, and a port if any, e.g. shop.example.com or localhost:8000.",
                parameter="host",
            )
        settings = checked_settings(env or {}, env_file)
        chosen = find_python(python) if python else None
        return cls(server, chosen, settings, host, float(timeout))

    @property
    def environ(self) -> dict[str, str]:
        """The environment its servers' tools read the app from (FLASK_APP,
        DJANGO_SETTINGS_MODULE): scaffold's own, then `env`."""
        return {**os.environ, **self.env}


@dataclass(frozen=True)
class RunningApp:
    """An app `serve` is serving: its base URL (no trailing slash), folder and kind."""

    url: str
    path: Path
    kind: str
    server: str


@contextlib.contextmanager
def serve(
    target: str | os.PathLike[str],
    *,
    server: str = "dev",
    python: str | None = None,
    env: Mapping[str, str] | None = None,
    host: str | None = None,
    timeout: float = 30.0,
    app: str | None = None,
    settings: str | None = None,
    workdir: Path | None = None,
    env_file: Sequence[str | os.PathLike[str]] = (),
) -> Iterator[RunningApp]:
    """Serve `target` (a project folder or a template name) until the block ends.

    The app is served as `scaffold smoke` serves it: on a copy, with `python` (else
    the project's virtualenv's, else the activated one's, else scaffold's), once it
    answers its first request; `app` and `settings` are Flask's --app and Django's
    --settings. A template is generated into `workdir`, kept, or a temporary folder.
    The settings `env_file`s make (a .env) are added to its environment, `env` over
    them. Its server is stopped on leaving, however the block ends. Bad input raises
    InputError before anything runs.
    """
    how = Serving.checked(server=server, python=python, env=env, host=host, timeout=timeout,
                          env_file=env_file)  # fmt: skip
    with workspace(workdir) as folder, Supervisor() as supervisor:
        (found,) = resolve([target], folder, flask_app=app, settings=settings, environ=how.environ,
                           names_app=True)  # fmt: skip
        python_found = interpreter(found.app, how)
        with served(found.app, how, supervisor=supervisor, python=python_found) as running:
            yield RunningApp(running.url, found.app.root, found.app.kind.name, how.server)


def base_python(app: App, how: Serving) -> str:
    """The interpreter that serves `app`, or makes its fresh environment: the one `how`
    names, else the project's own virtualenv's, else the activated one's, else scaffold's.

    The project's own is looked for in its folder, then, for a project found below the
    folder named (`repo/mysite/manage.py`), in each folder up to that one: its README
    made the virtualenv where it ran `django-admin startproject mysite`."""
    folders = [app.root]
    if app.named is not None and app.root.is_relative_to(app.named):
        folders += [f for f in app.root.parents if f.is_relative_to(app.named)]
    own = next(filter(None, map(project_python, folders)), None)
    return how.python or own or active_python() or sys.executable


def interpreter(app: App, how: Serving) -> str:
    """`base_python`, or InputError if it cannot be run."""
    python = base_python(app, how)
    require_runnable(python)
    return python


def check_servable(app: App, server: ServerName) -> None:
    """Raise InputError if `server` cannot serve `app` (ASGI for an app without one)."""
    framework = app.kind.framework
    if server == "wsgi" and not app.found.wsgi:  # an ASGI-only Django project (saleor)
        others = ["dev", "asgi"] if app.found.asgi else ["dev"]
        use = option("server", " or ".join(others), " or ".join(map(repr, others)))
        raise InputError(
            f"'{app.root}' has no WSGI application (no wsgi.py, no WSGI_APPLICATION) to "
            f"serve with {option('server', server, repr(server))}: use {use}."
        )
    if server in framework.servers and (server != "asgi" or app.found.asgi):
        return
    offered = " or ".join(framework.servers)
    if "asgi" not in framework.servers:
        raise InputError(
            f"'{app.root}' is a {framework.title} app, which speaks WSGI, not ASGI: use "
            f"{option('server', offered, offered)}."
        )
    raise InputError(
        f"'{app.root}' has no asgi.py to serve with {option('server', server, repr(server))}: "
        f"use {option('server', 'dev or wsgi', repr('dev') + ' or ' + repr('wsgi'))}."
    )


def _copied(app: App, room: Path) -> Path:
    """Copy `app` into `room` (its folder in the copy): the folder named for an app found
    below it, whose files it may read (`../webpack-stats.json`); else its folder alone."""
    if app.named is None or app.named == app.root or not app.root.is_relative_to(app.named):
        return copy_project(app.root, _in_its_packages(app.root, room))
    return copy_project(app.named, room / app.named.name) / app.root.relative_to(app.named)


def _in_its_packages(root: Path, room: Path) -> Path:
    """Where in `room` the copy of `root` is served from: below empty packages named as
    those it sits in, if it is a package (see `packages_above`)."""
    where = room
    for name in packages_above(root):
        where = where / name
        where.mkdir()
        (where / "__init__.py").touch()
    return where / root.name


def server_command(
    app: App, *, server: ServerName, python: str, port: int
) -> tuple[list[str], dict[str, str | None]]:
    """The argv and environment changes that serve `app` on 127.0.0.1:`port`.

    `dev` is the development server as the project's README runs it, less the
    autoreloader, which a one-off check has no use for; `wsgi` is gunicorn, and
    `asgi` uvicorn serving the app's ASGI application.
    """
    check_servable(app, server)
    framework = app.kind.framework
    env = {**_ENV, **framework.environment_for(app.found)}
    if app.found.source:  # as installing a src layout would: its packages importable
        # Relative to the server's folder, the project: Python makes it absolute at start,
        # and a path of it holding os.pathsep (a folder 'my:shop') cannot split it.
        paths = [app.found.source, os.environ.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    return [python, *framework.command(server, app.found, port=port)], env


@contextlib.contextmanager
def served(
    app: App,
    how: Serving,
    *,
    supervisor: Supervisor,
    python: str,
    server: ServerName | None = None,
    first_path: str = "/",
) -> Iterator[Server]:
    """Serve a copy of `app` with `python` on a free port until it answers `first_path`;
    stop it on leaving. `server` replaces `how.server` (compare boots with one, loads
    with another).

    Another process may take the free port before the server binds it (another
    scaffold, a test run, anything on the machine choosing ports the same way):
    the server is then started again on another port, twice at most.
    """
    server = server or how.server
    check_servable(app, server)
    room = Path(tempfile.mkdtemp(prefix="server-", dir=supervisor.scratch))
    try:
        copy = _copied(app, room)
        home = room / "home"
        home.mkdir()
        moved = App(copy, app.kind, app.found, app.greeting)
        for tries_left in reversed(range(_PORT_TRIES)):
            port = free_port()
            argv, changes = server_command(moved, server=server, python=python, port=port)
            # The user's settings win, but for the one naming the app: what was found from
            # it, in the copy (`--env FLASK_APP=/the/project/app.py` names the original).
            naming = moved.kind.framework.app_variable
            found_as = {naming: changes[naming]} if naming in changes else {}
            changes |= {"HOME": str(home), "TMPDIR": str(home), **how.env, **found_as}
            serving = serve_command(
                argv,
                cwd=copy,
                port=port,
                env=changes,
                timeout=how.timeout,
                supervisor=supervisor,
                first_path=first_path,
                host=how.host,
            )
            with contextlib.ExitStack() as stack:
                try:
                    running = stack.enter_context(serving)
                except PortTakenError:
                    if tries_left:
                        continue
                    raise
                yield running
                return
    finally:
        remove_tree(room)
