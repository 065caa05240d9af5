"""A Django project's database as advice speaks of it: the variable its settings read it
from as a URL, which may point it at SQLite; and, for a project that cannot open its
SQLite database file, the folder its settings put it in (`BASE_DIR / "data" /
"db.sqlite3"`, a Docker volume's `/data`), which is not there."""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Collection, Iterator
from pathlib import Path, PurePosixPath

from scaffold._apps.detect import App
from scaffold._apps.env_reads import item_variable, setting_variable
from scaffold._apps.env_values import assigns
from scaffold._apps.interpreter import in_project
from scaffold._apps.setting_hints import settings_files
from scaffold._source import call_argument, called_name, parsed
from scaffold.frameworks.roles import string_value

__all__ = [
    "database_host_variable",
    "database_parts_unset",
    "database_variable",
    "flask_database_variable",
    "flask_sqlite_elsewhere",
    "kept_database",
    "path_parts",
    "sqlite_folder",
    "written_dicts",
]

_FLASK_DATABASE_KEY = "SQLALCHEMY_DATABASE_URI"

_CANNOT_OPEN = re.compile(r"OperationalError: unable to open database file")


def sqlite_folder(output: str, app: App) -> str:
    """'the app cannot open …: what to do', of a project whose server said SQLite could
    not open its database file; '' if it did not say so."""
    if not _CANNOT_OPEN.search(output):
        return ""
    said = "the app cannot open its SQLite database file"
    name = next(filter(None, map(_database_name, settings_files(app))), None)
    folder = PurePosixPath(name).parent if name else None
    if folder is None or str(folder) in ("", "."):
        return (
            f"{said}: the folder its settings' DATABASES put it in is not there, or cannot be "
            "written: make it, as a deploy would."
        )
    if folder.is_absolute():
        return (
            f"{said}, {name}: this machine has no {folder} (a container's volume, say): make "
            "it, or point DATABASES at a folder of the project."
        )
    if (app.root / folder).is_dir():
        return f"{said}, {name}: its {folder} folder cannot be written: let it be."
    made = in_project(app.root, f"mkdir -p {shlex.quote(str(folder))}")
    return (
        f"{said}, {name}: the project has no {folder} folder: make it ({made}), as a deploy would."
    )


def _database_name(module: Path) -> str | None:
    """The path a settings module gives its default database's NAME, as far as its code
    says it: `BASE_DIR / "data" / "db.sqlite3"` and `os.path.join(BASE_DIR, "data", …)`
    as a path in the project, an absolute string as it is; None if it says none."""
    tree = parsed(module)
    for said in written_dicts(tree) if tree is not None else ():
        parts = path_parts(said["NAME"]) if "NAME" in said else None
        if parts and parts[-1].endswith((".sqlite3", ".sqlite", ".db")):
            return "/".join(parts)
    return None


def written_dicts(tree: ast.AST) -> Iterator[dict[str | None, ast.expr]]:
    """Each dict `tree` writes out (a database's `{"ENGINE": …, "NAME": …}`), its
    values by their keys, as strings where they are."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            yield {string_value(k): v for k, v in zip(node.keys, node.values, strict=True) if k}


def kept_database(app: App, kept_in: str) -> str:
    """Where the database its setup makes is kept, which the copy served has: the SQLite
    file a Django project's settings name (DjangoCRM's `crm_db`, mezzanine's `dev.db`,
    `BASE_DIR / "db.sqlite3"`; the last a module writes), else `kept_in`, as the
    framework's record says."""
    for tree in filter(None, map(parsed, settings_files(app))):
        named = []
        for said in written_dicts(tree):
            engine = string_value(said["ENGINE"]) if "ENGINE" in said else None
            if engine and engine.endswith("sqlite3") and "NAME" in said:
                name = string_value(said["NAME"])
                named.append(
                    [name] if name and ":memory:" not in name else path_parts(said["NAME"])
                )
        if named:
            return "/".join(named[-1]) if named[-1] else kept_in
    return kept_in


def path_parts(node: ast.expr) -> list[str] | None:
    """The parts of a path built from the project's folder: `BASE / "a" / "b"` and
    `os.path.join(BASE, "a", "b")` (or `join` imported) give ['a', 'b']; an absolute
    string, itself."""
    if (text := string_value(node)) is not None:
        return [text] if text.startswith("/") else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left = [] if isinstance(node.left, ast.Name) else path_parts(node.left)
        right = string_value(node.right)
        return None if left is None or right is None else [*left, right]
    if (
        isinstance(node, ast.Call)
        and called_name(node) == "join"  # os.path.join, or join imported from os.path
        and node.args
        and isinstance(node.args[0], ast.Name)
    ):
        rest = [string_value(a) for a in node.args[1:]]
        return [part for part in rest if part is not None] if None not in rest else None
    return None


