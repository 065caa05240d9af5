"""smoke against apps that misbehave: every check ends in time, bounded, with nothing left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sample_apps import (
    FLASK,
    endless_app,
    endless_headers_app,
    escaping_app,
    flask_app,
    hanging_app,
    not_http_app,
    not_http_then_silent_app,
    silent_app,
    trickling_app,
    unfinished_app,
)
from support import assert_gone, ignoring, listing

pytestmark = pytest.mark.integration

SCAFFOLD = [sys.executable, "-m", "scaffold"]
GRACE_S = 5.0
"""How far past --timeout a failed check may end: stopping the server is in it."""


_TOOK = "took the request for /, and had not answered it when the 1 s timeout ran out"


def _smoke(*args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """Run `scaffold smoke ARGS`: its result, wall time, and peak memory in KiB."""
    start = time.monotonic()
    run = subprocess.Popen(
        [*SCAFFOLD, "smoke", "--json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = run.communicate(timeout=timeout)
    finally:
        run.kill()
    elapsed = time.monotonic() - start
    usage = os.wait4(run.pid, 0)[2] if run.returncode is None else None
    peak = usage.ru_maxrss if usage else 0
    return subprocess.CompletedProcess(run.args, run.returncode, stdout, stderr), elapsed, peak


@pytest.mark.parametrize(
    ("make", "timeout", "reason"),
    [
        # Time for the server to boot and send its first mebibyte, on a busy machine.
        (endless_app, 2, "answered a body longer than 1 MiB"),
        (endless_headers_app, 2, "answered headers longer than 64 KiB"),
        (trickling_app, 1, _TOOK),
        (unfinished_app, 1, _TOOK),
        (silent_app, 1, _TOOK),
        (not_http_app, 1, "answered, but not with HTTP, within 1 s: b'SSH-2.0-OpenSSH_9.6\\r\\n'"),
        (
            not_http_then_silent_app,
            1,
            "answered, but not with HTTP, within 1 s: b'SSH-2.0-OpenSSH_9.6\\r\\n'",
        ),
    ],
    ids=[
        "endless-body",
        "endless-headers",
        "trickle",
        "never-closes",
        "never-answers",
        "not-http",
        "not-http-then-silent",
    ],
)
def test_a_misbehaving_server_fails_within_the_timeout(
    make: Callable[[Path], Path], timeout: int, reason: str, tmp_path: Path
) -> None:
    app = make(tmp_path / "app")
    run, elapsed, _ = _smoke("--timeout", str(timeout), str(app))
    assert run.returncode == 1, run.stderr
    (row,) = json.loads(run.stdout)
    assert reason in row["error"]
    assert elapsed < timeout + GRACE_S


WAITING = """\
import time

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    time.sleep(3)  # a database's answer, on a busy night
    return "Hello, World!"
