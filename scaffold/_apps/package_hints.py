"""Advice when an installed package is not the one the code using it is written for:
older than the Python or the environment serving it (it uses what its Python no longer
has, or pkg_resources, which new virtualenvs no longer hold), or another version than
the app's code imports from."""

from __future__ import annotations

import re

from scaffold._apps.detect import App
from scaffold._apps.interpreter import install_command
from scaffold._apps.removals import GONE
from scaffold._apps.tracebacks import FRAME, with_modules_named

__all__ = [
    "INSTALLED_FRAME",
    "another_version",
    "gone",
    "importer",
    "last_frame_installed",
    "missing_module_named",
    "own_module_named",
    "refused_settings",
    "version_todo",
    "without_pkg_resources",
]

INSTALLED_FRAME = re.compile(
    r'File "[^"\n]{0,500}/lib/python(?P<python>3\.\d{1,3})/site-packages/(?P<package>\w{1,200})'
)
# Django's error for settings that do not do, as a package's own check raises it.
_IMPROPERLY_CONFIGURED = re.compile(r"ImproperlyConfigured: ([^\n]{1,300})$", re.MULTILINE)
# An error a call that does not fit raises, as the last line of a traceback.
_REFUSED = re.compile(r"^(?:TypeError|ValueError): [^\n]{1,300}$", re.MULTILINE)
_MAX_CALL_FRAMES = 50
# A frame's line importing a package's module, and an import that fails in compiled code.
_IMPORTS = re.compile(r"[^\n]*\n\s+(?:from|import)\s+([\w]{1,200}\.[\w.]{1,200})")
_NOT_PYTHON = re.compile(r"\.so\b|shared object|symbol|DLL")
# A name an installed package has not got: `from flask import Markup` on Flask 3.
_NOT_IN_PACKAGE = re.compile(
    r"ImportError: cannot import name '(?P<name>\w{1,200})' from '(?P<module>[\w.]{1,200})' "
    r"\([^)\n]{0,1000}/site-packages/[^)\n]{1,1000}\)"
)
# An attribute a module has not got, as Python says it when code uses one.
_NO_ATTRIBUTE = re.compile(
    r"AttributeError: module '(?P<module>[\w.]{1,200})' has no attribute '(?P<name>\w{1,200})'"
)
# A Flask app's or blueprint's method the Flask installed has not got
# (`@app.before_first_request`, which Flask 2.3 took out).
_NO_FLASK_ATTRIBUTE = re.compile(
    r"AttributeError: '(?P<type>Flask|Blueprint)' object has no attribute '(?P<name>\w{1,200})'"
)
# What declares a project's requirements, one of which may pin a package's version.
_DECLARATIONS = ("requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile")
_OLD_SETUPTOOLS = "setuptools<82"


def without_pkg_resources(output: str, end: int, python: str, fresh_env: bool) -> str:
    """What to do about a server whose code imported pkg_resources in vain (the error at
    offset `end` of its `output`), run by `python`, a throwaway environment of the
    project's requirements if `fresh_env`. setuptools took it out in version 82, and
    virtualenvs hold no setuptools from Python 3.12 on: older gunicorn imports it."""
    installed = importer(output, end)
    who = installed or "the app"
    instead = f"require a newer {who} that does not" if installed else "stop importing it"
    todo = (
        f"add {_OLD_SETUPTOOLS} to the project's requirements"
        if fresh_env
        else f"install {_OLD_SETUPTOOLS} there ({install_command(python, repr(_OLD_SETUPTOOLS))})"
    )
    return (
        f"{who} imports pkg_resources, which setuptools held until version 82 (and "
        f"virtualenvs hold setuptools on Pythons before 3.12 alone): {todo}, or {instead}"
    )


def gone(name: str) -> str:
    """' What took `name` out, and what to use instead', if it is a name a framework
    took out (`flask.ext`, `flask.Markup`); ''."""
    if name in GONE:
        return f" {GONE[name]}"
    if name.count(".") == 1 and name.startswith("werkzeug."):  # Flask-WTF 0.14's url_encode
        return (
            " Werkzeug 1.0 took the names it gave at its top out: import each from the module "
            "that has it (werkzeug.urls, werkzeug.utils, …)."
        )
    return ""


