"""The production servers frameworks share, as arguments after the interpreter."""

from __future__ import annotations

__all__ = ["GUNICORN", "UVICORN"]

GUNICORN = ("-m", "gunicorn.app.wsgiapp", "--bind", "127.0.0.1:{port}", "{wsgi}")
"""gunicorn serving the WSGI application."""
UVICORN = ("-m", "uvicorn", "--host", "127.0.0.1", "--port", "{port}")
"""uvicorn, before its options and the ASGI application the framework adds."""
