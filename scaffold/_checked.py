"""What the Python API takes as a count or a duration: checked the same way everywhere."""

from __future__ import annotations

import math

__all__ = ["is_count", "is_seconds"]


def is_count(value: object, low: int, high: int) -> bool:
    """Whether `value` is a whole number from `low` to `high` (not a bool, not a float)."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def is_seconds(value: object, most: float) -> bool:
    """Whether `value` is a finite number of seconds above 0 and at most `most`."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 < value <= most
    )
