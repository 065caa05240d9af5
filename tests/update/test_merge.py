"""Three-way merges of one file: git merge-file, else merge3, each marking conflicts as git does."""

from __future__ import annotations

import sys

import pytest

from scaffold._update.merge import merge, mergeable
from scaffold._update.plan import File, plan
from scaffold.errors import MergeToolError

LABELS = ("yours", "scaffold 0.1.0", "scaffold 0.2.0")
BASE = b"one\ntwo\nthree\nfour\nfive\n"


@pytest.fixture(params=["git", "merge3"])
def tool(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each merge tool in turn: merge3 is what runs where git is not on the PATH."""
    if request.param == "merge3":
        monkeypatch.setenv("PATH", "")
    return str(request.param)


def test_changes_to_different_lines_are_both_kept(tool: str) -> None:
    ours = BASE.replace(b"one", b"ONE")
    theirs = BASE.replace(b"five", b"FIVE")
    assert merge(BASE, ours, theirs, labels=LABELS) == (b"ONE\ntwo\nthree\nfour\nFIVE\n", 0)


def test_changes_to_the_same_line_are_marked_as_git_marks_them(tool: str) -> None:
    ours = BASE.replace(b"three", b"mine")
    theirs = BASE.replace(b"three", b"theirs")
    merged = merge(BASE, ours, theirs, labels=LABELS)
    assert merged.conflicts == 1
    assert merged.data == (
        b"one\ntwo\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> scaffold 0.2.0\nfour\nfive\n"
    )


def test_without_git_or_merge3_the_user_is_told_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setitem(sys.modules, "merge3", None)
    with pytest.raises(
        MergeToolError, match=r"install git, or run pip install 'scaffold-webapps\[merge\]'"
    ):
        merge(BASE, b"a\n", b"b\n", labels=LABELS)


def test_files_one_side_changed_need_no_merge_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setitem(sys.modules, "merge3", None)
    base = {"a.py": File(b"a\n"), "b.py": File(b"b\n")}
    ours: dict[str, File | None] = {"a.py": File(b"A\n"), "b.py": File(b"b\n")}
    theirs = {"a.py": File(b"a\n"), "b.py": File(b"B\n")}
    result = plan(base, ours, theirs, labels=LABELS)
    assert [(c.path, c.action, c.new) for c in result.changes] == [
        ("b.py", "updated", File(b"B\n"))
    ]


def test_a_file_the_template_dropped_goes_unless_the_user_changed_it() -> None:
    base = {"kept.py": File(b"old\n"), "gone.py": File(b"old\n")}
    ours: dict[str, File | None] = {"kept.py": File(b"mine\n"), "gone.py": File(b"old\n")}
    result = plan(base, ours, {}, labels=LABELS)
    assert [(c.path, c.action) for c in result.changes] == [("gone.py", "removed")]
    assert result.warnings == ("kept.py: kept, as you changed it; the template no longer has it",)


def test_a_binary_file_changed_on_both_sides_keeps_the_users_and_is_a_conflict() -> None:
    base = {"logo.png": File(b"\x89PNG\0base")}
    ours: dict[str, File | None] = {"logo.png": File(b"\x89PNG\0mine")}
    theirs = {"logo.png": File(b"\x89PNG\0theirs")}
    result = plan(base, ours, theirs, labels=LABELS)
    assert result.conflicts == ("logo.png",)
    assert result.changes[0].new == File(b"\x89PNG\0mine")


def test_a_file_both_sides_added_alike_is_no_change_and_unlike_a_conflict(tool: str) -> None:
    same = plan({}, {"new.py": File(b"x\n")}, {"new.py": File(b"x\n")}, labels=LABELS)
    assert same.changes == ()
    unlike = plan({}, {"new.py": File(b"mine\n")}, {"new.py": File(b"theirs\n")}, labels=LABELS)
    assert unlike.conflicts == ("new.py",)


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"text\n", True), (b"nul\0", False), (b"\xff\xfe", False), (b"", True)],
    ids=["text", "nul", "not-utf8", "empty"],
)
def test_only_utf8_text_without_nul_is_merged_by_lines(data: bytes, expected: bool) -> None:
    assert mergeable(data) is expected
