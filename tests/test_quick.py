"""`--version`, `--help` and `list` are answered without click, exactly as click would."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold.quick import HELP_FILE, answer
from support import BIN, imported_modules

QUICK = [["--version"], ["-V"], ["--help"], ["-h"], ["list"], ["list", "--json"]]
# The same command line with scaffold.quick left out: click answers all of it.
BY_CLICK = [sys.executable, "-c", "from scaffold.cli import main; main()"]


def _ids(args: list[str]) -> str:
    return " ".join(args)


def _clicks(args: list[str], columns: int) -> str:
    """What click prints for `scaffold ARGS` in a terminal `columns` wide."""
    # A process of its own: CliRunner pins the help's width to 80 columns.
    result = subprocess.run(
        [*BY_CLICK, *args],
        env={**os.environ, "COLUMNS": str(columns)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("args", QUICK, ids=_ids)
def test_quick_answers_are_what_click_prints(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    stale = (
        f"{HELP_FILE} is out of date: rewrite it with `COLUMNS=80 python -c "
        "'from scaffold.cli import main; main()' --help > scaffold/help.txt`"
    )
    assert answer(args) == _clicks(args, columns=80), stale if args[0] in ("--help", "-h") else None


@pytest.mark.parametrize("columns", [81, 120, 400])
def test_help_is_clicks_in_any_terminal_from_80_columns(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert answer(["--help"]) == _clicks(["--help"], columns=columns)


def test_help_in_a_narrower_terminal_is_left_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "79")
    assert answer(["--help"]) is None


@pytest.mark.parametrize(
    "args",
    [[], ["new"], ["list", "--help"], ["--version", "list"], ["list", "--json", "x"], ["smoke"]],
    ids=_ids,
)
def test_other_command_lines_are_left_to_click(args: list[str]) -> None:
    assert answer(args) is None


def test_shell_completion_is_left_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SCAFFOLD_COMPLETE", "bash_complete")
    assert answer(["--version"]) is None


@pytest.mark.parametrize("args", QUICK, ids=_ids)
def test_the_installed_command_answers_without_importing_click(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    result = subprocess.run(
        [str(BIN / "scaffold"), *args],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == answer(args)
    assert "scaffold.quick" in imported_modules(result.stderr)
    assert "click" not in imported_modules(result.stderr)


def test_the_installed_command_hands_the_rest_to_click(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "scaffold"), "list", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: scaffold list [OPTIONS]")


def _help_in_a_terminal(columns: int, cwd: Path) -> tuple[str, set[str]]:
    """What the installed `scaffold --help` prints in a terminal, and what it imported."""
    import fcntl
    import pty
    import struct
    import termios

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    leader, follower = pty.openpty()
    try:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        result = subprocess.run(
            [str(BIN / "scaffold"), "--help"],
            cwd=cwd,
            env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(follower)
    chunks = []
    try:
        with contextlib.suppress(OSError):  # Linux ends a drained pty with EIO
            while chunk := os.read(leader, 65536):
                chunks.append(chunk)
    finally:
        os.close(leader)
    assert result.returncode == 0, result.stderr
    return b"".join(chunks).decode().replace("\r\n", "\n"), imported_modules(result.stderr)


@pytest.mark.parametrize(("columns", "by_click"), [(60, True), (100, False)])
def test_help_follows_the_terminals_width(tmp_path: Path, columns: int, by_click: bool) -> None:
    printed, imported = _help_in_a_terminal(columns, tmp_path)
    assert printed == _clicks(["--help"], columns=columns)
    assert ("click" in imported) is by_click


def _into_a_closed_pipe(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            argv, cwd=cwd, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=60
        )
    finally:
        os.close(writer)


@pytest.mark.parametrize("args", [["--help"], ["list", "--json"]], ids=_ids)
def test_a_reader_that_left_early_ends_it_quietly_as_click_does(
    tmp_path: Path, args: list[str]
) -> None:
    quick = _into_a_closed_pipe([str(BIN / "scaffold"), *args], tmp_path)
    by_click = _into_a_closed_pipe([*BY_CLICK, *args], tmp_path)
    assert (quick.returncode, quick.stderr) == (by_click.returncode, by_click.stderr) == (1, "")
