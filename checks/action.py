"""Run action.yml's steps as GitHub runs them: install scaffold from this checkout into
a virtualenv of the runner's, then smoke two templates with the scaffold it installed.

    python checks/action.py

The runner's variables (RUNNER_TEMP, GITHUB_PATH, github.action_path) are a
temporary folder's; the smoke step's own behaviour is tested in tests/test_action.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    steps = {s["name"]: s["run"] for s in yaml.safe_load((REPO / "action.yml").read_text())
             ["runs"]["steps"]}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="scaffold-action-") as scratch:
        runner = Path(scratch)
        github_path = runner / "github-path"
        env = {**os.environ, "RUNNER_TEMP": str(runner), "GITHUB_PATH": str(github_path),
               "PYTHON": sys.executable, "SCAFFOLD_SOURCE": str(REPO)}  # fmt: skip
        subprocess.run(["bash", "-c", steps["Install scaffold"]], env=env, check=True,
                       timeout=900)  # fmt: skip
        added = github_path.read_text().split()
        if added != [str(runner / "scaffold-venv" / "bin")]:
            sys.exit(f"the install step put {added} on the PATH")
        env |= {"PATH": os.pathsep.join([*added, os.environ["PATH"]]), "SERVER": "wsgi",
                "TARGETS": "flask-single\ndjango-project", "SHARD": "",
                "JUNIT_XML": str(runner / "smoke.xml"), "FRESH_ENV": "false"}  # fmt: skip
        done = subprocess.run(["bash", "-c", steps["Smoke"]], env=env, cwd=runner,
                              capture_output=True, text=True, timeout=300)  # fmt: skip
        print(done.stdout, done.stderr, sep="")
        if done.returncode or "2 passed, 0 failed" not in done.stdout:
            sys.exit("the action's smoke step did not pass both templates")
    print("action.yml's steps installed scaffold and smoked two templates with it")


if __name__ == "__main__":
    main()
