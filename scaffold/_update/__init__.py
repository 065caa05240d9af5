"""`scaffold check`, `diff` and `update`: keep a generated project in step with the templates.

Nothing here needs git or the template's history online: every version scaffold
has shipped renders from the installed package (see history.py), so the
project's pristine render is always at hand.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scaffold._project.tree import GROWN
from scaffold._project.treediff import diff_trees
from scaffold._update.apply import apply, resume
from scaffold._update.history import template_folder
from scaffold._update.journal import Journal, read_journal
from scaffold._update.plan import Change, plan
from scaffold._update.project import Status, git_dirty, load, read_files, read_tree, rendered
from scaffold._version import __version__
from scaffold.errors import UpdateError

__all__ = ["Status", "UpdateResult", "check", "diff", "update"]

# What a project grows that is not its code, Django's collected static files too:
# left out of `diff`.
_NOT_SOURCE_DIRS = GROWN | {"staticfiles"}
_MARKERS = re.compile(rb"^<<<<<<< yours\r?$", re.M)
_NOT_SOURCE_FILES = ("*.py[cod]", "*.log", "db.sqlite3", "db.sqlite3-journal")


@dataclass(frozen=True)
class UpdateResult:
    """What `update` changed, or would change with `dry_run`."""

    status: Status
    changes: tuple[Change, ...]
    conflicts: tuple[str, ...]
    """Files that now hold conflict markers (or, if binary, the user's version), to resolve."""
    warnings: tuple[str, ...]
    dry_run: bool
    migrated: tuple[str, ...] = ()
    """What the migrations between the two versions did (see migrations.py)."""

    @property
    def next_steps(self) -> tuple[str, ...]:
        """The commands that make the changed files count: a reinstall after the
        dependencies changed, collectstatic after a Django settings file did."""
        changed = {PurePosixPath(c.path).name for c in self.changes if c.action != "removed"}
        steps = []
        if changed & {"pyproject.toml", "uv.lock", "requirements.txt", "requirements-dev.txt"}:
            steps.append("uv sync  # or: python -m pip install -e . --group dev")
        if "settings.py" in changed and self.status.template == "django-project":
            steps.append("python manage.py migrate && python manage.py collectstatic --no-input")
        return tuple(steps)


def check(project: str | os.PathLike[str] = ".") -> Status:
    """The version `project` was made by, whether it is the current one, and the files
    that still hold an update's conflict markers."""
    recorded = load(Path(project))
    status = recorded.status
    if read_journal(recorded.root) is not None:
        return dataclasses.replace(status, interrupted=True)
    # Markers can only be where the template has a file: those files are read, no others.
    # Their paths come from the template's file names, with no render (no current folder
    # needed, nothing run).
    name = "{{cookiecutter.project_name}}"
    with template_folder(recorded.answers.kind, recorded.version) as template:
        made = template / name
        paths = sorted(
            path.relative_to(made).as_posix().replace(name, recorded.answers.name)
            for path in made.rglob("*")
            if path.is_file()
        )
    ours, _ = read_files(recorded.root, paths)
    conflicted = tuple(path for path, file in ours.items() if file and _MARKERS.search(file.data))
    return dataclasses.replace(status, conflicted=conflicted)


def diff(project: str | os.PathLike[str] = ".") -> str:
    """The user's own changes: `project` against the pristine render it was made from."""
    recorded = load(Path(project))
    journal = read_journal(recorded.root)
    if journal is not None:
        raise UpdateError(
            f"{_interrupted(recorded.root, journal)}: run 'scaffold update' to "
            "finish it, then diff."
        )
    with rendered(recorded.answers, recorded.version, recorded.values()) as pristine:
        return diff_trees(
            pristine, recorded.root, skip_dirs=_NOT_SOURCE_DIRS, skip_files=_NOT_SOURCE_FILES
        )


def update(
    project: str | os.PathLike[str] = ".", *, dry_run: bool = False, allow_dirty: bool = False
) -> UpdateResult:
    """Bring `project` to the current templates by a three-way merge of each file.

    All or nothing: the whole result is computed before the first write, and an
    error or a signal leaves the project as it was.
    """
    recorded = load(Path(project))
    journal = read_journal(recorded.root)
    if journal is not None and journal.stage == "swapping":
        return _finished(recorded.root, journal, recorded.status, dry_run)
    if journal is not None and not dry_run:
        resume(recorded.root)  # killed before it changed anything: undone, and done again
    status = recorded.status
    if status.up_to_date:
        return UpdateResult(status, (), (), (), dry_run)
    if not (dry_run or allow_dirty):
        git_dirty(recorded.root)
    answers, values = recorded.answers, recorded.values()
    with (
        rendered(answers, recorded.version, values) as old,
        rendered(answers, __version__, values) as new,
    ):
        base, theirs = read_tree(old), read_tree(new)
    ours, left_alone = read_files(recorded.root, sorted(base.keys() | theirs.keys()))
    # Said only where the template changes the file: elsewhere there is nothing to do.
    warnings = [
        f"{path}: left alone, as {reason}"
        for path, reason in left_alone.items()
        if base.get(path) != theirs.get(path)
    ]
    for path in left_alone:
        base.pop(path, None)
        theirs.pop(path, None)
    from scaffold._update.migrations import migrate  # packaging: for update alone

    migrated = migrate(recorded.version, __version__, base, ours, theirs)
    labels = ("yours", f"scaffold {recorded.version}", f"scaffold {__version__}")
    result = plan(base, ours, theirs, labels=labels)
    if not dry_run:
        apply(recorded.root, result.changes, ours, (recorded.version, __version__))
    return UpdateResult(
        status, result.changes, result.conflicts, (*warnings, *result.warnings), dry_run, migrated
    )


def _interrupted(root: Path, journal: Journal) -> str:
    return f"the update of '{root}' from {journal.old} to {journal.new} was interrupted"


def _finished(root: Path, journal: Journal, status: Status, dry_run: bool) -> UpdateResult:
    """Finish (or with `dry_run`, say it would finish) an update killed while it swapped files."""
    if not dry_run:
        resume(root)
    changes = tuple(Change(entry.path, entry.action, None) for entry in journal.entries)
    status = dataclasses.replace(status, version=journal.old, current=journal.new)
    done = "it would be finished" if dry_run else "it is finished"
    return UpdateResult(
        status,
        changes,
        tuple(c.path for c in changes if c.action == "conflict"),
        (f"{_interrupted(root, journal)}: {done}",),
        dry_run,
    )
