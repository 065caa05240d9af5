"""A fresh environment holds what `python -m venv` would put in it before the user's
pip install: setuptools (and its pkg_resources) on Pythons before 3.12 alone, which old
gunicorn and other old packages import. Where it has none, the advice names it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import scaffold
from scaffold._apps.detect import detect
from scaffold._apps.hints import explain
from scaffold.errors import ServerExitedError
from support import write_files

pytestmark = pytest.mark.integration

# As many a Flask app's requirements still pin it: gunicorn 20 imports pkg_resources.
OLD_GUNICORN = {
    "app.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    '@app.route("/")\ndef hello():\n    return "old"\n',
    "requirements.txt": "flask\ngunicorn==20.1.0\n",
}


def _python(older: bool) -> str:
    """A CPython before 3.12 (`older`), else one of 3.12 or later: this one, if it is."""
    if (sys.version_info < (3, 12)) == older:
        return sys.executable
    pyenv = Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser()
    for python in sorted(pyenv.glob("versions/3.1*/bin/python3")):
        said = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info >= (3, 12))"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        if (said.strip() == "False") == older:
            return str(python)
    raise AssertionError("these tests need CPythons before and after 3.12 under pyenv")


@pytest.mark.parametrize("chosen", ["uv", "pip"])
def test_before_python_3_12_the_environment_has_setuptools_as_venv_gives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    monkeypatch.setenv("SCAFFOLD_INSTALLER", chosen)
    root = write_files(tmp_path / "site", OLD_GUNICORN)
    (result,) = scaffold.smoke([root], fresh_env=True, python=_python(older=True), server="wsgi")
    assert result.passed, (result.error, result.output)
    assert result.body == "old"


def test_from_python_3_12_on_the_advice_names_setuptools_and_leads_to_a_pass(
    tmp_path: Path,
) -> None:
    root = write_files(tmp_path / "site", OLD_GUNICORN)
    python = _python(older=False)
    (failed,) = scaffold.smoke([root], fresh_env=True, python=python, server="wsgi")
    assert str(failed.error).endswith(
        " before answering: gunicorn imports pkg_resources, "
        "which setuptools held until version 82 (and virtualenvs hold setuptools on Pythons "
        "before 3.12 alone): add setuptools<82 to the project's requirements, or require a "
        "newer gunicorn that does not."
    )
    requirements = root / "requirements.txt"
    requirements.write_text(requirements.read_text() + "setuptools<82\n")
    (passed,) = scaffold.smoke([root], fresh_env=True, python=python, server="wsgi")
    assert passed.passed, (passed.error, passed.output)


def test_an_environment_without_pkg_resources_is_told_what_installs_it(tmp_path: Path) -> None:
    app = detect(write_files(tmp_path / "site", {"app.py": OLD_GUNICORN["app.py"]}))
    error = ServerExitedError(
        "the server exited with code 1 before answering",
        output='  File "/tmp/scaffold-run-1/server-2/site/app.py", line 1, in <module>\n'
        "    import pkg_resources\nModuleNotFoundError: No module named 'pkg_resources'\n",
    )
    assert explain(error, app, "/srv/env/bin/python", other_ways="--fresh-env") == (
        "the server exited with code 1 before answering: the app imports pkg_resources, which "
        "setuptools held until version 82 (and virtualenvs hold setuptools on Pythons before "
        "3.12 alone): install setuptools<82 there (/srv/env/bin/python -m pip install "
        "'setuptools<82'), or stop importing it, or use --fresh-env."
    )