def database_variable(app: App, *, needed: bool = False) -> str | None:
    """The environment variable a Django project's settings read its DATABASES from as a
    URL (`env.db("DATABASE_URL")`, `dj_database_url.parse(os.environ["DB_URL"])`...), if
    they name one. Not one part of it (`"HOST": os.environ.get("DB_HOST")`), which no
    SQLite URL stands for. `needed`: only one that a migration must be given, read unset
    too (not only `if "DATABASE_URL" in os.environ:`) with no default of an SQLite file
    (wagtail's news template's `default="sqlite:///" + …`, which migrate fills as it is)."""
    found = (setting_variable(m, "DATABASES", always=needed) for m in settings_files(app))
    variable = next(filter(None, found), None)
    if needed and any(map(_sqlite_file_default, filter(None, map(parsed, settings_files(app))))):
        return None
    return variable if variable and re.search("URL|DSN", variable, re.IGNORECASE) else None


def flask_database_variable(app: App) -> str | None:
    """The environment variable a Flask app's code sets SQLALCHEMY_DATABASE_URI from, read
    with no default (`db_url = os.getenv("DATABASE_URL")`, then `app.config[
    "SQLALCHEMY_DATABASE_URI"] = db_url`, or a config class's own read); None if none."""
    from scaffold._apps.flask_routes import flask_trees
    from scaffold._source_environ import read_variable

    if app.kind.framework.name != "flask":
        return None
    for tree in flask_trees(app):
        assigns = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)]
        for node in assigns:
            if not any(_is_key(target, _FLASK_DATABASE_KEY) for target in node.targets):
                continue
            # The read itself, or one of the values of the name it is read into (which may
            # be changed after: `db_url = db_url.replace("postgres://", …)`).
            values = [node.value]
            if isinstance(node.value, ast.Name):
                name = node.value.id
                values = [a.value for a in assigns if any(_is_key(t, name) for t in a.targets)]
            for value in values:
                read = read_variable(value) if isinstance(value, ast.Call) else None
                if read is not None and read[1] is None:
                    return read[0]
    return None


def flask_sqlite_elsewhere(app: App) -> str:
    """'its SQLALCHEMY_DATABASE_URI … opens instance/NAME …: what to do', for a Flask app
    whose database is a relative SQLite path (Corey Schafer's `sqlite:///site.db`), which
    Flask-SQLAlchemy 3.0 opens in the instance folder, when the project keeps that file
    elsewhere (beside the app, where 2.x opened it) and not there; '' otherwise."""
    from scaffold._apps.flask_routes import flask_trees

    if app.kind.framework.name != "flask":
        return ""
    for node in (n for tree in flask_trees(app) for n in ast.walk(tree)):
        if not (
            isinstance(node, ast.Assign)
            and any(_is_key(t, _FLASK_DATABASE_KEY) for t in node.targets)
        ):
            continue
        url = string_value(node.value) or ""
        name = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else ""
        if not name or name.startswith("/") or ":memory:" in name:
            continue
        kept = [
            f for f in (app.root / name, *sorted(app.root.glob(f"*/{name}"))[:4]) if f.is_file()
        ]
        if kept and not (app.root / "instance" / name).exists():
            return (
                f"its SQLALCHEMY_DATABASE_URI, {url}, is a path Flask-SQLAlchemy 3.0 opens in "
                f"the instance folder (instance/{name}), and the project keeps "
                f"{kept[0].relative_to(app.root).as_posix()}, where 2.x opened it: pin the "
                "Flask-SQLAlchemy it is written for (flask-sqlalchemy<3), or give the path "
                "whole (`'sqlite:///' + os.path.join(app.root_path, …)`)"
            )
    return ""


def _is_key(target: ast.expr, key: str) -> bool:
    """Whether `target` is `KEY` (a name, a config class's key) or `….config["KEY"]`."""
    if isinstance(target, ast.Subscript):
        return string_value(target.slice) == key
    return isinstance(target, ast.Name) and target.id == key


def database_host_variable(app: App) -> str | None:
    """The environment variable a Django project's settings read a database server's
    HOST from, part by part (`"HOST": os.getenv("POSTGRES_HOST", "postgres")`), default
    or not; None if they read none so."""
    found = (item_variable(module, "DATABASES", "HOST") for module in settings_files(app))
    return next(filter(None, found), None)


def database_parts_unset(app: App, given: Collection[str]) -> dict[str, str]:
    """The variables a Django project's settings read its database's name, user and
    password from with no default (recipe-app-api's `"PASSWORD": os.environ.get(
    "DB_PASS")`), that `given` has not got, by what they are ('password': 'DB_PASS')."""
    from scaffold._source_environ import read_variable

    found = {}
    for tree in filter(None, map(parsed, settings_files(app))):
        for said in written_dicts(tree):
            for key in ("NAME", "USER", "PASSWORD"):
                value = said.get(key)
                read = read_variable(value) if isinstance(value, ast.Call) else None
                if read and read[1] is None and read[0] not in given:
                    found[key.lower()] = read[0]
    return found


def _sqlite_file_default(tree: ast.Module) -> bool:
    """Whether the URL `tree` reads DATABASES from defaults to an SQLite file."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and assigns(node, "DATABASES")):
            continue
        for call in (part for part in ast.walk(node.value) if isinstance(part, ast.Call)):
            said = call_argument(call, "default", 1)
            while isinstance(said, ast.BinOp):  # "sqlite:///" + os.path.join(…)
                said = said.left
            text = string_value(said) if said is not None else None
            if text and text.startswith("sqlite:///") and ":memory:" not in text:
                return True
    return False