def version_todo(app: App, fresh_env: bool, alternatives: str) -> str:
    """How to get the version of a package the app is written for: the one its
    requirements pin, or, where it declares none (a book's chapter), one it is written
    for. `alternatives`: the options that would serve it otherwise."""
    if fresh_env:
        return "pin the one it is written for in its requirements"
    root = app.requirements_root()
    if any((root / name).exists() for name in (*_DECLARATIONS, "requirements")):
        return f"install the one its requirements pin{alternatives}"
    return f"install one it is written for (the project declares no requirements){alternatives}"


def another_version(output: str, todo: str) -> str:
    """What to do about code that imported a name its installed package has not got
    (`from flask import Markup` on Flask 3), or an installed package that used one: it
    is written for another version, and `todo` says how to get it; '' if the server
    did not fail so."""
    output = with_modules_named(output)  # as Python 3.7 and newer say it
    if found := _NOT_IN_PACKAGE.search(output):
        name, module = found["name"], found["module"]
        top = module.split(".")[0]
        who = importer(output, found.start()) or "the app"
        return (
            f"{who} imports {name} from {module}, which the {top} installed has not got: "
            f"{'it' if who == 'the app' else who} is written for another version of {top}; "
            f"{todo}.{gone(f'{module}.{name}')}"
        )
    if found := _NO_FLASK_ATTRIBUTE.search(output):
        used = f"{found['type']}.{found['name']}"
        who = importer(output, found.start()) or "the app"
        return (
            f"{who} uses {used}, which the flask installed has not got: "
            f"{'it' if who == 'the app' else who} is written for another version of flask; "
            f"{todo}.{gone(f'flask.{used}')}"
        )
    # An installed package using what another has taken out (environs 7 reading
    # marshmallow.__version__, which marshmallow 4 dropped), or asking the package for
    # it by name (Flask-DebugToolbar 0.11 giving Jinja 3 the extension `jinja2.ext.with_`).
    missing = _NO_ATTRIBUTE.search(output)
    used = f"{missing['module']}.{missing['name']}" if missing else ""
    top = used.split(".")[0]
    if missing is not None and (user := _caller(output, missing.start(), top)) is not None:
        if used in GONE:  # taken out: the package is older than the one installed
            return (
                f"{user} uses {used}, which the {top} installed has not got: {user} is "
                f"written for an older {top}; require a newer {user}, or {todo}.{gone(used)}"
            )
        return (
            f"{user} uses {used}, which the {top} installed has not got: {user} is written "
            f"for another version of {top}; {todo}."
        )
    if used in GONE:
        # The app's own code using a name its framework took out (WTForms 3.0's
        # `validators.required`): said only of the names known to be taken out, as a
        # module of the app's own may be missing a name too.
        return (
            f"the app uses {used}, which the {top} installed has not got: it is written "
            f"for another version of {top}; {todo}.{gone(used)}"
        )
    if called := _refused_at_import(output):
        caller, callee, said = called
        return (
            f"{caller}, as it is imported, calls {callee} in a way the {callee} installed "
            f"refuses ({said}): {caller} is written for another version of {callee}; {todo}."
        )
    if refused := _refused_module(output):
        top = refused[0].split(".")[0]
        return (
            f"the app imports {refused[0]}, which the {top} installed refuses ({refused[1]}): "
            f"it is written for another version of {top}; {todo}."
        )
    return ""


def _refused_module(output: str) -> tuple[str, str] | None:
    """(the module, the error) when a module of an installed package that the app's own
    code imports raised ImportError as it was imported, in Python code of the package's
    (plotly 4's plotly.plotly, kept to say it moved to chart-studio); None otherwise."""
    from scaffold._apps.tracebacks import last_exception

    said = last_exception(output) or ""
    end = output.rfind("\nImportError: ")
    frames = list(FRAME.finditer(output, 0, max(end, 0)))[-_MAX_CALL_FRAMES:]
    installed = [INSTALLED_FRAME.match(output, frame.start()) for frame in frames]
    own = [i for i, package in enumerate(installed) if package is None][-1:]
    if not said.startswith("ImportError: ") or _NOT_PYTHON.search(said) or not own:
        return None
    imported = _IMPORTS.match(output, frames[own[0]].end())
    first = installed[own[0] + 1] if own[0] + 1 < len(installed) else None
    top = first["package"] if first is not None else None
    return (imported[1], said) if imported and imported[1].split(".")[0] == top else None


