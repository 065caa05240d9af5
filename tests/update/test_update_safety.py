"""`scaffold update` is all or nothing, keeps off uncommitted work, and stays inside the project."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import OldProject

import scaffold
from scaffold.cli import cli
from scaffold.errors import SignalError
from support import ignoring, snapshot

_GIT_USER = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *_GIT_USER, "-C", str(project), *args], check=True, capture_output=True)


def _committed(project: Path) -> Path:
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "generated")
    return project


def test_uncommitted_changes_stop_the_update_and_nothing_is_touched(
    old_project: OldProject, runner: CliRunner
) -> None:
    project = _committed(old_project("flask-single"))
    app = project / "app.py"
    app.write_text(app.read_text() + "# not committed yet\n")
    before = snapshot(project)
    result = runner.invoke(cli, ["update", str(project)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: '{project}' has uncommitted changes: commit or stash them first, so that "
        "the update can be reviewed and undone, or pass --allow-dirty.\n"
    )
    assert snapshot(project) == before
    allowed = runner.invoke(cli, ["update", str(project), "--allow-dirty"])
    assert allowed.exit_code == 0, allowed.output
    assert "# not committed yet\n" in app.read_text()


def test_a_project_never_committed_is_dirty_too(old_project: OldProject) -> None:
    project = old_project("flask-single")
    _git(project, "init", "-q")
    with pytest.raises(scaffold.errors.DirtyProjectError):
        scaffold.update(project)


def test_a_committed_project_is_updated(old_project: OldProject) -> None:
    project = _committed(old_project("django-project"))
    assert scaffold.update(project).conflicts == ()
    assert scaffold.check(project).up_to_date


def test_a_write_that_fails_leaves_the_project_byte_identical(old_project: OldProject) -> None:
    project = old_project("django-project")
    before = snapshot(project)
    (project / "site1").chmod(0o555)  # settings.py, which the update changes, is in there
    # Root writes anywhere, unless it gives up the capability that lets it.
    as_root = ["setpriv", "--bounding-set=-dac_override"] if os.geteuid() == 0 else []
    try:
        result = subprocess.run(
            [*as_root, sys.executable, "-m", "scaffold", "update", str(project)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        (project / "site1").chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: cannot write '{project / 'site1'}")
    assert result.stderr.endswith("the project is as it was.\n")
    assert snapshot(project) == before


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_files_are_written_leaves_the_project_whole(
    signum: int, old_project: OldProject, tmp_path: Path
) -> None:
    project = old_project("django-project")
    before = snapshot(project)
    done = tmp_path / "done"
    shutil.copytree(project, done)
    scaffold.update(done)
    after = snapshot(done)
    process = subprocess.Popen(
        [sys.executable, "-m", "scaffold", "update", str(project)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # The signal lands as soon as the first new file is written beside its target.
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        if any(p.name.startswith(".scaffold-update-") for p in project.rglob("*")):
            process.send_signal(signum)
            break
        time.sleep(0.001)  # leave the CPU to the update
    process.communicate(timeout=30)
    now = snapshot(project)
    assert now in (before, after)
    assert not [name for name in now if ".scaffold-update-" in name]


def test_nothing_is_read_or_written_through_a_symbolic_link(
    old_project: OldProject, tmp_path: Path
) -> None:
    project = old_project("django-project")
    outside = tmp_path / "outside"
    (project / "site1").rename(outside)
    (project / "site1").symlink_to(outside)
    before = snapshot(outside)
    result = scaffold.update(project)
    assert snapshot(outside) == before
    assert "site1/settings.py: left alone, as it is not a regular file of the project" in (
        result.warnings
    )
    assert not [c for c in result.changes if c.path.startswith("site1/")]


def _conflicting(old_project: OldProject) -> Path:
    """A flask-single project whose user changed a line the template changed too."""
    project = old_project("flask-single")
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("pip install -r", "pip install --quiet -r"))
    return project


def test_with_sigchld_ignored_an_update_still_reports_its_conflicts(
    old_project: OldProject,
) -> None:
    # Ignored SIGCHLD loses exit statuses: git merge-file's count of conflicts was
    # read as 0, and the markers were left in a file reported as merged.
    project = _conflicting(old_project)
    argv = [sys.executable, "-m", "scaffold", "update", str(project)]
    run = subprocess.run(ignoring([signal.SIGCHLD], argv), capture_output=True, text=True,
                         timeout=60)  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "conflicts in README.md: resolve their <<<<<<< markers" in run.stderr


def test_a_program_that_ignores_sigchld_is_refused_before_anything_is_written(
    old_project: OldProject,
) -> None:
    project = _conflicting(old_project)
    before = snapshot(project)
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        with pytest.raises(SignalError, match=r"signal.SIGCHLD, signal.SIG_DFL"):
            scaffold.update(project)
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert snapshot(project) == before


def test_a_folder_replaced_by_a_file_is_left_alone_with_a_warning(
    old_project: OldProject, runner: CliRunner
) -> None:
    project = old_project("django-project")
    shutil.rmtree(project / "site1")  # which holds the settings, and the secret key
    (project / "site1").write_text("not a folder any more\n")
    diff = runner.invoke(cli, ["diff", str(project)])
    assert diff.exit_code == 0, diff.output
    assert "diff --git a/site1/settings.py b/site1/settings.py\ndeleted file" in diff.stdout
    result = runner.invoke(cli, ["update", str(project)])
    assert result.exit_code == 0, result.output
    assert (
        "Warning: site1/settings.py: left alone, as it is not a regular file of the project\n"
        in result.stderr
    )
    assert (project / "site1").read_text() == "not a folder any more\n"


def test_a_file_over_1_mib_is_left_alone_and_the_rest_is_updated(
    old_project: OldProject, runner: CliRunner
) -> None:
    project = old_project("django-project")
    big = b"# a comment\n" * 100_000
    (project / "site1" / "settings.py").write_bytes(big)  # the template changes it
    (project / "helloworld" / "views.py").write_bytes(big)  # the template does not
    result = runner.invoke(cli, ["update", str(project)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Warning: site1/settings.py: left alone, as it is larger than 1 MiB: merge the template's "
        "change by hand\n"
    )
    assert (project / "site1" / "settings.py").read_bytes() == big
    assert (project / "helloworld" / "views.py").read_bytes() == big
    assert scaffold.check(project).up_to_date


@pytest.mark.parametrize("command", ["diff", "update"])
def test_a_full_temporary_folder_is_named_as_the_cause(
    command: str, old_project: OldProject
) -> None:
    """No file may grow past 100 bytes (RLIMIT_FSIZE), as on a full disk: the files
    of the old template cannot be written into the temporary folder."""
    project = old_project("django-project")
    before = snapshot(project)
    run = _with_files_up_to(100, command, str(project))
    assert run.returncode == 1
    assert run.stderr.startswith("Error: cannot write scaffold 0.1.0's template into '")
    assert run.stderr.endswith(
        "(File too large): make room there, or set TMPDIR to a folder with room.\n"
    )
    assert "damaged" not in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(project) == before


def _with_files_up_to(size: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`scaffold ARGS` where no file may grow past `size` bytes, as on a full disk."""
    limited = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size}, {size})); "
        "from scaffold.__main__ import main; sys.argv[0] = 'scaffold'; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", limited, *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_a_merge_that_cannot_be_written_is_one_line_and_nothing_is_touched(
    old_project: OldProject,
) -> None:
    project = old_project("flask-single")
    readme = project / "README.md"  # which the template changes too: it is merged
    readme.write_text(readme.read_text() + "\nMy notes.\n" * 20_000)
    before = snapshot(project)
    run = _with_files_up_to(100_000, "update", str(project))  # the templates' files fit
    assert run.returncode == 1
    assert run.stderr == (
        "Error: File too large: raise the limit on file size (ulimit -f), then run the "
        "command again.\n"
    )
    assert snapshot(project) == before
