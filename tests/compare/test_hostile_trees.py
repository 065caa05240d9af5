"""compare on trees that are odd or hostile: unreadable, empty, binary, huge, oddly named."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scaffold.cli import cli
from support import snapshot

APP = "from flask import Flask\napp = Flask(__name__)\n"


def diff(runner: CliRunner, a: Path, b: Path) -> Result:
    return runner.invoke(cli, ["compare", "--diff", str(a), str(b)])


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    """Two Flask apps, `a` and `b`, alike but for what a test adds."""
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        root.mkdir()
        (root / "app.py").write_text(APP)
    return a, b


def test_files_on_one_side_are_listed_even_when_empty(
    runner: CliRunner, trees: tuple[Path, Path]
) -> None:
    a, b = trees
    (a / "gone.txt").write_text("")
    (b / "__init__.py").write_text("")
    result = diff(runner, a, b)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "diff --git a/__init__.py b/__init__.py\nnew file mode 100644\n"
        "diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n"
    )


def test_the_diff_applies_with_git(runner: CliRunner, trees: tuple[Path, Path]) -> None:
    a, b = trees
    (a / "old.txt").write_text("one\ntwo\n")
    (b / "app.py").write_text(APP + "print('more')\n")
    (b / "empty.txt").write_text("")
    (b / "pkg").mkdir()
    (b / "pkg" / "new.txt").write_text("no newline at the end")
    patch = diff(runner, a, b).stdout
    subprocess.run(["git", "apply", "-"], cwd=a, input=patch, text=True, check=True)
    assert snapshot(a) == snapshot(b)


def test_a_file_with_a_nul_byte_is_binary(runner: CliRunner, trees: tuple[Path, Path]) -> None:
    a, b = trees
    (a / "data.bin").write_bytes(b"text\0one\n")
    (b / "data.bin").write_bytes(b"text\0two\n")
    result = diff(runner, a, b)
    assert result.stdout == (
        "diff --git a/data.bin b/data.bin\nBinary files a/data.bin and b/data.bin differ\n"
    )


def test_huge_files_are_compared_in_bounded_memory(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root, last in ((a, b"1"), (b, b"2")):
        root.mkdir()
        (root / "app.py").write_text(APP)
        with (root / "huge.txt").open("wb") as huge:  # sparse: no disk spent
            huge.truncate(300 * 1024 * 1024)
            huge.seek(0, os.SEEK_END)
            huge.write(last)
    run = subprocess.Popen(
        [sys.executable, "-m", "scaffold", "compare", "--diff", str(a), str(b)],
        stdout=subprocess.PIPE,
        text=True,
    )
    stdout = run.stdout.read()  # type: ignore[union-attr]
    run.stdout.close()  # type: ignore[union-attr]
    _, status, usage = os.wait4(run.pid, 0)
    run.returncode = os.waitstatus_to_exitcode(status)
    assert run.returncode == 0
    assert "Files a/huge.txt and b/huge.txt differ (over 1 MiB: not shown)\n" in stdout
    assert usage.ru_maxrss < 150 * 1024  # KiB


def test_a_newline_in_a_name_cannot_forge_a_header(
    runner: CliRunner, trees: tuple[Path, Path]
) -> None:
    a, b = trees
    (b / "x\n+++ b\n@@ -1 +1 @@").write_text("sneaky\n")
    result = diff(runner, a, b)
    assert result.exit_code == 0, result.output
    headers = [line for line in result.stdout.splitlines() if line.startswith(("---", "+++"))]
    assert headers == ["--- /dev/null", '+++ "b/x\\n+++ b\\n@@ -1 +1 @@"']


@pytest.mark.parametrize("what", ["file", "folder"])
@pytest.mark.parametrize("command", [["compare"], ["compare", "--diff"]], ids=["sizes", "diff"])
def test_an_unreadable_file_or_folder_is_a_one_line_error(
    tmp_path: Path, what: str, command: list[str]
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        root.mkdir()
        (root / "app.py").write_text(APP)
    secret = a / ("secret.py" if what == "file" else "secret")  # a file compare reads
    if what == "file":
        secret.write_text("no\n")
    else:
        secret.mkdir()
        (secret / "inside.txt").write_text("no\n")
    secret.chmod(0)
    # Root reads everything, unless it gives up the capabilities that let it.
    as_root = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    result = subprocess.run(
        [*(as_root if os.geteuid() == 0 else []), sys.executable, "-m", "scaffold", *command,
         str(a), str(b)],
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    secret.chmod(0o700)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"Error: cannot read '{secret}': Permission denied.\n"


def test_a_file_name_that_is_not_utf8_is_shown_in_the_report(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = tmp_path / "site"
    project.mkdir()
    (project / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    Path(os.fsdecode(bytes(project) + b"/caf\xe9.txt")).write_text("x\n")
    page = tmp_path / "report.html"
    result = runner.invoke(cli, ["compare", str(project), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "caf\ufffd.txt" in page.read_text(encoding="utf-8")


@pytest.fixture
def nested(tmp_path: Path) -> Iterator[Callable[[Path, int], None]]:
    """Makes `depth` folders, one inside the next, one by one (os.makedirs recurses),
    and removes them deepest first: shutil.rmtree, pytest's own cleanup of old test
    folders among them, recurses a level a folder and fails on them."""
    made: list[Path] = []

    def make(root: Path, depth: int) -> None:
        folder = root
        for _ in range(depth):
            folder = folder / "d"
            folder.mkdir()
            made.append(folder)

    yield make
    for folder in reversed(made):
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def test_folders_nested_deeper_than_python_recurses_are_counted_or_a_one_line_error(
    runner: CliRunner, tmp_path: Path, nested: Callable[[Path, int], None]
) -> None:
    project = tmp_path / "site"
    project.mkdir()
    (project / "app.py").write_text(
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\ndef hello():\n    return 'Hello, World!'\n"
    )
    nested(project, 1100)
    # Counted as any tree is; served from a copy, which cannot be made that deep.
    compared = runner.invoke(cli, ["compare", "--json", str(project)])
    assert compared.exit_code == 0, compared.output
    smoked = runner.invoke(cli, ["smoke", "--json", str(project)])
    assert smoked.exit_code == 1
    assert "has folders nested deeper than scaffold follows" in smoked.stdout
    assert "Traceback" not in compared.output + smoked.output


def test_markdown_cells_keep_their_columns_and_render_no_markup(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "a|b<img src=x>"
    target.mkdir()
    (target / "app.py").write_text(APP)
    (target / "requirements.txt").write_text('flask ; python_version < "4" | <b>x</b> *y*\n')
    result = runner.invoke(cli, ["compare", "--format", "markdown", str(target)])
    assert result.exit_code == 0, result.output
    header, _, row = result.stdout.splitlines()
    # Only the escaped `|`s are inside cells: every row has as many columns as the header.
    assert row.replace("\\|", "").count("|") == header.count("|")
    assert "a\\|b&lt;img src=x&gt;" in row
    assert 'flask ; python\\_version &lt; "4" \\| &lt;b&gt;x&lt;/b&gt; \\*y\\*' in row
    assert "<" not in row


def test_roles_of_a_tree_with_odd_names_and_code_too_deep_to_parse(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = tmp_path / "odd"
    root.mkdir()
    (root / "app.py").write_text(APP + '\n\n@app.route("/")\ndef hello():\n    return "Hi"\n')
    (root / os.fsdecode(b"caf\xe9.py")).write_text('@app.route("/x")\ndef f():\n    pass\n')
    (root / "test_deep.py").write_text("x = " + "(" * 100_000 + ")" * 100_000 + "\n")
    for fmt in ("table", "markdown", "json"):
        result = runner.invoke(cli, ["compare", "--roles", "--format", fmt, str(root)])
        assert result.exit_code == 0, result.output
        assert "app.py:5-7" in result.stdout or '"start": 5' in result.stdout
    html = tmp_path / "odd.html"
    assert runner.invoke(cli, ["compare", "--html", str(html), str(root)]).exit_code == 0
    assert "caf\N{REPLACEMENT CHARACTER}.py:1" in html.read_text()