"""


def test_an_app_waiting_on_a_service_as_it_answers_is_told_so_and_what_longer_gives(
    tmp_path: Path,
) -> None:
    """As docker/awesome-compose's nginx-flask-mongo: "/" waits on a database its compose
    file starts, here a wait of 3 s. The server listens, takes the request, and is silent."""
    app = flask_app(tmp_path / "app", WAITING)
    run, _, _ = _smoke("--timeout", "1", str(app))
    (row,) = json.loads(run.stdout)
    assert row["error"] == (
        f"the server {_TOOK}: the app may be waiting on a service that is not running "
        "here (a database, a cache, another API), as it starts or as it answers: start it "
        "as the project does, or give the app longer with --timeout SECONDS."
    )
    longer, _, _ = _smoke("--timeout", "20", str(app))  # each of its two requests waits
    assert json.loads(longer.stdout)[0]["passed"], longer.stdout


@pytest.mark.parametrize("make", [endless_app, endless_headers_app], ids=["body", "headers"])
def test_an_endless_answer_costs_scaffold_no_more_than_a_mebibyte_or_so(
    make: Callable[[Path], Path], tmp_path: Path
) -> None:
    app = make(tmp_path / "app")
    start = time.monotonic()
    run = subprocess.Popen([*SCAFFOLD, "smoke", "--timeout", "10", str(app)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(run.pid, 0)
    run.returncode = os.waitstatus_to_exitcode(status)
    assert run.returncode == 1
    assert time.monotonic() - start < 10
    assert usage.ru_maxrss < 150 * 1024  # KiB: Python, click and the libraries, not the body


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1", "1e999"])
def test_the_timeout_must_be_a_finite_positive_number(value: str) -> None:
    run = subprocess.run([*SCAFFOLD, "smoke", "--timeout", value, "flask-single"],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert run.returncode == 2
    assert "--timeout" in run.stderr
    assert "Traceback" not in run.stderr


def _pids(app: Path, name: str = "pids") -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        path = app / name
        if path.exists() and len(path.read_text().split()) >= (2 if name == "pids" else 1):
            return [int(pid) for pid in path.read_text().split()]
        time.sleep(0.02)
    raise AssertionError(f"{app / name} was never written")


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_children_that_escape_their_group_or_ignore_sigterm_are_stopped(
    server: str, tmp_path: Path
) -> None:
    app = escaping_app(tmp_path / "app")
    run, _, _ = _smoke("--server", server, str(app))
    (row,) = json.loads(run.stdout)
    assert row["passed"] is True, row
    for pid in _pids(app):
        assert_gone(pid)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP], ids=["sigkill", "sighup"])
def test_servers_die_with_scaffold(sig: signal.Signals, tmp_path: Path) -> None:
    app = escaping_app(tmp_path / "app")
    hang = hanging_app(tmp_path / "hang")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    run = subprocess.Popen([*SCAFFOLD, "smoke", "--timeout", "120", str(hang), str(app)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)  # fmt: skip
    try:
        watched = [*_pids(app), *_pids(hang, "pid")]
        run.send_signal(sig)
        run.wait(timeout=30)
        assert b"Traceback" not in run.stderr.read()  # type: ignore[union-attr]
        for pid in watched:
            assert_gone(pid)
        if sig == signal.SIGKILL:  # nothing of scaffold's ran after it: the next run clears up
            assert listing(temporary) != []
            again = subprocess.run([*SCAFFOLD, "smoke", str(flask_app(tmp_path / "next"))],
                                   capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
            assert again.returncode == 0, again.stderr
        assert listing(temporary) == []
    finally:
        run.kill()
        run.wait()
        run.stdout.close()  # type: ignore[union-attr]
        run.stderr.close()  # type: ignore[union-attr]


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGINT], ids=["nohup", "background-job"])
def test_a_stop_signal_ignored_when_scaffold_starts_stays_ignored(
    sig: signal.Signals, tmp_path: Path
) -> None:
    # The server says it has started, then waits for the test's word before serving.
    started, go = tmp_path / "started", tmp_path / "go"
    app = flask_app(
        tmp_path / "app",
        f"import os, time\n\nopen({str(started)!r}, 'w').close()\n"
        f"while not os.path.exists({str(go)!r}):\n    time.sleep(0.02)\n{FLASK}",
    )
    run = subprocess.Popen(ignoring([sig], [*SCAFFOLD, "smoke", str(app)]),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        run.send_signal(sig)  # the user asked for it to be ignored: the check goes on
        go.touch()
        stdout, stderr = run.communicate(timeout=60)
    finally:
        run.kill()
        run.communicate()
    assert run.returncode == 0, stderr
    assert stdout.startswith("PASS")


def test_with_sigchld_ignored_a_server_that_crashes_is_still_seen_to_crash(
    tmp_path: Path,
) -> None:
    # Ignored SIGCHLD has the kernel reap children at once: their exit statuses lost,
    # a crash looked like a server that never answered, until the timeout.
    app = flask_app(tmp_path / "app", f"{FLASK}\nraise SystemExit(3)\n")
    argv = [*SCAFFOLD, "smoke", "--timeout", "30", str(app)]
    run = subprocess.run(ignoring([signal.SIGCHLD], argv), capture_output=True, text=True,
                         timeout=60)  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "the server exited with code 3 before answering" in run.stdout
