"""What a three-way merge cannot carry across a template version, done once as an update
crosses that version, as copier's `_migrations` are.

0.3.0 moved each template's requirements files into `pyproject.toml`. A merge would
drop what the user added to `requirements.txt` (the file goes; `pyproject.toml` is new
on both sides of nothing), so the migration reads the user's requirements against
the ones the project was made with, and writes what they added, changed or removed
into the new `pyproject.toml` before the merge plans anything. A requirements file
the user did not touch is then removed by the plan as usual; an edited one is kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from scaffold._update.history import version_key
from scaffold._update.plan import File

__all__ = ["MIGRATIONS", "Migration", "migrate"]


@dataclass(frozen=True)
class Migration:
    version: str
    """It runs when an update goes from below this version to it or above."""
    run: Callable[[dict[str, File], dict[str, File | None], dict[str, File]], list[str]]
    """Edits theirs in place; returns what it did, one sentence each."""


def migrate(
    old: str, new: str, base: dict[str, File], ours: dict[str, File | None], theirs: dict[str, File]
) -> tuple[str, ...]:
    """Run the migrations between versions `old` and `new` on `theirs`: what they did."""
    notes: list[str] = []
    for migration in MIGRATIONS:
        if version_key(old) < version_key(migration.version) <= version_key(new):
            notes += migration.run(base, ours, theirs)
    return tuple(notes)


PYPROJECT = "pyproject.toml"
# Each requirements file the templates had before 0.3.0, and the array in pyproject.toml
# (as the templates write it: `name = [` alone on a line, one string a line) it went to.
_MOVED = (("requirements.txt", "dependencies"), ("requirements-dev.txt", "dev"))
_INCLUDE = re.compile(r"-r\s*requirements\.txt")


def _requirements_into_pyproject(
    base: dict[str, File], ours: dict[str, File | None], theirs: dict[str, File]
) -> list[str]:
    notes: list[str] = []
    pyproject = theirs.get(PYPROJECT)
    if pyproject is None:
        return notes
    text = pyproject.data.decode("utf-8")
    for path, array in _MOVED:
        made, mine = base.get(path), ours.get(path)
        if made is None or mine is None or mine == made:
            continue  # as made (the plan removes it), or deleted by the user
        before = _requirements(made.data)
        entries = _array(text, array)
        wanted, kept = _requirements(mine.data), _unreadable(mine.data)
        after = _carried(entries, before, wanted)
        if after != entries:
            text = _with_array(text, array, after)
            said = ", ".join(_changes(entries, after))
            notes.append(f"{path}: your requirements are now in {PYPROJECT} ({said})")
        if kept:
            notes.append(
                f"{path}: {PYPROJECT} has no place for {', '.join(kept)}: the file is kept"
            )
    if notes:
        theirs[PYPROJECT] = File(text.encode("utf-8"), pyproject.executable)
    return notes


def _requirements(data: bytes) -> dict[str, str]:
    """The requirements in a requirements file, by canonical name, as written."""
    found: dict[str, str] = {}
    for line in _lines(data):
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        found[canonicalize_name(requirement.name)] = line
    return found


def _unreadable(data: bytes) -> list[str]:
    """The lines that are not requirements pyproject.toml can hold (options, paths)."""
    unreadable = []
    for line in _lines(data):
        if _INCLUDE.fullmatch(line):
            continue  # requirements-dev.txt's include of requirements.txt: the group needs none
        try:
            Requirement(line)
        except InvalidRequirement:
            unreadable.append(repr(line))
    return unreadable


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", "replace")
    lines = (re.sub(r"(^|\s)#.*", "", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _carried(entries: list[str], before: dict[str, str], wanted: dict[str, str]) -> list[str]:
    """`entries` (the new template's) with the user's additions, changes and removals."""
    carried, names = [], set()
    for entry in entries:
        name = canonicalize_name(Requirement(entry).name)
        names.add(name)
        if name in before and name not in wanted:
            continue  # the user removed it
        changed = name in wanted and _same(wanted[name]) != _same(before.get(name))
        carried.append(wanted[name] if changed else entry)
    carried += [spec for name, spec in wanted.items() if name not in before and name not in names]
    return carried


def _same(line: str | None) -> str | None:
    """`line` as a requirement, so that spacing and order in it do not count as a change."""
    return None if line is None else str(Requirement(line))


def _changes(old: list[str], new: list[str]) -> list[str]:
    return [f"-{entry}" for entry in old if entry not in new] + [
        f"+{entry}" for entry in new if entry not in old
    ]


def _block(array: str) -> re.Pattern[str]:
    # The array as the templates write it: one indented string a line, `]` alone at the end.
    return re.compile(rf"^{re.escape(array)} = \[\n(?P<items>(?:[ \t]+[^\n]*\n)*)\]$", re.M)


def _array(text: str, array: str) -> list[str]:
    found = _block(array).search(text)
    if found is None:
        raise ValueError(f"the template's {PYPROJECT} has no '{array} = [' block")
    items = re.findall(r'^\s*("(?:[^"\\]|\\.)*"),?\s*$', found.group("items"), re.M)
    return [json.loads(item) for item in items]


def _with_array(text: str, array: str, entries: list[str]) -> str:
    items = "".join(f"    {json.dumps(entry)},\n" for entry in entries)
    return _block(array).sub(lambda _: f"{array} = [\n{items}]", text, count=1)


MIGRATIONS = (Migration("0.3.0", _requirements_into_pyproject),)
