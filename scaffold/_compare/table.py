"""Comparisons as people read them: an aligned table, a GitHub markdown table, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from scaffold._compare.figures import MEASURED, Comparison

__all__ = ["cell", "columns", "render"]

_COLUMNS = (
    ("target", "target"),
    ("kind", "kind"),
    ("files", "files"),
    ("python_files", ".py files"),
    ("lines", "lines"),
    ("code_lines", "code lines"),
    ("imports", "imports"),
    ("requirements", "requirements"),
    ("boot_s", "boot s"),
    ("rss_mib", "RSS MiB"),
    ("rps", "req/s"),
    ("p50_ms", "p50 ms"),
    ("p99_ms", "p99 ms"),
)


def render(results: Sequence[Comparison], fmt: str) -> str:
    """`results` as an aligned table, a GitHub markdown table, or JSON."""
    rows = [r.as_dict() for r in results]
    if fmt == "json":
        return json.dumps(rows, indent=2)
    shown = columns(rows)
    cells = [[cell(row, key) for key, _, _ in shown] for row in rows]
    titles = [title for _, title, _ in shown]
    numeric = [is_number for _, _, is_number in shown]
    if fmt == "markdown":
        rule = ["---:" if n else "---" for n in numeric]
        escaped = [[_markdown(text) for text in line] for line in cells]
        return "\n".join(f"| {' | '.join(line)} |" for line in [titles, rule, *escaped])
    widths = [max(len(line[i]) for line in [titles, *cells]) for i in range(len(titles))]

    def aligned(line: list[str]) -> str:
        padded = [
            cell.rjust(w) if n else cell.ljust(w)
            for cell, w, n in zip(line, widths, numeric, strict=True)
        ]
        return "  ".join(padded).rstrip()

    return "\n".join(aligned(line) for line in [titles, *cells])


# Markdown's own punctuation, shown as itself: a `|` adds no column, `*` no emphasis.
_MARKDOWN_ESCAPES = str.maketrans(
    {
        **{char: f"\\{char}" for char in "\\`*_[]|~#!"},
        **{"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": " ", "\r": " "},
    }
)


def _markdown(text: str) -> str:
    """`text` as a table cell shows it: no markup, no HTML, one line."""
    return text.translate(_MARKDOWN_ESCAPES)


def columns(rows: Sequence[dict[str, object]]) -> list[tuple[str, str, bool]]:
    """The columns that have a value in some row: the key, the title, whether it is a number."""
    return [
        (key, title, key not in ("target", "kind", "imports", "requirements"))
        for key, title in _COLUMNS
        if any(row[key] is not None for row in rows)
    ]


def cell(row: dict[str, object], key: str) -> str:
    """A value as the table shows it; a measured figure as `median (min-max)`, an en dash."""
    value = row[key]
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value)) or "-"
    if key in MEASURED and value is not None and row[f"{key}_min"] != row[f"{key}_max"]:
        return f"{value} ({row[f'{key}_min']}\N{EN DASH}{row[f'{key}_max']})"
    return "-" if value is None else str(value)
