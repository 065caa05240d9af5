"""Advice when an installed package is older than the environment serving it: it uses
what its Python no longer has, or pkg_resources, which new virtualenvs no longer hold."""

from __future__ import annotations

import re
import sys

from scaffold._apps.interpreter import install_command
from scaffold.errors import option

__all__ = ["older_than_python", "without_pkg_resources"]

# A name the standard library no longer has (collections.Container, gone in Python
# 3.10), used by an installed package older than the Python it runs on: imported, or
# read off the module.
_GONE_FROM_STDLIB = re.compile(
    r"ImportError: cannot import name '(?P<name>\w{1,200})' from '(?P<module>[\w.]{1,200})'|"
    r"AttributeError: module '(?P<of>[\w.]{1,200})' has no attribute '(?P<attribute>\w{1,200})'"
)
_INSTALLED_FRAME = re.compile(
    r'File "[^"\n]{0,500}/lib/python(?P<python>3\.\d{1,3})/site-packages/(?P<package>\w{1,200})'
)
_FRAME = re.compile(r'File "[^"\n]{1,1000}"')
_OLD_SETUPTOOLS = "setuptools<82"


def older_than_python(output: str) -> str:
    """What to do about an installed package that uses what its Python no longer has;
    '' if the server did not fail so."""
    for gone in _GONE_FROM_STDLIB.finditer(output):
        module, name = gone["module"] or gone["of"], gone["name"] or gone["attribute"]
        frames = list(_INSTALLED_FRAME.finditer(output, 0, gone.start()))
        if module.split(".")[0] not in sys.stdlib_module_names or not frames:
            continue
        package, python = frames[-1]["package"], frames[-1]["python"]
        return (
            f"{package} uses {module}.{name}, which Python {python} has not got: that "
            f"version of {package} is older than this Python. Require a newer one, or "
            f"serve the app with an older Python ({option('python')})."
        )
    return ""


def without_pkg_resources(output: str, end: int, python: str, fresh_env: bool) -> str:
    """What to do about a server whose code imported pkg_resources in vain (the error at
    offset `end` of its `output`), run by `python`, a throwaway environment of the
    project's requirements if `fresh_env`. setuptools took it out in version 82, and
    virtualenvs hold no setuptools from Python 3.12 on: older gunicorn imports it."""
    frames = list(_FRAME.finditer(output, 0, end))
    installed = _INSTALLED_FRAME.match(output, frames[-1].start()) if frames else None
    who = installed["package"] if installed else "the app"
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
