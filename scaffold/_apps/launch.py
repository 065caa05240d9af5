"""Serve an app as production would, under its dev server or gunicorn, on a copy of it.

A server runs on a copy of the project in the run's own temporary folder, with
its HOME and TMPDIR there too, so whatever it writes (Django's db.sqlite3, logs,
gunicorn's control socket under ~/.gunicorn/) lands in scaffold's folder, never in
the project or the user's home. Debug switches in scaffold's own environment do
not reach it. A relative link that leads out of the project still leads there.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._process.server import Server, free_port, serve
from scaffold._process.supervisor import Supervisor
from scaffold._temporary import remove_tree
from scaffold.errors import InputError
from scaffold.kinds import ServerName

__all__ = [
    "check_env",
    "check_host",
    "check_servable",
    "copy_project",
    "serve_app",
    "server_command",
]

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A name or an address, and a port if any: what Django's ALLOWED_HOSTS check accepts.
_HOST_NAME = re.compile(r"([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:[0-9]{1,5})?", re.IGNORECASE)
# Servers write no bytecode, print as they go, and run with debugging off.
_ENV: dict[str, str | None] = {
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONUNBUFFERED": "1",
    "FLASK_DEBUG": None,
    "FLASK_ENV": None,
    "DJANGO_DEBUG": None,
}
# What a project folder holds that its server has no use for, and may be large.
_NOT_COPIED = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"}
    | {".mypy_cache", ".pytest_cache", ".ruff_cache"}
)


def server_command(
    app: App, *, server: ServerName, python: str, port: int
) -> tuple[list[str], dict[str, str | None]]:
    """The argv and environment changes that serve `app` on 127.0.0.1:`port`.

    `dev` is the development server as the project's README runs it, less the
    autoreloader, which a one-off check has no use for; `wsgi` is gunicorn, and
    `asgi` uvicorn serving the app's ASGI application.
    """
    env = dict(_ENV)
    if app.source:  # as installing a src layout would: its packages importable
        # Relative to the server's folder, the project: Python makes it absolute at start,
        # and a path of it holding os.pathsep (a folder 'my:shop') cannot split it.
        paths = [app.source, os.environ.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    if app.settings:
        env["DJANGO_SETTINGS_MODULE"] = app.settings
    if server == "wsgi":
        return [python, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", app.wsgi], env
    if server == "asgi":
        if app.asgi is None:
            raise InputError(_no_asgi(app))
        # Django has no lifespan events: without --lifespan off, uvicorn says so at start.
        argv = [python, "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port),
                "--lifespan", "off", app.asgi]  # fmt: skip
        return argv, env
    # Flask's dev server is given the module alone where scaffold found the app: Flask's
    # own discovery then picks it, as `flask run` would.
    entry = app.flask_app or app.wsgi
    return [python, *(arg.format(wsgi=entry, port=port) for arg in app.kind.dev)], env


@contextlib.contextmanager
def serve_app(
    app: App,
    *,
    server: ServerName,
    python: str,
    supervisor: Supervisor,
    timeout: float = 30.0,
    env: Mapping[str, str] | None = None,
    first_path: str = "/",
    host: str | None = None,
) -> Iterator[Server]:
    """Serve a copy of `app` on a free port until it answers; stop it on leaving (see `serve`).

    `env` is added to the server's environment, after scaffold's own settings.
    """
    room = Path(tempfile.mkdtemp(prefix="server-", dir=supervisor.scratch))
    try:
        copy = copy_project(app.root, room / app.root.name)
        home = room / "home"
        home.mkdir()
        port = free_port()
        argv, changes = server_command(
            replace(app, root=copy), server=server, python=python, port=port
        )
        changes |= {"HOME": str(home), "TMPDIR": str(home), **(env or {})}
        with serve(
            argv,
            cwd=copy,
            port=port,
            env=changes,
            timeout=timeout,
            supervisor=supervisor,
            first_path=first_path,
            host=host,
        ) as running:
            yield running
    finally:
        remove_tree(room)


def _no_asgi(app: App) -> str:
    if app.kind.framework == "flask":
        return (
            f"'{app.root}' is a Flask app, which speaks WSGI, not ASGI: use --server dev or wsgi."
        )
    return f"'{app.root}' has no asgi.py to serve with --server asgi: use --server dev or wsgi."


def check_host(host: str | None) -> None:
    """Raise InputError unless `host` (--host) is a Host header a request can carry."""
    if host is not None and not _HOST_NAME.fullmatch(host):
        raise InputError(
            f"--host {host!r} is not a host name a request can carry: use a name or "
            "an address, and a port if any, e.g. --host shop.example.com or localhost:8000."
        )


def check_env(env: Mapping[str, str]) -> None:
    """Raise InputError unless each of `env` (--env) is a setting an environment can hold."""
    for name, value in env.items():
        if not _ENV_NAME.fullmatch(name) or "\0" in value:
            raise InputError(
                f"--env {name}={value!r} is not a setting: use KEY=VALUE with KEY made of "
                "letters, digits and underscores, e.g. --env DJANGO_DEBUG=0."
            )


def check_servable(app: App, server: ServerName) -> None:
    """Raise InputError if `server` cannot serve `app` (ASGI for an app without one)."""
    if server == "asgi" and app.asgi is None:
        raise InputError(_no_asgi(app))


def copy_project(root: Path, into: Path) -> Path:
    """Copy the project `root` to `into`, less VCS folders, virtualenvs, caches, FIFOs."""

    def skipped(folder: str, names: list[str]) -> set[str]:
        skip = set(_NOT_COPIED.intersection(names))
        for name in names:
            with contextlib.suppress(OSError):
                mode = os.lstat(os.path.join(folder, name)).st_mode  # noqa: PTH118
                if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                    skip.add(name)  # a FIFO or a device would block or fail a copy
        return skip

    try:
        shutil.copytree(root, into, symlinks=True, ignore=skipped)
        _anchor_outward_links(root, into)
    except (OSError, shutil.Error) as err:
        raise InputError(f"cannot copy '{root}' to serve it: {err}") from None
    return into


def _anchor_outward_links(root: Path, copy: Path) -> None:
    """Make the copy's relative links that lead out of the project lead where they did.

    A monorepo's `templates -> ../shared/templates` would dangle in the copy; it
    now points at the original, from the folder the kernel resolved it from.
    """
    inside = os.path.realpath(root)
    for folder, dirs, files in os.walk(copy):  # links to folders are listed, not entered
        for name in (*dirs, *files):
            link = Path(folder, name)
            if not link.is_symlink():
                continue
            target = link.readlink()
            original = root / link.relative_to(copy)
            leads_to = os.path.realpath(original)
            if target.is_absolute() or os.path.commonpath([inside, leads_to]) == inside:
                continue
            link.unlink()
            link.symlink_to(Path(os.path.realpath(original.parent), target))
