"""Advice for an app that stopped reading a file the project has not got: a config or
secrets file kept out of the repository (its .gitignore lists it), which the README says
to make, often from an example beside it (`secrets.json.example`), or Flask's instance
folder's config."""

from __future__ import annotations

import ast
import os
import re
import shlex
import tempfile
from pathlib import Path, PurePosixPath

from scaffold._apps.detect import App, finds
from scaffold._apps.interpreter import in_project
from scaffold._files import README_NAMES, read_within, readme_text
from scaffold._source import readable_tree
from scaffold.errors import env_option

__all__ = [
    "config_file_variable",
    "missing_file",
    "missing_module",
    "named_example",
    "optional_settings",
    "readme_makes",
]

# Python's words, and Flask's for a config file: the path is the last quoted one.
_NOT_FOUND = re.compile(
    r"^(?:\w+\.){0,3}\w{0,50}(?:Error|Exception): \[Errno 2\] [^\n]{0,300}?"
    r"'(?P<path>/[^'\n]{1,1000})'",
    re.MULTILINE,
)
# What installs a project's JavaScript packages, as its Makefile, Dockerfile or README runs it.
_JS_INSTALL = re.compile(r"\b(?:yarn|npm|pnpm)(?: install| ci| i)?\b[^\n&;|]{0,200}")
_JS_INSTALLERS = re.compile(r"\b(?:yarn|npm|pnpm) (?:install|ci|i)\b|\byarn\s*$")
# A file an error's words name: `local_config.py`, settings/local.ini.
_FILE_NAMED = re.compile(r"[\w./-]{1,200}\.(?:py|cfg|ini|json|ya?ml|toml|conf|env)\b")
# A file an error quotes: 'src/output.css'.
# A README's command that runs a script of the project's: `python contrib/env_gen.py`.
_README_SCRIPT = re.compile(r"^\W{0,10}python3?\s+([\w./-]{1,200}\.py)\s*$", re.MULTILINE)
_MAX_SCRIPT_BYTES = 64 * 1024
_QUOTED_FILE = re.compile(r"'([\w./-]{1,200}\.\w{1,10})'")
_SAY_HOW = ("Makefile", "Dockerfile", *README_NAMES, "justfile")
# logging's FileHandler opening its file, as a log file's folder that is not there fails.
_LOG_OPENED = re.compile(r'logging/__init__\.py", line \d{1,6}, in _open\b')
_MAX_IGNORE_BYTES = 64 * 1024
# Flask's words for `app.config.from_envvar("BLOG_SETTINGS")` with the variable unset.
_NO_CONFIG_VARIABLE = re.compile(
    r"The environment variable '(?P<name>\w{1,200})' is not set and as such configuration "
    r"could not be loaded"
)
# How projects name the example of a file to copy: shop.cfg.example, config.example.py.
_EXAMPLES = ("{name}.example", "{name}.sample", "{name}.dist", "{name}.template",
             "{stem}.example{suffix}", "{stem}.sample{suffix}", "{stem}_example{suffix}",
             "{stem}-example{suffix}", "{stem}-sample{suffix}")  # fmt: skip


def missing_file(output: str, app: App) -> str:
    """'the app reads …: what to do', of an app whose server printed that a file it reads
    is not there (the last such error in `output`); '' if it printed none."""
    printed = [found["path"] for found in _NOT_FOUND.finditer(output)]
    if not printed:
        return ""
    path = PurePosixPath(printed[-1])
    relative = _in_project(path, app.root)
    if relative is None:
        return _outside(path, app.root) or (
            f"the app reads {path}, which this machine has not got: make it as the project "
            "says, or point the app at one it has."
        )
    if "node_modules" in PurePosixPath(relative).parts:  # flask-bones' webassets bundles
        return _javascript_missing(relative, app.root)
    folder = PurePosixPath(relative).parent
    if _LOG_OPENED.search(output) and folder.parts and not (app.root / folder).is_dir():
        # A log file's folder, kept out of the repository (lee-lou2/django-boilerplate's
        # logs/, which its README makes with `mkdir -p logs`): logging cannot open it.
        ignored = _ignored(app.root, str(folder))
        kept = " (its .gitignore keeps it out of the repository)" if ignored else ""
        made = in_project(app.root, f"mkdir -p {shlex.quote(str(folder))}")
        return (
            f"the app logs to {relative}, in a folder the project has not got{kept}: make "
            f"it ({made}), as the project says."
        )
    kept_out = (
        " (its .gitignore keeps it out of the repository)" if _ignored(app.root, relative) else ""
    )
    said = f"the app reads {relative}, which the project has not got{kept_out}"
    if example := _example(app.root, relative):
        copy = in_project(app.root, f"cp {shlex.quote(example)} {shlex.quote(relative)}")
        return f"{said}: make it from {example} ({copy}) and fill it in, as the project says."
    return f"{said}: make it as the project's README says."


