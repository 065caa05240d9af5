"""Where uv is: smoke's fresh environments and `new --lock` run it."""

from __future__ import annotations

import shutil

__all__ = ["find_uv"]


def find_uv() -> str | None:
    """The uv program: on PATH, or the one the `uv` package installed beside scaffold."""
    found = shutil.which("uv")
    if found:
        return found
    try:
        import uv  # the PyPI package, whose binary may sit in a virtualenv not on PATH
    except ImportError:
        return None
    try:
        return str(uv.find_uv_bin())
    except FileNotFoundError:
        return None
