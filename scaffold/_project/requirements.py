"""A requirements file as pip reads its lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["logical_lines"]


def logical_lines(text: str) -> Iterator[str]:
    """The lines pip reads: continuations joined, comments dropped, blanks skipped."""
    joined = re.sub(r"\\\r?\n", "", text)
    for raw in joined.splitlines():
        line = re.sub(r"(^|\s+)#.*$", "", raw).strip()
        if line:
            yield line
