"""Fixtures shared by every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold._process.supervisor import Supervisor


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def supervisor() -> Iterator[Supervisor]:
    """The test's own child processes, all stopped when it ends."""
    with Supervisor() as processes:
        yield processes


@pytest.fixture(autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME for every test, so that a write to the user's home is seen, never kept."""
    folder = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(folder))
    return folder
