"""Advice when an installed package is older than the Python serving it: it uses what
its Python took out of the standard library, passes an argument a function no longer
takes, or is compiled for an older Python's C API; and when the app is newer than it,
importing a module a later Python's standard library added."""

from __future__ import annotations

import re
import sys

from scaffold._apps.interpreter import python_that_fits, pythons_admitted
from scaffold._apps.package_hints import INSTALLED_FRAME, last_frame_installed
from scaffold.errors import option

__all__ = ["newer_than_python", "older_python", "older_than_python"]

# A name the standard library no longer has (collections.Container, gone in Python
# 3.10), used by an installed package older than the Python it runs on: imported, or
# read off the module.
_GONE_FROM_STDLIB = re.compile(
    r"ImportError: cannot import name '(?P<name>\w{1,200})' from '(?P<module>[\w.]{1,200})'|"
    r"AttributeError: module '(?P<of>[\w.]{1,200})' has no attribute '(?P<attribute>\w{1,200})'"
)
_NO_SUCH_ARGUMENT = re.compile(
    r"TypeError: (?P<function>[\w.]{1,200})\(\) got an unexpected keyword argument "
    r"'(?P<argument>\w{1,200})'"
)
# A compiled module that fails as it loads, built for another Python's C API (psycopg2
# 2.8's _psycopg on Python 3.11).
_NOT_LOADED = re.compile(r"SystemError: initialization of (?P<module>\w{1,200}) raised unreported")
# Modules the standard library added, imported by code written for Pythons that have
# them: the Python that added each, and the backport older Pythons install.
_ADDED_IN = {
    "dataclasses": ((3, 7), "dataclasses"),
    "contextvars": ((3, 7), "contextvars"),
    "importlib.resources": ((3, 7), "importlib-resources"),
    "importlib.metadata": ((3, 8), "importlib-metadata"),
    "zoneinfo": ((3, 9), "backports.zoneinfo"),
    "graphlib": ((3, 9), "graphlib-backport"),
    "tomllib": ((3, 11), "tomli"),
}
_REMOVED_IN = {"collections": (3, 10), "xml": (3, 9), "__classcell__": (3, 8)}
"""The Python that took a standard module's old names out, or a way of Python's, where
it is not the last."""
# A metaclass that drops `__classcell__` as it makes a class (Django before 1.11's
# ModelBase), which Python 3.8 made an error of.
_CLASSCELL = re.compile(r"RuntimeError: __class__ not set defining '(?P<name>\w{1,200})'")
# What an installed package older than its Python fails with as it loads, where the
# traceback's last frame is the package's: what it is said to do, and the way of
# Python's it misses (see _REMOVED_IN).
_FAILS_AS_IT_LOADS = (
    (
        _CLASSCELL,
        " defines classes ({name}) as Python {python} no longer lets it "
        "(`__classcell__`, which 3.8 made an error of)",
        "__classcell__",
    ),
    (_NOT_LOADED, "'s compiled module {module} fails as it loads on Python {python}", ""),
)


def older_than_python(output: str) -> str:
    """What to do about an installed package that uses what its Python no longer has;
    '' if the server did not fail so."""
    for gone in _GONE_FROM_STDLIB.finditer(output):
        module, name = gone["module"] or gone["of"], gone["name"] or gone["attribute"]
        frames = list(INSTALLED_FRAME.finditer(output, 0, gone.start()))
        if module.split(".")[0] not in sys.stdlib_module_names or not frames:
            continue
        package, python = frames[-1]["package"], frames[-1]["python"]
        return (
            f"{package} uses {module}.{name}, which Python {python} has not got: that "
            f"version of {package} is older than this Python. {_older_python(python, module)}"
        )
    # An argument the function no longer takes (gettext's codeset, gone in Python 3.11),
    # passed by the installed package the traceback ends in.
    for call in _NO_SUCH_ARGUMENT.finditer(output):
        caller = last_frame_installed(output, call.start())
        if caller is None:
            continue
        package, python = caller["package"], caller["python"]
        return (
            f"{package} passes {call['function']}() an argument it no longer takes "
            f"({call['argument']}): that version of {package} is older than Python {python}, "
            f"or than the packages installed with it. {_older_python(python)}"
        )
    for pattern, said, way in _FAILS_AS_IT_LOADS:
        for failed in pattern.finditer(output):
            if at := last_frame_installed(output, failed.start()):
                package, python = at["package"], at["python"]
                return (
                    f"{package}{said.format(python=python, **failed.groupdict())}: that "
                    f"version of {package} is older than this Python. "
                    f"{_older_python(python, way)}"
                )
    return ""


def _older_python(python: str, module: str = "") -> str:
    """What to do about a package older than Python `python` ('3.11'): a newer one, or
    an older Python (see `older_python`)."""
    older = older_python(python, module)
    return f"Require a newer one, or serve the app with an older Python ({older})."


def older_python(python: str, module: str = "") -> str:
    """'--python PATH, installed here' of the newest Python installed here older than
    Python `python` ('3.11'), and than the one that took `module`'s name out
    (collections' ABCs went in 3.10): the one nearest the app's own code, which may
    need a recent Python too; '--python' alone if there is none."""
    before = min(_minor(python), _REMOVED_IN.get(module.split(".")[0], (9, 9)))
    found = pythons_admitted(lambda v: v[:2] == "3." and _minor(v) < before)[-1:]
    return (
        f"{option('python', found[0], repr(found[0]))}, installed here"
        if found
        else option("python")
    )


def _minor(version: str) -> tuple[int, int]:
    """(3, 11) of '3.11' and of '3.11.7'."""
    major, minor = version.split(".")[:2]
    return int(major), int(minor)


def newer_than_python(module: str) -> str:
    """'the app imports MODULE, which Python's standard library has from 3.N on: what to
    do', for a module a Python newer than the one serving the app added; ''."""
    if module not in _ADDED_IN:
        return ""
    added, backport = _ADDED_IN[module]
    newer = python_that_fits(lambda v: _minor(v) >= added)
    return (
        f"the app imports {module}, which Python's standard library has from "
        f"{added[0]}.{added[1]} on: serve it with a newer Python {newer}, or require its "
        f"backport for this one ({backport})."
    )
