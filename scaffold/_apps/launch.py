"""The command that serves an app, under its framework's dev server or under gunicorn."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from scaffold._apps.detect import App
from scaffold._process.server import Server, free_port, serve
from scaffold._process.supervisor import Supervisor
from scaffold.kinds import ServerName

__all__ = ["serve_app", "server_command"]

# Servers write no bytecode into the project they check, and print as they go.
_ENV = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}


def server_command(
    app: App, *, server: ServerName, python: str, port: int
) -> tuple[list[str], dict[str, str]]:
    """The argv and extra environment that serve `app` on 127.0.0.1:`port`.

    `dev` is the development server as the project's README runs it, less the
    autoreloader, which a one-off check has no use for; `wsgi` is gunicorn.
    """
    env = dict(_ENV)
    if app.settings:
        env["DJANGO_SETTINGS_MODULE"] = app.settings
    if server == "wsgi":
        return [python, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", app.wsgi], env
    return [python, *(arg.format(wsgi=app.wsgi, port=port) for arg in app.kind.dev)], env


@contextlib.contextmanager
def serve_app(
    app: App,
    *,
    server: ServerName,
    python: str,
    supervisor: Supervisor,
    timeout: float = 30.0,
) -> Iterator[Server]:
    """Serve `app` on a free port until it answers; stop it on leaving (see `serve`)."""
    port = free_port()
    argv, env = server_command(app, server=server, python=python, port=port)
    with serve(
        argv, cwd=app.root, port=port, env=env, timeout=timeout, supervisor=supervisor
    ) as running:
        yield running
