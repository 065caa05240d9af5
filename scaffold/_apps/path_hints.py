"""Advice for an app with no page at the path checked (an API, a site whose pages start
elsewhere): the option that checks one it has, and, when Django's 404 page (DEBUG on)
lists the URL patterns it tried, the paths they start with; for a Flask app whose config
sets SERVER_NAME, which Flask before 3.1 serves alone, the host to check it as."""

from __future__ import annotations

import ast
import html
import re
import shlex
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from scaffold._apps.detect import App
from scaffold._apps.django_routes import django_routes
from scaffold._apps.flask_routes import LITERAL, flask_routes, flask_trees
from scaffold.errors import option
from scaffold.frameworks.roles import string_value

__all__ = ["bad_request_hint", "credentials_hint", "not_found_hint", "to_https"]

_TRIED = "Django tried these URL patterns"
# Each pattern as Django's technical 404 page lists it, a part per include (an i18n
# prefix, an app's): <li><code>en/</code> <code>blog/ [name='blog']</code></li>, and
# before Django 2.0, regexes with no <code>: <li>^en/ ^blog/$ [name='blog']</li>
_PATTERN = re.compile(r"<li>(.{0,2000}?)</li>", re.DOTALL)
_NAMED = re.compile(r"\[name=[^\]]{0,200}\]")
_MAX_SAID = 5
"""The most paths a hint names."""
_MAX_TEXT = 160
"""The most characters of a refusal's text a hint quotes."""
_TAG = re.compile(r"<[^<>]{0,2000}>")
_HEALTH = re.compile(r"/_?(?:health(?:z|check)?|ping|status|alive|ready)/?$", re.IGNORECASE)
"""A health check's path (/_health/, /healthz), which an API answers without a login."""
_ADMIN_LOGIN = "login/"
"""Where the admin's pages lead a visitor who has not logged in: a page that answers 200."""
_MAX_ASKED = 8
"""The most paths asked of the server for one that answers 200."""

Fetch = Callable[[str], tuple[int, str] | None]
"""GET a path of the running server: its status and body; None if it did not answer."""


def credentials_hint(status: int) -> str:
    """' It asks for credentials …', for a 401 or 403 (DRF's IsAuthenticated, a page
    behind login_required): the options that check another page, or the refusal."""
    if status not in (401, 403):
        return ""
    refusal = option("status", str(status), str(status))
    return (
        " It asks for credentials, and smoke sends none: check a page anyone may see "
        f"({option('path')}), or this refusal itself ({refusal})."
    )


def bad_request_hint(app: App, host: str, body: str, output: str) -> str:
    """' … give a name it lists with --host', for a 400 that refuses the Host `host`, as
    the app's framework does in its answer `body` or its server's `output`; for any
    other 400, what it said (an API's 'Must provide query string.')."""
    from scaffold._apps.setting_hints import allowed_hosts

    framework = app.kind.framework
    if any(said in body or said in output for said in framework.hosts_refused):
        other = f"; or {hosts}" if (hosts := allowed_hosts(app)) else ""
        listed = _listed_hosts(app)
        usable = [name for name in listed if name != "*" and not name.startswith(".")]
        named = option("host", usable[0], repr(usable[0])) if usable else option("host")
        said = f" (its settings list {', '.join(map(repr, listed[:_MAX_SAID]))})" if usable else ""
        return (
            f" {framework.hosts_refusal} does not list, and this one was '{host}': give a "
            f"name it lists with {named}{said}{other}."
        )
    text = " ".join(html.unescape(_TAG.sub(" ", body)).split())
    said = f", saying {_shortened(text)!r}" if text else ""
    return (
        f" It refused the request{said}: check a page that takes it as it is "
        f"({option('path')}), or this refusal itself ({option('status', '400', '400')})."
    )


