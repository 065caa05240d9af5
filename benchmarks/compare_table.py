"""The docs' "Flask vs Django in numbers": `scaffold compare` of the four templates.

Run it on a quiet machine (nothing else running); it states the machine, the
versions, the date and the spread of every measured figure:

    python benchmarks/compare_table.py                 # print the section
    python benchmarks/compare_table.py --write-docs    # and put it in docs/compare.md
"""

from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from bench import machine, write_docs_section

from scaffold.kinds import KINDS

START, END = "<!-- compare:start -->", "<!-- compare:end -->"
REPEAT = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-docs", action="store_true", help="refresh docs/compare.md's table")
    args = parser.parse_args()
    command = [str(Path(sys.executable).parent / "scaffold"), "compare", *(k.name for k in KINDS),
               "--boot", "--load", "--repeat", str(REPEAT), "--format", "markdown"]  # fmt: skip
    table = subprocess.run(command, check=True, capture_output=True, text=True).stdout.rstrip()
    versions = ", ".join(
        f"{name} {version(name)}" for name in ("flask", "werkzeug", "django", "gunicorn")
    )
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    section = (
        f"{table}\n\n"
        f"Each measured figure is the median of {REPEAT} runs, with the lowest and highest in "
        f"brackets\n(`--repeat {REPEAT}`; a load run is 2 s of requests over 4 connections). "
        f"Measured on a quiet machine:\n{machine()}, {versions}, on {today}. Sizes are "
        "exact; times and memory vary\nfrom machine to machine and run to run. flask-project's "
        "`pytest` import is its\n`tests/conftest.py`."
    )
    print(section)
    if args.write_docs:
        write_docs_section("compare.md", START, END, section)


if __name__ == "__main__":
    main()
