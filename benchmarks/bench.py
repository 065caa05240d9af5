"""Benchmarks: scaffold against the commands a user would otherwise run.

Each comparison runs its commands in turn (A B C A B C ...) after a warm-up, and
reports the median of each and the ratio of scaffold's to each named baseline's,
measured in the same rounds. These are measurements, not tests: nothing here fails
on a slow machine.

    python benchmarks/bench.py                 # every comparison
    python benchmarks/bench.py new --rounds 21
    python benchmarks/bench.py --write-docs  # also refresh the table in docs/benchmarks.md
    python benchmarks/bench.py --check-baselines --rounds 1 startup  # as CI runs it
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import http.client
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from click_floor import boot_to_first_response, free_port

from scaffold.kinds import KINDS, Kind

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# cookiecutter's CLI writes replay files into HOME, and its hooks into TMPDIR, where
# it leaves them: give every command an empty folder for both, removed at the end,
# and run commands there, where `python -c` finds no stray module in its folder.
HOME = tempfile.mkdtemp(prefix="scaffold-bench-home-")
atexit.register(shutil.rmtree, HOME, ignore_errors=True)
ENV = {**os.environ, "HOME": HOME, "TMPDIR": HOME, "PYTHONDONTWRITEBYTECODE": "1"}
DOCS = REPO / "docs"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


@dataclass(frozen=True)
class Row:
    comparison: str
    case: str
    baseline: str
    case_s: float
    """Seconds, or with `rate`, requests per second."""
    baseline_s: float
    max_ratio: float | None = None
    max_extra_ms: float | None = None
    min_ratio: float | None = None
    rate: bool = False

    @property
    def ratio(self) -> float:
        return self.case_s / self.baseline_s

    @property
    def extra_ms(self) -> float:
        return (self.case_s - self.baseline_s) * 1000

    def shown(self, value: float) -> str:
        if self.rate:
            return f"{value:.0f} req/s"
        return f"{value:.1f} s" if value >= 10 else f"{value * 1000:.0f} ms"

    @property
    def difference(self) -> str:
        if self.rate:
            return f"{self.case_s - self.baseline_s:+.0f} req/s"
        if abs(self.case_s - self.baseline_s) >= 10:
            return f"{self.case_s - self.baseline_s:+.1f} s"
        return f"{self.extra_ms:+.0f} ms"

    @property
    def target(self) -> str:
        if self.max_ratio is not None:
            return f"ratio ≤ {self.max_ratio}"
        if self.min_ratio is not None:
            return f"ratio ≥ {self.min_ratio}"
        if self.max_extra_ms is not None:
            return f"≤ {self.max_extra_ms:+.0f} ms"
        return "(reference)"

    @property
    def met(self) -> str:
        if self.max_ratio is not None:
            return "yes" if self.ratio <= self.max_ratio else "**no**"
        if self.min_ratio is not None:
            return "yes" if self.ratio >= self.min_ratio else "**no**"
        if self.max_extra_ms is not None:
            return "yes" if self.extra_ms <= self.max_extra_ms else "**no**"
        return ""


def interleaved(*cases: Callable[[], float], rounds: int, warmup: int = 1) -> list[float]:
    """Median seconds of each case, the cases run in turn (A B C A B C ...) after a warm-up.

    Running every case of a comparison in the same rounds gives each one a single
    median, measured under the same conditions as the others.
    """
    for _ in range(warmup):
        for case in cases:
            case()
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(rounds):
        for case, samples in zip(cases, times, strict=True):
            samples.append(case())
    return [statistics.median(samples) for samples in times]


def timed(argv: list[str], cwd: Path | None = None) -> Callable[[], float]:
    """A case that runs `argv` to the end (in an empty folder by default): its wall time."""

    def run() -> float:
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd or HOME, check=True, stdout=subprocess.DEVNULL, env=ENV)
        return time.perf_counter() - start

    return run


def timed_in_fresh_folder(argv: list[str], parent: Path) -> Callable[[], float]:
    """A case that runs `argv` in a new empty folder (removed after) and returns its wall time."""

    def run() -> float:
        folder = Path(tempfile.mkdtemp(dir=parent))
        try:
            return timed(argv, cwd=folder)()
        finally:
            shutil.rmtree(folder)

    return run


@contextlib.contextmanager
def generated_projects() -> Iterator[dict[Kind, Path]]:
    """One project per kind, made by `scaffold new`, in a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        projects = {}
        for kind in KINDS:
            (Path(folder) / kind.name).mkdir()
            scaffold = [
                str(BIN / "scaffold"),
                "new",
                kind.name,
                "site1",
                "-o",
                f"{folder}/{kind.name}",
            ]
            subprocess.run(scaffold, check=True, stdout=subprocess.DEVNULL)
            projects[kind] = Path(folder) / kind.name / "site1"
        yield projects


