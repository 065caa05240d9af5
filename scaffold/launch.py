"""The command that serves an app, under its framework's dev server or under gunicorn."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from scaffold.detect import App
from scaffold.server import Server, free_port, serve

__all__ = ["serve_app", "server_command"]

# Servers write no bytecode into the project they check, and print as they go.
_ENV = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}


def server_command(
    app: App, *, server: str, python: str, port: int
) -> tuple[list[str], dict[str, str]]:
    """The argv and extra environment that serve `app` on 127.0.0.1:`port`.

    `dev` is the command the project's README gives (Django's without the
    autoreloader, which a one-off check has no use for); `wsgi` is gunicorn.
    """
    address = f"127.0.0.1:{port}"
    if server == "wsgi":
        return [python, "-m", "gunicorn", "--bind", address, app.wsgi], _ENV
    if app.kind == "flask-single":
        argv = [python, "-m", "flask", "--app", app.wsgi, "run", "--host", "127.0.0.1"]
        return [*argv, "--port", str(port)], _ENV
    if app.kind == "django-project":
        settings = {"DJANGO_SETTINGS_MODULE": app.wsgi.removesuffix(".wsgi") + ".settings"}
        return [python, "manage.py", "runserver", "--noreload", address], {**_ENV, **settings}
    return [python, "app.py", "runserver", "--noreload", address], _ENV


@contextlib.contextmanager
def serve_app(app: App, *, server: str, python: str, timeout: float = 30.0) -> Iterator[Server]:
    """Serve `app` on a free port until it answers; stop it on leaving (see `serve`)."""
    port = free_port()
    argv, env = server_command(app, server=server, python=python, port=port)
    with serve(argv, cwd=app.root, port=port, env=env, timeout=timeout) as running:
        yield running
