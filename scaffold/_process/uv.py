"""Where uv is: smoke's fresh environments and `new --lock` run it, and whether they do."""

from __future__ import annotations

import shutil

from scaffold.errors import InputError

__all__ = ["find_uv", "installer"]


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


def installer(chosen: str = "") -> str | None:
    """uv's path when fresh environments are made with uv, None when with pip: `chosen`
    ('uv' or 'pip', as SCAFFOLD_INSTALLER says), else uv if it is installed."""
    if chosen not in ("", "uv", "pip"):
        raise InputError(f"SCAFFOLD_INSTALLER={chosen!r}: use uv or pip, or leave it unset.")
    uv = find_uv() if chosen != "pip" else None
    if chosen == "uv" and uv is None:
        raise InputError("SCAFFOLD_INSTALLER=uv, but uv is not installed: pip install uv.")
    return uv