def _refused_at_import(output: str) -> tuple[str, str, str] | None:
    """(the caller, the package, the error) when the last error was raised in an installed
    package, called by another installed package as that one was imported (rq 1.1's cli
    passing click 8 a default it refuses): nothing of the app's is in the call, so the
    two do not fit each other; None otherwise."""
    refused = list(_REFUSED.finditer(output))
    if not refused:
        return None
    frames = list(FRAME.finditer(output, 0, refused[-1].start()))[-_MAX_CALL_FRAMES:]
    packages = [INSTALLED_FRAME.match(output, frame.start()) for frame in frames]
    if not packages or packages[-1] is None:
        return None
    callee, caller = packages[-1]["package"], None
    for frame, package in zip(reversed(frames), reversed(packages), strict=True):
        if package is None or package["package"] not in {callee, caller or package["package"]}:
            return None  # the app's own code, Python's, or a third package called it
        if package["package"] != callee:
            caller = package["package"]
            if output[frame.end() : output.find("\n", frame.end())].endswith("<module>"):
                return caller, callee, refused[-1][0]
    return None


def refused_settings(output: str) -> str:
    """What to do when an installed package (not the framework) refused the project's
    settings as the app started (django-allauth 0.56's "AccountMiddleware must be added
    to settings.MIDDLEWARE", of a demo written for an older allauth); '' otherwise."""
    refused = list(_IMPROPERLY_CONFIGURED.finditer(output))
    package = importer(output, refused[-1].start()) if refused else None
    if not refused or package is None or package.lower() == "django":
        return ""
    return (
        f"the {package} installed refuses the project's settings ({refused[-1][1]}): add "
        f"what it asks for, or pin the release of {package} the project is written for."
    )


def importer(output: str, end: int) -> str | None:
    """The installed package the traceback before offset `end` was in last; None if
    its last frame is not in one (the app's own code)."""
    installed = last_frame_installed(output, end)
    return installed["package"] if installed else None


def _caller(output: str, end: int, callee: str) -> str | None:
    """The installed package the traceback before offset `end` was in last, before the
    frames of `callee`'s own; None if that frame is the app's own, or there is none."""
    for frame in reversed(list(FRAME.finditer(output, 0, end))):
        installed = INSTALLED_FRAME.match(output, frame.start())
        if installed is None:
            return None
        if installed["package"].lower() != callee.lower():
            return installed["package"]
    return None


def last_frame_installed(output: str, end: int) -> re.Match[str] | None:
    """The last frame of the traceback before offset `end`, if it is in an installed
    package (its `package` and `python` groups); None if it is not, or there is none."""
    frames = list(FRAME.finditer(output, 0, end))
    return INSTALLED_FRAME.match(output, frames[-1].start()) if frames else None


def own_module_named(app: App, name: str) -> str | None:
    """The project's own module `name` in one of its packages (`app/extensions.py`),
    relative to the project, if it has one."""
    base = app.root / app.found.source
    for found in (*base.glob(f"*/{name}.py"), *base.glob(f"*/{name}/__init__.py")):
        if (found.parent / "__init__.py").is_file() or found.name == "__init__.py":
            return found.relative_to(app.root).as_posix()
    return None


# As an import (quoted) and `python -m flask` (not) say it, werkzeug's import_string, and
# a manage.py that raises its own ImportError `from None` (wemake-django-template's).
_HANDLED = "During handling of the above exception, another exception occurred"
_MISSING_MODULE = re.compile(
    r"(?:No module named '?|import_string\(\) failed for '|Couldn't import (?=Django\.))"
    r"([\w.]{0,199}\w)"
)


def missing_module_named(output: str) -> tuple[str, int] | None:
    """The module `output` says could not be imported, as its import names it ('django'
    for manage.py's "Couldn't import Django."), and where it says so; None if none. One
    that code caught, then failed in its handler, is not the cause: pytz 2017's `import
    UserDict`, whose fallback on `collections.Mapping` Python 3.10 took out."""
    handled = output.rfind(_HANDLED)
    found = _MISSING_MODULE.search(output, max(handled, 0))
    if found is None:
        return None
    module = found.group(1)
    return ("django" if module == "Django" else module), found.start()
