"""Why a distribution did not build, in a line: its build's own error, read from what
pip or uv printed, and what would build it (an older build tool, an older Python, the
development files of a library, another release)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scaffold._apps.older_python import older_python
from scaffold._apps.tracebacks import FRAME, with_modules_named
from scaffold._source import EXCEPTION_LINE, PYTHON_2_MODULES
from scaffold.errors import option

__all__ = ["not_built"]

# What pip and uv say of a distribution that did not build.
_NOT_BUILT = re.compile(
    r"Failed to build `(?P<uv>[^`@ ]{1,200})|Failed building wheel for (?P<pip>\S{1,200})"
)
# pip's words for a build step before the wheel that failed, and what it was collecting.
# uv's, when it does not name the requirement (a local folder's).
_PIP_STEP_FAILED = re.compile(
    r"(?:Getting requirements to build wheel|Preparing metadata[^\n]{0,40}) did not run "
    r"successfully|(?P<uv>The build backend returned an error)"
)
_COLLECTING = re.compile(r"^Collecting (?P<name>[^\s(]{1,200})", re.MULTILINE)

# The build's own error: a compiler's first, else the last exception its setup.py
# raised (`Exception: Can not find valid pkg-config name.`), else the first `error:`
# a tool printed (setuptools' `error in jsmin setup command: use_2to3 is invalid.`).
_COMPILER_ERROR = re.compile(r"^\s*\S+:\d+:(?:\d+:)? (?:fatal )?error: .{1,300}$", re.MULTILINE)
_ERROR = re.compile(
    r"^\s*error(?: in (?P<named>[\w.-]{1,100}) setup command)?: "
    r"(?!subprocess-exited|Failed to build|The build backend returned an error)(.{1,300})$",
    re.MULTILINE,
)

# A build that did not find a system library it compiles against: a header, or the tool
# that says where the library is (mysqlclient's pkg-config, psycopg2's pg_config).
_NO_LIBRARY = re.compile(
    r"\.h: No such file or directory|pkg-config|\b(?:pg|mysql)_config\b[^\n]{0,40}not found"
)

# A C extension's compiler error naming a part of Python's C API (greenlet 0.4.15's
# `_PyErr_StackItem` … has no member named `exc_type`, on Python 3.11).
_PYTHON_C_API = re.compile(r"\b_?Py_?[A-Z]\w{0,100}|\btstate->")

# Parts of Python's C API that a Python changed so that code written for the ones before
# no longer compiles, and that Python: the newest Python older than it builds the code
# (not merely one older than the Python that failed).
_C_API_CHANGED = {
    "PyInterpreterState": (3, 8),  # its fields went to internal headers (psycopg2 2.7's)
    "tp_print": (3, 9),
    "PyUnicode_AS_UNICODE": (3, 12),
    "PyUnicode_GET_SIZE": (3, 12),
    "_PyLong_AsByteArray": (3, 13),  # given a sixth argument
}
# Macros that became functions, which code assigned to ("lvalue required").
_MACROS_MADE_VALUES = {"Py_REFCNT": (3, 10), "Py_TYPE": (3, 11), "Py_SIZE": (3, 11)}

_MISSING_HEADER = re.compile(r"(?P<header>[\w-]{1,100}\.h): No such file or directory")

# A setup.py importing what setuptools no longer has (django-allauth 0.42's convert_path,
# MarkupSafe 1.0's Feature).
_TAKEN_FROM_SETUPTOOLS = re.compile(r"cannot import name '(\w{1,100})' from 'setuptools'")
_TAKEN_OUT = {"convert_path": "70", "Feature": "46"}
"""The setuptools release that took a name out, for the names old releases import."""
# The Python a build compiles for: its headers (`-I…/include/python3.10`), its build
# folders (`build/lib.linux-x86_64-cpython-39`), or its build environment's packages.
_INCLUDED_PYTHON = re.compile(
    r"/include/python(3\.\d{1,3})\b|build/(?:lib|temp)\.[\w.-]{1,100}?-cpython-3(\d{1,3})\b|"
    r"/lib/python(3\.\d{1,3})/site-packages/"
)
# What a build says its standard library lacks (ElementTree's getchildren(), gone in 3.9),
# and a frame in that standard library.
_NO_STDLIB_ATTRIBUTE = re.compile(
    r"AttributeError: (?:'(?P<type>[\w.]{1,200})' object|module '(?P<module>[\w.]{1,200})') "
    r"has no attribute|"
    # requests 1.2's setup.py importing its urllib3's `from collections import MutableMapping`
    r"ImportError: cannot import name '\w{1,200}' from '(?P<imported>[\w.]{1,200})' "
    r"\([^)\n]{0,1000}/lib/python(?P<python>3\.\d{1,3})/"
)
_STDLIB_FILE = re.compile(r"/lib/python(3\.\d{1,3})/[\w/]{1,200}\.py$")
# A setup.py that cannot read the version of the library it builds against, newer than
# it (psycopg2 2.6's wants three numbers: PostgreSQL 10 and later give two).
_LIBRARY_VERSION_UNREAD = re.compile(
    r"could not determine (?P<library>\w[\w -]{0,40}?) version from '(?P<version>[^'\n]{1,40})'"
)
# A setup.py that imports what Python 2 named otherwise (MySQL-python's ConfigParser).
_PYTHON_2_IMPORT = re.compile(r"No module named '(?P<module>\w{1,100})'")
# What Python 3 says of a setup.py of Python 2's: a filter or map taken as a list, a
# print statement, a builtin Python 3 has not got.
_PYTHON_2_CODE = re.compile(
    r"'(?:filter|map|zip|dict_keys|dict_values|dict_items)' object is not subscriptable|"
    r"Missing parentheses in call to 'print'|"
    r"name '(?:unicode|basestring|long|xrange|raw_input|execfile|unichr|file)' is not defined"
)


def not_built(output: str) -> str:
    """': NAME did not build: ERROR (what would build it)' when a distribution did not
    build, as `output` says; '' if none failed to."""
    built = _NOT_BUILT.search(output)
    step = _PIP_STEP_FAILED.search(output)
    by_uv = bool(built.group("uv") if built else step and step.group("uv"))
    name = (built.group("uv") or built.group("pip")) if built else _pip_step_failed(output)
    if name is None:
        return ""
    exceptions = list(EXCEPTION_LINE.finditer(output))
    error = _COMPILER_ERROR.search(output) or (exceptions[-1] if exceptions else None)
    error = error or _ERROR.search(output)
    cause = f": {error.group(0).strip()}" if error else ""
    if name == "a requirement" and error and error.re is _ERROR and error["named"]:
        name = error["named"]  # uv names no local folder it built: setuptools does
    variable = "UV_BUILD_CONSTRAINT" if by_uv else "PIP_CONSTRAINT"
    if "use_2to3 is invalid" in cause:  # a Python 2 era release, converted as it is built
        cause = cause.rstrip(".") + (
            " (it is converted to Python 3 as it is built, with 2to3, which setuptools 58 "
            "took out: build it with an older one, a file holding `setuptools<58` named by "
            f"{variable}=FILE in the environment smoke runs in, on Python 3.11 or older, "
            f"whose standard library still has distutils ({option('python')}); or pin a "
            "release that runs on Python 3 as it is)"
        )
    # Its line may be long (a deep path); Python 3.6 names the name alone.
    elif taken := _TAKEN_FROM_SETUPTOOLS.search(with_modules_named(output)):
        said = f"ImportError: {taken[0]}"
        cause = cause if said in cause else f": {said}"
        older = f"setuptools<{_TAKEN_OUT.get(taken[1], 'VERSION')}"
        cause = cause.rstrip(".") + _built_with_older("setuptools", older, variable)
    elif "cython_sources" in cause:  # PyYAML 5.4's setup.py, which Cython 3 no longer builds
        cause = cause.rstrip(".") + _built_with_older("Cython", "cython<3", variable)
    elif (
        error
        and error.re is _COMPILER_ERROR
        and (
            _PYTHON_C_API.search(cause)
            or _pythons_own_header(cause)
            # The line compiled, which the compiler prints next: `Py_REFCNT(ct) = 43;`,
            # which Python 3.10's macros no longer take (cffi 1.11's).
            or _PYTHON_C_API.search(output, error.end(), output.find("\n", error.end() + 1))
        )
    ):
        built_for = _c_api_changed(output) or _built_for(output)
        older = older_python(built_for) if built_for else option("python")
        cause = cause.rstrip(".") + (
            " (it compiles against Python's C API as an older Python had it: serve the app "
            f"with an older Python ({older}), or pin a newer release of it)"
        )
    elif error and (stdlib := _in_stdlib(output, error.start())):
        cause = cause.rstrip(".") + (
            f" (it fails in Python {stdlib}'s own standard library as it builds: it, or the "
            f"build tool it needs, is older than this Python: serve the app with an older "
            f"Python ({older_python(stdlib)}), or pin a newer release of it)"
        )
    elif error and (lacking := _taken_from_stdlib(output, cause)):
        cause = cause.rstrip(".") + (
            f" (it uses what Python {lacking[0]}'s standard library no longer has as it builds: "
            f"it is older than this Python: serve the app with an older Python "
            f"({older_python(*lacking)}), or pin a newer release of it)"
        )
    elif (py2 := _PYTHON_2_IMPORT.search(cause)) and py2["module"] in PYTHON_2_MODULES:
        module = py2["module"]
        cause = cause.rstrip(".") + (
            f" (its setup.py imports {module}, Python 2's name for {PYTHON_2_MODULES[module]}: "
            f"it is a release for Python 2 alone; {_for_python_2()})"
        )
    elif _PYTHON_2_CODE.search(cause):  # Flask-Login 0.2.3's `filter(…)[0]`
        cause = cause.rstrip(".") + (
            f" (its setup.py is Python 2 code: it is a release for Python 2 alone; "
            f"{_for_python_2()})"
        )
    elif unread := _LIBRARY_VERSION_UNREAD.search(cause):
        cause = cause.rstrip(".") + (
            f" (its setup.py cannot read the version of the {unread['library']} installed "
            f"here, {unread['version']}, which is newer than that release: pin a newer "
            "release of it)"
        )
    elif _NO_LIBRARY.search(cause):
        cause = cause.rstrip(".") + (
            " (it compiles against a library whose development files this machine has not "
            "got: install them from the OS's packages, as its install instructions name "
            "them, or pin a release that has a wheel for this Python)"
        )
    return f": {name} did not build{cause}"


def _in_stdlib(output: str, end: int) -> str | None:
    """The Python ('3.11') whose standard library the traceback before offset `end` was
    in last (setuptools 45's regular expressions, which Python 3.11 refuses); None if
    its last frame is elsewhere, or there is none."""
    frames = list(FRAME.finditer(output, 0, end))
    path = frames[-1]["path"] if frames else ""
    found = _STDLIB_FILE.search(path)
    return found[1] if found and "-packages/" not in path else None


def _taken_from_stdlib(output: str, cause: str) -> tuple[str, str] | None:
    """(the Python ('3.11') a build ran on, the standard module) when that module has not
    got what the build's error says it lacks (Markdown 2.3's setup.py calling
    ElementTree's `getchildren()`, which Python 3.9 took out); None otherwise, or if
    the Python is not said."""
    gone = _NO_STDLIB_ATTRIBUTE.search(cause)
    owner = (gone["type"] or gone["module"] or gone["imported"]) if gone else ""
    if gone is None or owner.split(".")[0] not in sys.stdlib_module_names:
        return None
    python = gone["python"] or _built_for(output)
    return (python, owner) if python else None


def _built_for(output: str) -> str | None:
    """The Python ('3.10') a build compiled for or ran on, as its output names it (see
    _INCLUDED_PYTHON); None if it names none."""
    found = list(_INCLUDED_PYTHON.finditer(output))[-1:]
    return next((f[1] or f[3] or f"3.{f[2]}" for f in found), None)


def _c_api_changed(output: str) -> str | None:
    """The oldest Python ('3.8') that changed a part of its C API that a compiler error of
    the build names, on its line or the line compiled below it (see _C_API_CHANGED);
    None if none is named."""
    changed = []
    for error in _COMPILER_ERROR.finditer(output):
        below = output.find("\n", error.end() + 1)
        named = set(re.findall(r"\w+", output[error.start() : below if below > 0 else None]))
        table = {**_C_API_CHANGED, **(_MACROS_MADE_VALUES if "lvalue" in error[0] else {})}
        changed += [table[name] for name in named & table.keys()]
    return "{}.{}".format(*min(changed)) if changed else None


def _pythons_own_header(cause: str) -> bool:
    """Whether the header a compiler error says is missing is one of Python's own, which
    a newer Python keeps in a folder of its headers' (longintrepr.h, in cpython/ since
    3.11), rather than a library's whose development files are not installed."""
    import sysconfig

    missing = _MISSING_HEADER.search(cause)
    include = Path(sysconfig.get_paths()["include"])
    return missing is not None and any(
        (include / folder / missing["header"]).is_file() for folder in ("cpython", "internal")
    )


def _built_with_older(tool: str, older: str, variable: str) -> str:
    """' (its setup.py is older than the TOOL its build gets: …)', with the constraint
    `older` to build it with, in a file the installer's `variable` names."""
    return (
        f" (its setup.py is older than the {tool} its build gets: build it with an older "
        f"one, a file holding `{older}` named by {variable}=FILE in the environment smoke "
        "runs in, or pin a newer release of it)"
    )


def _pip_step_failed(output: str) -> str | None:
    """The requirement pip was collecting when a step of its build failed before the
    wheel (its metadata, the requirements of its build), if one did: 'a requirement'
    when a quiet pip, or uv, did not say which."""
    failed = _PIP_STEP_FAILED.search(output)
    if failed is None:
        return None
    collected = list(_COLLECTING.finditer(output, 0, failed.start()))
    return collected[-1]["name"] if collected else "a requirement"  # (uv's never are)


def _for_python_2() -> str:
    """What to do about a release for Python 2 alone."""
    return f"require a newer one, or serve the app with a Python 2 ({option('python')})"
