"""Standard streams closed when scaffold starts (`2>&-`, `<&-`, `>&-` in a CI script):
scaffold runs as it would with them on /dev/null, its exit code intact."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

import scaffold
from support import listing, shell

CLOSED = {"stdin": "<&-", "stdout": ">&-", "stderr": "2>&-"}


@pytest.mark.parametrize("stream", CLOSED)
def test_a_passing_smoke_passes_with_a_stream_closed(tmp_path: Path, stream: str) -> None:
    scaffold.generate("flask-single", "hello", output_dir=tmp_path)
    done = shell(f"scaffold smoke hello --junit-xml report.xml {CLOSED[stream]}", tmp_path)
    assert done.returncode == 0, done.stderr
    suite = ElementTree.parse(tmp_path / "report.xml").getroot()
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")
    assert listing(tmp_path) == ["hello", "report.xml"]


@pytest.mark.parametrize("stream", CLOSED)
def test_a_failing_smoke_fails_with_a_stream_closed(tmp_path: Path, stream: str) -> None:
    scaffold.generate("flask-single", "hello", output_dir=tmp_path)
    done = shell(f"scaffold smoke hello --expect 'Goodbye' {CLOSED[stream]}", tmp_path)
    assert done.returncode == 1
    if stream == "stdout":
        assert "FAIL" not in done.stdout  # nothing reaches a closed stream


def test_bad_usage_with_every_stream_closed_is_still_exit_2(tmp_path: Path) -> None:
    assert shell("scaffold smoke missing <&- >&- 2>&-", tmp_path).returncode == 2
    assert listing(tmp_path) == []


def test_new_with_stdin_closed_asks_nothing_and_says_what_is_missing(tmp_path: Path) -> None:
    done = shell("scaffold new <&-", tmp_path)
    assert done.returncode == 2
    assert "missing TEMPLATE and NAME" in done.stderr
    assert "Traceback" not in done.stderr
    assert listing(tmp_path) == []

    assert shell("scaffold new flask-single hello <&-", tmp_path).returncode == 0
    assert listing(tmp_path) == ["hello"]
