"""Three-way merges of one file's text, by `git merge-file`, else by the merge3 library.

Neither is needed for most files: a file only one side changed takes that
side's text. A file both sides changed needs a merge tool, and its conflicts are
marked as git marks them.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import NamedTuple

from scaffold._process.children import require_exit_statuses
from scaffold._temporary import TemporaryFolder
from scaffold.errors import MergeToolError, UpdateError

__all__ = ["Merged", "merge", "mergeable"]

_GIT_TIMEOUT_S = 30


class Merged(NamedTuple):
    """A merged text and how many conflicts are marked in it."""

    data: bytes
    conflicts: int


class Labels(NamedTuple):
    ours: str
    base: str
    theirs: str


def mergeable(data: bytes) -> bool:
    """Whether `data` is text a line merge can take: UTF-8 without NUL bytes."""
    if b"\0" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def merge(base: bytes, ours: bytes, theirs: bytes, *, labels: tuple[str, str, str]) -> Merged:
    """Merge the change from `base` to `theirs` into `ours`; all three must be `mergeable`."""
    names = Labels(*labels)
    git = shutil.which("git")
    if git:
        return _git_merge(git, base, ours, theirs, names)
    try:
        import merge3
    except ImportError:
        raise MergeToolError(
            "a file changed both in your project and in the template, and merging it needs "
            "git or the merge3 library: install git, or run pip install 'scaffold-webapps[merge]'."
        ) from None
    base_lines, our_lines, their_lines = (
        text.decode("utf-8").splitlines(keepends=True) for text in (base, ours, theirs)
    )
    merger = merge3.Merge3(base_lines, our_lines, their_lines)
    merged = "".join(merger.merge_lines(name_a=names.ours, name_b=names.theirs))
    conflicts = sum(1 for group in merger.merge_groups() if group[0] == "conflict")
    return Merged(merged.encode("utf-8"), conflicts)


def _git_merge(git: str, base: bytes, ours: bytes, theirs: bytes, names: Labels) -> Merged:
    with TemporaryFolder("scaffold-merge-") as scratch:
        paths = [scratch / side for side in ("ours", "base", "theirs")]
        for path, data in zip(paths, (ours, base, theirs), strict=True):
            path.write_bytes(data)
        # The conflict style is set, not taken from the user's git config, so that
        # the markers are always git's default ones; the run starts outside any repository.
        command = [git, "-c", "merge.conflictStyle=merge", "merge-file", "-p"]
        for label in names:
            command += ["-L", label]
        require_exit_statuses()
        try:
            done = subprocess.run(
                [*command, *map(str, paths)],
                capture_output=True,
                cwd=scratch,
                timeout=_GIT_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise UpdateError(f"git merge-file failed: {err}.") from None
    # The exit status is the number of conflicts (at most 127); above that, an error.
    if not 0 <= done.returncode <= 127:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        raise UpdateError(f"git merge-file failed: {message or done.returncode}.")
    return Merged(done.stdout, done.returncode)