def raw_dev_server(kind: Kind, port: int) -> tuple[list[str], dict[str, str]]:
    """The fastest way to serve a project by hand: its dev server, without a reloader."""
    made = kind.made("site1")
    argv = [sys.executable, *kind.framework.command("dev", made, port=port)]
    told = {name: value for name, value in kind.framework.environment_for(made).items() if value}
    return argv, told | ({"DJANGO_SETTINGS_MODULE": made.settings} if made.settings else {})


def bench_smoke(rounds: int) -> list[Row]:
    """`scaffold smoke` of a project per kind against the floor: the same raw dev-server
    boots to a first response, by hand, as many at a time as there are CPUs, as smoke
    runs them: what smoke would take if its own work cost nothing. For information,
    the same boots one after another, and the same boots by the least a click command
    can do (benchmarks/click_floor.py): the floor plus an interpreter and click."""
    with generated_projects() as projects:

        def raw_boot(kind: Kind) -> float:
            port = free_port()
            argv, env = raw_dev_server(kind, port)
            return boot_to_first_response(argv, projects[kind], port, {**ENV, **env})

        def raw_boots() -> float:
            return sum(raw_boot(kind) for kind in projects)

        def raw_boots_at_once() -> float:
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
                list(pool.map(raw_boot, projects))
            return time.perf_counter() - start

        def click_floor() -> float:
            servers = []
            for kind, project in projects.items():
                port = free_port()
                servers.append([str(project), *raw_dev_server(kind, port), port])
            boots = Path(HOME, "boots.json")
            boots.write_text(json.dumps(servers))
            return timed(
                [sys.executable, str(Path(__file__).with_name("click_floor.py")), str(boots)]
            )()

        smoke = timed([str(BIN / "scaffold"), "smoke", *map(str, projects.values())])
        case_s, base_s, floor_s, click_s = interleaved(
            smoke, raw_boots, raw_boots_at_once, click_floor, rounds=rounds
        )
    case = f"`scaffold smoke` of the {len(projects)} projects"
    floor = (
        f"their dev servers booted by hand to a first response, {os.cpu_count()} at a time "
        "(no reloader)"
    )
    return [
        Row("smoke", case, floor, case_s, floor_s, max_ratio=1.15),
        Row("smoke", case, "the same boots one after another", case_s, base_s),
        Row("smoke", "the same boots by a click command that does nothing else "
            "(`benchmarks/click_floor.py`)", floor, click_s, floor_s),
    ]  # fmt: skip


def bench_startup(rounds: int) -> list[Row]:
    """The commands that run in loops against importing click, which any click command does."""
    scaffold = str(BIN / "scaffold")
    commands = (["--help"], ["--version"], ["list"])
    *case_s, click_s, base_s = interleaved(
        *(timed([scaffold, *args]) for args in commands),
        timed([sys.executable, "-c", "import click"]),
        timed([sys.executable, "-c", "pass"]),
        rounds=rounds,
    )
    rows = [
        Row("startup", f"`scaffold {' '.join(args)}`", "`python -c 'import click'`", case, click_s,
            max_extra_ms=15)
        for args, case in zip(commands, case_s, strict=True)
    ]  # fmt: skip
    rows.append(Row("startup", "`python -c 'import click'`", "`python -c pass`", click_s, base_s))
    return rows


