"""Where a redirect that failed a check leads, and the options that check it or there."""

from __future__ import annotations

import shlex
from urllib.parse import urlsplit

from scaffold._process.fetch import Answer
from scaffold._process.server import Server
from scaffold._smoke.options import PATH
from scaffold.errors import option

__all__ = ["redirect_hint"]

_MAX_REDIRECTS = 5
"""How many redirects in a row a failure's advice follows to say where they end."""


def redirect_hint(answer: Answer, server: Server | None = None) -> str:
    """For a redirect, the options that check where it leads, or it.

    With the `server`, the redirects that follow are followed (a login page behind a
    redirect, then Django's APPEND_SLASH one), so that the path advised is the last one.
    A redirect to another site (an OAuth provider's sign-in) is not followed there:
    the redirect itself is what can be checked.
    """
    status = option("status", str(answer.status), str(answer.status))
    path = _local_location(answer)
    if path is None:
        away = _elsewhere(answer, server.host if server else "")
        return (
            f" It leads to another site, {away}: check the redirect itself: {status}."
            if away
            else ""
        )
    chain, end = [path], None
    while server is not None and len(chain) <= _MAX_REDIRECTS:
        try:
            end = server.get(chain[-1])
        except OSError:  # TimeoutError too: advise the first step alone
            end = None
            break
        following = _local_location(end)
        if following is None or following in chain:
            break
        chain.append(following)
    if end is not None and _local_location(end) in chain:
        loop = ", ".join(map(repr, chain))
        return f" Its redirects go round in a loop ({loop}): {status} checks the first."
    through = ", ".join(map(repr, chain))
    if end is not None and (away := _elsewhere(end, server.host if server else "")):
        return (
            f" It leads, through {through}, to another site, {away}, which smoke does not "
            f"follow: check the redirect itself: {status}."
        )
    if end is not None and len(chain) > 1 and _local_location(end) is None:
        path = chain[-1]
        through = ", ".join(map(repr, chain[:-1]))
        return (
            f" It leads, through {through}, to {path!r}, which answers {end.status}: check "
            f"it with {option('path', shlex.quote(path), repr([path]))}; or the redirect "
            f"itself: {status}."
        )
    return (
        f" To check the page it leads to: {option('path', shlex.quote(path), repr([path]))}; "
        f"or the redirect itself: {status}."
    )


def _local_location(answer: Answer) -> str | None:
    """The path a redirect within the app leads to (with its query); None for any
    other answer."""
    if not (300 <= answer.status < 400 and answer.location):
        return None
    target = urlsplit(answer.location)
    if target.scheme not in ("", "http") or target.hostname not in (None, "127.0.0.1"):
        return None
    path = target.path + (f"?{target.query}" if target.query else "")
    return path if PATH.fullmatch(path) else None


def _elsewhere(answer: Answer, host: str) -> str | None:
    """The site a redirect off the app leads to (`https://github.com`); None for any
    other answer, and for the app's own addresses: the one requested, with Host `host`
    (its HTTPS, see `https_hint`, or its canonical name)."""
    if not (300 <= answer.status < 400 and answer.location):
        return None
    target = urlsplit(answer.location)
    if target.scheme not in ("http", "https") or not target.hostname:
        return None
    if target.hostname in ("127.0.0.1", "localhost", urlsplit(f"//{host}").hostname):
        return None
    return f"{target.scheme}://{target.netloc}"
