"""Advice when the app's own code cannot run on the Python serving it: a syntax error
(Python 2's print statement, or syntax newer than the interpreter), or Python 2's
implicit relative import of a module beside it in its package, or of its standard
library's modules by their Python 2 names; or when Django's system
checks refuse it; or when the app named is not Flask's own but connexion's, which
`flask run` does not serve; or when its module, run as a script, sets the app up before
running it, which the servers importing it never do; or when it is written for an older
framework: a Flask app's context used as it loads, Django models without on_delete."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._apps.package_hints import INSTALLED_FRAME
from scaffold._apps.package_hints import importer as installed_importer
from scaffold._apps.tracebacks import frame_at, frame_file
from scaffold._source import PYTHON_2_MODULES, called_name, imported_module_names, readable_tree
from scaffold.errors import env_option, option

__all__ = [
    "factory_needing_arguments",
    "failed_checks",
    "outside_app_context",
    "python2_import",
    "syntax_error",
    "without_on_delete",
    "wrapped_flask_app",
]

# The end of a traceback of code that does not parse, as Python 3 prints it.
_SYNTAX_ERROR = re.compile(
    r'File "(?P<path>[^"\n]{1,1000})", line (?P<line>\d{1,9})\n(?:[ \t][^\n]*\n){0,4}'
    r"(?P<kind>SyntaxError|IndentationError|TabError): (?P<said>[^\n]{1,300})"
)
# Flask's words for what needs an app's context, used outside one: at import,
# Flask-SQLAlchemy 3.0's db.create_all(), which 2.x ran on the app it was given.
_NO_APP_CONTEXT = re.compile(r"RuntimeError: Working outside of application context\.")
# Django's relation fields without on_delete, which Django 2.0 made required (Python 3.10
# and newer name the class).
_NO_ON_DELETE = re.compile(
    r"TypeError: (?:(?P<field>\w{1,100})\.)?__init__\(\) missing 1 required positional "
    r"argument: 'on_delete'"
)
# What Python 3 says of Python 2's print and exec statements, `except E, e:` and 0777.
_PYTHON_2 = re.compile(
    r"Missing parentheses in call to '(print|exec)'|"
    r"multiple exception types must be parenthesized|"
    r"leading zeros in decimal integer literals are not permitted"
)
# Python 2's syntax as a line shows it, where Python 3 says only "invalid syntax": `except
# E, e:`, `print "…"`, `exec "…"`, `raise E, "…"`.
_PYTHON_2_LINE = re.compile(
    r"\s*(?:except\s+[\w.]+\s*,\s*\w+\s*:|print\s+[\"'\w]|exec\s+[\"']|raise\s+[\w.]+\s*,)"
)

# What `flask run` says when the object it is told to serve is not a Flask app.
_NOT_FLASK = re.compile(
    r"Failed to find Flask application or factory in module|"
    r"A valid Flask application was not obtained from"
)
# Django's system checks, as runserver prints them before it exits: the first error.
_CHECKS_FAILED = re.compile(
    r"^ERRORS:\n(?P<first>[^\n]{1,300})(?:\n\s{0,20}HINT: (?P<hint>[^\n]{1,300}))?"
    r"(?:\n[^\n]{0,300}){0,200}?\n"
    r"System check identified (?P<count>\d{1,6}) issues?",
    re.MULTILINE,
)


# A Flask app factory that cannot be called without arguments, as Flask's discovery
# says it and as calling it (gunicorn's `module:factory()`) raises it.
_FACTORY_NEEDS_ARGUMENTS = re.compile(
    r"Detected factory '(?P<flask>\w{1,200})' in module|"
    r"TypeError: (?P<call>\w{1,200})\(\) missing \d+ required"
)
# A frame of Flask's command line, which loaded the app: the site-packages it runs from.
_FLASK_COMMAND = re.compile(r'File "(?P<packages>/[^"\n]{1,1000}/site-packages)/flask/cli\.py"')


def syntax_error(output: str, app: App) -> str:
    """What to do about a file of the project's own that does not parse; '' if the server
    did not fail so."""
    errors = list(_SYNTAX_ERROR.finditer(output))
    if not errors:
        return ""
    found = errors[-1]  # the error that ended the server
    module = frame_file(output, found.start("kind"), app.root, last=True)
    code = found.group(0).split("\n")[1] if "\n" in found.group(0) else ""
    installed = INSTALLED_FRAME.match(found.group(0))
    if (
        module is None
        and installed
        and (_PYTHON_2.search(found["said"]) or _PYTHON_2_LINE.match(code))
    ):
        # Pygments 1.6's `except TypeError, err:`: converted to Python 3 as it was built,
        # by the 2to3 that setuptools 58 took out, or a release for Python 2 alone.
        package, said = installed["package"], f"{found['kind']}: {found['said']}"
        file = found["path"].partition("/site-packages/")[2]
        return (
            f"the {package} installed is Python 2 ({file}, line {found['line']}: "
            f"`{code.strip()}`, {said}), which Python 3 does not run: that release of it is for "
            "Python 2, or is converted to Python 3 as it is built, by the 2to3 that "
            "setuptools 58 took out: pin a newer release of it."
        )
    if module is None:
        return ""
    where = f"{module.relative_to(app.root).as_posix()}, line {found['line']},"
    said = f"{found['kind']}: {found['said']}"
    if _PYTHON_2.search(found["said"]):
        return f"{where} is Python 2 ({said}), which Python 3 does not run: port it to Python 3."
    return (
        f"{where} is not Python the interpreter serving it can read ({said}): fix it, or, "
        f"if it is written for a newer Python, serve it with one ({option('python')})."
    )


def python2_import(output: str, at: int, module: str, app: App) -> str:
    """What to do about the project's file that imported `module` (its import failed at
    offset `at` of `output`) as Python 2 did: a module of Python 2's standard library
    that Python 3 renamed, or one from beside it, in its own package."""
    importer = frame_file(output, at, app.root, last=True)
    if module in PYTHON_2_MODULES:
        said = f"imports {module}, Python 2's name for {PYTHON_2_MODULES[module]}"
        if importer is not None:
            name = importer.relative_to(app.root).as_posix()
            return (
                f"{name} {said}: it is Python 2 code, which Python 3 does not run; port it "
                "to Python 3."
            )
        if package := installed_importer(output, at):  # Jinja 2.7 on a Python without
            return (  # the collections.Mapping it tried first
                f"{package} {said}: the {package} installed is too old for this Python, and "
                "fell back on Python 2's module; pin a newer release of it."
            )
    importer = frame_file(output, at, app.root)
    if importer is None or not (importer.parent / "__init__.py").is_file():
        return ""
    beside = importer.parent / f"{module}.py"
    if not (beside.is_file() or (importer.parent / module / "__init__.py").is_file()):
        return ""
    if beside == importer:
        # A module named as the package it imports (Celery's `proj/celery.py`, doing
        # `from celery import Celery`): Python 3's import, of a package not installed.
        return ""
    name = importer.relative_to(app.root).as_posix()
    return (
        f"{name} imports {module} as Python 2 did, from beside it in its package, which "
        f"Python 3 does not: it is Python 2 code; port it to Python 3 (`from . import "
        f"{module}`)."
    )


def failed_checks(output: str, app: App | None = None) -> str:
    """What to do about a Django project its system checks refused (runserver runs them
    as it starts): the first error they found; '' if the server did not fail so. A
    CharField without max_length needs a database that takes it: that database."""
    found = _CHECKS_FAILED.search(output)
    if found is None:
        return ""
    first = found["first"].strip().rstrip(".")
    hint = f" ({found['hint'].strip().rstrip('.')})" if found["hint"] else ""
    said = f"Django's system checks found errors in the project, first {first}{hint}"
    if "(fields.E120)" in first and app is not None:
        from scaffold._apps.setting_hints import POSTGRES
        from scaffold._apps.sqlite_hints import database_variable

        variable = database_variable(app)
        given = f" ({env_option({variable: POSTGRES})})" if variable else ""
        return (
            f"{said}: a CharField without max_length needs a database that takes it "
            f"(PostgreSQL, or SQLite from Django 5.2), and the app's is none such: give it "
            f"one that runs{given}."
        )
    return f"{said}: fix them (`python manage.py check` lists them all)."


def wrapped_flask_app(output: str, app: App, *, smoke: bool) -> str:
    """What to do when `flask run` found no Flask app in the module served, and that
    module makes a Dash app (`app = Dash(__name__)`, run by `python app.py` alone), or
    it, or one of the project's it imports, imports connexion: its App (2.x) wraps the
    Flask app, `flask run` takes none but Flask's own, and gunicorn serves it as it is,
    a WSGI app. '' otherwise."""
    name, path = app.found.wsgi.partition(":")[2], app.served_module
    tree = readable_tree(path) if path is not None and _NOT_FLASK.search(output) else None
    if path is None or tree is None:
        return ""
    if any(isinstance(n, ast.Call) and called_name(n) == "Dash" for n in ast.walk(tree)):
        return (
            f"{path.relative_to(app.root).as_posix()}'s {name} is a Dash app, which holds the "
            f"Flask app that flask run and gunicorn serve ({name}.server) and does not name it: "
            f"name it (server = {name}.server), as Dash's docs do to deploy it."
        )
    if not _imports_connexion(app, path, 2):
        return ""
    wsgi = option("server", "wsgi", repr("wsgi"))
    todo = f": serve it with {wsgi}, as gunicorn serves connexion 2's apps" if smoke else ""
    return (
        f"{path.relative_to(app.root).as_posix()}'s {name} is a connexion app, which wraps "
        f"the Flask app that flask run would need (its .app), and flask run serves only "
        f"Flask's own{todo}."
    )


def _imports_connexion(app: App, module: Path, depth: int) -> bool:
    """Whether the project's `module` imports connexion, or one of the project's modules
    it imports does, `depth` imports down."""
    tree = readable_tree(module)
    imported = imported_module_names(tree) if tree else set()
    if any(name.split(".")[0] == "connexion" for name in imported):
        return True
    found = (app.module_path(name) for name in imported)
    return depth > 1 and any(_imports_connexion(app, path, depth - 1) for path in found if path)


def raised_unless_dotenv(raised: str, app: App, printed: str = "") -> str:
    """What the app `raised`, and when the project has an example of a .env beside no
    .env, and its settings or app module load one, or Flask's command line does (its
    frames in the server's output `printed`, python-dotenv beside it), that it is not
    copied (lee-lou2/django-boilerplate's README: `cp .env.example .env`, whose key its
    code checks; twilio's appointment-reminders-flask, run with `flask run`)."""
    from scaffold._apps.interpreter import in_project
    from scaffold._apps.setting_hints import settings_files
    from scaffold.frameworks.dotenv_files import dotenv_example, loads_dotenv

    script = (app.root / (app.found.script or "x")).parent  # src/manage.py's src/
    folders = dict.fromkeys((app.root, app.root / app.found.source, script))
    uncopied = ((f, e) for f in folders if not (f / ".env").exists() and (e := dotenv_example(f)))
    found = next(uncopied, None)
    own = app.served_module
    loads = any(map(loads_dotenv, settings_files(app) or filter(None, [own])))
    if found is None or not (loads or _flask_command_loads_dotenv(printed)):
        return raised
    folder, (example, _) = found
    where = folder.relative_to(app.root).as_posix()
    made, said = (".env", example) if where == "." else (f"{where}/.env", f"{where}/{example}")
    copy = in_project(app.root, f"cp {said} {made}")
    loader = "its code loads" if loads else "flask run loads"
    return (
        f"{raised.rstrip('.')}. Its {said} is not copied to {made}, which {loader}: "
        f"make it ({copy}) and fill it in, as the project says."
    )


def _flask_command_loads_dotenv(printed: str) -> bool:
    """Whether the app was loaded by Flask's command line (`flask run`), which loads a .env
    when python-dotenv is installed beside it: its frames in `printed` say both."""
    found = _FLASK_COMMAND.search(printed)
    return found is not None and (Path(found["packages"]) / "dotenv").is_dir()


def factory_needing_arguments(output: str, app: App) -> str | None:
    """The name of `app`'s factory if `output` says it was called without the arguments it
    needs; not a TypeError of some other function the factory calls."""
    factory = app.found.wsgi.partition(":")[2]
    if not app.kind.framework.app_option or not factory.endswith("()"):
        return None
    for found in _FACTORY_NEEDS_ARGUMENTS.finditer(output):
        name = found.group("flask") or found.group("call")
        if name == factory[:-2]:
            return name
    return None


def outside_app_context(output: str, app: App) -> str:
    """'the app uses what needs its context outside one …: run it within …', where Flask
    said so of the app's own code as it was loaded; '' otherwise."""
    if (said := _app_line(_NO_APP_CONTEXT, output, app)) is None:
        return ""
    return (
        f"{said[0]} uses what needs the app's context outside one (as Flask-SQLAlchemy "
        "3.0's db.create_all() does, which 2.x ran on the app it was given): run it within "
        "`with app.app_context():`, as Flask's error says, or pin the version of the "
        "extension it is written for."
    )


def without_on_delete(output: str, app: App) -> str:
    """'the app's FILE, line N, makes a ForeignKey without on_delete …', of models written
    for Django before 2.0, which made it required; '' otherwise."""
    if (said := _app_line(_NO_ON_DELETE, output, app)) is None:
        return ""
    field = said[1]["field"] or "a ForeignKey or OneToOneField"
    return (
        f"{said[0]} makes {field} without on_delete, which Django 2.0 made required: it is "
        "written for an older Django; give each relation the on_delete it had "
        "(on_delete=models.CASCADE), or pin the Django it is written for."
    )


def _app_line(error: re.Pattern[str], output: str, app: App) -> tuple[str, re.Match[str]] | None:
    """("the app's FILE, line N,", the match) of `error`, raised in the project's code."""
    found = error.search(output)
    at = frame_at(output, found.start(), app.root) if found else None
    if found is None or at is None:
        return None
    return f"the app's {at[0].relative_to(app.root).as_posix()}, line {at[1]},", found