def _listed_hosts(app: App) -> list[str]:
    """The hosts a Django app's settings list, when they are written out as strings
    (`ALLOWED_HOSTS = ["localhost", "0.0.0.0"]`, `settings.configure(ALLOWED_HOSTS=[…])`);
    none if they are read or made."""
    from scaffold._apps.env_values import assigns
    from scaffold._apps.setting_hints import settings_files
    from scaffold._source import parsed

    for tree in filter(None, map(parsed, settings_files(app))):
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and assigns(node, "ALLOWED_HOSTS"):
                value: ast.expr | None = node.value
            elif isinstance(node, ast.keyword) and node.arg == "ALLOWED_HOSTS":
                value = node.value
            else:
                continue
            items = value.elts if isinstance(value, ast.List | ast.Tuple) else []
            hosts = [string_value(item) for item in items]
            if hosts and all(hosts):
                return [host for host in hosts if host]
    return []


def _shortened(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else f"{text[: _MAX_TEXT - 1]}…"


def not_found_hint(
    status: int, path: str, body: str, app: App | None = None, fetch: Fetch | None = None
) -> str:
    """' The app has no page at …: what to check instead', for a 404 to `path` that
    answered `body`; '' for any other status. With `fetch`, the paths the app lists or
    routes are asked in turn, and the first that answers 200 is the one advised."""
    if status != 404:
        return ""
    paths = _listed_paths(body)
    routed = flask_routes(app) if app is not None and not paths else []
    # Django's 404 page lists its patterns with DEBUG on alone: else, its root URLconf's.
    django = django_routes(app) if app is not None and not paths and routed == [] else []
    if routed is None:  # greyli/helloflask's chapter 5
        return (
            f" The app has no page at {path}, and its code routes none (no route, view or "
            "blueprint): it is used some other way (its commands, a shell), not served."
        )
    if routed and path.partition("?")[0] not in routed:  # else the 404 is not the routes
        return (
            f" The app has no page at {path}; its code routes GET to "
            f"{', '.join(routed)}: {_check_one(routed, path, fetch)}."
        )
    if django and path.partition("?")[0] not in django:
        return (
            f" The app has no page at {path}; its root URLconf routes "
            f"{', '.join(django)}: {_check_one(django, path, fetch)}."
        )
    if not paths:
        named = option("path", "PATH", repr(["PATH"]))
        said = f" The app has no page at {path}: check one it serves with {named}"
        if app is None or (server := server_name(app)) is None:
            return f"{said}."
        host = option("host", shlex.quote(server), repr(server)) if server else option("host")
        named_as = f" ({server!r})" if server else ""
        return (
            f"{said}; or, as its config sets SERVER_NAME{named_as}, to which Flask before 3.1 "
            f"answers alone, check it as that host with {host}."
        )
    return (
        f" The app has no page at {path}; Django's 404 page lists the URL patterns it "
        f"serves ({', '.join(paths)}): {_check_one(paths, path, fetch)}."
    )


def _check_one(paths: list[str], asked: str, fetch: Fetch | None) -> str:
    """'check one with --path P' for the one of `paths` likeliest to answer 200, or, with
    `fetch`, the first that does, as it said; else one that answers a server error,
    whose own check says why."""
    ranked = _ranked(paths, asked)
    answering = _answering(ranked, fetch) if fetch else None
    first = answering[0] if answering else ranked[0]
    said = "check one with " + option("path", first, repr([first]))
    if answering is None:
        return said
    if answering[1] == 200:
        return f"{said}, which answers 200"
    return f"{said}: it answers {answering[1]}, and its check says why"


def _ranked(paths: list[str], asked: str) -> list[str]:
    """`paths` likeliest to answer 200 first: those under the path `asked` before others
    (it matched a prefix: /en/ of i18n_patterns), a health check (/ping, the shallowest
    first) before other pages, a page before a file (favicon.ico), and an admin as its
    login page."""
    asked = asked.partition("?")[0]
    under = [p for p in paths if p.startswith(asked)] or paths
    files = [p for p in under if "." in p.rpartition("/")[2]]
    health = sorted((p for p in under if _HEALTH.search(p)), key=lambda p: p.count("/"))
    pages = health + [p for p in under if p not in files and p not in health]
    return [p + (_ADMIN_LOGIN if p.endswith("admin/") else "") for p in pages + files]


def _answering(ranked: list[str], fetch: Fetch) -> tuple[str, int] | None:
    """The first of `ranked` that answers 200, asked in turn, else the first that answered a
    server error (500), with its status; where one answers Django's 404 page, the patterns
    it lists below it are asked next (`/api-auth/`, an include, lists `/api-auth/login/`).
    None if none does within _MAX_ASKED requests."""
    queue, asked = list(ranked), set[str]()
    failing = None
    while queue and len(asked) < _MAX_ASKED:
        path = queue.pop(0)
        if path in asked:
            continue
        asked.add(path)
        answer = fetch(path)
        status = answer[0] if answer else None
        if status == 200:
            return path, status
        if status is not None and status >= 500 and failing is None:
            failing = path, status
        if answer is not None and status == 404:
            below = [p for p in _listed_paths(answer[1]) if p.startswith(path) and p != path]
            queue[:0] = _ranked(below, path) if below else []
    return failing


def _listed_paths(body: str) -> list[str]:
    """The literal paths of the URL patterns on Django's 404 page, their parts joined
    (`en/` `admin/`; `^admin/` as a regex; not `<int:pk>/`), in its order; none if the
    body is not that page."""
    start = body.find(_TRIED)
    if start < 0:
        return []
    paths: list[str] = []
    for found in _PATTERN.finditer(body, start):
        said = html.unescape(_TAG.sub(" ", _NAMED.sub(" ", found.group(1))))
        parts = [part.removeprefix("^").removesuffix("$") for part in said.split()]
        path = "/" + "".join(parts)
        if all(map(LITERAL.fullmatch, parts)) and path != "/" and path not in paths:
            paths.append(path)
        if len(paths) == _MAX_SAID:
            break
    return paths


def server_name(app: App) -> str | None:
    """The SERVER_NAME a Flask app's code sets (`SERVER_NAME = "shop.example.com"` in a
    config, `app.config["SERVER_NAME"] = os.getenv("SERVER_NAME", "localhost:8000")`):
    its value or default, '' if it cannot be read from the code; None if none is set."""
    if app.kind.framework.name != "flask":
        return None
    served = set(re.findall(r"\w+", app.found.entry or app.found.wsgi))
    values = [
        (value, owner in served)
        for tree in flask_trees(app)
        for owner, node in _owned_nodes(tree)
        if (value := _server_name_value(node)) is not None
    ]
    # The first that names a host, the config class the app is served with first (a
    # factory given 'app.settings.DevConfig'), else '' for one the code does not say.
    values.sort(key=lambda found: not found[1])
    return next(filter(None, (value for value, _ in values)), "") if values else None


def _owned_nodes(tree: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    """Every node of `tree`, with the name of the class it is in ('' outside any)."""
    owners: dict[ast.AST, str] = {}
    for node in ast.walk(tree):
        owner = node.name if isinstance(node, ast.ClassDef) else owners.get(node, "")
        for child in ast.iter_child_nodes(node):
            owners[child] = owner
        yield owners.get(node, ""), node


def _server_name_value(node: ast.AST) -> str | None:
    """What `node` sets SERVER_NAME to ('' if not a literal, or a getenv's default), or
    None if it does not set it."""
    if isinstance(node, ast.Assign) and any(
        (isinstance(t, ast.Name) and t.id == "SERVER_NAME")
        or (isinstance(t, ast.Subscript) and string_value(t.slice) == "SERVER_NAME")
        for t in node.targets
    ):
        return _value(node.value)
    if isinstance(node, ast.Call):
        for keyword in node.keywords:
            if keyword.arg == "SERVER_NAME":
                return _value(keyword.value)
    return None


def _value(node: ast.expr) -> str:
    """A literal's value, a getenv's default, or the last literal of an `or`; else ''."""
    if isinstance(node, ast.Call) and len(node.args) == 2:
        return string_value(node.args[1]) or ""
    if isinstance(node, ast.BoolOp):
        return _value(node.values[-1])
    return string_value(node) or ""


def to_https(location: str, host: str) -> bool:
    """Whether `location` is the https:// of the site requested with Host `host`."""
    target = urlsplit(location)
    name = urlsplit(f"//{host}").hostname
    return target.scheme == "https" and target.hostname in {name, "127.0.0.1", "localhost"}
