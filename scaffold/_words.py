"""How scaffold's messages word things."""

from __future__ import annotations

__all__ = ["listed"]


def listed(names: list[str]) -> str:
    """Names as a sentence lists them: 'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
