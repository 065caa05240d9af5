"""The version matrix: each template's project, on the oldest and the newest Python here,
with its pyproject.toml's dependencies and dev group at the lowest and at the highest
versions they admit.

Each cell generates the project, makes a virtualenv and installs the project and its
dev group as its README does (`pip install -e . --group dev`), with uv (the lowest
versions: `--resolution lowest-direct`; pip, the fallback, gets each floor pinned),
runs the project's own tests, which must pass without a warning, and smoke-tests "/"
under the dev server and under gunicorn. A failed cell prints the versions that broke.

    python checks/matrix.py                      # oldest and newest Python >= 3.10 found
    python checks/matrix.py --python python3.12  # or the interpreters given
    python checks/matrix.py --installer pip      # pip instead of uv
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

import scaffold
from scaffold.kinds import KINDS, get_kind

OLDEST_SUPPORTED = (3, 10)


def _uv() -> str | None:
    """uv: on PATH, or the binary of the uv package the test extras install."""
    try:
        from uv import find_uv_bin
    except ImportError:
        return shutil.which("uv")
    return find_uv_bin()


UV = _uv()
FRAMEWORKS = ("django", "flask", "werkzeug", "gunicorn")


Step = tuple[str, list[str]]


@dataclass(frozen=True)
class Cell:
    template: str
    python: str
    python_version: str
    resolution: str  # "lowest" or "highest"

    def __str__(self) -> str:
        return f"{self.template} on Python {self.python_version}, {self.resolution} versions"


def find_pythons() -> list[tuple[str, str]]:
    """(path, version) of the oldest and newest CPython >= 3.10 on PATH or under pyenv."""
    candidates = {shutil.which(f"python3.{minor}") for minor in range(10, 20)}
    pyenv_root = Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser()
    candidates |= {str(p) for p in pyenv_root.glob("versions/3.*/bin/python3")}
    found: dict[tuple[int, ...], str] = {}
    paths = sorted(c for c in candidates if c)
    with ThreadPoolExecutor() as pool:  # all asked at once: a pyenv shim is slow to answer
        for path, version in zip(paths, pool.map(_version, paths), strict=True):
            if version and version[:2] >= OLDEST_SUPPORTED:
                found.setdefault(version, path)
    if not found:
        sys.exit("no Python 3.10 or newer found")
    ordered = sorted(found)
    chosen = [ordered[0], ordered[-1]] if len(ordered) > 1 else ordered
    return [(found[v], ".".join(map(str, v))) for v in chosen]


def _version(python: str) -> tuple[int, ...] | None:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(*sys.version_info[:3])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return tuple(int(part) for part in out.split())


def lowest_pins(project: Path) -> str:
    """pip's stand-in for uv's lowest resolution: each requirement of the project and
    of its dev group pinned to its floor."""
    declared = tomllib.loads((project / "pyproject.toml").read_text())
    pins = []
    for line in [*declared["project"]["dependencies"], *declared["dependency-groups"]["dev"]]:
        requirement = Requirement(line)
        floors = [s.version for s in requirement.specifier if s.operator in (">=", "==")]
        pins.append(f"{requirement.name}=={max(floors)}")
    return "\n".join(pins) + "\n"


def install_steps(cell: Cell, project: Path, workdir: Path, *, uv: str | None) -> list[Step]:
    """Make the cell's virtualenv and install the project with its dev group, as its
    README does: with uv, else with pip (25.1 or newer: the one that reads groups)."""
    env = workdir / "env"
    python = env / "bin" / "python"
    wanted = ["-e", str(project), "--group", "dev"]  # run in the project: its pyproject's
    if uv:
        install = [uv, "pip", "install", "--quiet", "--python", str(python), *wanted]
        if cell.resolution == "lowest":
            # The lowest version of each direct requirement, as uv resolves it.
            install += ["--resolution", "lowest-direct"]
        return [("create the virtualenv", [uv, "venv", "--quiet", "--python", cell.python,
                                           str(env)]),
                ("install the requirements", install)]  # fmt: skip
    # No bytecode for every module installed, as uv writes none: the tests compile
    # what they import, which takes less time than pip's compiling it all.
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    install = [*pip, "--no-compile", *wanted]
    if cell.resolution == "lowest":
        constraints = workdir / "lowest.txt"
        constraints.write_text(lowest_pins(project))
        install += ["-c", str(constraints)]
    return [("create the virtualenv", [cell.python, "-m", "venv", str(env)]),
            ("upgrade pip", [*pip, "--upgrade", "pip>=25.1"]),
            ("install the requirements", install)]  # fmt: skip


def run_cell(cell: Cell, project: Path, workdir: Path, uv: str | None = UV) -> tuple[bool, str]:
    """Install, test and smoke one cell; (passed, report)."""
    python = workdir / "env" / "bin" / "python"
    steps = [
        *install_steps(cell, project, workdir, uv=uv),
        ("run the project's tests", [str(python), *get_kind(cell.template).tests]),
    ]
    versions = ""
    # The virtualenv is the cell's own, thrown away after it: the tests may write the
    # bytecode of what they import, so that the servers after them do not compile it
    # all again (as they would where PYTHONDONTWRITEBYTECODE is set).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for what, argv in steps:
        done = subprocess.run(
            argv, cwd=project, env=env, capture_output=True, text=True, timeout=900
        )
        if what == "install the requirements" and done.returncode == 0:
            versions = _versions(python, uv)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
            return False, f"could not {what} ({versions or 'versions unknown'}):\n{tail}"
        if what == "run the project's tests" and "warnings summary" in done.stdout:
            # A new project's first test run should be clean, on every version it admits.
            warned = done.stdout.partition("warnings summary")[2]
            return False, f"the project's tests pass but warn ({versions}):{warned}"
    # Not asgi: uvicorn is the user's choice, not in the projects' requirements.
    for server in ("dev", "wsgi"):
        (result,) = scaffold.smoke([project], server=server, python=str(python))
        if not result.passed:
            return (
                False,
                f"smoke --server {server} failed ({versions}): {result.error}\n{result.output}",
            )
    return True, versions


def _versions(python: Path, uv: str | None) -> str:
    lister = [uv, "pip"] if uv else [sys.executable, "-m", "pip", "--python", str(python)]
    freeze = subprocess.run(
        [*lister, "list", *(["--python", str(python)] if uv else []), "--format=freeze"],
        capture_output=True,
        text=True,
    ).stdout
    pins = [line for line in freeze.splitlines() if line.split("==")[0].lower() in FRAMEWORKS]
    return ", ".join(pins)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", help="an interpreter to test on (repeatable)")
    # Twice the CPUs: a cell waits on its servers to boot and stop, which leaves a CPU
    # idle when there are only as many cells as CPUs.
    parser.add_argument("--jobs", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument(
        "--installer", choices=["uv", "pip"], default="uv" if UV else "pip",
        help="what makes the virtualenvs (default: uv if it is installed, else pip)",
    )  # fmt: skip
    args = parser.parse_args()
    uv = UV if args.installer == "uv" else None
    if args.installer == "uv" and uv is None:
        sys.exit("--installer uv: uv is not installed (pip install uv)")
    pythons = (
        [(p, ".".join(map(str, _version(p) or ()))) for p in args.python]
        if args.python
        else find_pythons()
    )
    cells = [
        Cell(kind.name, path, version, resolution)
        for kind in KINDS
        for path, version in pythons
        for resolution in ("lowest", "highest")
    ]
    start = time.monotonic()
    failed = []
    with tempfile.TemporaryDirectory(prefix="scaffold-matrix-") as folder:
        jobs = {}
        for i, cell in enumerate(cells):
            workdir = Path(folder, str(i))
            workdir.mkdir()
            project = scaffold.generate(cell.template, "site1", output_dir=workdir).path
            jobs[cell] = (project, workdir)
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = {pool.submit(run_cell, cell, *jobs[cell], uv): cell for cell in cells}
            for future in as_completed(futures):
                cell = futures[future]
                passed, report = future.result()
                print(f"{'PASS' if passed else 'FAIL'}  {cell}: {report}", flush=True)
                if not passed:
                    failed.append(cell)
    print(
        f"{len(cells) - len(failed)} cells passed, {len(failed)} failed in "
        f"{time.monotonic() - start:.0f} s"
    )
    for cell in failed:
        print(f"BROKEN: {cell}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
