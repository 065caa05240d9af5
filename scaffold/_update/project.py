"""A generated project as `update` sees it: its recorded answers, renders of them, its files."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scaffold._files import absolute, read_within
from scaffold._process.children import require_exit_statuses
from scaffold._project.answers import Answers, read_answers
from scaffold._project.rendering import render
from scaffold._project.secret_keys import new_secret, secret_in
from scaffold._temporary import TemporaryFolder
from scaffold._update.history import folders_in, template_folder, version_key, versions
from scaffold._update.plan import File
from scaffold._version import __version__
from scaffold.errors import (
    DirtyProjectError,
    InputError,
    NewerProjectError,
    UnknownProjectError,
    flag,
)

__all__ = ["Recorded", "Status", "git_dirty", "load", "read_files", "read_tree", "rendered"]

_MAX_FILE_BYTES = 1024 * 1024
_NOT_REGULAR = "it is not a regular file of the project"
_GIT_TIMEOUT_S = 30


@dataclass(frozen=True)
class Recorded:
    """A project, the version it was made by, and the answers it records."""

    root: Path
    answers: Answers

    @property
    def version(self) -> str:
        return self.answers.version

    @property
    def status(self) -> Status:
        return Status(self.root, self.answers.kind.name, self.version, __version__)

    def values(self) -> dict[str, str]:
        """The answers that render it: the recorded ones, and any secret the version did not
        record, found in the project (which takes a render: `check` has no use for it)."""
        values = dict(self.answers.values)
        for answer, prefix in self.answers.kind.secrets:
            if answer not in values:
                values[answer] = _secret_of(self.root, self.answers, answer, prefix)
        return values


@dataclass(frozen=True)
class Status:
    """Where a project stands: the version that made it and the one scaffold has now."""

    project: Path
    template: str
    version: str
    current: str
    interrupted: bool = False
    """An update was killed half-way: `update` finishes it."""
    conflicted: tuple[str, ...] = ()
    """Files that still hold the conflict markers an update wrote."""

    @property
    def up_to_date(self) -> bool:
        return self.version == self.current and not self.interrupted


def load(root: Path) -> Recorded:
    """The project in `root`, or an error saying why it cannot be checked or updated."""
    folder = absolute(root)
    if not folder.is_dir():
        raise UnknownProjectError(f"'{root}' is not a folder: give a project folder.")
    root = folder
    answers = read_answers(root)
    version = answers.version
    if version_key(version) > version_key(__version__):
        raise NewerProjectError(
            f"'{root}' was made by scaffold {version}, newer than this scaffold "
            f"({__version__}): upgrade scaffold first (pip install -U scaffold-webapps)."
        )
    if version not in versions():
        raise UnknownProjectError(
            f"'{answers.path}' names version {version}, which scaffold never shipped: "
            f"set it to the version that made the project ({', '.join(versions())})."
        )
    if answers.kind.folder not in folders_in(version):
        raise UnknownProjectError(
            f"'{answers.path}' names template {answers.kind.name} at version {version}, "
            f"but scaffold {version} had no template '{answers.kind.name}': set the version "
            "that made the project."
        )
    return Recorded(root, answers)


def _secret_of(root: Path, answers: Answers, answer: str, prefix: str) -> str:
    """The secret that a version which did not record it wrote into the project.

    The version is rendered with a stand-in secret to learn which files hold it;
    the project's own copies of those files give the real one back.
    """
    stand_in = prefix + "0" * 50
    with rendered(answers, answers.version, {**answers.values, answer: stand_in}) as pristine:
        holders = [
            path for path, file in read_tree(pristine).items() if stand_in.encode() in file.data
        ]
    for file in read_files(root, holders)[0].values():
        found = file and secret_in(file.data.decode("utf-8", errors="replace"), prefix)
        if found:
            return found
    # The project no longer holds it: any new secret, as `new` would make one.
    return new_secret(prefix)


@contextlib.contextmanager
def rendered(answers: Answers, version: str, values: dict[str, str]) -> Iterator[Path]:
    """`answers`' template as `version` shipped it, rendered with `values`, while the block runs."""
    with (
        template_folder(answers.kind, version) as template,
        TemporaryFolder("scaffold-render-") as scratch,
    ):
        yield render(answers.kind, values, scratch, template=template)


def read_tree(root: Path) -> dict[str, File]:
    """Every file of a render, by its path below `root` with /."""
    return {
        path.relative_to(root).as_posix(): File(path.read_bytes(), os.access(path, os.X_OK))
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def read_files(root: Path, paths: Iterable[str]) -> tuple[dict[str, File | None], dict[str, str]]:
    """The project's files at `paths` (None where there is none), and the paths to leave
    alone, each with the reason.

    A path that is not a regular file (a folder the user replaced with a file lies
    on its way), or that leaves the project through a symbolic link, is left alone,
    so that nothing read or written lies outside it; so is a file over 1 MiB, which
    no template makes.
    """
    real_root = Path(os.path.realpath(root))
    files: dict[str, File | None] = {}
    left_alone: dict[str, str] = {}
    for name in paths:
        path = root / name
        files[name] = None
        if Path(os.path.realpath(path.parent)) != real_root.joinpath(*Path(name).parent.parts):
            left_alone[name] = _NOT_REGULAR
            continue
        try:
            mode = path.lstat().st_mode
            if not stat.S_ISREG(mode):
                left_alone[name] = _NOT_REGULAR
                continue
            data = read_within(path, _MAX_FILE_BYTES)
        except FileNotFoundError:
            continue
        except NotADirectoryError:
            left_alone[name] = _NOT_REGULAR
            continue
        except OSError as err:
            raise InputError(f"cannot read '{path}': {err.strerror}.") from None
        if data is None:
            left_alone[name] = "it is larger than 1 MiB: merge the template's change by hand"
            continue
        files[name] = File(data, bool(mode & stat.S_IXUSR))
    return files, left_alone


def git_dirty(root: Path) -> None:
    """Raise DirtyProjectError if `root` is in a git work tree with uncommitted changes
    there, or if it is in a repository (a .git here or above) that git cannot answer for:
    not installed, or refusing it (dubious ownership, a damaged .git)."""
    in_repository = any((folder / ".git").exists() for folder in (root, *root.parents))
    git = shutil.which("git")
    if git is None:
        if in_repository:
            raise DirtyProjectError(
                f"'{root}' is in a git repository, and git is not installed to tell whether "
                f"it has uncommitted changes: install git, or pass {flag('allow_dirty')}."
            )
        return
    # No optional locks: a status must not write to the repository's index.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        require_exit_statuses()
        try:
            return subprocess.run(
                [git, "-C", str(root), *args],
                capture_output=True,
                env=env,
                timeout=_GIT_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise DirtyProjectError(
                f"cannot tell whether '{root}' has uncommitted changes ({err}): "
                f"commit them, or pass {flag('allow_dirty')}."
            ) from None

    inside = run("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 and in_repository:
        said = inside.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[0][:300] if said else f"exit {inside.returncode}"
        raise DirtyProjectError(
            f"git cannot tell whether '{root}' has uncommitted changes ({reason}): let git "
            f"read the repository, or pass {flag('allow_dirty')}."
        )
    if inside.stdout.strip() != b"true":
        return
    status = run("status", "--porcelain", "--untracked-files=all", "--", ".")
    if status.returncode != 0 or status.stdout.strip():
        raise DirtyProjectError(
            f"'{root}' has uncommitted changes: commit or stash them first, so that the "
            f"update can be reviewed and undone, or pass {flag('allow_dirty')}."
        )
