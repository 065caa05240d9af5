"""`compare --html`: one self-contained page with the figures, a chart per figure, and the code.

The page loads nothing from the network: the charts are SVG made by pygal (with
its JavaScript left out) and the code is coloured by Pygments, with their styles
inline. Everything taken from the projects is escaped.
"""

from __future__ import annotations

import datetime
import html
import platform
from collections.abc import Sequence
from pathlib import Path

from scaffold._compare.figures import MEASURED, Comparison
from scaffold._compare.table import cell, columns
from scaffold._project.tree import project_files
from scaffold._project.treediff import shown_text
from scaffold._version import __version__

__all__ = ["CHARTED", "html_report"]

CHARTED = ("files", "python_files", "lines", "code_lines", *MEASURED)
"""The figures that get a chart, when they were measured."""
_TITLES = {
    "files": "Files",
    "python_files": "Python files",
    "lines": "Lines of Python",
    "code_lines": "Lines of Python code",
    "boot_s": "Boot, dev server (s, lower is better)",
    "rss_mib": "Memory once up (MiB, lower is better)",
    "rps": "Requests per second under gunicorn (higher is better)",
    "p50_ms": "Median latency (ms, lower is better)",
    "p99_ms": "99th centile latency (ms, lower is better)",
}
_MAX_SHOWN_BYTES = 256 * 1024
_MAX_FILES = 200
_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
h1 { margin-bottom: 0.2rem; } .about { color: #555; margin-top: 0; }
table.figures { border-collapse: collapse; margin: 1rem 0; }
table.figures th, table.figures td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; }
table.figures td.number { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.chart { margin: 0; border: 1px solid #eee; }
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
            '<section id="charts"><h2>Charts</h2><div class="charts">',
            *(_chart(rows, key) for key in CHARTED if rows[0][key] is not None),
            "</div></section>",
            '<section id="code"><h2>Code</h2>',
            *_code(names, roots),
            "</section>",
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


def _chart(rows: Sequence[dict[str, object]], key: str) -> str:
    """A bar per target; a measured figure's bar shows its lowest and highest as a whisker."""
    import pygal

    chart = pygal.Bar(
        js=[],  # pygal's tooltips load a script from the network: left out
        disable_xml_declaration=True,
        explicit_size=True,
        width=460,
        height=300,
        title=_TITLES[key],
        legend_at_bottom=True,
        print_values=True,
        show_x_labels=False,
    )
    chart.x_labels = [_TITLES[key]]
    for row in rows:
        value = row[key]
        point: dict[str, object] = {"value": value}
        if key in MEASURED:
            point["ci"] = {"low": row[f"{key}_min"], "high": row[f"{key}_max"]}
        chart.add(str(row["target"]), [point])
    svg = chart.render(is_unicode=True)
    return f'<figure class="chart" data-figure="{key}">{svg}</figure>'


def _code(names: Sequence[str], roots: Sequence[Path]) -> list[str]:
    """Each file of any target, with each target's copy side by side."""
    files = [{p.relative_to(root).as_posix(): p for p in project_files(root)} for root in roots]
    paths = sorted(set().union(*files))
    parts = []
    if len(paths) > _MAX_FILES:
        parts.append(f"<p>The first {_MAX_FILES} of {len(paths)} files.</p>")
    grid = f"grid-template-columns: repeat({len(roots)}, minmax(0, 1fr))"
    for path in paths[:_MAX_FILES]:
        shown = html.escape(_text(path))
        parts.append(f'<section class="file" data-path="{shown}"><h3>{shown}</h3>')
        parts.append(f'<div class="side-by-side" style="{grid}">')
        for name, found in zip(names, files, strict=True):
            label = html.escape(_text(name))
            parts.append(f'<div class="target" data-target="{label}"><h4>{label}</h4>')
            parts.append(_highlighted(path, found.get(path)))
            parts.append("</div>")
        parts.append("</div></section>")
    return parts


def _text(name: str) -> str:
    """`name` as text a page can hold: a file name that is not UTF-8 (its bytes kept by
    Python as lone surrogates) with U+FFFD where its undecodable bytes are."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _highlighted(path: str, file: Path | None) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import TextLexer, get_lexer_for_filename
    from pygments.util import ClassNotFound

    if file is None:
        return '<p class="missing">no such file</p>'
    text = shown_text(file, _MAX_SHOWN_BYTES)
    if text is None:
        return '<p class="missing">binary or over 256 KiB: not shown</p>'
    try:
        lexer = get_lexer_for_filename(path, stripnl=False)
    except ClassNotFound:
        lexer = TextLexer(stripnl=False)
    return str(highlight(text, lexer, HtmlFormatter()))
