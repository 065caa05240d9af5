"""The web frameworks scaffold makes and serves apps of: one record each (see record.py).

`FRAMEWORKS` is read whenever a framework is looked for, so a framework added to it
is found, served and explained like the others.
"""

from __future__ import annotations

from scaffold.frameworks.django import DJANGO
from scaffold.frameworks.flask import FLASK
from scaffold.frameworks.record import SERVERS, Clues, Finder, Found, Framework, ServerName

__all__ = [
    "DJANGO",
    "FLASK",
    "FRAMEWORKS",
    "SERVERS",
    "Clues",
    "Finder",
    "Found",
    "Framework",
    "ServerName",
    "finders",
    "modules",
    "server_packages",
]

FRAMEWORKS: tuple[Framework, ...] = (DJANGO, FLASK)


def finders() -> list[Finder]:
    """Every framework's finders, in the order discovery asks them (see record.py)."""
    return sorted((f for framework in FRAMEWORKS for f in framework.finders), key=lambda f: f.rank)


def modules() -> frozenset[str]:
    """The modules every framework installs, which a new project may not shadow."""
    return frozenset().union(*(framework.imports for framework in FRAMEWORKS))


def server_packages(server: ServerName) -> tuple[str, ...]:
    """What `server` needs installed for any framework's apps, as pip names it."""
    found = {name for f in FRAMEWORKS for name in f.server_packages.get(server, ())}
    return tuple(sorted(found))
