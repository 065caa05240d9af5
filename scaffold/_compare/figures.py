"""What `scaffold compare` reports of each target: its size, and the figures measured on it."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import NamedTuple

from scaffold._compare.size import Size
from scaffold.frameworks.roles import Snippet

__all__ = ["MEASURED", "Comparison", "Spread"]


class Spread(NamedTuple):
    """A figure measured `--repeat` times: the median, and the lowest and highest."""

    median: float
    min: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float], digits: int) -> Spread:
        figures = (statistics.median(values), min(values), max(values))
        return cls(*(round(figure, digits) for figure in figures))


@dataclass(frozen=True)
class Comparison:
    """One target's figures; the measured ones are None unless asked for."""

    target: str
    kind: str
    size: Size
    boot_s: Spread | None = None
    """Seconds from spawning the dev server to its first good answer on "/"."""
    rss_mib: Spread | None = None
    """Resident memory of the dev server's processes once it answers, in MiB."""
    rps: Spread | None = None
    """Requests per second answered 200 under gunicorn, over 4 connections."""
    p50_ms: Spread | None = None
    """The median latency of those requests, in ms."""
    p99_ms: Spread | None = None
    """Their 99th centile latency, in ms."""
    roles: Mapping[str, tuple[Snippet, ...]] | None = None
    """The code playing each role (scaffold.frameworks.roles.ROLES), if asked for."""

    def as_dict(self) -> dict[str, object]:
        """Flat, as JSON shows it: target, kind, the size figures, then the measured ones,
        each as its median with `_min` and `_max`."""
        row: dict[str, object] = {"target": self.target, "kind": self.kind}
        row |= {f.name: getattr(self.size, f.name) for f in fields(self.size)}
        for name in MEASURED:
            spread = getattr(self, name)
            row[name] = spread.median if spread else None
            row[f"{name}_min"] = spread.min if spread else None
            row[f"{name}_max"] = spread.max if spread else None
        if self.roles is not None:
            row["roles"] = {
                role: [
                    {"file": s.file, "start": s.start, "end": s.end, "lines": s.lines}
                    for s in snippets
                ]
                for role, snippets in self.roles.items()
            }
        return row


MEASURED = ("boot_s", "rss_mib", "rps", "p50_ms", "p99_ms")
"""The figures measured on a running app, each a Spread."""
