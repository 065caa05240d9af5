"""`compare --html`: one self-contained page with the figures, a chart per figure and the code."""

from __future__ import annotations

import fcntl
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from scaffold import generate
from scaffold._compare.report import CHARTED
from scaffold._compare.size import project_files
from scaffold.cli import cli
from support import snapshot

HOSTILE = '"""</pre></div><script>alert("x")</script>"""\nprint("<b>not bold</b>")\n'


def _page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[BeautifulSoup, list[Path]]:
    """A report of two real projects, Flask and Django, with every figure measured.

    Made once for the whole run: the test processes share the folder above their
    own, and the first to take its lock writes the report the others read.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    folder = shared / "compare-report"
    folder.mkdir(exist_ok=True)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        page = folder / "report.html"
        if not page.exists():
            _write_report(folder, page)
    projects = [folder / "flask_single", folder / "django_single"]
    return _page(page), projects


def _write_report(folder: Path, page: Path) -> None:
    projects = []
    for template in ("flask-single", "django-single"):
        # The template as it ships, plus a file with markup in it.
        project = generate(template, template.replace("-", "_"), output_dir=folder).path
        (project / "hostile.py").write_text(HOSTILE if template == "flask-single" else "")
        projects.append(project)
    result = CliRunner().invoke(
        cli,
        ["compare", *map(str, projects), "--boot", "--load", "--repeat", "1",
         "--load-seconds", "0.2", "--html", str(page)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def _figures(page: BeautifulSoup) -> tuple[list[str], list[list[str]]]:
    """The titles and the rows of the page's table of figures."""
    table = page.select_one("section#figures table")
    assert isinstance(table, Tag)
    titles = [th.get_text() for th in table.select("thead th")]
    return titles, [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]


def test_the_figures_are_a_table_with_a_row_per_target(
    report: tuple[BeautifulSoup, list[Path]],
) -> None:
    page, projects = report
    titles, rows = _figures(page)
    assert titles[:3] == ["target", "kind", "files"]
    assert {"boot s", "RSS MiB", "req/s", "p50 ms", "p99 ms"} <= set(titles)
    assert [row[0] for row in rows] == [str(p) for p in projects]
    boot = rows[0][titles.index("boot s")]
    assert re.fullmatch("[0-9.]+( \\([0-9.]+\N{EN DASH}[0-9.]+\\))?", boot)


def test_there_is_one_chart_per_figure_each_an_svg_with_a_bar_per_target(
    report: tuple[BeautifulSoup, list[Path]],
) -> None:
    page, projects = report
    charts = page.select("section#charts figure.chart")
    assert [chart["data-figure"] for chart in charts] == list(CHARTED)
    for chart in charts:
        svg = chart.find("svg")
        assert isinstance(svg, Tag)
        labels = svg.get_text(" ")
        assert all(str(project) in labels for project in projects)


def test_every_charts_axis_holds_every_whisker(
    report: tuple[BeautifulSoup, list[Path]],
) -> None:
    """The axis ends at or past the highest of every target's measurements."""
    page, _ = report
    titles, rows = _figures(page)
    columns = {"boot_s": "boot s", "rss_mib": "RSS MiB", "rps": "req/s",
               "p50_ms": "p50 ms", "p99_ms": "p99 ms"}  # fmt: skip
    for chart in page.select("section#charts figure.chart"):
        column = titles.index(columns[str(chart["data-figure"])])
        highest = max(float(re.findall(r"[0-9.]+", row[column])[-1]) for row in rows)
        svg = chart.find("svg")
        assert isinstance(svg, Tag)
        # The value axis (a horizontal chart's is its x axis): the numbers under the bars.
        ticks = [float(t.get_text()) for t in svg.select(".axis text")
                 if re.fullmatch(r"[0-9.]+", t.get_text())]  # fmt: skip
        assert float(str(chart["data-axis-max"])) == max(ticks) >= highest


def test_each_role_is_a_row_with_each_targets_snippet(
    report: tuple[BeautifulSoup, list[Path]],
) -> None:
    page, projects = report
    roles = [s["data-role"] for s in page.select("section#roles section.role")]
    assert roles == ["app", "routes", "root_view", "settings", "entry_point", "tests",
                     "dependencies"]  # fmt: skip
    view = page.select_one('section.role[data-role="root_view"]')
    assert isinstance(view, Tag)
    flask, django = view.select("div.target")
    assert flask.select_one("h4").get_text().endswith(": 4 lines")  # type: ignore[union-attr]
    assert [p.get_text() for p in flask.select("p.where")] == ["app.py:17-20"]
    shown = flask.select_one(".highlight pre")
    assert isinstance(shown, Tag)
    numbers = [n.extract().get_text() for n in shown.select(".linenos")]
    assert [n.strip() for n in numbers] == ["17", "18", "19", "20"]
    lines = (projects[0] / "app.py").read_text().splitlines()[16:20]
    assert shown.get_text().splitlines() == lines
    assert [p.get_text() for p in django.select("p.where")] == ["app.py:44-46"]
    summary = page.select_one("p.summary")
    assert isinstance(summary, Tag)
    assert f'{projects[0]}\'s view for "/" is 4 lines' in summary.get_text()


def test_each_targets_files_are_shown_side_by_side_and_highlighted(
    report: tuple[BeautifulSoup, list[Path]],
) -> None:
    page, projects = report
    sections = {s["data-path"]: s for s in page.select("section#code section.file")}
    every = {p.relative_to(root).as_posix() for root in projects for p in project_files(root)}
    assert set(sections) == every
    app = sections["app.py"].select("div.target")
    assert [div["data-target"] for div in app] == [str(p) for p in projects]
    for div, project in zip(app, projects, strict=True):
        code = div.select_one(".highlight pre")
        assert isinstance(code, Tag)
        assert code.get_text() == (project / "app.py").read_text()
        assert code.select("span")  # coloured by Pygments


def test_code_from_a_project_is_shown_as_text_never_run(
    report: tuple[BeautifulSoup, list[Path]],
) -> None:
    page, _ = report
    shown = page.select_one('section.file[data-path="hostile.py"] .highlight pre')
    assert isinstance(shown, Tag)
    assert shown.get_text() == HOSTILE
    assert not [s for s in page.find_all("script") if "alert" in s.get_text()]
    assert not page.find("b")


def test_the_page_loads_nothing_from_elsewhere(report: tuple[BeautifulSoup, list[Path]]) -> None:
    page, _ = report
    assert not page.find_all("link")
    assert not page.find_all(["img", "iframe", "object", "embed"])
    for element in page.find_all(True):
        for attribute in ("src", "href", "xlink:href", "data"):
            value = element.get(attribute)
            assert not (isinstance(value, str) and re.match(r"(https?:)?//", value)), element.name
    for style in page.find_all("style"):
        assert "@import" not in style.get_text()
        assert not re.search(r"url\((?!#)", style.get_text())


def test_an_unwritable_html_path_is_refused_before_anything_runs(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = tmp_path / "app"
    project.mkdir()
    (project / "app.py").write_text("raise SystemExit('never started')\nfrom flask import Flask\n")
    before = snapshot(tmp_path)
    result = runner.invoke(
        cli, ["compare", str(project), "--boot", "--html", str(tmp_path / "missing" / "r.html")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot write")
    assert result.stderr.count("\n") == 1
    assert snapshot(tmp_path) == before