def _javascript_missing(relative: str, root: Path) -> str:
    """'the app reads …/node_modules/…: install them as the project does (COMMAND, its
    FILE)': a file of its JavaScript packages, which its package.json lists and an
    install of them puts there, the one that names that folder first."""
    parts = PurePosixPath(relative).parts
    modules = "/".join(parts[: parts.index("node_modules") + 1])
    said = f"the app reads {relative}, which its JavaScript packages install, not installed here"
    found: list[tuple[bool, str, str]] = []
    for name in _SAY_HOW:
        try:
            data = read_within(root / name, _MAX_IGNORE_BYTES)
        except OSError:
            continue
        for line in (data or b"").decode("utf-8", "replace").splitlines():
            line = re.sub(r"^\s*(?:RUN\s+|\$\s+)?", "", line).strip()
            if _JS_INSTALLERS.search(line) and (run := _JS_INSTALL.search(line)):
                found.append((modules.lstrip("./") not in line, run[0].strip(), name))
    if not found:
        return f"{said}: install them into {modules} as the project's README says."
    _, command, where = min(found, key=lambda f: f[0])  # the one naming that folder first
    return f"{said}: install them as the project does ({command}, as its {where} runs it)."


def named_example(said: str, app: App) -> str:
    """': make FILE from its example …', when the words `said` (an error the app raised
    or logged) name a file of the project's that it has not got, with an example of it
    beside where it goes (flask-restplus-server-example's "You have to have
    `local_config.py`", and its local_config.py.template); '' otherwise."""
    for named in dict.fromkeys(_FILE_NAMED.findall(said)):
        if named.startswith("/") or ".." in named or (app.root / named).exists():
            continue
        if example := _example(app.root, named):
            copy = in_project(app.root, f"cp {shlex.quote(example)} {shlex.quote(named)}")
            return (
                f": it names {named}, which the project has not got: make it from {example} "
                f"({copy}) and fill it in, as the project says."
            )
    return ""


def readme_makes(said: str, app: App) -> str:
    """': the project makes FILE with a step of its README (COMMAND): run it first', when
    the words `said` (an error the app raised) name a file the project has not got that
    a command of its README writes (testdrivenio/django-htmx-tailwind's `tailwindcss …
    -o ./static/src/output.css`, whose output django-compressor cannot find); ''."""
    named = [n for n in dict.fromkeys(_QUOTED_FILE.findall(said)) if ".." not in n]
    lines = readme_text(app.root).splitlines()
    for file in named:
        tail = file.lstrip("./")
        for line in lines:
            command = re.sub(r"^\s*(?:\([\w.-]{1,50}\)\s*)?\$\s+", "", line).strip()
            if command != line.strip() and re.search(rf"[\s/]{re.escape(tail)}\b", command):
                return (
                    f": the project makes {tail} with a step of its README ({command}): run "
                    "it first, as a deploy would."
                )
    return ""


def readme_makes_dotenv(root: Path) -> str | None:
    """The command of `root`'s README that runs a script of the project's writing its
    .env (rg3915's `python contrib/env_gen.py`, which writes a SECRET_KEY); None if none."""
    for script in _README_SCRIPT.findall(readme_text(root)):
        path = root / script
        if script.startswith("/") or ".." in script.split("/") or not path.is_file():
            continue
        try:
            source = read_within(path, _MAX_SCRIPT_BYTES) or b""
        except OSError:
            continue
        if b".env" in source and (b"open(" in source or b"write_text(" in source):
            return f"python {script}"
    return None


def missing_module(module: str, app: App, *, optional: bool = False) -> str:
    """'the app imports …: what to do', of a module of the project's own package that
    the project keeps out of its repository (`shop.local_settings`: its .gitignore lists
    it, or an example is beside it); '' if there is no sign of that. `optional`: the
    settings import it when it is there (see `optional_settings`)."""
    package, _, name = module.rpartition(".")
    folder = app.root / app.found.source / package.replace(".", "/")
    if not package or not name or not (folder / "__init__.py").is_file():
        return ""
    relative = folder.joinpath(f"{name}.py").relative_to(app.root).as_posix()
    ignored, example = _ignored(app.root, relative), _example(app.root, relative)
    if not (ignored or example):
        return ""  # no sign it is kept out: a mistake in the code, say, its own to fix
    kept_out = f" (its .gitignore keeps {name}.py out of the repository)" if ignored else ""
    said = f"the app imports {module}, which the project has not got{kept_out}"
    if optional:
        said = f"its settings take the rest from {module} when there is one{kept_out}"
    if example:
        copy = in_project(app.root, f"cp {shlex.quote(example)} {shlex.quote(relative)}")
        return f"{said}: make it from {example} ({copy}) and fill it in, as the project says."
    return f"{said}: make {relative} as the project's README says."


