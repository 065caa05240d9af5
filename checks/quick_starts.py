"""Each new project's README quick starts, run as written: the uv one and the pip one.

For every template, `scaffold new` makes a project, and each of the two `sh` blocks
under its README's "Quick start" runs in bash, line by line as a user pastes them,
in a fresh copy of the project. A line that starts the development server runs in the
background on a free port (the port option added), must answer "/" with the
greeting within 60 s, and is then stopped; every other line must exit 0. Needs the
package index (pip and uv install from it) and uv (the test extras install it):

    python checks/quick_starts.py
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import scaffold
from scaffold._process.supervisor import Supervisor
from scaffold._process.uv import find_uv
from scaffold.kinds import KINDS

BLOCKS = {
    "uv": "With [uv](https://docs.astral.sh/uv/)",
    "pip": "With pip, in a virtualenv:",
}
# The development servers the quick starts start, and how each is given a port.
SERVER = re.compile(r"(?:uv run )?(?:flask --app \S+ run|python (?:app|manage)\.py runserver)$")
# Waits for "/" to greet, then stops the server's whole session (what escapes that,
# the supervisor of run() stops when the script ends).
WAIT = """
answered=0
for _ in $(seq 120); do
    if python3 -c 'import sys, urllib.request as r; sys.exit("Hello, World!" not in
        r.urlopen("http://127.0.0.1:{port}/", timeout=2).read().decode())' 2>/dev/null; then
        answered=1
        break
    fi
    sleep 0.5
done
kill -- -$server 2>/dev/null || true
# Within 5 s, or SIGKILL: Django's reloader, stopped as it waits on its server, can
# deadlock in subprocess's __exit__ (its SIGTERM handler raises while the wait holds
# its lock), and `uv run` then waits on it for ever.
for _ in $(seq 50); do kill -0 -- -$server 2>/dev/null || break; sleep 0.1; done
kill -KILL -- -$server 2>/dev/null || true
wait $server || true
[ $answered = 1 ] || { echo "the server never greeted on port {port}"; exit 1; }
"""


def block(readme: str, heading: str) -> list[str]:
    """The lines of the first sh block after `heading`."""
    after = readme.split(heading, 1)[1]
    code = after.split("```sh\n", 1)[1].split("```", 1)[0]
    return code.splitlines()


def script(lines: list[str]) -> str:
    """`lines` as one bash script: each must succeed; a server is started and checked."""
    out = ["set -euo pipefail"]
    for line in lines:
        command = line.split("  #", 1)[0].strip()
        if SERVER.fullmatch(command):
            port = _free_port()
            option = f"--port {port}" if "flask" in command else str(port)
            out.append(f"setsid {command} {option} & server=$!")
            out.append(WAIT.replace("{port}", str(port)))
            out.append(f"echo 'served {shlex.quote(command)} on {port}'")
        else:
            out.append(command)
    return "\n".join(out) + "\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(template: str, way: str, work: Path, tools: Path) -> tuple[bool, str]:
    folder = work / f"{template}-{way}"
    folder.mkdir()
    project = scaffold.generate(template, "site1", output_dir=folder).path
    lines = block((project / "README.md").read_text(), BLOCKS[way])
    servers = sum(bool(SERVER.fullmatch(line.split("  #", 1)[0].strip())) for line in lines)
    env: dict[str, str | None] = {
        name: None for name in os.environ if name.startswith(("VIRTUAL_ENV", "UV_"))
    }
    env |= {"PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "PYTHONDONTWRITEBYTECODE": "1"}
    # Under scaffold's own supervisor, whose keeper adopts all the script starts and
    # stops it when the script ends: a `uv run ... runserver` and its python once
    # outlived the script's `kill -- -$server` (by 46 minutes, holding the output pipe
    # that subprocess.run waited on until its 900 s timeout).
    with Supervisor() as supervisor:
        code, output = supervisor.run(
            ["bash", "-c", script(lines)], cwd=project, timeout=900, env=env
        )
    passed = code == 0 and servers == 1
    said = "timed out after 900 s" if code == -1 else f"exit {code}"
    return passed, f"{len(lines)} lines, the server answered" if passed else f"{said}\n{output}"


def main() -> None:
    uv = find_uv()
    if uv is None:
        sys.exit("uv is not installed: pip install uv")
    with tempfile.TemporaryDirectory(prefix="scaffold-quick-starts-") as scratch:
        work = Path(scratch)
        tools = work / "tools"  # uv alone on PATH, as its installer puts it there
        tools.mkdir()
        (tools / "uv").symlink_to(uv)
        cells = [(kind.name, way) for kind in KINDS for way in BLOCKS]
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda cell: run(cell[0], cell[1], work, tools), cells))
    failed = 0
    for (template, way), (passed, report) in zip(cells, results, strict=True):
        print(f"{'PASS' if passed else 'FAIL'}  {template}, {way} quick start: {report}")
        failed += not passed
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
