"""Fixtures shared by every test."""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import support
from scaffold._process.supervisor import Supervisor


# optionalhook: the suite also runs without xdist (`pytest -p no:xdist -o addopts=`).
@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than the CPUs for `-n auto`: tests wait on servers now and then.

    Measured on 2 CPUs: 3 workers ran the suite in 50-51 s, 4 in 54 s, 2 in 64 s.
    """
    return (os.cpu_count() or 1) + 1


def pytest_configure(config: pytest.Config) -> None:
    """Stop signals and SIGCHLD at their defaults in every process of the run.

    Whatever started the suite (nohup ignores SIGHUP, a shell's background job
    SIGINT), the processes the tests start, and signal, begin as from a terminal.
    The tests of what scaffold does with an ignored signal ignore it themselves.
    """
    for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGQUIT, signal.SIGCHLD):
        if signal.getsignal(sig) == signal.SIG_IGN:
            signal.signal(sig, signal.SIG_DFL)
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


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


@pytest.fixture(scope="session", autouse=True)
def clean_environment() -> Iterator[None]:
    """No virtualenv activated, and no app or settings named in the environment of the
    shell the suite runs from: smoke would take them (an activated virtualenv serves
    projects without their own), and each test says what it serves with."""
    patch = pytest.MonkeyPatch()
    for name in ("VIRTUAL_ENV", "FLASK_APP", "DJANGO_SETTINGS_MODULE"):
        patch.delenv(name, raising=False)
    yield
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def temporary_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The run's own TMPDIR, for the processes the tests start and the tests themselves.

    What they leave there (plain cookiecutter leaves its rendered hooks, the README's
    commands their projects) goes with pytest's own old folders, not into /tmp.
    """
    folder = tmp_path_factory.mktemp("tmp")
    patch = pytest.MonkeyPatch()
    patch.setenv("TMPDIR", str(folder))
    patch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def download_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One download cache for uv and pip, shared by the run's workers, as a user's own
    is shared by their projects: each test's HOME is new and empty, and would otherwise
    make every fresh environment download its packages again. It goes with pytest's
    old folders. A cache the user chose (UV_CACHE_DIR, PIP_CACHE_DIR) is kept."""
    run_root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_root = run_root.parent  # the workers' folders are popen-gwN inside the run's
    folder = run_root / "download-cache"
    folder.mkdir(exist_ok=True)
    patch = pytest.MonkeyPatch()
    for name, tool in (("UV_CACHE_DIR", "uv"), ("PIP_CACHE_DIR", "pip")):
        if name not in os.environ:
            patch.setenv(name, str(folder / tool))
    yield folder
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def startproject_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where `support.startproject` keeps the one project it makes of each name."""
    support.started_in = tmp_path_factory.mktemp("startproject")
    return support.started_in