def optional_settings(said: str, app: App) -> str:
    """': its settings take the rest from …: what to do', for a Django settings error
    (`said`, what the app raised) where its settings import a module of their package
    only when it is there (`try: from .local_settings import *`, `except ImportError:`),
    and the project keeps it out of its repository; '' otherwise."""
    from scaffold._apps.setting_hints import settings_files

    if not said.startswith(("django.core.exceptions.ImproperlyConfigured", "ImproperlyConfigured")):
        return ""
    source = app.root / app.found.source
    for settings in settings_files(app):
        tree = readable_tree(settings)
        package = (
            ".".join(settings.parent.relative_to(source).parts)
            if settings.is_relative_to(source)
            else ""
        )
        for node in (n for n in ast.walk(tree) if isinstance(n, ast.Try)) if tree else []:
            for imported in (n for n in node.body if isinstance(n, ast.ImportFrom)):
                module = imported.module or ""
                module = f"{package}.{module}" if imported.level == 1 and package else module
                if unmade := missing_module(module, app, optional=True):
                    return f": {unmade}"
    return ""


def config_file_variable(output: str) -> str:
    """'the app …: what to do', of a Flask app that reads its configuration from the
    file a variable names (`app.config.from_envvar`), with the variable unset; ''."""
    found = _NO_CONFIG_VARIABLE.search(output)
    if found is None:
        return ""
    name = found["name"]
    give = env_option({name: "PATH"})
    return (
        f"the app reads its configuration from the file {name} names, which its environment "
        f"has not got: give it with {give}, the path of a configuration file, as the "
        "project's README says."
    )


def _in_project(path: PurePosixPath, root: Path) -> str | None:
    """`path`, printed by the served copy of the project in `root`, as a path in the
    project (its tail after a folder named as the project's); None if it is not in it."""
    parts = path.parts
    copied = path.is_relative_to(tempfile.gettempdir())  # served from scaffold's copy
    for at in range(len(parts) - 2, -1, -1):
        tail = parts[at + 1 :]
        if parts[at] != root.name or ".." in tail:
            continue
        if copied or root.joinpath(*tail[:-1]).is_dir():
            return PurePosixPath(*tail).as_posix()
    return None


def _outside(path: PurePosixPath, root: Path) -> str:
    """'the app reads ../FILE, outside its folder: smoke the folder that holds both' where
    `path`, printed by the served copy of the project in `root`, leads out of it
    (`backend/../webpack-stats.json`) to a file there is beside the project, which the
    copy of its folder alone has not got; '' otherwise."""
    parts = path.parts
    if root.name not in parts[:-1]:
        return ""
    tail = parts[len(parts) - parts[::-1].index(root.name) :]
    original = Path(os.path.normpath(root.joinpath(*tail)))
    if ".." not in tail or original.is_relative_to(root) or not original.exists():
        return ""
    said = os.path.relpath(original, root)
    folder = Path(os.path.commonpath([root, original]))
    # smoke finds an app one or two folders down, never further: `/` is not looked through.
    if folder not in list(root.parents)[:2] or not finds(folder, root):
        return f"the app reads {said}, outside its folder, which smoke does not copy to serve it."
    return (
        f"the app reads {said}, outside its folder, which smoke does not copy to serve it: "
        f"smoke '{folder}', which holds both and finds this app in it, to serve it there."
    )


def _ignored(root: Path, relative: str) -> bool:
    """Whether the project's .gitignore lists `relative` by its path or its name (the
    plain lines alone: no patterns)."""
    try:
        text = read_within(root / ".gitignore", _MAX_IGNORE_BYTES) or b""
    except OSError:
        return False
    lines = {line.strip().strip("/") for line in text.decode("utf-8", "replace").splitlines()}
    return relative in lines or PurePosixPath(relative).name in lines


def _example(root: Path, relative: str) -> str | None:
    """The example beside `relative` to make it from, as a path in the project; or None."""
    file = PurePosixPath(relative)
    for form in _EXAMPLES:
        name = form.format(name=file.name, stem=file.stem, suffix=file.suffix)
        if (root / file.parent / name).is_file():
            return (file.parent / name).as_posix()
    return None
