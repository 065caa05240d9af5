"""Checks of option values that more than one command takes."""

from __future__ import annotations

import math

import click

__all__ = ["seconds"]


def seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """Accept a finite number of seconds above 0: not nan, not inf, not 0."""
    if not (math.isfinite(value) and value > 0):
        raise click.BadParameter(f"{value} is not a finite number of seconds above 0.")
    return value
