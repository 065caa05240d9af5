"""A failed answer is explained from what the server printed about it, all of it."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from scaffold._process.server import Server, free_port, serve_command
from scaffold._process.supervisor import Supervisor

# A server that answers 500, then prints why: a moment late, as a logger may.
_LATE_LOGGER = """
import sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer

class Failing(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.wfile.flush()
        time.sleep(0.005)
        print("OperationalError: no such table: django_session", flush=True)
        if {endless}:
            while True:
                print("and more", flush=True)
                time.sleep(0.01)

    def log_message(self, *args):
        pass

HTTPServer(("127.0.0.1", int(sys.argv[1])), Failing).serve_forever()
"""


@contextlib.contextmanager
def _failing_server(
    supervisor: Supervisor, tmp_path: Path, *, endless: bool, timeout: float = 30.0
) -> Iterator[Server]:
    script = tmp_path / "server.py"
    script.write_text(_LATE_LOGGER.format(endless=endless))
    port = free_port()
    argv = [sys.executable, str(script), str(port)]
    with serve_command(
        argv, cwd=tmp_path, port=port, supervisor=supervisor, timeout=timeout
    ) as server:
        assert server.first.status == 500
        yield server


def test_what_a_server_prints_just_after_its_answer_is_in_its_output(
    supervisor: Supervisor, tmp_path: Path
) -> None:
    with _failing_server(supervisor, tmp_path, endless=False) as server:
        assert server.output() == "OperationalError: no such table: django_session"


def test_a_server_that_never_stops_printing_still_gives_its_output(
    supervisor: Supervisor, tmp_path: Path
) -> None:
    with _failing_server(supervisor, tmp_path, endless=True) as server:
        asked = time.monotonic()
        output = server.output()
        # It waits for a pause in the output a second at most, never for the end.
        assert time.monotonic() - asked < 5
        assert output.endswith("and more")


def test_past_its_deadline_a_servers_output_is_read_at_once(
    supervisor: Supervisor, tmp_path: Path
) -> None:
    with _failing_server(supervisor, tmp_path, endless=True, timeout=2) as server:
        time.sleep(max(0.0, server.deadline - time.monotonic()))
        asked = time.monotonic()
        output = server.output()
        # The check's time is up: no second more is spent waiting for a pause.
        assert time.monotonic() - asked < 0.5
        assert output.endswith("and more")
