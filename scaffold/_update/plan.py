"""What `update` does to each file: a pure decision from the three versions of the project.

base is the pristine render of the project's recorded version, theirs the
current templates rendered with the same answers, ours the project as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scaffold._project.answers import ANSWERS_FILE
from scaffold._update.merge import merge, mergeable

__all__ = ["Action", "Change", "File", "Plan", "plan"]

Action = Literal["added", "updated", "merged", "conflict", "removed"]


@dataclass(frozen=True)
class File:
    """A file's bytes and whether it is executable."""

    data: bytes
    executable: bool = False


@dataclass(frozen=True)
class Change:
    """One file `update` writes or removes, by its path in the project (with /)."""

    path: str
    action: Action
    new: File | None
    """What the file becomes; None when it is removed."""


@dataclass(frozen=True)
class Plan:
    changes: tuple[Change, ...]
    warnings: tuple[str, ...]

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.changes if c.action == "conflict")


def plan(
    base: dict[str, File],
    ours: dict[str, File | None],
    theirs: dict[str, File],
    *,
    labels: tuple[str, str, str],
) -> Plan:
    """The changes that bring `ours` from `base` to `theirs`, the user's edits kept.

    `ours` holds every path of `base` and `theirs`: None where the project has no
    such file (or has something that is not a regular file, which is left alone).
    """
    changes: list[Change] = []
    warnings: list[str] = []
    for path in sorted(base.keys() | theirs.keys()):
        old, mine, new = base.get(path), ours[path], theirs.get(path)
        if path == ANSWERS_FILE:
            # scaffold's own record: it always says what the project now comes from.
            if new is not None and mine != new:
                changes.append(Change(path, "updated" if mine else "added", new))
            continue
        if mine is None:
            if old is None and new is not None:
                changes.append(Change(path, "added", new))
            # else: deleted by the user (it stays deleted), or gone from both sides.
            continue
        if new is None:
            if mine == old:
                changes.append(Change(path, "removed", None))
            elif old is not None:
                warnings.append(f"{path}: kept, as you changed it; the template no longer has it")
            continue
        change = _change(path, old, mine, new, labels)
        if change is not None:
            changes.append(change)
    return Plan(tuple(changes), tuple(warnings))


def _change(
    path: str, old: File | None, mine: File, new: File, labels: tuple[str, str, str]
) -> Change | None:
    if mine == new or new == old:
        return None  # nothing new from the template, or the same change on both sides
    if mine == old:
        return Change(path, "updated", new)
    # Both sides changed it (or both added it): a three-way merge, from nothing if added.
    before = old.data if old is not None else b""
    if not all(mergeable(data) for data in (before, mine.data, new.data)):
        # No line merge for binary files: the user's file stays, and is reported.
        return Change(path, "conflict", mine)
    merged = merge(before, mine.data, new.data, labels=labels)
    if merged.data == mine.data:
        return None
    action: Action = "conflict" if merged.conflicts else "merged"
    return Change(path, action, File(merged.data, mine.executable))
