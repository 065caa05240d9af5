"""Comparisons as people read them: an aligned table, a GitHub markdown table, or JSON."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from scaffold._compare.figures import MEASURED, Comparison
from scaffold._output import printable
from scaffold.frameworks.roles import ROLES, TITLES, Snippet

__all__ = ["cell", "columns", "render", "render_roles"]

_MAX_SHOWN = 3
"""The most snippets of one role a table cell names."""
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


_LISTS = ("imports", "requirements")
"""The columns of a list each, which the terminal's table folds below its numbers."""
_SHORT = {"python_files": ".py", "code_lines": "code"}
_WIDTH = 100
"""Narrower titles for the terminal's table."""


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
    return _text(rows, shown)


def _text(rows: list[dict[str, object]], shown: list[tuple[str, str, bool]]) -> str:
    """The table for a terminal, within 100 columns for short targets: the numbers in
    columns, medians alone, and each target's imports and requirements folded below."""
    listed = [key for key, _, _ in shown if key in _LISTS]
    numbers = [(key, _SHORT.get(key, title), n) for key, title, n in shown if key not in _LISTS]
    titles = [title for _, title, _ in numbers]
    cells = [[cell(row, key, spread=False) for key, _, _ in numbers] for row in rows]
    widths = [max(len(line[i]) for line in [titles, *cells]) for i in range(len(titles))]

    def aligned(line: list[str]) -> str:
        padded = [
            text.rjust(w) if n else text.ljust(w)
            for text, w, (_, _, n) in zip(line, widths, numbers, strict=True)
        ]
        return "  ".join(padded).rstrip()

    out = [aligned(line) for line in [titles, *cells]]
    if listed:
        out.append("")
    indent = " " * (widths[0] + 2)
    for row, line in zip(rows, cells, strict=True):
        for i, key in enumerate(listed):
            first = (line[0] if i == 0 else "").ljust(widths[0]) + "  "
            said = textwrap.wrap(f"{key}: {cell(row, key)}", _WIDTH - len(indent)) or [key]
            out += [f"{first if j == 0 else indent}{part}" for j, part in enumerate(said)]
    if any(row.get(f"{key}_min") != row.get(f"{key}_max") for row in rows for key in MEASURED):
        out.append(
            "\nMeasured figures are medians: --format markdown or json adds each one's "
            "lowest and highest."
        )
    return "\n".join(out)


def render_roles(results: Sequence[Comparison], fmt: str) -> str:
    """Role by target: where each target keeps the code of each role, and its lines."""
    titles = ["role", *(printable(r.target) for r in results)]
    lines = [
        [TITLES[role], *(_where((r.roles or {}).get(role, ())) for r in results)] for role in ROLES
    ]
    if fmt == "markdown":
        rule = ["---"] * len(titles)
        escaped = [[_markdown(text) for text in line] for line in [titles, *lines]]
        return "\n".join(f"| {' | '.join(line)} |" for line in [escaped[0], rule, *escaped[1:]])
    widths = [max(len(line[i]) for line in [titles, *lines]) for i in range(len(titles))]
    return "\n".join(
        "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
        for line in [titles, *lines]
    )


def _where(snippets: tuple[Snippet, ...]) -> str:
    """`app.py:10-14, wsgi.py:1 (6 lines)`, or 'not found'."""
    if not snippets:
        return "not found"
    shown = ", ".join(printable(str(snippet)) for snippet in snippets[:_MAX_SHOWN])
    more = f" and {len(snippets) - _MAX_SHOWN} more" if len(snippets) > _MAX_SHOWN else ""
    total = sum(snippet.lines for snippet in snippets)
    return f"{shown}{more} ({total} line{'s' if total != 1 else ''})"


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


def cell(row: dict[str, object], key: str, *, spread: bool = True) -> str:
    """A value as the table shows it; a measured figure as `median (min-max)` (with
    `spread`, when they differ), an en dash."""
    value = row[key]
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value)) or "-"
    if spread and key in MEASURED and value is not None and row[f"{key}_min"] != row[f"{key}_max"]:
        return f"{value} ({row[f'{key}_min']}\N{EN DASH}{row[f'{key}_max']})"
    return "-" if value is None else str(value)
