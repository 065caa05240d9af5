"""`scaffold smoke`: boots projects for real, checks them, reports, and leaves nothing running."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result

import scaffold
from sample_apps import DJANGO_SINGLE, flask_app, flask_app_saying, hanging_app
from scaffold import generate
from scaffold.cli import cli
from scaffold.errors import InputError
from support import TEMPLATE_NAMES, assert_gone, imported_modules, run_scaffold, snapshot

pytestmark = pytest.mark.integration


def smoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["smoke", *args])


def smoke_json(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = smoke(runner, "--json", *args)
    assert result.exit_code in (0, 1), result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize("server", ["dev", "wsgi"])
def test_every_template_passes_and_is_left_as_it_was(
    runner: CliRunner, server: str, tmp_path: Path
) -> None:
    for template in TEMPLATE_NAMES:
        (tmp_path / template).mkdir()
    projects = [str(generate(t, "site1", output_dir=tmp_path / t).path) for t in TEMPLATE_NAMES]
    before = snapshot(tmp_path)
    result = smoke(runner, "--server", server, *projects)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert sorted(line.split()[:2] for line in lines[:4]) == sorted(["PASS", p] for p in projects)
    assert lines[4].startswith("4 passed, 0 failed in ")
    assert snapshot(tmp_path) == before  # no db.sqlite3, no bytecode, no logs


def test_a_generated_project_is_checked_against_its_own_greeting(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = generate("django-single", "site1", output_dir=tmp_path, greeting="Ahoy {{ x }}")
    (row,) = smoke_json(runner, str(project.path))
    assert row["passed"] is True
    assert row["body"] == "Ahoy {{ x }}, World!"


def test_hand_written_apps_are_known_by_their_shape(runner: CliRunner, tmp_path: Path) -> None:
    # Flask's shapes: see test_discovery.py.
    django = tmp_path / "django"
    django.mkdir()
    (django / "app.py").write_text(DJANGO_SINGLE)
    project = generate("django-project", "site1", output_dir=tmp_path).path
    (project / ".scaffold.json").unlink()
    rows = smoke_json(runner, str(django), str(project))
    assert [(row["kind"], row["passed"]) for row in rows] == [
        ("django-single", True),
        ("django-project", True),
    ]


def test_expect_sets_the_body_of_a_hand_written_app(runner: CliRunner, tmp_path: Path) -> None:
    app = flask_app_saying(tmp_path / "hi", "Hi there")
    # Without --expect, an app that is not generated may answer any body.
    assert smoke(runner, str(app)).exit_code == 0
    result = smoke(runner, "--expect", "Hi there", str(app))
    assert result.exit_code == 0, result.output


def test_a_crashing_server_fails_at_once_with_its_output(runner: CliRunner, tmp_path: Path) -> None:
    app = flask_app(tmp_path / "broken", "from flask import Flask\napp = Flask(__name__\n")
    (row,) = smoke_json(runner, "--timeout", "60", str(app))
    assert row["passed"] is False
    assert "exited" in str(row["error"])
    assert "SyntaxError" in str(row["output"])
    assert float(row["elapsed_s"]) < 30  # it did not wait out the timeout  # type: ignore[arg-type]


def test_a_hanging_server_fails_after_the_timeout_and_is_stopped(
    runner: CliRunner, tmp_path: Path
) -> None:
    app = hanging_app(tmp_path / "hang")
    result = smoke(runner, "--timeout", "1", str(app))
    assert result.exit_code == 1
    assert "FAIL  " in result.stdout
    assert "did not answer within 1 s" in result.stdout
    assert_gone(int((app / "pid").read_text()))


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        ("Goodbye", 200, "GET / answered 'Goodbye', expected 'Hello, World!'."),
        ("Hello, World!", 500, "GET / answered 500, expected 200."),
    ],
    ids=["wrong-body", "wrong-status"],
)
def test_a_wrong_answer_fails_showing_expected_and_received(
    runner: CliRunner, tmp_path: Path, body: str, status: int, reason: str
) -> None:
    app = flask_app_saying(tmp_path / "app", body, status)
    (row,) = smoke_json(runner, "--expect", "Hello, World!", str(app))
    assert row["passed"] is False
    assert row["error"] == reason
    assert row["status"] == status


def test_an_unescaped_name_fails(runner: CliRunner, tmp_path: Path) -> None:
    source = (
        "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
        '@app.route("/")\ndef hello():\n'
        "    return f\"Hello, {request.args.get('name', 'World')}!\"\n"
    )
    (row,) = smoke_json(runner, str(flask_app(tmp_path / "xss", source)))
    assert row["passed"] is False
    assert "<script>" in str(row["error"])


def test_python_may_be_a_relative_path_to_a_virtualenv(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "env"], cwd=tmp_path, check=True)
    run = run_scaffold(
        "smoke", "--json", "--python", "env/bin/python", "flask-single", cwd=tmp_path
    )
    (row,) = json.loads(run.stdout)
    # The env has no Flask: the error names that env's python, so it was the one used.
    assert f"Flask is not installed for {tmp_path / 'env' / 'bin' / 'python'}" in row["error"]


def test_a_missing_framework_is_named(runner: CliRunner, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    (row,) = smoke_json(runner, "--python", str(bare / "bin" / "python"), "flask-single")
    assert row["passed"] is False
    assert "Flask is not installed" in str(row["error"])
    assert "--fresh-env" in str(row["error"])


def test_results_come_as_json_in_the_order_given(runner: CliRunner, tmp_path: Path) -> None:
    bad = flask_app_saying(tmp_path / "bad", "nope", 500)
    rows = smoke_json(runner, "--jobs", "3", "flask-single", str(bad), "django-single")
    assert [row["target"] for row in rows] == ["flask-single", str(bad), "django-single"]
    assert [row["passed"] for row in rows] == [True, False, True]
    for row in rows:
        assert {"target", "kind", "passed", "status", "body", "elapsed_s", "error"} <= row.keys()
    assert rows[0]["error"] is None
    assert rows[0]["body"] == "Hello, World!"


def test_junit_xml_has_a_testcase_per_target_and_a_failure_per_failed_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = flask_app_saying(tmp_path / "bad", "nope", 500)
    report = tmp_path / "smoke.xml"
    result = smoke(runner, "--junit-xml", str(report), "flask-single", str(bad))
    assert result.exit_code == 1
    suite = ElementTree.parse(report).getroot()
    assert (suite.tag, suite.get("tests"), suite.get("failures")) == ("testsuite", "2", "1")
    cases = suite.findall("testcase")
    assert [case.find("failure") is None for case in cases] == [True, False]
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("message") == "GET / answered 500, expected 200."


def test_parallel_targets_all_report(runner: CliRunner, tmp_path: Path) -> None:
    apps = [str(flask_app(tmp_path / f"app{i}")) for i in range(4)]
    result = smoke(runner, "--jobs", "4", *apps)
    assert result.exit_code == 0, result.output
    assert sorted(line.split()[1] for line in result.stdout.splitlines()[:4]) == sorted(apps)
    assert "4 passed, 0 failed" in result.stdout


def test_one_job_tests_one_target_at_a_time(runner: CliRunner, tmp_path: Path) -> None:
    # Each app logs its start and each request it answers to one file.
    log = tmp_path / "log"
    source = (
        "from flask import Flask\n\n"
        "def log(event):\n"
        f"    with open({str(log)!r}, 'a') as file:\n"
        "        file.write(f'{event} {__file__}\\n')\n\n"
        "log('start')\n"
        "app = Flask(__name__)\n\n"
        "@app.route('/')\n"
        "def hello():\n"
        "    log('answer')\n"
        "    return 'Hello'\n"
    )
    apps = [str(flask_app(tmp_path / name, source)) for name in ("one", "two", "three")]
    result = smoke(runner, "--jobs", "1", *apps)
    assert result.exit_code == 0, result.output
    events = [line.split() for line in log.read_text().splitlines()]
    # Every app started and answered both requests before the next one started, in
    # the order given.
    assert [event for event, _ in events] == ["start", "answer", "answer"] * 3
    assert [Path(app).parent.name for _, app in events] == [
        *["one"] * 3, *["two"] * 3, *["three"] * 3,
    ]  # fmt: skip
    assert [line.split()[1] for line in result.stdout.splitlines()[:3]] == apps


SILENT = (
    "import logging\n"
    "import flask.cli\n"
    "from flask import Flask\n\n"
    "flask.cli.show_server_banner = lambda *args: None\n"
    "logging.getLogger('werkzeug').disabled = True\n"
    "app = Flask(__name__)\n\n"
    "@app.route('/')\n"
    "def hello():\n"
    "    return 'Hello'\n"
)
CHATTY = (
    "import sys, threading, time\n"
    "from flask import Flask\n\n"
    "def chatter():\n"
    "    while True:\n"
    "        print('still here', flush=True)\n"
    "        time.sleep(0.0005)\n\n"
    "threading.Thread(target=chatter, daemon=True).start()\n"
    "time.sleep(0.3)\n"
    "app = Flask(__name__)\n\n"
    "@app.route('/')\n"
    "def hello():\n"
    "    return 'Hello'\n"
)


@pytest.mark.parametrize("source", [SILENT, CHATTY], ids=["silent", "chatty"])
def test_servers_that_print_nothing_or_without_end_are_found_answering(
    runner: CliRunner, tmp_path: Path, source: str
) -> None:
    (row,) = smoke_json(runner, str(flask_app(tmp_path / "app", source)))
    assert (row["passed"], row["body"]) == (True, "Hello"), row


def test_generated_targets_are_removed_unless_kept(runner: CliRunner) -> None:
    (row,) = smoke_json(runner, "flask-single")
    assert not Path(str(row["path"])).exists()
    result = smoke(runner, "--keep", "--json", "flask-single")
    kept = Path(json.loads(result.stdout)[0]["path"])
    try:
        assert f"Kept the generated projects in {kept.parents[1]}" in result.stderr
        assert (kept / "app.py").is_file()
    finally:
        shutil.rmtree(kept.parents[1])


def test_smoke_leaves_no_bytecode_in_a_project(runner: CliRunner, tmp_path: Path) -> None:
    project = generate("django-project", "site1", output_dir=tmp_path).path
    assert smoke(runner, str(project)).exit_code == 0
    assert not list(project.rglob("__pycache__"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/folder"], "is neither a project folder nor a template"),
        (["rails"], "flask-single, flask-project, django-single, django-project"),
        (["--python", "no-such-python", "flask-single"], "is not an interpreter"),
    ],
)
def test_bad_input_exits_2_with_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    result = smoke(runner, *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr


def test_a_folder_without_an_app_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = smoke(runner, str(tmp_path))
    assert result.exit_code == 2
    assert "no app found" in result.stderr


@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "sighup"]
)
def test_an_interrupted_smoke_stops_every_server(tmp_path: Path, sig: signal.Signals) -> None:
    app = hanging_app(tmp_path / "hang")
    run = subprocess.Popen(
        [sys.executable, "-m", "scaffold", "smoke", "--timeout", "120", str(app)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not (app / "pid").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        server_pid = int((app / "pid").read_text())
        run.send_signal(sig)
        assert run.wait(timeout=30) != 0
        assert b"Traceback" not in run.stderr.read()  # type: ignore[union-attr]
        assert_gone(server_pid)
    finally:
        run.kill()
        run.wait()
        run.stdout.close()  # type: ignore[union-attr]
        run.stderr.close()  # type: ignore[union-attr]


_SIGNAL_IN_A_FINALISER = """
import os, time
import click
import scaffold.cli

