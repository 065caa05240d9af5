"""Only the server's own processes may answer on its port: a stranger there is not the app."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold._process.ports import free_port, strangers_on
from scaffold._process.server import serve_command
from scaffold._process.supervisor import Supervisor
from scaffold.errors import ServerError

_HELLO = """
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
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


def test_answers_from_another_process_on_the_port_are_not_the_servers(
    supervisor: Supervisor, tmp_path: Path
) -> None:
    port = free_port()
    stranger = subprocess.Popen(
        [sys.executable, "-c", _HELLO, str(port)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert stranger.stdout is not None
        assert stranger.stdout.readline() == "listening\n"
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
    finally:
        stranger.kill()
        stranger.communicate()


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
