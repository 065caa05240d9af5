"""`compare --html`: one self-contained page with the figures, a chart per figure, and the code.

The page loads nothing from the network: the charts are SVG made by pygal (with
its JavaScript left out) and the code is coloured by Pygments, with their styles
inline. Everything taken from the projects is escaped.
"""

from __future__ import annotations

import datetime
import html
import math
import platform
from collections.abc import Sequence
from pathlib import Path

from scaffold._compare.figures import MEASURED, Comparison
from scaffold._compare.table import cell, columns
from scaffold._output import printable
from scaffold._project.tree import project_files
from scaffold._project.treediff import shown_text
from scaffold._version import __version__
from scaffold.frameworks.roles import ROLES, TITLES

__all__ = ["CHARTED", "html_report", "summary"]

CHARTED = MEASURED
"""The figures that get a chart, when they were measured: the sizes stay in the table."""
_TITLES = {
    "boot_s": "Boot, dev server (s, lower is better)",
    "rss_mib": "Memory once up (MiB, lower is better)",
    "rps": "Requests per second under gunicorn (higher is better)",
    "p50_ms": "Median latency (ms, lower is better)",
    "p99_ms": "99th centile latency (ms, lower is better)",
}
_MAX_SHOWN_BYTES = 256 * 1024
_MAX_FILES = 200
_MAX_SNIPPETS = 6
"""The most snippets of one role shown for a target (a project has routes by the dozen)."""
_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
h1 { margin-bottom: 0.2rem; } .about { color: #555; margin-top: 0; }
table.figures { border-collapse: collapse; margin: 1rem 0; }
table.figures th, table.figures td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; }
table.figures td.number { text-align: right; font-variant-numeric: tabular-nums; }
.chart { margin: 0 0 1.5rem; }
.chart svg { width: 100%; height: auto; }
.role { margin-bottom: 2rem; }
.role h3 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.summary { font-size: 1.05rem; }
.role pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.where { margin: 0.4rem 0 0.1rem; font-family: monospace; color: #444; }
.side-by-side { display: grid; gap: 1rem; }
.side-by-side > div { min-width: 0; overflow-x: auto; }
.side-by-side h4 { margin: 0.3rem 0; font-family: monospace; }
.missing { color: #888; font-style: italic; }
.highlight pre { font-size: 13px; padding: 0.5rem; background: #f8f8f8; margin: 0; }
"""


def html_report(results: Sequence[Comparison], roots: Sequence[Path]) -> str:
    """The page for `results`, whose projects lie in `roots` (in the same order)."""
    from pygments.formatters import HtmlFormatter

    rows = [r.as_dict() for r in results]
    names = [html.escape(r.target) for r in results]
    style = _CSS + HtmlFormatter().get_style_defs(".highlight")  # type: ignore[no-untyped-call]
    about = (
        f"scaffold {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, "
        f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    )
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>scaffold compare: {', '.join(names)}</title>",
            f"<style>{style}</style></head><body>",
            f"<h1>{' vs '.join(names)}</h1>",
            f'<p class="about">{html.escape(about)}</p>',
            '<section id="figures"><h2>Figures</h2>',
            _table(rows),
            "</section>",
            *_charts(rows),
            '<section id="roles"><h2>The same job, side by side</h2>',
            *_roles(results, roots),
            "</section>",
            '<section id="code"><h2>Every file</h2><details><summary>Each file of any target, '
            "by path, side by side</summary>",
            *_code(names, roots),
            "</details></section>",
            "</body></html>",
        ]
    )


def _table(rows: Sequence[dict[str, object]]) -> str:
    shown = columns(rows)
    head = "".join(f"<th>{html.escape(title)}</th>" for _, title, _ in shown)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=number' if number else ''}>{html.escape(cell(row, key))}</td>"
            for key, _, number in shown
        )
        + "</tr>"
        for row in rows
    )
    return f'<table class="figures"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _charts(rows: Sequence[dict[str, object]]) -> list[str]:
    measured = [key for key in CHARTED if rows[0][key] is not None]
    if not measured:
        return []
    return [
        '<section id="charts"><h2>Charts</h2>',
        *(_chart(rows, key) for key in measured),
        "</section>",
    ]


def _chart(rows: Sequence[dict[str, object]], key: str) -> str:
    """A bar per target, its whisker from the lowest to the highest of the measurements,
    on an axis that holds every whisker, full width, in the page's font."""
    import pygal
    from pygal.style import Style

    highest = max(float(str(row[f"{key}_max"])) for row in rows)
    ticks = _ticks(highest)
    font = "system-ui, sans-serif"
    chart = pygal.HorizontalBar(
        js=[],  # pygal's tooltips load a script from the network: left out
        disable_xml_declaration=True,
        width=1000,
        height=90 + 46 * len(rows),
        title=_TITLES[key],
        show_legend=False,
        print_values=True,
        range=(0, ticks[-1]),
        y_labels=ticks,
        style=Style(
            font_family=font,
            title_font_family=font,
            label_font_family=font,
            value_font_family=font,
            title_font_size=18,
            label_font_size=14,
            major_label_font_size=14,
            value_font_size=13,
            background="white",
            plot_background="white",
            guide_stroke_color="#d8d8d8",
            major_guide_stroke_color="#d8d8d8",
        ),
    )
    # A horizontal chart draws its first bar at the bottom: the first target goes on top.
    chart.x_labels = [str(row["target"]) for row in reversed(rows)]
    chart.add(
        _TITLES[key],
        [
            {"value": row[key], "ci": {"low": row[f"{key}_min"], "high": row[f"{key}_max"]}}
            for row in reversed(rows)
        ],
    )
    svg = chart.render(is_unicode=True)
    return f'<figure class="chart" data-figure="{key}" data-axis-max="{ticks[-1]}">{svg}</figure>'


def _ticks(highest: float) -> list[float]:
    """About five round steps from 0 to at least `highest`: 0, 0.2 ... 1.0."""
    if highest <= 0:
        return [0.0, 1.0]
    step = 10 ** math.floor(math.log10(highest / 5))
    for factor in (1, 2, 2.5, 5, 10):
        if highest / (step * factor) <= 5:
            step *= factor
            break
    count = math.ceil(highest / step)
    return [round(step * i, 10) for i in range(count + 1)]


def _roles(results: Sequence[Comparison], roots: Sequence[Path]) -> list[str]:
    """A row per role: each target's code for it side by side, its whole file a click away."""
    from scaffold._apps.roles import source_text

    grid = f"grid-template-columns: repeat({len(roots)}, minmax(0, 1fr))"
    parts = [f'<p class="summary">{html.escape(summary(results))}</p>']
    for role in ROLES:
        parts.append(f'<section class="role" data-role="{role}"><h3>{TITLES[role]}</h3>')
        parts.append(f'<div class="side-by-side" style="{grid}">')
        for result, root in zip(results, roots, strict=True):
            snippets = (result.roles or {}).get(role, ())
            label = html.escape(printable(result.target))
            total = sum(s.lines for s in snippets)
            said = f"{total} line{'s' if total != 1 else ''}" if snippets else "not found"
            parts.append(f'<div class="target" data-target="{label}"><h4>{label}: {said}</h4>')
            for snippet in snippets[:_MAX_SNIPPETS]:
                where = html.escape(printable(str(snippet)))
                code = _highlighted(snippet.file, None, source_text(root, snippet), snippet.start)
                parts.append(f"<p class=where>{where}</p>{code}")
                parts.append(
                    f"<details><summary>the whole of {html.escape(printable(snippet.file))}"
                    f"</summary>{_highlighted(snippet.file, root / snippet.file)}</details>"
                )
            if len(snippets) > _MAX_SNIPPETS:
                parts.append(f"<p>and {len(snippets) - _MAX_SNIPPETS} more</p>")
            parts.append("</div>")
        parts.append("</div></section>")
    return parts


def summary(results: Sequence[Comparison]) -> str:
    """What the seeds said by hand, from the figures: how long each target's view for "/"
    is, and how many lines route it when routing is kept apart from the view."""
    said = []
    for result in results:
        roles = result.roles or {}
        views, routes = roles.get("root_view", ()), roles.get("routes", ())
        if not views:
            said.append(f'{result.target} has no view for "/" that could be found')
            continue
        lines = sum(s.lines for s in views)
        apart = [s for s in routes if s.file not in {v.file for v in views}]
        routing = sum(s.lines for s in apart)
        extra = (
            f" plus {routing} line{'s' if routing != 1 else ''} routing it elsewhere"
            if apart
            else ""
        )
        said.append(f'{result.target}\'s view for "/" is {lines} lines{extra}')
    return "; ".join(said) + "."


def _code(names: Sequence[str], roots: Sequence[Path]) -> list[str]:
    """Each file of any target, with each target's copy side by side."""
    files = [{p.relative_to(root).as_posix(): p for p in project_files(root)} for root in roots]
    paths = sorted(set().union(*files))
    parts = []
    if len(paths) > _MAX_FILES:
        parts.append(f"<p>The first {_MAX_FILES} of {len(paths)} files.</p>")
    grid = f"grid-template-columns: repeat({len(roots)}, minmax(0, 1fr))"
    for path in paths[:_MAX_FILES]:
        shown = html.escape(printable(path))
        parts.append(f'<section class="file" data-path="{shown}"><h3>{shown}</h3>')
        parts.append(f'<div class="side-by-side" style="{grid}">')
        for name, found in zip(names, files, strict=True):
            label = html.escape(printable(name))
            parts.append(f'<div class="target" data-target="{label}"><h4>{label}</h4>')
            parts.append(_highlighted(path, found.get(path)))
            parts.append("</div>")
        parts.append("</div></section>")
    return parts


def _highlighted(
    path: str, file: Path | None, text: str | None = None, start: int | None = None
) -> str:
    """`file` (or `text` from it) coloured; numbered from `start`, if given, as a snippet."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import TextLexer, get_lexer_for_filename
    from pygments.util import ClassNotFound

    if text is None:
        if file is None:
            return '<p class="missing">no such file</p>'
        text = shown_text(file, _MAX_SHOWN_BYTES)
    if text is None:
        return '<p class="missing">binary or over 256 KiB: not shown</p>'
    try:
        lexer = get_lexer_for_filename(path, stripnl=False)
    except ClassNotFound:
        lexer = TextLexer(stripnl=False)
    formatter = HtmlFormatter(linenos="inline", linenostart=start) if start else HtmlFormatter()
    return str(highlight(text, lexer, formatter))
