"""The `scaffold_app` fixture that the package registers with pytest."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sample_apps import flask_app
from scaffold import generate
from support import REPO, assert_gone

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.integration


def test_scaffold_app_serves_templates_and_paths_then_stops(pytester: pytest.Pytester) -> None:
    generate("django-single", "site1", output_dir=pytester.path, greeting="Hi")
    test_file = pytester.makepyfile(
        """
        import pytest
        import requests

        urls = []

        @pytest.mark.parametrize(
            "scaffold_app",
            ["flask-single", {"target": "flask-project", "server": "wsgi"}, "django-project"],
            indirect=True,
        )
        def test_a_template(scaffold_app):
            assert requests.get(scaffold_app.url + "/").text == "Hello, World!"
            urls.append(scaffold_app.url)

        @pytest.mark.parametrize("scaffold_app", ["site1"], indirect=True)
        def test_a_path_and_the_others_stopped(scaffold_app):
            assert scaffold_app.kind == "django-single"
            assert requests.get(scaffold_app.url + "/?name=Ada").text == "Hi, Ada!"
            for url in urls:
                with pytest.raises(requests.ConnectionError):
                    requests.get(url + "/", timeout=2)

        def test_without_a_target(scaffold_app):
            pass
        """
    )
    result = pytester.runpytest_subprocess(test_file, "-p", "no:xdist", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(["*scaffold_app needs a target*"])


def _pid_writing_app(pytester: pytest.Pytester) -> tuple[Path, Path]:
    """A Flask app that writes its server's pid into a file, and that file."""
    app = pytester.path / "app"
    pid_file = pytester.path / "server.pid"
    flask_app(
        app,
        "import os\n\nfrom flask import Flask\n\n"
        # Written whole, then renamed: the test never reads an empty file.
        f"open({str(pid_file)!r} + '.new', 'w').write(str(os.getpid()))\n"
        f"os.replace({str(pid_file)!r} + '.new', {str(pid_file)!r})\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\ndef hello():\n    return 'Hello, World!'\n",
    )
    return app, pid_file


def _server_of(run: subprocess.Popen[bytes], pid_file: Path) -> int:
    deadline = time.monotonic() + 60
    while not pid_file.exists() and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    return int(pid_file.read_text())


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["sigterm", "sighup"])
def test_a_signalled_pytest_run_leaves_no_server(
    pytester: pytest.Pytester, sig: signal.Signals
) -> None:
    app, pid_file = _pid_writing_app(pytester)
    test_file = pytester.makepyfile(
        f"""
        import time
        import pytest

        @pytest.mark.parametrize("scaffold_app", [{str(app)!r}], indirect=True)
        def test_slow(scaffold_app):
            time.sleep(120)
        """
    )
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider",
         str(test_file)],
        cwd=pytester.path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        server = _server_of(run, pid_file)
        run.send_signal(sig)
        run.wait(timeout=60)
        assert_gone(server)
    finally:
        run.kill()
        run.wait()


def test_an_xdist_run_killed_outright_leaves_no_server(pytester: pytest.Pytester) -> None:
    app, pid_file = _pid_writing_app(pytester)
    test_file = pytester.makepyfile(
        f"""
        import time
        import pytest

        @pytest.mark.parametrize("scaffold_app", [{str(app)!r}], indirect=True)
        def test_that_will_not_stop(scaffold_app):
            while True:
                try:
                    time.sleep(120)
                except KeyboardInterrupt:
                    pass
        """
    )
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-n", "1", "-p", "no:cacheprovider", str(test_file)],
        cwd=pytester.path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        server = _server_of(run, pid_file)
        run.kill()
        run.wait()
        assert_gone(server, within=2.0)
    finally:
        run.kill()
        run.wait()


def test_scaffold_app_serves_as_smoke_does_and_refuses_what_cannot_serve(
    pytester: pytest.Pytester,
) -> None:
    # A project with its own virtualenv's python: the fixture serves it with that one.
    app = pytester.path / "own"
    flask_app(
        app,
        "import sys\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\ndef hello():\n    return sys.executable\n",
    )
    (app / ".venv" / "bin").mkdir(parents=True)
    (app / ".venv" / "bin" / "python").symlink_to(sys.executable)
    test_file = pytester.makepyfile(
        f"""
        import pytest
        import requests

        @pytest.mark.parametrize("scaffold_app", [{str(app)!r}], indirect=True)
        def test_its_own_python(scaffold_app):
            assert requests.get(scaffold_app.url + "/").text == {str(app / ".venv/bin/python")!r}

        @pytest.mark.parametrize(
            "scaffold_app",
            [{{"target": "flask-single", "server": "bogus"}},
             {{"target": "flask-single", "server": "asgi"}},
             {{"target": "flask-single", "sever": "wsgi"}}],
            indirect=True,
        )
        def test_refused(scaffold_app):
            pass
        """
    )
    result = pytester.runpytest_subprocess(test_file, "-p", "no:xdist", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=3)
    result.stdout.fnmatch_lines(
        [
            "*scaffold_app: server 'bogus' is not one of dev, wsgi, asgi.*",
            "*is a Flask app, which speaks WSGI, not ASGI*",
            "*scaffold_app needs a target*",
        ],
        consecutive=False,
    )


def test_the_docs_fixture_example_passes_as_written(pytester: pytest.Pytester) -> None:
    page = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    section = page.split("the `scaffold_app` pytest fixture", 1)[1]
    (example,) = re.findall(r"```python\n(.*?)```", section, re.DOTALL)[:1]
    # As the text says: ./mysite made by `scaffold new django-project mysite`.
    new = [sys.executable, "-m", "scaffold", "new", "django-project", "mysite"]
    made = subprocess.run(new, cwd=pytester.path, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    test_file = pytester.makepyfile(test_example=example)
    result = pytester.runpytest_subprocess(test_file, "-p", "no:xdist", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
