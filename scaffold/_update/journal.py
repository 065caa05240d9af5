"""The record of an update under way, so that one killed half-way can be finished.

`update` writes its journal into the project before it touches anything: in the
state "staging" while the new files are written beside their targets under
hidden names, then "swapping" once every one of them is on disk. An update
killed while staging changed nothing: the next one removes what was staged. One
killed while swapping is rolled forward by the next: every staged file still
there is moved into place, every file to remove is removed. `.scaffold.json`, the
record of the version, is always the last file swapped, so a project never says
it is up to date while an old file is left.

The journal is read as anything else from disk: capped, and checked before use.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, cast, get_args

from scaffold._files import read_within
from scaffold._update.plan import Action
from scaffold.errors import UpdateError

__all__ = ["JOURNAL", "Entry", "Journal", "Stage", "read_journal", "remove_journal", "staged_name"]

JOURNAL = ".scaffold-update.json"
_MAX_JOURNAL_BYTES = 1024 * 1024
_TOKEN = re.compile(r"[0-9a-f]{16}")
_VERSION = re.compile(r"[0-9A-Za-z.+-]{1,40}")
Stage = Literal["staging", "swapping"]


@dataclass(frozen=True)
class Entry:
    """One file of the update: its path in the project (with /) and what happens to it."""

    path: str
    action: Action
    removed: bool


@dataclass(frozen=True)
class Journal:
    """An update of `root` from one version to another, and how far it got."""

    token: str
    """Names this update's staged files: `.scaffold-update-<token>-<index>`."""
    old: str
    new: str
    stage: Stage
    entries: tuple[Entry, ...]
    folders: tuple[str, ...]
    """The folders the update creates for new files, parents first."""

    def write(self, root: Path) -> None:
        """Put the journal in place at once: a kill leaves the old one or this one."""
        record = {**asdict(self), "entries": [asdict(entry) for entry in self.entries]}
        scratch = root / f"{JOURNAL}.{self.token}"
        with scratch.open("x", encoding="utf-8") as file:
            json.dump(record, file, indent=1)
        scratch.replace(root / JOURNAL)

    def staged(self, root: Path, index: int) -> Path:
        return staged_name(root, self.entries[index].path, self.token, index)


def staged_name(root: Path, path: str, token: str, index: int) -> Path:
    """Where a new file is written before it replaces `path`: beside it, hidden."""
    return (root / path).parent / f".scaffold-update-{token}-{index}"


def read_journal(root: Path) -> Journal | None:
    """The journal of an interrupted update of `root`, or None if there is none."""
    path = root / JOURNAL
    damaged = UpdateError(
        f"'{path}' is damaged: restore the project from version control, then remove that file."
    )
    try:
        data = read_within(path, _MAX_JOURNAL_BYTES)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise UpdateError(f"cannot read '{path}': {err.strerror}.") from None
    if data is None:
        raise damaged
    try:
        return _parsed(json.loads(data))
    except (ValueError, TypeError, KeyError, AttributeError):
        raise damaged from None


def _parsed(record: dict[str, object]) -> Journal:
    token, old, new, stage = (record[key] for key in ("token", "old", "new", "stage"))
    if not (
        isinstance(token, str)
        and _TOKEN.fullmatch(token)
        and all(isinstance(v, str) and _VERSION.fullmatch(v) for v in (old, new))
        and stage in get_args(Stage)
    ):
        raise ValueError("bad header")
    entries = tuple(
        Entry(_relative(e["path"]), _action(e["action"]), e["removed"] is True)
        for e in cast(list[dict[str, object]], record["entries"])
    )
    folders = tuple(_relative(f) for f in cast(list[object], record["folders"]))
    return Journal(token, str(old), str(new), cast(Stage, stage), entries, folders)


def _relative(path: object) -> str:
    """A path inside the project, as update writes them: relative, with /, no '..'."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path:
        raise ValueError(path)
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise ValueError(path)
    return path


def _action(action: object) -> Action:
    if action not in get_args(Action):
        raise ValueError(action)
    return cast(Action, action)


def remove_journal(root: Path) -> None:
    """The update is over: its journal goes, and any half-written one a kill left."""
    scratch = [p for p in root.glob(f"{JOURNAL}.*") if _TOKEN.fullmatch(p.suffix[1:])]
    for path in (*scratch, root / JOURNAL):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
