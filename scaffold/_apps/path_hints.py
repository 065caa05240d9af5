"""Advice for an app with no page at the path checked (an API, a site whose pages start
elsewhere): the option that checks one it has, and, when Django's 404 page (DEBUG on)
lists the URL patterns it tried, the paths they start with."""

from __future__ import annotations

import html
import re

from scaffold.errors import option

__all__ = ["not_found_hint"]

_TRIED = "Django tried these URL patterns"
# Each pattern's first part, as Django's technical 404 page lists it: <li><code>admin/,
# and before Django 2.0, a regex with no <code>: <li>^admin/
_PATTERN = re.compile(r"<li>\s{0,200}(?:<code>\s{0,200})?([^<\s]{1,200})")
_LITERAL = re.compile(r"[\w./-]{0,200}")
_MAX_SAID = 5
_ADMIN_LOGIN = "login/"
"""Where the admin's pages lead a visitor who has not logged in: a page that answers 200."""


def not_found_hint(status: int, path: str, body: str) -> str:
    """' The app has no page at …: what to check instead', for a 404 to `path` that
    answered `body`; '' for any other status."""
    if status != 404:
        return ""
    paths = _listed_paths(body)
    if not paths:
        named = option("path", "PATH", repr(["PATH"]))
        return f" The app has no page at {path}: check one it serves with {named}."
    first = paths[0] + (_ADMIN_LOGIN if paths[0] == "/admin/" else "")
    return (
        f" The app has no page at {path}; Django's 404 page lists the URL patterns it "
        f"serves ({', '.join(paths)}): check one with {option('path', first, repr([first]))}."
    )


def _listed_paths(body: str) -> list[str]:
    """The literal paths the URL patterns on Django's 404 page start with (`admin/`, and
    `^admin/` as a regex; not `<int:pk>/`), in its order; none if the body is not that page."""
    start = body.find(_TRIED)
    if start < 0:
        return []
    paths: list[str] = []
    for found in _PATTERN.finditer(body, start):
        pattern = html.unescape(found.group(1)).removeprefix("^").removesuffix("$")
        if pattern and _LITERAL.fullmatch(pattern) and f"/{pattern}" not in paths:
            paths.append(f"/{pattern}")
        if len(paths) == _MAX_SAID:
            break
    return paths
