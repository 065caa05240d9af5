"""Only the server's own processes may answer on its port: a stranger there is not the app."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import scaffold._apps.serving
from sample_apps import FLASK, flask_app, hanging_app
from scaffold._process.ports import free_port, strangers_on
from scaffold._process.server import serve_command
from scaffold._process.supervisor import Supervisor
from scaffold.cli import cli
from scaffold.errors import ServerError

_HELLO = """
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 0)
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"Hello")

    def log_message(self, *args):
        pass

server = HTTPServer(("127.0.0.1", int(sys.argv[1])), Hello)
print("listening", flush=True)
server.serve_forever()
"""


@pytest.fixture
def stranger() -> Iterator[subprocess.Popen[str]]:
    """Another process, answering HTTP on a port of its own (its first argument)."""
    with _stranger() as process:
        yield process


@contextlib.contextmanager
def _stranger(delay_s: float = 0.0) -> Iterator[subprocess.Popen[str]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", _HELLO, str(port), str(delay_s)], stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "listening\n"
        yield process
    finally:
        process.kill()
        process.communicate()


def _port_of(process: subprocess.Popen[str]) -> int:
    return int(process.args[3])  # type: ignore[index]


def test_answers_from_another_process_on_the_port_are_not_the_servers(
    stranger: subprocess.Popen[str], supervisor: Supervisor, tmp_path: Path
) -> None:
    port = _port_of(stranger)
    # A server that never listens (its code does not even compile), on the same port.
    broken = tmp_path / "app.py"
    broken.write_text("import time\ntime.sleep(60)\n")
    with (
        pytest.raises(ServerError, match=rf"port {port} is held by another process "
                                         rf"\(pid {stranger.pid}\), not by the server"),
        serve_command([sys.executable, str(broken)], cwd=tmp_path, port=port,
                      supervisor=supervisor, timeout=10),
    ):  # fmt: skip
        pass


def test_the_servers_own_processes_hold_its_port(supervisor: Supervisor, tmp_path: Path) -> None:
    port = free_port()
    with serve_command(
        [sys.executable, "-c", _HELLO, str(port)], cwd=tmp_path, port=port, supervisor=supervisor
    ) as server:
        assert server.first.body == "Hello"
        assert strangers_on(port, set()) != []  # held, and by none of an empty set
    assert strangers_on(port, set()) == []  # nothing listens any more


def test_a_port_is_not_handed_out_twice_in_a_row() -> None:
    ports = [free_port() for _ in range(200)]
    assert len(set(ports)) == len(ports)


def test_the_kernels_two_tables_of_listening_sockets_agree() -> None:
    from scaffold._process.ports import _listening_by_netlink, _listening_by_proc

    with socket.socket() as four, socket.socket(socket.AF_INET6) as six:
        four.bind(("127.0.0.1", 0))
        four.listen()
        port = four.getsockname()[1]
        six.bind(("::1", port))
        six.listen()
        found = _listening_by_netlink(port)
        assert len(found) == 2
        assert found == _listening_by_proc(port)


def _taken_first(monkeypatch: pytest.MonkeyPatch, ports: list[int]) -> None:
    """smoke's next free ports are `ports`, then free ones: the race in which another
    process takes a free port before the server binds it, made to happen every time."""
    given = iter(ports)
    monkeypatch.setattr(scaffold._apps.serving, "free_port", lambda: next(given, 0) or free_port())


def test_a_port_another_process_took_first_is_given_up_for_another(
    stranger: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch, runner: CliRunner,
    tmp_path: Path,
) -> None:  # fmt: skip
    _taken_first(monkeypatch, [_port_of(stranger)])
    result = runner.invoke(cli, ["smoke", "--json", str(flask_app(tmp_path / "app"))])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["passed"], row["body"]) == (True, "Hello, World!")
    assert stranger.poll() is None  # left alone


def test_a_server_that_never_answers_is_judged_on_a_port_of_its_own(
    stranger: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch, runner: CliRunner,
    tmp_path: Path,
) -> None:  # fmt: skip
    # The stranger answers at once on the first port, where the app would not have.
    _taken_first(monkeypatch, [_port_of(stranger)])
    result = runner.invoke(cli, ["smoke", "--timeout", "1", str(hanging_app(tmp_path / "h"))])
    assert result.exit_code == 1
    assert "did not answer within 1 s" in result.stdout


def test_ports_taken_three_times_in_a_row_fail_naming_who_holds_them(
    stranger: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch, runner: CliRunner,
    tmp_path: Path,
) -> None:  # fmt: skip
    port = _port_of(stranger)
    _taken_first(monkeypatch, [port] * 3)
    result = runner.invoke(cli, ["smoke", str(flask_app(tmp_path / "app"))])
    assert result.exit_code == 1
    assert f"port {port} is held by another process (pid {stranger.pid})" in result.stdout


def test_a_boot_time_counts_from_the_spawn_of_the_server_that_answered(
    monkeypatch: pytest.MonkeyPatch, runner: CliRunner, tmp_path: Path
) -> None:
    # The stranger takes 3 s to answer on the first port: that try is not the app's boot.
    with _stranger(delay_s=3) as slow:
        _taken_first(monkeypatch, [_port_of(slow)])
        app = flask_app(tmp_path / "app")
        result = runner.invoke(cli, ["compare", "--json", "--boot", "--repeat", "1", str(app)])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert 0 < row["boot_s"] < 3


@contextlib.contextmanager
def _one_shot_stranger() -> Iterator[tuple[int, list[bytes]]]:
    """A listener in this process (not the server's) that lets its port go as it
    answers its first request: a stranger handed the same free port a moment, gone by
    the time its answer is read. Yields the port and the requests it was asked."""
    listener = socket.create_server(("127.0.0.1", 0))
    asked: list[bytes] = []

    def answer_once() -> None:
        try:
            connection, _ = listener.accept()
        except OSError:
            return  # let go unasked
        listener.close()
        with connection:
            asked.append(connection.recv(65536))
            connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 8\r\n\r\nstranger")

    thread = threading.Thread(target=answer_once, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], asked
    finally:
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes its accept()
        listener.close()
        thread.join(5)


def test_a_stranger_that_answers_once_and_lets_the_port_go_is_never_taken_for_the_app(
    monkeypatch: pytest.MonkeyPatch, runner: CliRunner, tmp_path: Path
) -> None:
    # The app fails at import and never listens; a stranger held its port a moment.
    app = flask_app(
        tmp_path / "app", FLASK.replace("\napplication =", "\nimport shop_settings\napplication =")
    )
    with _one_shot_stranger() as (port, asked):
        _taken_first(monkeypatch, [port])
        result = runner.invoke(cli, ["smoke", str(app)])
    assert result.exit_code == 1
    assert (
        "the server exited with code 2 before answering: the app imports shop_settings, which"
        " is not installed" in result.stdout
    )
    assert asked == []  # the stranger was never asked: nothing it said was judged