class Finalised:
    def __del__(self):
        os.kill(os.getpid(), int(os.environ["SIGNAL"]))
        sum(range(100_000))  # the handler runs in here, where Python drops what it raises

@click.command()
def command():
    Finalised()
    time.sleep(10)
    print("went on")

scaffold.cli.cli = command
from scaffold.__main__ import main
main()
"""


@pytest.mark.parametrize(
    ("sig", "code", "said"),
    [(signal.SIGINT, 130, "\nAborted!\n"), (signal.SIGTERM, 143, "")],
    ids=["ctrl-c", "sigterm"],
)
def test_a_signal_in_a_finaliser_still_ends_the_run(
    sig: signal.Signals, code: int, said: str
) -> None:
    # As at the end of every import (a weakref callback): Python prints what a handler
    # raises there as "Exception ignored" and goes on, which would lose the signal.
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", _SIGNAL_IN_A_FINALISER], env={**os.environ, "SIGNAL": str(int(sig))},
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert time.monotonic() - start < 5
    assert (run.returncode, run.stdout, run.stderr) == (code, "", said)


def test_fresh_env_boots_on_the_projects_own_requirements(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Two projects with the same requirements.txt: one environment, made by uv.
    rows = smoke_json(runner, "--fresh-env", "flask-single", "flask-project")
    assert [row["passed"] for row in rows] == [True, True], rows


def test_the_installer_is_uv_where_it_is_installed_else_pip(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scaffold._smoke.fresh_env import installer

    assert installer() is not None  # uv: the test extras install it
    assert installer("pip") is None
    monkeypatch.setenv("PATH", "")
    monkeypatch.setitem(sys.modules, "uv", None)  # as if the uv package were not there
    assert installer() is None
    with pytest.raises(InputError, match="uv is not installed"):
        installer("uv")


def test_an_unknown_installer_is_refused_before_anything_runs(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "conda")
    result = runner.invoke(cli, ["smoke", "--fresh-env", "flask-single"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: SCAFFOLD_INSTALLER='conda': use uv or pip, or leave it unset.\n"
    )


def test_fresh_env_needs_a_requirements_file_or_a_pyproject(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Projects with neither (a pyproject.toml of tool settings alone, a pipenv project
    # too): each error names its own project, and how to go on.
    apps = [
        flask_app(tmp_path / "one"),
        flask_app(tmp_path / "two"),
        flask_app(tmp_path / "pipenv"),
    ]
    (apps[1] / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    (apps[2] / "Pipfile").write_text('[packages]\nflask = "*"\n')
    rows = smoke_json(runner, "--fresh-env", *map(str, apps))
    needs = (
        "--fresh-env needs a requirements.txt, a pyproject.toml whose [project] lists its "
        "dependencies, or a setup.py, in"
    )
    assert sorted(str(row["error"]) for row in rows) == [
        f"{needs} '{apps[0]}': give a requirements file with --requirements, or check it "
        "without --fresh-env, on the Python it is run with.",
        f"{needs} '{apps[2]}': its Pipfile is pipenv's: export it (pipenv requirements > "
        "requirements.txt), or give a requirements file with --requirements.",
        f"{needs} '{apps[1]}': give a requirements file with --requirements, or check it "
        "without --fresh-env, on the Python it is run with.",
    ]


# A project that declares what it needs in pyproject.toml, and says from "/" which
# version of itself is installed where it runs.
PYPROJECT = (
    '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n'
    '[project]\nname = "hello-pyproject"\nversion = "1.2"\ndependencies = ["flask>=3"]\n\n'
    '[tool.setuptools]\npy-modules = ["app"]\n'
)
SAYS_ITS_VERSION = (
    "from importlib.metadata import version\n\nfrom flask import Flask\n\n"
    "app = Flask(__name__)\n\n\n@app.route('/')\ndef hello():\n"
    "    return version('hello-pyproject')\n"
)


def test_fresh_env_without_requirements_installs_the_project_from_its_pyproject(
    runner: CliRunner, tmp_path: Path
) -> None:
    app = flask_app(tmp_path / "hello", SAYS_ITS_VERSION)
    (app / "pyproject.toml").write_text(PYPROJECT)
    before = snapshot(app)
    (row,) = smoke_json(runner, "--fresh-env", "--expect", "1.2", str(app))
    assert row["passed"] is True, row
    assert snapshot(app) == before  # built from a copy: no build/ or *.egg-info here


@pytest.mark.parametrize("installer", ["uv", "pip"])
@pytest.mark.parametrize(
    ("requirement", "said"),
    [
        ("no-such-package-for-scaffold-tests==1.0",
         "no-such-package-for-scaffold-tests was not found in the package index"),
        # A pin no release has (arjunsinghy96/channels-chat's Pillow==3.2.1).
        ("flask==0.0.42", "no release of flask is ==0.0.42 in the package index: require one "
         "it has"),
    ],
    ids=["no-such-package", "no-such-release"],
)  # fmt: skip
def test_fresh_env_reports_requirements_that_cannot_install(
    tmp_path: Path, installer: str, requirement: str, said: str
) -> None:
    app = flask_app(tmp_path / "app")
    (app / "requirements.txt").write_text(f"{requirement}\n")
    # A relative target, as a user types it: the requirements file must still be found.
    run = run_scaffold(
        "smoke", "--json", "--fresh-env", "app", cwd=tmp_path,
        env={"SCAFFOLD_INSTALLER": installer},
    )  # fmt: skip
    (row,) = json.loads(run.stdout)
    assert run.returncode == 1
    assert row["error"] == f"--fresh-env: installing requirements.txt failed (exit 1): {said}"
    assert requirement.partition("==")[0] in row["output"]


_PACKAGE = str(Path(scaffold.__file__).parent)
"""Where scaffold's own modules are, as a traceback's frames name them."""


def _python_start_s(folder: Path) -> float:
    """How long `python -m` of an empty module takes: Python's own start, the longest of five."""
    (folder / "empty.py").write_text("")
    times = []
    for _ in range(5):
        start = time.monotonic()
        subprocess.run([sys.executable, "-m", "empty"], cwd=folder, check=True)
        times.append(time.monotonic() - start)
    return max(times)


