"""The Python API from several threads at once: a render never moves another thread's folder."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import scaffold
from scaffold.kinds import templates_root
from support import snapshot


def test_renders_in_one_thread_leave_the_working_folder_of_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    scaffold.generate("flask-single", "here", output_dir=".")
    templates = snapshot(templates_root())
    stop = threading.Event()
    rendered: list[Path] = []

    def render() -> None:
        for index in range(25):
            out = tmp_path / f"out{index}"
            out.mkdir()
            rendered.append(scaffold.generate("django-project", "site1", output_dir=out).path)
        stop.set()

    thread = threading.Thread(target=render)
    thread.start()
    seen: set[str] = set()
    checked = 0
    while not stop.is_set():
        seen.add(str(Path.cwd()))
        # A relative path, resolved here while the other thread renders.
        assert scaffold.check("here").template == "flask-single"
        checked += 1
    thread.join()
    assert seen == {str(tmp_path)}
    assert checked > 25
    assert len(rendered) == 25
    assert snapshot(templates_root()) == templates  # nothing written into the templates
    assert str(Path.cwd()) == str(tmp_path)