def bench_new(rounds: int) -> list[Row]:
    """`scaffold new django-project` against the generators a user would otherwise run."""
    with tempfile.TemporaryDirectory() as folder:
        parent = Path(folder)
        scaffold = timed_in_fresh_folder(
            [str(BIN / "scaffold"), "new", "django-project", "site1"], parent
        )
        cookiecutter = timed_in_fresh_folder(
            [str(BIN / "cookiecutter"), "--no-input", str(REPO / "templates" / "django_project")],
            parent,
        )
        startproject = timed_in_fresh_folder(
            [str(BIN / "django-admin"), "startproject", "site1"], parent
        )
        floor = timed([sys.executable, "-c", "import click, cookiecutter.generate"])
        case_s, *base_s = interleaved(scaffold, cookiecutter, startproject, floor, rounds=rounds)
    name = "`scaffold new django-project site1`"
    rows = [
        Row("new", name, "`cookiecutter --no-input templates/django_project`", case_s, base_s[0],
            max_ratio=0.8),
        Row("new", name, "`django-admin startproject site1`", case_s, base_s[1], max_ratio=1.0),
        Row("new", name, "the floor: `python -c 'import click, cookiecutter.generate'`", case_s,
            base_s[2]),
    ]  # fmt: skip
    return rows


@contextlib.contextmanager
def gunicorn(project: Path, kind: Kind) -> Iterator[str]:
    """gunicorn serving `project` as `compare --load` serves it (one sync worker): its URL."""
    port = free_port()
    made = kind.made("site1")
    env = {"DJANGO_SETTINGS_MODULE": made.settings} if made.settings else {}
    argv = [sys.executable, *kind.framework.command("wsgi", made, port=port)]
    server = subprocess.Popen(
        argv, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, env={**ENV, **env},
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.perf_counter() + 60
        while server.poll() is None and time.perf_counter() < deadline:
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    yield url
                    return
            time.sleep(0.01)
        raise RuntimeError(f"{argv} did not answer")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def bench_load(rounds: int) -> list[Row]:
    """compare's load generator against wrk -t1 -c4, on the same gunicorn, samples alternating."""
    from scaffold._compare.load import load

    wrk = shutil.which("wrk")
    if wrk is None:
        print("load: skipped, wrk is not installed (Debian: apt-get install wrk)", file=sys.stderr)
        return []

    def with_generator(url: str) -> float:
        return load(url, duration=2.0).rps

    def with_wrk(url: str) -> float:
        out = subprocess.run([wrk, "-t1", "-c4", "-d2s", url], capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
        (line,) = (line for line in out.splitlines() if line.startswith("Requests/sec:"))
        return float(line.split()[1])

    rows = []
    with generated_projects() as projects:
        for kind in (k for k in projects if k.name in ("flask-single", "django-project")):
            with gunicorn(projects[kind], kind) as url:
                ours, theirs = interleaved(
                    partial(with_generator, url), partial(with_wrk, url), rounds=min(rounds, 7)
                )
            rows.append(
                Row("load", f"`compare --load`'s generator, {kind.name} under gunicorn",
                    "`wrk -t1 -c4 -d2s`, the same server", ours, theirs, min_ratio=0.9, rate=True)
            )  # fmt: skip
    return rows


def by_hand(projects: list[Path]) -> Callable[[], float]:
    """The user's own way to a clean environment per project, one after another: a
    virtualenv and `pip install .` with pip's defaults, as the project's README has
    it (`pip install -e . --group dev`) less the dev tools, which a server needs
    none of. Each project is installed from a copy, where pip's build writes."""

    def run() -> float:
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            for i, project in enumerate(projects):
                env, copy = Path(folder, f"env{i}"), Path(folder, f"project{i}")
                shutil.copytree(project, copy)
                commands = (
                    [sys.executable, "-m", "venv", str(env)],
                    [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet",
                     "--disable-pip-version-check", str(copy)],
                )  # fmt: skip
                for command in commands:
                    subprocess.run(command, check=True, cwd=HOME, env=ENV)
        return time.perf_counter() - start

    return run


def check_baselines() -> None:
    """Run the baselines too slow to be run in CI as comparisons (fresh-env's: minutes
    of pip) once, on a project `new` makes today, and fail unless each does its job and
    leaves the project as it was: a template change can leave a baseline installing a
    file the projects no longer have (requirements.txt, once)."""
    with generated_projects() as projects:
        project = projects[KINDS[0]]
        before = _contents(project)
        by_hand([project])()  # a virtualenv and pip's install, or CalledProcessError
        if _contents(project) != before:
            raise SystemExit(f"the fresh-env baseline changed {project}: it must not")


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def bench_fresh_env(rounds: int) -> list[Row]:
    """`smoke --fresh-env` of a project per kind against making those environments by
    hand; for information, the same smoke with pip as its installer."""
    with generated_projects() as projects:
        argv = [str(BIN / "scaffold"), "smoke", "--fresh-env", *map(str, projects.values())]
        with_uv = timed(argv)
        with_pip = timed(["env", "SCAFFOLD_INSTALLER=pip", *argv])
        # The warm-up round fills both download caches.
        case_s, hand_s, pip_s = interleaved(
            with_uv, by_hand(list(projects.values())), with_pip, rounds=min(rounds, 3)
        )
    case = f"`smoke --fresh-env` of the {len(projects)} projects, uv"
    return [
        Row("fresh-env", case, "a venv and `pip install .` per project, by hand, in turn",
            case_s, hand_s, max_ratio=0.2),
        Row("fresh-env", case, "the same smoke with `SCAFFOLD_INSTALLER=pip`", case_s, pip_s),
    ]  # fmt: skip


def bench_matrix(rounds: int) -> list[Row]:
    """checks/matrix.py with uv against the same cells with pip (three rounds: minutes each)."""
    matrix = [sys.executable, str(REPO / "checks" / "matrix.py")]
    case_s, base_s = interleaved(
        timed(matrix), timed([*matrix, "--installer", "pip"]), rounds=min(rounds, 3)
    )
    return [
        Row("matrix", "`checks/matrix.py`, uv", "`checks/matrix.py --installer pip`", case_s,
            base_s)
    ]  # fmt: skip


COMPARISONS: dict[str, Callable[[int], list[Row]]] = {
    "startup": bench_startup,
    "new": bench_new,
    "smoke": bench_smoke,
    "load": bench_load,
    "fresh-env": bench_fresh_env,
    "matrix": bench_matrix,
}


def table(rows: list[Row]) -> str:
    lines = [
        "| comparison | scaffold | baseline | scaffold (median) | baseline (median) "
        "| difference | ratio | target | met |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r.comparison} | {r.case} | {r.baseline} | {r.shown(r.case_s)} "
            f"| {r.shown(r.baseline_s)} | {r.difference} | {r.ratio:.2f} | {r.target} | {r.met} |"
        )
    return "\n".join(lines)


def write_docs_section(page: str, start: str, end: str, text: str) -> None:
    """Put `text` in docs/`page` in place of what lies between the markers `start` and `end`."""
    path = DOCS / page
    head, _, rest = path.read_text(encoding="utf-8").partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("comparisons", nargs="*", help=f"some of: {', '.join(COMPARISONS)}")
    parser.add_argument("--rounds", type=int, default=11, help="measured rounds (default 11)")
    parser.add_argument(
        "--write-docs", action="store_true", help="refresh docs/benchmarks.md's table"
    )
    parser.add_argument(
        "--check-baselines",
        action="store_true",
        help="first run the slow baselines once, failing unless they do their job",
    )
    args = parser.parse_args()
    if args.check_baselines:
        check_baselines()
    unknown = set(args.comparisons) - COMPARISONS.keys()
    if unknown:
        parser.error(
            f"unknown comparison {', '.join(sorted(unknown))}: use {', '.join(COMPARISONS)}"
        )
    rows = [
        row for name in args.comparisons or COMPARISONS for row in COMPARISONS[name](args.rounds)
    ]
    report = (
        f"{table(rows)}\n\nMeasured with `python benchmarks/bench.py` ({args.rounds} interleaved "
        f"rounds after a warm-up, medians) on {machine()}."
    )
    print(report)
    if args.write_docs:
        write_docs_section("benchmarks.md", START, END, report)


if __name__ == "__main__":
    main()