def test_ctrl_c_at_any_moment_of_start_up_prints_no_traceback(tmp_path: Path) -> None:
    # Python's own start comes first: no program can keep Ctrl-C quiet there, so a
    # traceback may only come from there, with no frame in scaffold or a package.
    # The signals are spread over the start-up of a run that is not interrupted, timed
    # here, so that they come before it ends on a fast machine as on a slow one.
    start_s = _python_start_s(tmp_path)
    argv = [sys.executable, "-m", "scaffold", "smoke", "flask-single"]
    began = time.monotonic()
    subprocess.run(argv, cwd=tmp_path, capture_output=True, check=True)
    step_s = max(0.0, time.monotonic() - began - start_s) / 8
    aborted = 0
    for step in range(7):
        delay_s = start_s + step * step_s
        run = subprocess.Popen(
            argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(delay_s)
        run.send_signal(signal.SIGINT)
        stdout, stderr = run.communicate(timeout=60)
        if run.returncode == 0 and "1 passed" in stdout:
            continue  # a run quicker than the timed one ended before the signal came
        # 130, as a shell reports Ctrl-C; or, in Python's own start, killed by SIGINT, or
        # exit 1 when it came while Python imported runpy for `-m`, or its site module
        # (a .pth file's code, on a loaded machine): Python says so.
        in_pythons_start = run.returncode == 1 and stderr.startswith(
            ("Could not import runpy", "Fatal Python error: init_import_site")
        )
        assert run.returncode in (130, -signal.SIGINT) or in_pythons_start, stderr
        # Python's site runs the .pth files' code (setuptools' _distutils_hack), whose
        # frames may show, before any of scaffold's: none of scaffold's may, but for the
        # package's line 0, where Python, importing it for `-m`, takes a signal that came
        # before any line of scaffold's ran.
        frames = [line for line in stderr.splitlines() if line.lstrip().startswith('File "')]
        before_any = f'{_PACKAGE}/__init__.py", line 0, in <module>'
        ours = [
            line for line in frames
            if (_PACKAGE in line and not line.endswith(before_any))
            or ("site-packages" in line and not in_pythons_start and _PACKAGE not in line)
        ]  # fmt: skip
        assert not ours, f"after {delay_s * 1000:.0f} ms:\n{stderr}"
        aborted += stderr.endswith("Aborted!\n")
    assert aborted >= 4  # most signals came while scaffold's own code ran


def test_smoke_of_a_folder_imports_no_more_than_it_uses(tmp_path: Path) -> None:
    """What runs before the first server starts is time every run waits for: no renderer
    (cookiecutter), no installer machinery (tomllib), no hints for a run that passes."""
    app = flask_app(tmp_path / "app")
    result = run_scaffold("smoke", str(app), cwd=tmp_path, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0, result.stderr
    imported = imported_modules(result.stderr)
    assert "scaffold._apps.serving" in imported
    unused = {"cookiecutter", "scaffold._new", "scaffold._smoke.fresh_env", "tomllib",
              "scaffold._smoke.needs", "scaffold._smoke.pythons", "scaffold._apps.hints",
              "scaffold._apps.path_hints", "ctypes"}  # fmt: skip
    assert imported & unused == set()
