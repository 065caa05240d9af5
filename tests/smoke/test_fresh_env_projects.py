"""--fresh-env on projects as uv and pip users make them: applications without a build
system, locked ones, and servers the project does not list."""

from __future__ import annotations

import ast
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import scaffold
from sample_apps import flask_app
from scaffold._process.uv import find_uv
from scaffold._smoke.fresh_env import installer
from scaffold.cli import cli
from scaffold.errors import FreshEnvError
from support import run_as_said, run_scaffold, snapshot, startproject, write_files

pytestmark = pytest.mark.integration

SHOWS_FLASK = """\
from importlib.metadata import version

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return version("flask")
"""
HELLO_FLASK = """\
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello, World!"
"""
"""A Flask app that runs on any Python Flask runs on (3.6's, which has no importlib.metadata)."""
# uv's default for an application (`uv init --app`): no [build-system], so not a
# package, and here with two top-level packages, which setuptools refuses to build.
APPLICATION = """\
[project]
name = "shop"
version = "0.1.0"
requires-python = ">=3.10"
dependencies = [{dependency}]
"""


def _application(root: Path, dependency: str) -> Path:
    for package in ("orders", "billing"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
    (root / "app.py").write_text(SHOWS_FLASK)
    (root / "pyproject.toml").write_text(APPLICATION.format(dependency=f'"{dependency}"'))
    return root


# What says a project with a [build-system] is no package all the same.
NO_PACKAGE = {
    "no-build-system": "",
    "uv-package-false": '[build-system]\nrequires = ["setuptools"]\n'
    'build-backend = "setuptools.build_meta"\n\n[tool.uv]\npackage = false\n',
    "poetry-package-mode-false": '[build-system]\nrequires = ["poetry-core"]\n'
    'build-backend = "poetry.core.masonry.api"\n\n[tool.poetry]\npackage-mode = false\n',
}


@pytest.mark.parametrize("said", NO_PACKAGE.values(), ids=NO_PACKAGE.keys())
def test_an_application_without_a_build_system_gets_its_dependencies(
    tmp_path: Path, said: str
) -> None:
    root = _application(tmp_path / "shop", "flask>=3")
    with (root / "pyproject.toml").open("a") as pyproject:
        pyproject.write("\n" + said)
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert result.passed, (result.error, result.output)
    assert str(result.body).startswith("3.")
    assert sorted(p.name for p in root.iterdir()) == [
        "app.py",
        "billing",
        "orders",
        "pyproject.toml",
    ]


def test_a_locked_project_gets_exactly_what_uv_lock_locks(tmp_path: Path) -> None:
    root = _application(tmp_path / "shop", "flask==3.0.3")
    subprocess.run([str(installer("uv")), "lock", "--quiet"], cwd=root, check=True, timeout=300)
    # Its dependencies admit newer releases now: the lock still says 3.0.3.
    (root / "pyproject.toml").write_text(APPLICATION.format(dependency='"flask>=3"'))
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert (result.passed, result.body) == (True, "3.0.3"), (result.error, result.output)
    assert not (root / ".venv").exists()


def test_a_lock_for_newer_pythons_is_installed_with_one_it_admits(tmp_path: Path) -> None:
    """lee-lou2/django-boilerplate's pyproject.toml says no requires-python, so uv locked
    it for the 3.13 it ran on; its Dockerfile's image is 3.12, which `uv sync` refuses."""
    newer = _python_newer_than_this()
    minor = ".".join(Path(newer).parents[1].name.split(".")[:2])
    root = _application(tmp_path / "shop", "flask>=3")
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text().replace('requires-python = ">=3.10"\n', "")
    )
    (root / "app.py").write_text(
        SHOWS_FLASK.replace('version("flask")', "sys.version[:5]").replace(
            "from importlib", "import sys\nfrom importlib"
        )
    )
    (root / "Dockerfile").write_text(f"FROM python:{sys.version_info[0]}.{sys.version_info[1]}\n")
    uv = str(installer("uv"))
    subprocess.run([uv, "lock", "--quiet", "--python", newer], cwd=root, check=True, timeout=300)
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert result.passed, (result.error, result.output)
    assert str(result.body).startswith(f"{minor}."), result.body
    # A requirements.txt is installed in its place: the lock binds nothing then.
    (root / "requirements.txt").write_text("flask>=3\n")
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert result.passed, (result.error, result.output)
    assert str(result.body).startswith(f"{sys.version_info[0]}.{sys.version_info[1]}."), result.body


def _python_newer_than_this() -> str:
    """An installed CPython of a newer minor version than this one."""
    pyenv = Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser()
    newer = sorted(
        str(python)
        for python in pyenv.glob("versions/3.1*/bin/python3")
        if tuple(map(int, python.parents[1].name.split(".")[:2])) > sys.version_info[:2]
    )
    assert newer, "this test needs a CPython newer than the one running it, under pyenv"
    return newer[0]


# Poetry 2 (wemake-django-template) has a [project] whose dependencies are dynamic.
POETRY_PROJECT = {"poetry-1": "", "poetry-2": '[project]\nname = "shop"\nversion = "0.1"\n'
                  'dynamic = ["dependencies"]\n\n'}  # fmt: skip


_POETRY_BUILD = (
    '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
)
_NO_PACKAGE = "package-mode = false\n"


@pytest.mark.parametrize(
    ("project", "mode", "build", "said"),
    [
        *((project, _NO_PACKAGE, _POETRY_BUILD, "package-mode = false")
          for project in POETRY_PROJECT.values()),
        # fourlanes/wagtail-starter-blog's: no [build-system] at all, so none builds it.
        ("", "", "", "no [build-system]"),
    ],
    ids=[*POETRY_PROJECT.keys(), "no-build-system"],
)  # fmt: skip
def test_a_poetry_project_that_is_no_package_is_told_to_export_its_dependencies(
    tmp_path: Path, project: str, mode: str, build: str, said: str
) -> None:
    """Poetry's own table, not [project], and no package to build: only Poetry reads it."""
    root = tmp_path / "shop"
    root.mkdir()
    (root / "app.py").write_text(SHOWS_FLASK)
    (root / "pyproject.toml").write_text(
        f'{project}[tool.poetry]\nname = "shop"\n{mode}\n'
        f'[tool.poetry.dependencies]\npython = "^3.10"\nflask = "^3.0"\n\n{build}'
    )
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert str(result.error).endswith(
        f": its pyproject.toml is Poetry's, for no package ({said}), whose "
        "dependencies only Poetry reads: export them (poetry export -f requirements.txt -o "
        "requirements.txt), or give a requirements file with requirements=."
    )
    # What the export writes, kept outside the project, as --requirements takes it.
    (tmp_path / "requirements.txt").write_text("flask>=3.0,<4.0\n")
    (passed,) = scaffold.smoke([root], fresh_env=True, requirements=tmp_path / "requirements.txt")
    assert passed.passed, passed.error


def test_a_poetry_project_with_no_module_of_its_name_is_told_to_export_its_dependencies(
    tmp_path: Path,
) -> None:
    """Lyndating/Django_poetry_demo: `poetry init`, then `poetry add django`, and no
    package-mode = false: poetry-core, asked to build it, finds no module of its name
    (`poetry install` only warns of it). The advice, followed, passes."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "app.py").write_text(HELLO_FLASK)
    (root / "pyproject.toml").write_text(
        '[tool.poetry]\nname = "shop-site"\nversion = "0.1.0"\ndescription = ""\n'
        'authors = ["Shop <shop@example.com>"]\n\n'
        '[tool.poetry.dependencies]\npython = "^3.8"\nflask = "^3.0"\n\n'
        '[build-system]\nrequires = ["poetry-core>=1.0.0"]\n'
        'build-backend = "poetry.core.masonry.api"\n'
    )
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        ": the project, shop-site, is no package Poetry can build (no module has its name): "
        "it is Poetry's, for its dependencies alone, which only Poetry reads: export them "
        "(poetry export -f requirements.txt -o requirements.txt), or give a requirements "
        "file with requirements="
    ), failed.error
    (tmp_path / "requirements.txt").write_text("flask>=3.0,<4.0\n")  # what the export writes
    (passed,) = scaffold.smoke([root], fresh_env=True, requirements=tmp_path / "requirements.txt")
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


def test_the_server_comes_with_the_fresh_environment() -> None:
    # django-project's requirements.txt lists gunicorn, not uvicorn.
    (result,) = scaffold.smoke(["django-project"], server="asgi", fresh_env=True)
    assert result.passed, (result.error, result.output)


def test_a_module_its_requirements_lack_is_named_as_theirs_to_add(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "app.py").write_text("import no_such_distribution_here\n\n" + SHOWS_FLASK)
    (root / "requirements.txt").write_text("flask\n")
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert not result.passed
    assert str(result.error).endswith(
        "the app imports no_such_distribution_here, which the project's requirements do not "
        "install: add its package to requirements.txt."
    )
    # A uv application, without requirements.txt: its pyproject.toml lists them.
    (root / "requirements.txt").unlink()
    (root / "pyproject.toml").write_text(APPLICATION.format(dependency='"flask"'))
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert str(result.error).endswith(
        "the app imports no_such_distribution_here, which the project's requirements do not "
        "install: add its package to pyproject.toml's dependencies."
    ), result.error


def test_a_module_a_package_installed_imports_undeclared_is_named_with_that_package(
    tmp_path: Path,
) -> None:
    """As django-bootstrap4-form imports packaging, which it does not list: the import
    fails in the package installed, and the project's requirements are what can add it;
    as Flask-Script imports flask._compat, which Flask 2.0 took out."""
    root = write_files(tmp_path / "site", {
        "app.py": "import widgets\n\n" + SHOWS_FLASK,
        "requirements.txt": "flask\n./widgets\n",
        "widgets/pyproject.toml": '[build-system]\nrequires = ["flit_core>=3.4,<4"]\n'
        'build-backend = "flit_core.buildapi"\n\n[project]\nname = "widgets"\n'
        'version = "1.0"\ndescription = "Form widgets"\n',
        "widgets/widgets/__init__.py": "from packaging.version import Version\n",
    })  # fmt: skip
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert str(result.error).endswith(
        "widgets imports packaging, which the project's requirements do not install: add "
        "its package to requirements.txt."
    ), result.error
    (root / "requirements.txt").write_text("flask\n./widgets\npackaging\n")
    (passed,) = scaffold.smoke([root], fresh_env=True)
    assert passed.passed, (passed.error, passed.output)
    # Flask-Script's shape: a module of the framework's that a later release took out.
    (root / "widgets" / "widgets" / "__init__.py").write_text(
        "from flask._compat import text_type\n"
    )
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        "widgets imports flask._compat, which the flask installed has not got: it is written "
        "for another version of flask; pin the one it is written for in its requirements."
    ), failed.error


def test_a_requirement_its_marker_leaves_out_is_named_with_the_marker(tmp_path: Path) -> None:
    """As a Poetry export writes them (hackersandslackers/flask-blueprint-tutorial's):
    every line for Python 3.12 and later, installed on an older one: nothing installed."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "app.py").write_text(SHOWS_FLASK)
    (root / "requirements.txt").write_text('flask==3.1.2 ; python_version >= "3.99"\n')
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert str(result.error).endswith(
        "the app imports flask, and requirements.txt lists flask only where python_version >= "
        '"3.99", which this environment is not: serve the app with a Python that is (python=).'
    ), result.error
    # A distribution named otherwise than its module, its hashes after the marker, on
    # lines continued, as `poetry export` writes them (django-react-boilerplate's); under
    # gunicorn, which imports the app first.
    (root / "app.py").write_text("import decouple\n" + SHOWS_FLASK)
    (root / "requirements.txt").write_text(
        'flask==3.1.2 ; python_version >= "3.99" \\\n    --hash=sha256:' + "0" * 64 + "\n"
        'python-decouple==3.8 ; python_version >= "3.99" \\\n    --hash=sha256:' + "1" * 64 + "\n"
    )
    (result,) = scaffold.smoke([root], fresh_env=True, server="wsgi")
    assert str(result.error).endswith(
        "the app imports decouple, and requirements.txt lists python-decouple only where "
        'python_version >= "3.99", which this environment is not: serve the app with a Python '
        "that is (python=)."
    ), result.error
    # wemake-django-template's manage.py raises its own ImportError `from None`, and its
    # export is given with --requirements.
    django = startproject("config", tmp_path / "django")
    manage = django / "manage.py"
    manage.write_text(manage.read_text().replace(") from exc", ") from None"))
    exported = write_files(tmp_path, {"exported.txt": 'django ; python_version >= "3.99"\n'})
    (result,) = scaffold.smoke([django], fresh_env=True, requirements=exported / "exported.txt")
    assert str(result.error).endswith(
        "the app imports django, and exported.txt lists django only where python_version >= "
        '"3.99", which this environment is not: serve the app with a Python that is (python=).'
    ), result.error


def test_a_requirement_pip_refuses_for_this_python_is_advised_one_that_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pip's own words for a requirement whose Requires-Python refuses the environment's
    Python (a local project's python_requires, here): the advice names an installed
    Python it admits, which then serves the app. Followed with uv, in a fifth of pip's
    time: what is advised is the Python, not the installer."""
    other = _other_python()
    minor = _minor_of(other)
    root = tmp_path / "site"
    write_files(root / "thing", {
        "setup.py": "from setuptools import setup\n\nsetup(name='thing', version='1.0', "
        f"py_modules=['thing'], python_requires='=={minor}.*')\n",
        "thing.py": "",
    })  # fmt: skip
    (root / "requirements.txt").write_text("./thing\nflask\n")
    (root / "app.py").write_text("import thing\n\n" + SHOWS_FLASK)
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "pip")
    (failed,) = scaffold.smoke([root], fresh_env=True)
    mine = ".".join(map(str, sys.version_info[:3]))
    advised = re.search(
        f": thing needs Python =={re.escape(minor)}.\\*, and the environment's is {mine}: serve "
        r"the app with a Python that fits \(python='(?P<python>[^']+)', installed here\)$",
        str(failed.error),
    )
    assert advised, failed.error
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "uv")
    (passed,) = scaffold.smoke([root], fresh_env=True, python=advised["python"])
    assert passed.passed, passed.error


def test_a_python_its_markers_admit_is_named_and_serves_the_app(tmp_path: Path) -> None:
    """hackersandslackers/flask-blueprint-tutorial's export lists flask-assets before
    flask, every line for Python 3.12 and later: the advice names flask, and a Python
    installed here that the marker admits, which then serves the app."""
    other = _other_python()
    minor = _minor_of(other)
    marker = f'python_version == "{minor}"'  # not this Python's, the other's
    root = tmp_path / "site"
    root.mkdir()
    (root / "app.py").write_text(SHOWS_FLASK)
    (root / "requirements.txt").write_text(
        f"flask-sqlalchemy==3.1.1 ; {marker}\nflask==3.1.2 ; {marker}\n"
    )
    (failed,) = scaffold.smoke([root], fresh_env=True)
    advice = str(failed.error).rpartition(": serve the app with a Python that is (python=")
    assert advice[0].endswith(
        f"the app imports flask, and requirements.txt lists flask only where {marker}, which "
        "this environment is not"
    ), failed.error
    named, _, rest = advice[2].partition(", installed here).")
    assert rest == ""
    python = named.strip("'")
    assert python.startswith(str(Path(other).parents[2])), python  # pyenv's, as `other` is
    (passed,) = scaffold.smoke([root], fresh_env=True, python=python)
    assert passed.passed, (passed.error, passed.output)


def _smoked_with_requirements(
    root: Path, requirements: str, python: str | None = None
) -> tuple[str, str]:
    """The error of a fresh-env smoke of a Flask app at `root` whose requirements.txt is
    `requirements`, its `{closed}` a host and port where nothing listens (a connection
    to it is refused at once), with `python`; and that host and port."""
    root.mkdir()
    (root / "app.py").write_text(SHOWS_FLASK)
    with socket.socket() as closed:  # bound and never listening
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        (root / "requirements.txt").write_text(requirements.format(closed=f"127.0.0.1:{port}"))
        (result,) = scaffold.smoke([root], fresh_env=True, python=python)
    assert not result.passed
    return str(result.error), f"127.0.0.1:{port}"


@pytest.mark.parametrize("chosen", ["uv", "pip", "pip-3.6"])
def test_a_git_requirement_that_cannot_be_fetched_is_named_with_gits_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    """A dependency from a git host this machine cannot reach (unfoldadmin/formula's
    django-unfold from GitHub, here a closed port): uv fetches it, pip clones it; the
    pip of Python 3.6 (django-cbv-inspector's runtime.txt) says it in words of its own."""
    installer, _, version = chosen.partition("-")
    monkeypatch.setenv("SCAFFOLD_INSTALLER", installer)
    python = _pyenv_python(version) if version else None
    said, closed = _smoked_with_requirements(
        tmp_path / "site", "flask\nshop @ git+https://{closed}/shop.git\n", python
    )
    url = f"https://{closed}/shop.git"
    assert f": git could not fetch {url}: unable to access '{url}/': Failed to connect" in said


@pytest.mark.parametrize("chosen", ["uv", "pip"])
def test_an_index_that_cannot_be_reached_is_said_so_not_a_missing_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    """Requirements naming an index this machine cannot reach (here a closed port; a
    CI job offline, or an old `-i https://pypi.python.org/simple`, alike)."""
    monkeypatch.setenv("SCAFFOLD_INSTALLER", chosen)
    # Their waits between tries are not the test: uv's none, pip's one.
    monkeypatch.setenv("UV_HTTP_RETRIES", "0")
    monkeypatch.setenv("PIP_RETRIES", "1")
    said, closed = _smoked_with_requirements(
        tmp_path / "site", "-i http://{closed}/simple\nflask\n"
    )
    unreachable = f": http://{closed}/simple/flask/ could not be fetched (" if chosen == "uv" else (
        ": the package index could not be reached ([Errno 111] Connection refused)"
    )  # fmt: skip
    assert unreachable in said, said
    assert said.endswith("): check the network, and the index or URL the requirements name"), said


# psycopg2 2.6's setup.py (realpython/flask-jwt-auth pins 2.6.2): it reads PostgreSQL's
# version from pg_config as three numbers, which PostgreSQL 10 and later no longer give;
# 2.7 reads two.
_PG_VERSION_READ = (
    "import re, subprocess, sys\n\nfrom setuptools import setup\n\n"
    "version = subprocess.run(['pg_config', '--version'], capture_output=True, text=True)"
    ".stdout.split()[1]\n"
    "if not re.match(r'{pattern}', version):\n"
    "    sys.exit(f\"Error: could not determine PostgreSQL version from '{{version}}'\")\n"
    "setup(name='pgthing', version='1.0', py_modules=['pgthing'])\n"
)


def test_what_wtforms_3_took_out_is_named_and_replaced_in_turn(
    tmp_path: Path,
) -> None:
    """A form of a 2016 Flask tutorial's, on today's Flask-WTF and WTForms:
    `wtforms.fields.html5`, `Required` and its alias `required`, each named with what
    replaces it; replaced so one after another, the app serves."""
    changes = [
        ("from wtforms.fields.html5 import", "from wtforms.fields import",
         "WTForms 3.0 took it out: import its fields (EmailField, …) from wtforms.fields."),
        ("import Required", "import DataRequired as Required",
         "WTForms 3.0 took it out: use DataRequired (or InputRequired)."),
        ("validators.required()", "validators.data_required()",
         "WTForms 3.0 took it out: use data_required (or input_required)."),
    ]  # fmt: skip
    root = write_files(tmp_path / "site", {
        "requirements.txt": "flask\nflask-wtf\nwtforms\n",
        "app.py": "from flask_wtf import FlaskForm\nfrom wtforms import StringField, validators\n"
        "from wtforms.fields.html5 import EmailField\n"
        "from wtforms.validators import Required\n\n\nclass Signup(FlaskForm):\n"
        "    email = EmailField('Email', validators=[Required()])\n"
        "    name = StringField('Name', validators=[validators.required()])\n\n\n" + SHOWS_FLASK,
    })  # fmt: skip
    for old, new, gone in changes:
        (failed,) = scaffold.smoke([root], fresh_env=True)
        assert str(failed.error).endswith(gone), failed.error
        (root / "app.py").write_text((root / "app.py").read_text().replace(old, new))
    (passed,) = scaffold.smoke([root], fresh_env=True)
    assert passed.passed, passed.error


def test_a_module_a_newer_pythons_standard_library_added_is_advised_that_python(
    tmp_path: Path,
) -> None:
    """An app written for Python 3.11, served with 3.10 (its runtime.txt's, say): not
    "written for another version of tomllib", but the Python that has it; followed, it
    serves."""
    root = write_files(tmp_path / "site", {
        "requirements.txt": "flask\n", "app.py": "import tomllib\n\n" + SHOWS_FLASK,
    })  # fmt: skip
    (failed,) = scaffold.smoke([root], fresh_env=True, python=_pyenv_python("3.10"))
    assert ": the app imports tomllib, which Python's standard library has from 3.11 on: serve "
    "it with a newer Python (python=" in str(failed.error), failed.error
    assert str(failed.error).endswith(
        ", installed here), or require its backport for this one (tomli)."
    ), failed.error
    advised = str(failed.error).split("(python=")[1].split(",")[0]
    (passed,) = scaffold.smoke([root], fresh_env=True, python=ast.literal_eval(advised))
    assert passed.passed, passed.error


# Flask-DebugToolbar 0.11's shape: as it is imported, it gives Jinja the extension
# `jinja2.ext.with_` by name, which Jinja 3.0 took out: jinja2's own code raises.
_TOOLBAR = "import jinja2\n\nenvironment = jinja2.Environment({})\n"
_RELEASE = (
    "from setuptools import setup\nsetup(name='toolbar', version='{}', py_modules=['toolbar'])\n"
)


def test_a_package_asking_its_library_for_what_it_took_out_is_advised_a_newer_release(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    release = write_files(root / "toolbar", {
        "setup.py": _RELEASE.format("0.11"),
        "toolbar.py": _TOOLBAR.format("extensions=['jinja2.ext.with_']"),
    })  # fmt: skip
    (root / "requirements.txt").write_text("flask\n./toolbar\n")
    (root / "app.py").write_text("import toolbar\n\n" + SHOWS_FLASK)
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        " before answering: toolbar uses jinja2.ext.with_, which the jinja2 installed has not "
        "got: toolbar is written for an older jinja2; require a newer toolbar, or pin the one "
        "it is written for in its requirements. Jinja 3.0 took it out (2.9 made `with` built "
        "in): leave it out of the extensions."
    ), failed.error
    write_files(release, {"setup.py": _RELEASE.format("0.13"), "toolbar.py": _TOOLBAR.format("")})
    (passed,) = scaffold.smoke([root], fresh_env=True)
    assert passed.passed, passed.error


def test_a_release_older_than_the_library_it_builds_against_is_told_to_pin_a_newer_one(
    tmp_path: Path,
) -> None:
    """Its setup.py cannot read the version of the PostgreSQL installed here (pg_config,
    as libpq-dev installs it): that is said, and a newer release, pinned, builds."""
    pg_config = shutil.which("pg_config")
    assert pg_config, "this test needs pg_config (Debian: libpq-dev)"
    installed = subprocess.run([pg_config, "--version"], capture_output=True, text=True,
                               check=True, timeout=60).stdout.split()[1]  # fmt: skip
    root = tmp_path / "site"
    release = root / "pgthing"
    write_files(release, {
        "setup.py": _PG_VERSION_READ.format(pattern=r"(\d+)\.(\d+)(?:\.(\d+)|devel)"),
        "pgthing.py": "",
    })  # fmt: skip
    (root / "requirements.txt").write_text("flask\n./pgthing\n")
    (root / "app.py").write_text("import pgthing\n\n" + SHOWS_FLASK)
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        f": Error: could not determine PostgreSQL version from '{installed}' (its setup.py "
        f"cannot read the version of the PostgreSQL installed here, {installed}, which is "
        "newer than that release: pin a newer release of it)"
    ), failed.error
    (release / "setup.py").write_text(_PG_VERSION_READ.format(pattern=r"(\d+)(?:\.(\d+))?"))
    (passed,) = scaffold.smoke([root], fresh_env=True)
    assert passed.passed, passed.error


@pytest.mark.parametrize("chosen", ["uv", "pip"])
def test_a_requirement_that_does_not_build_is_named_with_its_error(
    tmp_path: Path, chosen: str
) -> None:
    root = tmp_path / "site"
    (root / "fast").mkdir(parents=True)
    (root / "fast" / "setup.py").write_text(
        "from setuptools import Extension, setup\n\n"
        'setup(name="fastthing", version="1.0", ext_modules=[Extension("fastthing", ["f.c"])])\n'
    )
    # Pages of warnings before the error, as old packages' builds print (setuptools'
    # deprecations, the compiler's): the cause is still named, and the package that failed,
    # which uv says first of all.
    noise = "".join(f'#warning "noise {i}"\n' for i in range(60))
    (root / "fast" / "f.c").write_text(f"{noise}#include <no_such_header.h>\nint x;\n")
    (root / "requirements.txt").write_text("flask\n./fast\n")
    (root / "app.py").write_text(SHOWS_FLASK)
    # As a user runs it: whatever the installer leaves in TMPDIR (uv's build locks) is
    # in scaffold's own folder, removed with it.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "scaffold", "smoke", "--json", "--fresh-env", str(root)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "SCAFFOLD_INSTALLER": chosen, "TMPDIR": str(temporary)},
    )  # fmt: skip
    assert list(temporary.iterdir()) == []
    (result,) = json.loads(run.stdout)
    assert (run.returncode, result["passed"]) == (1, False)
    assert str(result["error"]).endswith(
        "failed (exit 1): fastthing did not build: f.c:61:10: fatal error: no_such_header.h: "
        "No such file or directory (it compiles against a library whose development files "
        "this machine has not got: install them from the OS's packages, as its install "
        "instructions name them, or pin a release that has a wheel for this Python)"
    ), result["error"]


def test_a_build_that_raises_a_modules_lower_case_error_is_named_with_it(
    tmp_path: Path,
) -> None:
    """MarkupSafe 1.0's setup.py (Flask 1.0 tutorials pin it, CoreyMSchafer's among them)
    puts a regex's flags after its start, which Python 3.11 refuses with `re.error`, in
    its own standard library: the advice, an older Python, builds it."""
    root = tmp_path / "site"
    (root / "old").mkdir(parents=True)
    (root / "old" / "setup.py").write_text(
        "import re\n\nfrom setuptools import setup\n\nre.search('version(?i)', '')\n"
        "setup(name='oldthing', version='1.0')\n"
    )
    (root / "requirements.txt").write_text("flask\n./old\n")
    (root / "app.py").write_text(SHOWS_FLASK)
    (result,) = scaffold.smoke([root], fresh_env=True, python=_pyenv_python("3.11"))
    older = _older_python_advised(  # uv names no package it had no metadata of
        result.error,
        " did not build: re.error: global flags not at the start of the expression at "
        "position 7 (it fails in Python 3.11's own standard library as it builds: it, or "
        "the build tool it needs, is older than this Python: serve the app with an older "
        "Python ",
    )
    (passed,) = scaffold.smoke([root], fresh_env=True, python=older)
    assert passed.passed, (passed.error, passed.output)


_OLD_CYTHON_BUILD = {
    "pyproject.toml": '[build-system]\nrequires = ["setuptools", "cython"]\n',
    "setup.py": """\
from Cython.Distutils import build_ext as _build_ext
from setuptools import Extension, setup


class build_ext(_build_ext):
    # As PyYAML 5.4.1's: the sources as Cython 0.29's build_ext lists them.
    def get_source_files(self):
        for extension in self.extensions:
            self.cython_sources(extension.sources, extension)
        return [source for extension in self.extensions for source in extension.sources]


setup(
    name="oldthing", version="1.0", cmdclass={"build_ext": build_ext},
    ext_modules=[Extension("oldthing", ["oldthing.c"])],
)
""",
    "oldthing.c": "#include <Python.h>\n\nstatic struct PyModuleDef thing = "
    '{PyModuleDef_HEAD_INIT, "oldthing", NULL, -1, NULL};\n\n'
    "PyMODINIT_FUNC PyInit_oldthing(void) { return PyModule_Create(&thing); }\n",
}


def _importing(name: str) -> dict[str, str]:
    setup = f"from setuptools import {name}, setup\n\nsetup(name='oldthing', version='1.0')\n"
    return {"setup.py": setup}


@pytest.mark.parametrize(
    ("chosen", "package", "said", "older"),
    [
        # django-allauth 0.42's setup.py imports convert_path, which setuptools 70 took out.
        ("uv", _importing("convert_path"), "cannot import name 'convert_path' from 'setuptools'",
         "setuptools<70"),
        ("pip", _importing("convert_path"), "cannot import name 'convert_path' from 'setuptools'",
         "setuptools<70"),
        # MarkupSafe 1.0's (Flask 1.0 tutorials pin it), gone in 46.
        ("uv", _importing("Feature"), "cannot import name 'Feature' from 'setuptools'",
         "setuptools<46"),
        # The same on the Python 3.6 a runtime.txt names (django-cbv-inspector's), whose
        # ImportError names the name alone.
        ("uv@3.6", _importing("Feature"), "cannot import name 'Feature' from 'setuptools'",
         "setuptools<46"),
        # PyYAML 5.4.1's (shynet's lock pins it), which Cython 3 no longer builds.
        ("uv", _OLD_CYTHON_BUILD, "'build_ext' object has no attribute 'cython_sources'",
         "cython<3"),
        # anyjson 0.3.3's (flack's requirements pin it), converted by 2to3 as it is built.
        ("uv", {"setup.py": "from setuptools import setup\n\n"
                "setup(name='oldthing', version='1.0', use_2to3=True)\n"},
         "use_2to3 is invalid", "setuptools<58"),
    ],
    ids=["uv", "pip", "uv-Feature", "uv-Feature-3.6", "uv-Cython", "uv-2to3"],
)  # fmt: skip
def test_a_setup_py_older_than_its_build_tools_is_built_with_the_constraint_advised(
    tmp_path: Path,
    chosen: str,
    package: dict[str, str],
    said: str,
    older: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "site"
    write_files(root / "old", package)
    (root / "requirements.txt").write_text("flask\n./old\n")
    chosen, _, version = chosen.partition("@")
    python = _pyenv_python(version) if version else None
    (root / "app.py").write_text(SHOWS_FLASK if python is None else HELLO_FLASK)
    monkeypatch.setenv("SCAFFOLD_INSTALLER", chosen)
    (result,) = scaffold.smoke([root], fresh_env=True, python=python)
    variable = {"uv": "UV_BUILD_CONSTRAINT", "pip": "PIP_CONSTRAINT"}[chosen]
    tool = {"setuptools": "setuptools", "cython": "Cython"}[older.partition("<")[0]]
    assert said in str(result.error), result.error
    advised = f"build it with an older one, a file holding `{older}` named by {variable}=FILE"
    assert advised in str(result.error), result.error
    if older != "setuptools<58":  # 2to3's: on Python 3.11 or older (test_fresh_env)
        assert str(result.error).endswith(
            f"(its setup.py is older than the {tool} its build gets: {advised} in the "
            "environment smoke runs in, or pin a newer release of it)"
        ), result.error
    if chosen == "uv":  # the advice, followed (pip takes it as well, more slowly)
        (tmp_path / "build.txt").write_text(f"{older}\n")
        monkeypatch.setenv(variable, str(tmp_path / "build.txt"))
        (passed,) = scaffold.smoke([root], fresh_env=True, python=python)
        assert passed.passed, passed.error


_OLD_C_API = {
    "setup.py": "from setuptools import Extension, setup\n\n"
    "setup(name='oldthing', version='1.0', ext_modules=[Extension('oldthing', ['oldthing.c'])])\n",
    # A field of PyCodeObject that Python 3.10 took out (co_linetable took its place).
    "oldthing.c": "#include <Python.h>\n\n"
    "static PyObject *lnotab(PyObject *self, PyObject *code) {\n"
    "    PyObject *table = ((PyCodeObject *)code)->co_lnotab;\n"
    "    Py_INCREF(table);\n    return table;\n}\n\n"
    'static PyMethodDef methods[] = {{"lnotab", lnotab, METH_O, NULL}, {NULL}};\n'
    'static struct PyModuleDef thing = {PyModuleDef_HEAD_INIT, "oldthing", NULL, -1, methods};\n'
    "PyMODINIT_FUNC PyInit_oldthing(void) { return PyModule_Create(&thing); }\n",
}


# Python 3.10's Py_REFCNT() is no longer something to assign to (cffi 1.11's
# `Py_REFCNT(ct) = 43;`): the compiler's error says only "lvalue required", the line it
# prints below it names the macro.
_OLD_MACRO = _OLD_C_API["oldthing.c"].replace(
    "((PyCodeObject *)code)->co_lnotab;\n", "code;\n    Py_REFCNT(table) = Py_REFCNT(table);\n"
)


# psycopg2 2.7's: a field of PyInterpreterState, whose fields Python 3.8 moved into its
# internal headers ("invalid use of incomplete typedef").
_OLD_STATE = _OLD_C_API["oldthing.c"].replace(
    "((PyCodeObject *)code)->co_lnotab;", "PyThreadState_Get()->interp->modules;"
)


@pytest.mark.parametrize(
    ("code", "said", "tries"),
    [
        (_OLD_C_API["oldthing.c"], "has no member named", 3),
        (_OLD_MACRO, "lvalue required", 1),
        (_OLD_STATE, "incomplete typedef", 1),
    ],
    ids=["field", "macro", "interpreter-state"],
)
def test_a_c_extension_written_for_an_older_python_is_advised_one(
    tmp_path: Path, code: str, said: str, tries: int
) -> None:
    """Shaped like flack's pins on Python 3.11: greenlet 0.4.15's C reads a field of
    Python's that 3.11 took out; like cffi 1.11's, which assigns to a macro 3.10 made a
    value; and psycopg2 2.7's, reading the interpreter's state as Python 3.7 and older
    show it. The compiler's error names it, and each advice the newest Python installed
    here older than the one that failed, or, for a change of the C API's whose Python
    is known, than that one: followed, one builds it (3.9 here, whose PyCodeObject still
    has co_lnotab, and whose Py_REFCNT takes a value, at the first advice; 3.7)."""
    root = tmp_path / "site"
    write_files(root / "old", {**_OLD_C_API, "oldthing.c": code})
    (root / "requirements.txt").write_text("flask\n./old\n")
    (root / "app.py").write_text("import oldthing\n\n" + HELLO_FLASK)  # as Python 3.7 has it
    (result,) = scaffold.smoke([root], fresh_env=True)
    tried = []
    while not result.passed and len(tried) < tries:  # each newer Python took the field out
        assert said in str(result.error), result.error
        tried.append(_older_python_advised(
            result.error,
            " (it compiles against Python's C API as an older Python had it: serve the app "
            "with an older Python ",
        ))  # fmt: skip
        (result,) = scaffold.smoke([root], fresh_env=True, python=tried[-1])
    assert result.passed, (tried, result.error)
    assert len(tried) == len(set(tried)), tried  # each advice a Python not tried before


@pytest.mark.parametrize(
    ("uses", "said"),
    [
        ("import xml.etree.ElementTree as ET\n\nET.Element('docs').getchildren()\n",
         "AttributeError: 'xml.etree.ElementTree.Element' object has no attribute 'getchildren'"),
        ("from collections import MutableMapping\n",
         "ImportError: cannot import name 'MutableMapping' from 'collections' ("),
    ],
    ids=["attribute", "import"],
)  # fmt: skip
def test_a_build_using_what_the_standard_library_took_out_is_advised_a_python_before(
    tmp_path: Path, uses: str, said: str
) -> None:
    """Markdown 2.3.1's setup.py (flasky-first-edition pins it) calls ElementTree's
    getchildren(), which Python 3.9 took out; requests 1.2's imports its urllib3, which
    imports `collections.MutableMapping`, which 3.10 took out: the advice names a
    Python before that one, and followed, the build passes."""
    root = tmp_path / "site"
    write_files(root / "old", {
        "setup.py": f"{uses}\nfrom setuptools import setup\n\n"
        "setup(name='oldmark', version='1.0', py_modules=['oldmark'])\n",
        "oldmark.py": "",
    })  # fmt: skip
    (root / "requirements.txt").write_text("flask\n./old\n")
    (root / "app.py").write_text("import oldmark\n\n" + HELLO_FLASK)
    (failed,) = scaffold.smoke([root], fresh_env=True, python=_pyenv_python("3.11"))
    assert f" did not build: {said}" in str(failed.error), failed.error
    older = _older_python_advised(
        failed.error,
        " (it uses what Python 3.11's standard library no longer has as it builds: it is "
        "older than this Python: serve the app with an older Python ",
    )
    (passed,) = scaffold.smoke([root], fresh_env=True, python=older)
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


# Django before 1.11's ModelBase: a metaclass that drops `__classcell__` as it makes a
# class whose methods use super(), which Python 3.8 made an error of.
_OLD_METACLASS = {
    "setup.py": "from setuptools import setup\n\nsetup(name='oldmodels', version='1.0', "
    "py_modules=['oldmodels'])\n",
    "oldmodels.py": "class ModelBase(type):\n    def __new__(mcs, name, bases, attrs):\n"
    "        attrs = {k: v for k, v in attrs.items() if k != '__classcell__'}\n"
    "        return super().__new__(mcs, name, bases, attrs)\n\n\n"
    "class Model(metaclass=ModelBase):\n    def save(self):\n        return super().__init__\n",
}


def test_a_package_making_classes_as_python_3_8_refuses_is_advised_a_python_before(
    tmp_path: Path,
) -> None:
    """gothinkster's django-realworld-example-app (Django 1.10) on Python 3.9: "__class__
    not set defining 'AbstractBaseUser'": the advice names a Python before 3.8, and
    followed, the app answers."""
    root = tmp_path / "site"
    write_files(root / "old", _OLD_METACLASS)
    (root / "requirements.txt").write_text("flask\n./old\n")
    (root / "app.py").write_text("import oldmodels\n\n" + HELLO_FLASK)
    (failed,) = scaffold.smoke([root], fresh_env=True, python=_pyenv_python("3.9"))
    advised = re.search(
        r"oldmodels defines classes \(Model\) as Python 3.9 no longer lets it \(`__classcell__`, "
        r"which 3.8 made an error of\): that version of oldmodels is older than this Python. "
        r"Require a newer one, or serve the app with an older Python \(python='(?P<python>"
        r"[^']+)', installed here\).$",
        str(failed.error),
    )
    assert advised, failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, python=advised["python"])
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


def test_the_python_a_build_compiled_for_is_read_where_its_compiler_line_is_cut() -> None:
    """psycopg2 2.7.7 on Python 3.9 (CoreyMSchafer's Django_Blog pins it): smoke keeps
    a server's or installer's lines to a length, which cuts the compiler's `-I…/python3.9`
    off; its build folders name the Python too. The advice names one older than it."""
    from scaffold._smoke.build_errors import not_built

    output = (
        "error: Failed to build `psycopg2==2.7.7`\n  cause: The build backend returned an error\n"
        "         running build_ext\n         creating build/temp.linux-x86_64-cpython-39/psycopg\n"
        "         gcc -Wno-unused-result -DPSYCOPG_DEFAULT_PYDATETIME=1 -I/root/.cache/uv/… (cut)\n"
        "         psycopg/psycopgmodule.c:689:18: error: invalid use of incomplete typedef "
        "'PyInterpreterState' {aka 'struct _is'}\n"
    )
    advised = re.search(r"an older Python \(python='(?P<python>[^']+)', installed here\)",
                        not_built(output))  # fmt: skip
    assert advised, not_built(output)
    named = subprocess.run([advised["python"], "-c", "import sys; print(*sys.version_info[:2])"],
                           capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    assert tuple(map(int, named.stdout.split())) < (3, 9)


# A package that imports from werkzeug's top what Werkzeug 1.0 took out of it (Eve 0.8's
# `from werkzeug import MultiDict`).
_OLD_WERKZEUG_USER = {
    "setup.py": "from setuptools import setup\n\n"
    "setup(name='oldforms', version='1.0', py_modules=['oldforms'])\n",
    "oldforms.py": "from werkzeug import MultiDict\n",
}


def test_a_name_an_older_python_names_alone_is_advised_as_a_newer_one_names_it(
    tmp_path: Path,
) -> None:
    """Shaped like eve-demo on the Python 3.6 its runtime.txt names: an installed package
    imports a name another has not got, and Python 3.6 names the name alone, not the
    module. The advice is a newer Python's; followed, the pin serves it."""
    older = _pyenv_python("3.6")
    root = tmp_path / "site"
    write_files(root / "old", _OLD_WERKZEUG_USER)
    (root / "requirements.txt").write_text("flask\n./old\n")
    (root / "app.py").write_text("import oldforms\n" + HELLO_FLASK)
    (failed,) = scaffold.smoke([root], fresh_env=True, python=older)
    assert "ImportError: cannot import name 'MultiDict'\n" in failed.output
    assert str(failed.error).endswith(
        "oldforms imports MultiDict from werkzeug, which the werkzeug installed has not got: "
        "oldforms is written for another version of werkzeug; pin the one it is written for "
        "in its requirements. Werkzeug 1.0 took the names it gave at its top out: import "
        "each from the module that has it (werkzeug.urls, werkzeug.utils, …)."
    ), failed.error
    (root / "requirements.txt").write_text("flask\nwerkzeug<1.0\n./old\n")
    (passed,) = scaffold.smoke([root], fresh_env=True, python=older)
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


# pytz 2017.3's lazy.py: Python 2's UserDict first, then a name Python 3.10 took out.
_OLD_FALLBACK = {
    "setup.py": "from setuptools import setup\n\n"
    "setup(name='oldmap', version='1.0', py_modules=['oldmap'])\n",
    "oldmap.py": "try:\n    from UserDict import DictMixin\nexcept ImportError:\n"
    "    from collections import Mapping as DictMixin\n",
}


def test_a_python_2_import_a_package_caught_is_not_the_cause_its_fallbacks_failure_is(
    tmp_path: Path,
) -> None:
    """sibtc's django-multiple-user-types-example pins pytz 2017.3: on Python 3.11 its
    fallback fails, and that is the cause, not the Python 2 import it caught. The advice,
    an older Python, serves it."""
    root = tmp_path / "site"
    write_files(root / "old", _OLD_FALLBACK)
    (root / "requirements.txt").write_text("flask\n./old\n")
    (root / "app.py").write_text("import oldmap\n" + HELLO_FLASK)
    (failed,) = scaffold.smoke([root], fresh_env=True)
    minor = f"{sys.version_info[0]}.{sys.version_info[1]}"
    advised = re.search(
        f"oldmap uses collections.Mapping, which Python {minor} has not got: that version of "
        "oldmap is older than this Python. Require a newer one, or serve the app with an "
        r"older Python \(python='(?P<python>[^']+)', installed here\).$",
        str(failed.error),
    )
    assert advised, failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, python=advised["python"])
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


def _older_python_advised(error: str | None, said: str) -> str:
    """The Python the advice `said` ends with names, where `error` ends with it: "… older
    Python (python='PATH', installed here), or pin a newer release of it)"."""
    advised = re.search(
        re.escape(said) + r"\(python='(?P<python>[^']+)', installed here\), or pin a newer "
        r"release of it\)$",
        str(error),
    )
    assert advised, error
    return advised["python"]


def _pyenv_python(version: str) -> str:
    """The newest CPython `version` ('3.9') pyenv has, which the test needs."""
    pyenv = Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser()
    found = sorted(pyenv.glob(f"versions/{version}.*/bin/python3"))
    assert found, f"this test needs a CPython {version} under pyenv"
    return str(found[-1])


def _minor_of(python: str) -> str:
    """'3.12' of the Python at `python`."""
    said = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                          capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    return said.stdout.strip()


def _other_python() -> str:
    """An installed CPython 3.10 or newer of another minor version than this one."""
    pyenv = Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser()
    mine = f"{sys.version_info[0]}.{sys.version_info[1]}."
    found = sorted(
        str(python)
        for python in pyenv.glob("versions/3.1*/bin/python3")
        if not python.parent.parent.name.startswith(mine)
    )
    assert found, "these tests need a second CPython 3.10+ under pyenv"
    return found[0]


@pytest.mark.parametrize(
    ("file", "text", "said", "requirements"),
    [
        (
            "pyproject.toml",
            APPLICATION.format(dependency='"flask"'),
            "pyproject.toml's requires-python",
            True,
        ),
        (".python-version", "3.99\n", ".python-version", True),
        # Heroku's and its likes' runtime.txt (tko22/flask-boilerplate's says python-3.7.0).
        ("runtime.txt", "python-3.99.1\n", "runtime.txt (python-3.99.1)", True),
        # A Docker-first project's image (LondonAppDeveloper/recipe-app-api's python:3.7-alpine).
        (
            "Dockerfile",
            "FROM python:3.99-alpine AS build\nFROM python:3.99-alpine\nCMD gunicorn app:app\n",
            "Dockerfile's FROM python:3.99-alpine",
            True,
        ),
        # Without requirements.txt, installed from a copy: the project is named all the same.
        (
            "pyproject.toml",
            APPLICATION.format(dependency='"flask"'),
            "pyproject.toml's requires-python",
            False,
        ),
    ],
    ids=["requires-python", "python-version", "runtime-txt", "dockerfile", "application"],
)
def test_a_python_the_project_does_not_run_on_is_named_with_the_option_to_choose(
    tmp_path: Path, file: str, text: str, said: str, requirements: bool
) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "app.py").write_text(SHOWS_FLASK)
    if requirements:
        (root / "requirements.txt").write_text("flask\n")
    (root / file).write_text(text.replace(">=3.10", ">=3.99"))
    (result,) = scaffold.smoke([root], fresh_env=True)
    mine = f"{sys.executable} is Python {platform.python_version()}"
    if file == "pyproject.toml":  # what installers enforce
        assert str(result.error) == (
            f"fresh_env: '{root}' needs Python >=3.99 (its {said}), which no interpreter "
            f"found here is ({mine}): install one, and name it with python=."
        )
    else:  # what the project's tools and hosts pick
        assert str(result.error) == (
            f"fresh_env: '{root}' is run with Python ==3.99.* (its {said}), which no "
            f"interpreter found here is ({mine}): install one, or name the one to run it "
            "with python=."
        )


def test_a_release_a_python_version_file_names_is_taken_as_its_minor_version_when_absent(
    tmp_path: Path,
) -> None:
    """tecladocode's `.python-version` of 3.10.6, where another 3.10 is installed: that
    one runs it, as a runtime.txt's release is read. With no Python of that minor version
    either, both are said."""
    minor = f"{sys.version_info[0]}.{sys.version_info[1]}"
    root = write_files(tmp_path / "site", {
        "app.py": SHOWS_FLASK,
        "requirements.txt": "flask\n",
        ".python-version": f"{minor}.99\n",
    })  # fmt: skip
    (passed,) = scaffold.smoke([root], fresh_env=True)
    assert passed.passed, passed.error
    (root / ".python-version").write_text("3.99.1\n")
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).startswith(
        f"fresh_env: '{root}' is run with Python ==3.99.1 or ==3.99.* (its .python-version), "
        "which no interpreter found here is"
    ), failed.error


def test_a_python_named_overrides_the_one_a_python_version_file_picks(tmp_path: Path) -> None:
    """As heroku/python-getting-started's: comments, then a version not installed here.
    uv reads the version past the comments, and runs another Python when told to."""
    from scaffold._smoke.pythons import python_wanted

    root = write_files(tmp_path / "site", {
        "app.py": SHOWS_FLASK,
        "requirements.txt": "flask\n",
        ".python-version": "# The Python version to use for the project.\n\n3.99\n",
    })  # fmt: skip
    assert python_wanted(root) == ("==3.99.*", "its .python-version", False)
    (named,) = scaffold.smoke([root], fresh_env=True, python=sys.executable)
    assert named.passed, named.error
    # A requires-python binds only what installs the project: not a requirements file
    # given in its place (wemake-django-template's `==3.13.13` and its export).
    (root / "pyproject.toml").write_text('[project]\nname = "site"\nrequires-python = "==3.99.1"\n')
    given = root / "requirements.txt"
    (named,) = scaffold.smoke([root], fresh_env=True, python=sys.executable, requirements=given)
    assert named.passed, named.error


@pytest.mark.parametrize(
    "dockerfile",
    ["FROM python:3.12 AS build\nFROM nginx:1.25\n", "FROM python:latest\n", "FROM ubuntu:24.04\n"],
    ids=["last-stage-not-python", "no-version", "not-python"],
)
def test_a_dockerfile_says_no_python_unless_its_last_image_is_pythons(
    tmp_path: Path, dockerfile: str
) -> None:
    from scaffold._smoke.pythons import python_wanted

    (tmp_path / "Dockerfile").write_text(dockerfile)
    assert python_wanted(tmp_path) is None


def test_the_advice_to_name_a_python_that_fits_leads_to_a_pass(tmp_path: Path) -> None:
    other = _other_python()
    version = _minor_of(other)
    root = _application(tmp_path / "shop", "flask")
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(">=3.10", f"=={version}.*"))
    (refused,) = scaffold.smoke([root], fresh_env=True, python=sys.executable)
    assert str(refused.error).endswith("name an interpreter that fits with python=.")
    (passed,) = scaffold.smoke([root], fresh_env=True, python=other)
    assert passed.passed, (passed.error, passed.output)


def test_a_module_another_requirements_file_lists_is_given_with_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As cookiecutter-django's: its local settings import what requirements/local.txt
    lists, and requirements.txt installs production's."""
    root = tmp_path / "site"
    (root / "requirements").mkdir(parents=True)
    (root / "app.py").write_text("import dotenv\n\n" + SHOWS_FLASK)
    (root / "requirements.txt").write_text("flask\n")
    (root / "requirements" / "local.txt").write_text("-r ../requirements.txt\npython-dotenv\n")
    monkeypatch.chdir(root)  # where the user runs it: the file is named from there
    (failed,) = scaffold.smoke(["."], fresh_env=True)
    assert str(failed.error).endswith(
        "the app imports dotenv, which the requirements installed do not install, and "
        "requirements/local.txt lists python-dotenv: give that file with "
        "requirements='requirements/local.txt', or add python-dotenv to the requirements "
        "installed."
    )
    (passed,) = scaffold.smoke(["."], fresh_env=True, requirements="requirements/local.txt")
    assert passed.passed, passed.error


def test_installed_pythons_are_found_where_managers_put_them_and_never_as_shims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold._apps.interpreter import installed_pythons

    pythons = {
        "pyenv/versions/3.12.1/bin/python3": "3.12.1",
        "pyenv/versions/my-virtualenv/bin/python3": None,  # pyenv-virtualenv's: no version
        "uv/cpython-3.13.0-linux-x86_64-gnu/bin/python3": "3.13.0",
        "bin/python3.14": "3.14",
        "bin/python3.14-config": None,
        "pyenv/shims/python3.15": None,  # fails unless 3.15 is the one selected
    }
    for name in pythons:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("#!/bin/sh\nexit 127\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "pyenv"))
    monkeypatch.setenv("UV_PYTHON_INSTALL_DIR", str(tmp_path / "uv"))
    monkeypatch.setenv("PATH", f"{tmp_path / 'pyenv/shims'}:{tmp_path / 'bin'}")
    assert sorted(installed_pythons()) == sorted(
        (version, str(tmp_path / name)) for name, version in pythons.items() if version
    )


def test_python_by_version_serves_with_the_newest_installed_that_has_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--python 3.N`, as uv takes it: the newest 3.N installed, here a stand-in that
    runs this Python (so that the app's Flask is there); a version none has is said."""
    used = tmp_path / "used"
    for version in ("3.97.1", "3.97.10", "3.96.0"):
        python = tmp_path / f"pyenv/versions/{version}/bin/python3"
        python.parent.mkdir(parents=True)
        python.write_text(f'#!/bin/sh\necho {version} >> {used}\nexec {sys.executable} "$@"\n')
        python.chmod(0o755)
    env = {"PYENV_ROOT": str(tmp_path / "pyenv"), "UV_PYTHON_INSTALL_DIR": str(tmp_path)}
    app = flask_app(tmp_path / "app")
    served = run_scaffold("smoke", str(app), "--python", "3.97", cwd=tmp_path, env=env)
    assert served.returncode == 0, served.stderr
    assert set(used.read_text().split()) == {"3.97.10"}
    absent = run_scaffold("smoke", str(app), "--python", "3.95", cwd=tmp_path, env=env)
    assert absent.returncode == 2
    assert absent.stderr.startswith(
        "Error: --python 3.95: no Python 3.95 is installed where scaffold looks (pyenv, uv, "
        "PATH; found: "
    ), absent.stderr
    assert "3.96, 3.97" in absent.stderr
    assert absent.stderr.endswith("): install it (uv python install 3.95), or give its path.\n")


def test_a_python_the_project_needs_is_found_where_uv_stops_at_a_pyenv_shim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyenv's shim of a version not selected fails, and `uv python find` stops there:
    the Python the project needs is found among pyenv's versions all the same."""
    other = _other_python()
    version = _minor_of(other)
    shims = tmp_path / "shims"
    shims.mkdir()
    for name in ("python", "python3", f"python{version}"):
        (shims / name).write_text(f"#!/bin/sh\necho 'pyenv: {name}: command not found' >&2\n"
                                  "exit 127\n")  # fmt: skip
        (shims / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{shims}:{os.environ['PATH']}")
    root = _application(tmp_path / "shop", "flask")
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(">=3.10", f"=={version}.*"))
    (result,) = scaffold.smoke([root], fresh_env=True, any_body=True)
    assert result.passed, (result.error, result.output)


def test_a_requirements_file_in_a_folder_above_is_advised_and_leads_to_a_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repository of a tutorial's steps, one requirements.txt for them all."""
    repo = tmp_path / "tutorial"
    (repo / "01-getting-started").mkdir(parents=True)
    (repo / "01-getting-started" / "app.py").write_text(SHOWS_FLASK)
    (repo / "requirements.txt").write_text("flask\n")
    monkeypatch.chdir(tmp_path)  # where the user runs it: the file is named from there
    (failed,) = scaffold.smoke(["tutorial/01-getting-started"], fresh_env=True)
    assert str(failed.error).endswith(
        ": a folder above it has one: give it with requirements='tutorial/requirements.txt'."
    ), failed.error
    (passed,) = scaffold.smoke(
        ["tutorial/01-getting-started"], fresh_env=True, requirements="tutorial/requirements.txt"
    )
    assert passed.passed, (passed.error, passed.output)


def test_a_requirements_folder_is_named_for_a_fresh_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No requirements.txt, but requirements/dev.txt and prod.txt (flasky's first
    edition): the development one is given, from where smoke runs, and serves. Run from
    another tree (`../tmp/…/site/…`), its `..` is taken off by name: the file is in the
    project, with which it shares its folder."""
    root = write_files(tmp_path / "site", {
        "app.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\n"
                  "def index():\n    return 'Hello, World!'\n",
        "requirements/dev.txt": "-r prod.txt\n",
        "requirements/prod.txt": "flask\n",
    })  # fmt: skip
    monkeypatch.chdir("/usr")  # a tree of its own, beside the temporary folder's
    (failed,) = scaffold.smoke([root], fresh_env=True)
    advised = os.path.relpath(root / "requirements" / "dev.txt")
    assert advised.startswith("../")
    assert str(failed.error).endswith(
        ": its requirements folder has dev.txt, prod.txt: give the one its README installs, "
        f"e.g. requirements={advised!r}."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, requirements=advised)
    assert passed.passed, passed.error


def test_a_requirements_file_the_readme_installs_is_the_one_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """realpython's django-gunicorn-nginx: dev.txt holds the dev tools alone, and its
    README runs `python3 -m pip install -r requirements/prod.txt`, which serves."""
    root = write_files(tmp_path / "site", {
        "app.py": SHOWS_FLASK,
        "README.md": "Install:\n\n```\npython3 -m pip install -r requirements/prod.txt\n```\n",
        "requirements/dev.txt": "httpie\n",
        "requirements/prod.txt": "flask\n",
    })  # fmt: skip
    monkeypatch.chdir(tmp_path)
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        ": its requirements folder has dev.txt, prod.txt, and its README installs prod.txt: "
        "give it with requirements='site/requirements/prod.txt'."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, requirements="site/requirements/prod.txt")
    assert passed.passed, passed.error


@pytest.mark.parametrize(
    ("files", "named"),
    [
        # colorsolid/django-channels-drawing's; a development file beside it comes last.
        ({"req.txt": "flask\n", "req-dev.txt": "-r req.txt\npytest\n"}, "req.txt, req-dev.txt"),
        # Tivix/django-rest-auth's demo's, which its docs install with pip.
        ({"requirements.pip": "flask\n"}, "requirements.pip"),
    ],
    ids=["req-txt", "requirements-pip"],
)
def test_a_requirements_file_by_another_name_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], named: str
) -> None:
    root = write_files(tmp_path / "site", {
        "app.py": SHOWS_FLASK, "notes.txt": "not requirements\n", **files,
    })  # fmt: skip
    first = next(iter(files))
    monkeypatch.chdir(tmp_path)
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        f": it has {named}, by another name: give it with requirements='site/{first}'."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, requirements=f"site/{first}")
    assert passed.passed, passed.error


# An application's optional dependencies, as django-oscar's `test` extra holds the
# django-environ its sandbox's settings import.
WITH_EXTRA = """
[project.optional-dependencies]
Local_Env = ["python-dotenv"]
"""
BUILD_SYSTEM = """
[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"
"""


def test_an_extra_that_lists_what_the_app_imports_is_advised_and_installed(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = _application(tmp_path / "shop", "flask>=3")
    (root / "app.py").write_text("import dotenv\n\n" + SHOWS_FLASK)
    with (root / "pyproject.toml").open("a") as pyproject:
        pyproject.write(WITH_EXTRA)
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        "the app imports dotenv, which the project's dependencies do not install, and its "
        "pyproject.toml's local-env extra lists python-dotenv: add extra=['local-env']."
    ), failed.error
    passed = runner.invoke(cli, ["smoke", "--fresh-env", "--extra", "local-env", str(root)])
    assert passed.exit_code == 0, passed.output
    unknown = runner.invoke(cli, ["smoke", "--fresh-env", "--extra", "tests", str(root)])
    assert unknown.exit_code == 1
    assert (
        f"--extra: '{root / 'pyproject.toml'}' has no extra tests in "
        "[project.optional-dependencies] (it has local-env)."
    ) in unknown.output


def test_extras_are_installed_as_pip_and_uv_install_them(tmp_path: Path) -> None:
    """Built, the project is installed with its extras named (`.[test]`); locked, uv sync
    is told them; beside a requirements.txt, the package gets them as a Makefile's `pip
    install -e .[test]` does (rochacbruno/flask-project-template's); a requirements.txt
    alone has none to give."""
    from scaffold._smoke.needs import what_project_needs
    from scaffold.errors import FreshEnvError

    root = _application(tmp_path / "shop", "flask>=3")
    with (root / "pyproject.toml").open("a") as pyproject:
        pyproject.write(WITH_EXTRA)
    uv = str(installer("uv"))
    assert what_project_needs(root, uv, ("local_env",)).arguments == ("flask>=3", "python-dotenv")
    built = root / "pyproject.toml"
    built.write_text(built.read_text() + BUILD_SYSTEM)
    assert what_project_needs(root, uv, ("local-env",)).arguments == (f"{root}[local-env]",)
    (root / "uv.lock").write_text("version = 1\n")
    locked = what_project_needs(root, uv, ("local-env",))
    assert (locked.locked, locked.sync) == (True, ("--extra", "local-env"))
    listed = ("-r", str(root / "requirements.txt"))
    (root / "requirements.txt").write_text("flask\n")
    assert what_project_needs(root, uv, ()).arguments == listed
    both = what_project_needs(root, uv, ("local-env",))
    assert (both.locked, both.arguments) == (False, (*listed, f"{root}[local-env]"))
    built.write_text(built.read_text().replace(BUILD_SYSTEM, ""))  # an application again
    assert what_project_needs(root, uv, ("local-env",)).arguments == (*listed, "python-dotenv")
    built.unlink()
    with pytest.raises(FreshEnvError, match=r"declares no extras \(no setup\.py, no \[project\]"):
        what_project_needs(root, uv, ("local-env",))


# A package as setuptools made them before pyproject.toml (DarrenOfficial/dpaste's, run
# after `pip install -e .[dev]`): no pyproject.toml, its needs in setup.py.
SETUP_PY = """\
from setuptools import setup

setup(
    name="shop",
    version="1.0",
    py_modules=["app"],
    install_requires=["flask>=3"],
    extras_require={"env": ["python-dotenv"]},
)
"""


def test_the_extras_of_a_setup_py_built_through_pyproject_are_the_builds_to_find(
    tmp_path: Path,
) -> None:
    """django-silk's pyproject.toml has a [build-system] and no [project]: its extras are
    in setup.py, and go to the build, not looked for in pyproject.toml."""
    root = write_files(tmp_path / "shop", {
        "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n',
        "setup.py": SETUP_PY,
        "requirements.txt": "flask>=3\n",
    })  # fmt: skip
    from scaffold._smoke.needs import what_project_needs

    needs = what_project_needs(root, None, ("env",))
    assert needs.arguments == ("-r", str(root / "requirements.txt"), f"{root}[env]")


@pytest.mark.parametrize("pinned", [False, True], ids=["setup-py", "and-requirements-txt"])
def test_a_project_built_by_its_setup_py_is_installed_with_its_extras(
    tmp_path: Path, pinned: bool
) -> None:
    """With a requirements.txt too, both are installed, as a Makefile's `pip install -r
    requirements.txt` and `pip install -e .[test]` do."""
    root = write_files(tmp_path / "shop", {
        "setup.py": SETUP_PY,
        "app.py": "import dotenv\n\n" + SHOWS_FLASK,
        **({"requirements.txt": "flask>=3\n"} if pinned else {}),
    })  # fmt: skip
    before = snapshot(root)
    (result,) = scaffold.smoke([root], fresh_env=True, extra=["env"])
    assert result.passed, (result.error, result.output)
    assert snapshot(root) == before  # built from a copy: no *.egg-info, no build/


def test_a_clones_package_the_app_needs_is_advised_and_built_from_a_copy_without_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shaped like django-silk's repository: an example project one folder down, run after
    `pip install -r requirements.txt` and `pip install -e .`, the package versioned by
    setuptools-scm from git. The advice names the package that lists what the app
    imports; followed, the package is built from a copy that has no .git."""
    root = write_files(tmp_path / "shop-tools", {
        "pyproject.toml": '[build-system]\nrequires = ["setuptools>=64", "setuptools-scm>=8"]\n'
        'build-backend = "setuptools.build_meta"\n\n[tool.setuptools_scm]\n',
        "setup.py": "from setuptools import setup\n\nsetup(name='shop-tools', "
        "py_modules=['shop_tools'], install_requires=['flask>=3'])\n",
        "shop_tools.py": "",
        "requirements.txt": "python-dotenv\n",
        "example/app.py": "import dotenv\nimport shop_tools\n\n" + SHOWS_FLASK,
    })  # fmt: skip
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "1.0"], ["tag", "1.0"]):
        subprocess.run([*git, *step], cwd=root, check=True, timeout=60)
    monkeypatch.chdir(root)
    (failed,) = scaffold.smoke(["."], fresh_env=True)
    assert str(failed.error).endswith(
        "the app imports flask, which requirements.txt does not install, and the project's "
        "package lists flask in setup.py's install_requires: install both, as `pip install "
        "-r requirements.txt` then `pip install -e .` do, from a requirements file beside "
        "requirements.txt holding `-r requirements.txt` and `-e .`, given with requirements=."
    ), failed.error
    (root / "requirements-all.txt").write_text("-r requirements.txt\n-e .\n")
    before = snapshot(root)
    (passed,) = scaffold.smoke(["."], fresh_env=True, requirements="requirements-all.txt")
    assert passed.passed, (passed.error, passed.output)
    assert snapshot(root) == before


def test_a_clones_package_versioned_by_hatch_vcs_is_built_from_a_copy_without_git(
    tmp_path: Path,
) -> None:
    """Shaped like flask-limiter: hatchling takes its version from git through hatch-vcs,
    which reads no version named for one package; its copy has no .git."""
    root = write_files(tmp_path / "shop-tools", {
        "pyproject.toml": '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\n'
        'build-backend = "hatchling.build"\n\n[project]\nname = "shop-tools"\n'
        'dynamic = ["version"]\ndependencies = ["flask>=3"]\n\n[tool.hatch.version]\n'
        'source = "vcs"\n\n[tool.hatch.build.targets.wheel]\npackages = ["shop_tools"]\n',
        "shop_tools/__init__.py": "",
        "app.py": "import shop_tools\n\n" + SHOWS_FLASK,
    })  # fmt: skip
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "1.0"]):
        subprocess.run([*git, *step], cwd=root, check=True, timeout=60)
    before = snapshot(root)
    (passed,) = scaffold.smoke([root], fresh_env=True)
    assert passed.passed, (passed.error, passed.output)
    assert snapshot(root) == before


# testdrivenio/flask-react-aws's users service: Flask-RESTX namespaces, each given its
# path where the API adds it, the resources in modules of the package the app imports.
REST_SERVICE = {
    "requirements.txt": "flask>=3\nflask-restx>=1.3\n",
    "manage.py": "from src import create_app\n\napp = create_app()\n",
    "src/__init__.py": "from flask import Flask\n\n\ndef create_app():\n"
    "    app = Flask(__name__)\n    from src.api import api\n\n    api.init_app(app)\n"
    "    return app\n",
    "src/api/__init__.py": "from flask_restx import Api\n\nfrom src.api.auth import auth\n"
    "from src.api.ping import ping\n\napi = Api(doc='/doc')\n"
    "api.add_namespace(auth, path='/auth')\napi.add_namespace(ping, path='/ping')\n",
    "src/api/ping.py": "from flask_restx import Namespace, Resource\n\nping = Namespace('ping')\n"
    "\n\nclass Ping(Resource):\n    def get(self):\n        return {'message': 'pong!'}\n\n\n"
    "ping.add_resource(Ping, '')\n",
    "src/api/auth.py": "from flask_restx import Namespace, Resource, abort\n\n"
    "auth = Namespace('auth')\n\n\n@auth.route('/status')\nclass Status(Resource):\n"
    "    def get(self):\n        abort(401)\n\n\n@auth.route('/login')\n"
    "class Login(Resource):\n    def post(self):\n        return {}\n",
}


def test_a_rest_apis_resources_are_advised_a_health_check_first(tmp_path: Path) -> None:
    root = write_files(tmp_path / "users", REST_SERVICE)
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        "The app has no page at /; its code routes GET to /auth/status, /ping: check one "
        "with path=['/ping'], which answers 200."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, path=["/ping"])
    assert (passed.passed, passed.body) == (True, '{"message": "pong!"}\n'), passed.error


# bookwyrm's: no [project], its needs in PEP 735 groups, installed with `pip install
# --group main --group dev`.
GROUPS = """\
[dependency-groups]
main = ["flask>=3"]
Dev = [{include-group = "main"}, "python-dotenv"]
"""


def test_a_project_of_dependency_groups_is_advised_them_and_installs_those_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Then, as django-guardian's settings import the django-environ of its dev group, a
    module another group lists is advised with it."""
    app = {"app.py": "import dotenv\n\n" + SHOWS_FLASK}
    root = write_files(tmp_path / "shop", {"pyproject.toml": GROUPS, **app})
    monkeypatch.chdir(root)
    (failed,) = scaffold.smoke(["."], fresh_env=True)
    assert str(failed.error).endswith(
        "its pyproject.toml has dependency groups (main, Dev), which `pip install --group "
        "NAME` installs: name those it runs on, e.g. group=['main']."
    ), failed.error
    (lacking,) = scaffold.smoke(["."], fresh_env=True, group=["main"])
    assert str(lacking.error).endswith(
        "the app imports dotenv, which the project's dependencies do not install, and its "
        "pyproject.toml's dependency group Dev lists python-dotenv: add group=['Dev']."
    ), lacking.error
    (passed,) = scaffold.smoke(["."], fresh_env=True, group=["Dev"])
    assert passed.passed, (passed.error, passed.output)
    from scaffold._smoke.needs import what_project_needs

    needs = what_project_needs(root, None, (), ("dev",))  # as PEP 685 compares names
    assert needs.arguments == ("flask>=3", "python-dotenv")
    with pytest.raises(FreshEnvError, match=r"no dependency group test .* \(it has main, Dev\)"):
        what_project_needs(root, None, (), ("test",))
    (root / "requirements.txt").write_text("flask\n")
    both = what_project_needs(root, None, (), ("dev",))
    assert both.arguments == ("-r", str(root / "requirements.txt"), "flask>=3", "python-dotenv")


def test_an_example_whose_library_above_is_not_installed_is_told_to_install_it(
    tmp_path: Path,
) -> None:
    """Flask-HTTPAuth's examples/, run as `python examples/basic_auth.py` after `pip install
    -e .`: the library is a module of its own in src/. Served by a virtualenv that has
    Flask, and not it, the advice is the install that `pip install -e .` makes there."""
    root = write_files(tmp_path / "shop-auth", {
        "pyproject.toml": '[build-system]\nrequires = ["flit_core>=3.4,<4"]\n'
        'build-backend = "flit_core.buildapi"\n\n[project]\nname = "shop_auth"\n'
        'version = "1.0"\ndescription = "Shop auth"\n',
        "src/shop_auth.py": "",
        "examples/basic_auth.py": "import shop_auth\n\n" + SHOWS_FLASK,
    })  # fmt: skip
    env = tmp_path / "env"
    uv = find_uv()
    assert uv is not None
    subprocess.run([uv, "venv", "--quiet", str(env)], check=True, timeout=120)
    python = str(env / "bin" / "python")
    subprocess.run([uv, "pip", "install", "--quiet", "--python", python, "flask"],
                   check=True, timeout=300)  # fmt: skip
    (failed,) = scaffold.smoke([root / "examples"], app="basic_auth", python=python)
    install = f"uv pip install --python {python} -e {root}"
    assert str(failed.error).endswith(
        f"the app imports shop_auth, the package of the repository in '{root}', which is not "
        f"installed for {python}: install it there, as `pip install -e .` in that folder does "
        f"({install}), or use python= or fresh_env=True."
    ), failed.error
    run_as_said(install, tmp_path)
    (passed,) = scaffold.smoke([root / "examples"], app="basic_auth", python=python)
    assert passed.passed, (passed.error, passed.output)


def test_an_example_projects_library_above_it_is_advised_with_the_file_that_installs_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shaped like django-constance's example/: its requirements.txt installs the
    framework, and its settings import the library of the repository above it; then
    like flask-restx's and flask-debugtoolbar's."""
    root = write_files(tmp_path / "shop-tools", {
        "pyproject.toml": '[build-system]\nrequires = ["setuptools>=64"]\n'
        'build-backend = "setuptools.build_meta"\n\n[project]\nname = "shop-tools"\n'
        'version = "1.0"\ndependencies = ["flask>=3"]\n\n'
        '[tool.setuptools]\npackages = ["shop_tools"]\n',
        "shop_tools/__init__.py": "",
        "example/requirements.txt": "flask>=3\n",
        "example/app.py": "import shop_tools\n\n" + SHOWS_FLASK,
    })  # fmt: skip
    monkeypatch.chdir(root)
    (failed,) = scaffold.smoke(["example"], fresh_env=True)
    assert str(failed.error).endswith(
        f"the app imports shop_tools, the package of the repository in '{root}', which the "
        "requirements installed do not install: install both, as its `pip install -e .` does, "
        "from a requirements file in that folder holding `-e .` and `-r "
        "example/requirements.txt`, given with requirements=."
    ), failed.error
    (root / "requirements-example.txt").write_text("-e .\n-r example/requirements.txt\n")
    (passed,) = scaffold.smoke(["example"], fresh_env=True, requirements="requirements-example.txt")
    assert passed.passed, (passed.error, passed.output)
    # flask-restx's examples/ declare nothing: they run on the library alone.
    (root / "example" / "requirements.txt").unlink()
    (alone,) = scaffold.smoke(["example"], fresh_env=True)
    assert str(alone.error).endswith(
        f"'{root}' above it is a package (its pyproject.toml): install it, as `pip install "
        "-e .` there does, from a requirements file in that folder holding `-e .`, given "
        "with requirements=."
    ), alone.error
    (root / "requirements-example.txt").write_text("-e .\n")
    (passed,) = scaffold.smoke(["example"], fresh_env=True, requirements="requirements-example.txt")
    assert passed.passed, (passed.error, passed.output)
    # flask-debugtoolbar's example/ imports what a file beside the one given lists.
    (root / "example" / "app.py").write_text("import dotenv\n\n" + SHOWS_FLASK)
    given = "requirements-example.txt"
    (short,) = scaffold.smoke(["example"], fresh_env=True, requirements=given)
    assert str(short.error).endswith(f"do not install: add its package to {given}."), short.error
    (root / "requirements").mkdir()
    (root / "requirements" / "tests.txt").write_text("python-dotenv\n")
    (short,) = scaffold.smoke(["example"], fresh_env=True, requirements=given)
    assert str(short.error).endswith(
        f"the app imports dotenv, which {given} does not install, and requirements/tests.txt "
        "beside it lists python-dotenv: add a line `-r requirements/tests.txt` to it."
    ), short.error
    (root / "requirements-example.txt").write_text("-e .\n-r requirements/tests.txt\n")
    (passed,) = scaffold.smoke(["example"], fresh_env=True, requirements="requirements-example.txt")
    assert passed.passed, (passed.error, passed.output)


def test_a_poetry_project_for_no_package_above_is_advised_to_export_its_dependencies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """vintasoftware/django-react-boilerplate: Poetry's pyproject.toml at the top (for
    no package: `package-mode = false`), the app in backend/, run with `poetry run` in
    it. Exported where the advice says, its dependencies serve the app."""
    root = write_files(tmp_path / "repo", {
        "pyproject.toml": '[tool.poetry]\nname = "shop"\nversion = "0.1.0"\n'
        'package-mode = false\n\n[tool.poetry.dependencies]\npython = "^3.10"\n'
        'flask = "^3.0"\n\n[build-system]\nrequires = ["poetry-core>=1.2.0"]\n'
        'build-backend = "poetry.core.masonry.api"\n',
        "backend/app.py": SHOWS_FLASK,
    })  # fmt: skip
    monkeypatch.chdir(root / "backend")
    (failed,) = scaffold.smoke(["."], fresh_env=True)
    assert str(failed.error).endswith(
        f"'{root}' above it is Poetry's project for no package (package-mode = false), whose "
        "dependencies only Poetry reads: export them there (poetry export -f requirements.txt "
        "-o requirements.txt), and give that file with requirements=."
    ), failed.error
    (root / "requirements.txt").write_text('flask==3.1.3 ; python_version >= "3.10"\n')
    (passed,) = scaffold.smoke(["."], fresh_env=True, requirements="../requirements.txt")
    assert passed.passed, (passed.error, passed.output)


def test_an_example_whose_requirements_install_the_repository_above_is_installed_so(
    tmp_path: Path,
) -> None:
    """Shaped like dj-rest-auth's demo/: its requirements.txt installs the library of
    the repository above it (`-e ./..`), as `pip install -r requirements.txt` in demo/
    does. The install runs from a copy of the repository, which stays as it was."""
    root = write_files(tmp_path / "shop-tools", {
        "pyproject.toml": '[build-system]\nrequires = ["flit_core>=3.4,<4"]\n'
        'build-backend = "flit_core.buildapi"\n\n[project]\nname = "shop_tools"\n'
        'version = "1.0"\ndescription = "Shop tools"\n',
        "shop_tools/__init__.py": "",
        "demo/requirements.txt": "flask>=3\n-e ./..\n",
        "demo/app.py": "import shop_tools\n\n" + SHOWS_FLASK,
    })  # fmt: skip
    before = snapshot(root)
    (passed,) = scaffold.smoke([root / "demo"], fresh_env=True)
    assert passed.passed, (passed.error, passed.output)
    assert snapshot(root) == before  # no *.egg-info, no build/


def test_a_module_an_extra_of_the_package_given_lists_is_advised_with_that_extra(
    tmp_path: Path,
) -> None:
    """Shaped like flask-security's examples: run on the library (`-e .`), whose extras
    (fsqla, babel) hold what each example imports."""
    root = write_files(tmp_path / "shop-tools", {
        "pyproject.toml": '[build-system]\nrequires = ["flit_core>=3.4,<4"]\n'
        'build-backend = "flit_core.buildapi"\n\n[project]\nname = "shop_tools"\n'
        'version = "1.0"\ndescription = "Shop tools"\ndependencies = []\n\n'
        '[project.optional-dependencies]\nweb = ["flask>=3"]\nconfig = ["python-dotenv"]\n',
        "shop_tools/__init__.py": "",
        "example/app.py": "import dotenv\nimport shop_tools\n\n" + SHOWS_FLASK,
        "requirements-example.txt": "-e .[web]\n",
    })  # fmt: skip
    given = root / "requirements-example.txt"
    (failed,) = scaffold.smoke([root / "example"], fresh_env=True, requirements=given)
    assert str(failed.error).endswith(
        "the app imports dotenv, which requirements-example.txt does not install, and the "
        "package its line `-e .[web]` installs has an extra that lists python-dotenv: make "
        "that line `-e .[web,config]`."
    ), failed.error
    # spectree's examples: the framework missing too, and its extras all named at once.
    given.write_text("-e .\n")
    (failed,) = scaffold.smoke([root / "example"], fresh_env=True, requirements=given)
    assert str(failed.error).endswith(
        "the app imports flask, which requirements-example.txt does not install, and the "
        "package its line `-e .` installs has an extra that lists flask: make that line "
        "`-e .[web,config]`."
    ), failed.error
    given.write_text("-e .[web,config]\n")
    (passed,) = scaffold.smoke([root / "example"], fresh_env=True, requirements=given)
    assert passed.passed, (passed.error, passed.output)


def test_a_group_of_the_project_above_is_advised_as_uv_run_there_takes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shaped like django-htmx's example/, run as `uv run --group example manage.py
    runserver` in it: uv takes the project, its lock and its group, from the folder above."""
    root = write_files(tmp_path / "shop-tools", {
        "pyproject.toml": '[build-system]\nrequires = ["flit_core>=3.4,<4"]\n'
        'build-backend = "flit_core.buildapi"\n\n[project]\nname = "shop_tools"\n'
        'version = "1.0"\ndescription = "Shop tools"\ndependencies = ["flask>=3"]\n\n'
        '[dependency-groups]\nexample = ["python-dotenv"]\n',
        "shop_tools/__init__.py": "",
        "example/app.py": "import dotenv\nimport shop_tools\n\n" + SHOWS_FLASK,
    })  # fmt: skip
    monkeypatch.chdir(root / "example")
    (failed,) = scaffold.smoke(["."], fresh_env=True, group=["example"])
    assert str(failed.error) == (
        f"group: '{root / 'example' / 'pyproject.toml'}' is not there; the pyproject.toml of "
        f"'{root}' above it has it, as `uv run --group example` run here takes it: smoke "
        f"'{root}' with group=['example'], which finds this app in it."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, group=["example"])
    assert passed.passed, (passed.error, passed.output)
    # Locked, as django-htmx is: `uv run` in example/ syncs the project above.
    subprocess.run([str(installer("uv")), "lock", "--quiet"], cwd=root, check=True, timeout=300)
    (failed,) = scaffold.smoke(["."], fresh_env=True)
    assert str(failed.error).endswith(
        f": '{root}' above it is the project `uv run` here runs it with (its uv.lock): smoke "
        f"'{root}', which finds this app in it."
    ), failed.error
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        "the app imports dotenv, which the project's dependencies do not install, and its "
        "pyproject.toml's dependency group example lists python-dotenv: add group=['example']."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, group=["example"])
    assert passed.passed, (passed.error, passed.output)


def test_a_requirements_txt_is_installed_whatever_the_pyproject_toml_beside_it_says(
    tmp_path: Path,
) -> None:
    """Only a group, an extra or a build reads the pyproject.toml: one that is not TOML
    does not stop requirements.txt, nor the version a clone's build is given."""
    from scaffold._smoke.needs import scm_version_env, what_project_needs

    root = write_files(tmp_path / "shop", {
        "requirements.txt": "flask\n", "pyproject.toml": "[project\n",
        "setup.py": "from setuptools import setup\n\nsetup(name=f'{1}')\n", ".git/HEAD": "",
    })  # fmt: skip
    assert what_project_needs(root, None).arguments == ("-r", str(root / "requirements.txt"))
    assert scm_version_env(root) == {}
    (root / "pyproject.toml").unlink()  # the setup.py's name, when it is a string
    assert scm_version_env(root) == {}
    (root / "setup.py").write_text(
        "from setuptools import Extension, setup\n\n"
        "setup(ext_modules=[Extension(name='x')], name='shop_tools')\n"
    )
    assert scm_version_env(root) == {"SETUPTOOLS_SCM_PRETEND_VERSION_FOR_SHOP_TOOLS": "0"}


def test_a_group_is_installed_into_a_fresh_environment(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["smoke", "--group", "dev", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        2, "Error: Invalid value for '--group': a dependency group is installed into a fresh "
        "environment: add --fresh-env.\n",
    ), result.output  # fmt: skip


# Where the user runs smoke, the target, the file given and the line advised to add to it.
GIVEN_ALONE = {
    # rochacbruno/flask-project-template's requirements-test.txt, given alone.
    "beside": ("shop", ".", "requirements-test.txt", "requirements.txt"),
    # apiflask's examples/requirements.txt, given for examples/otel/, which has its own.
    "above": (".", "shop", "requirements.txt", "shop/requirements.txt"),
}


@pytest.mark.parametrize("where", GIVEN_ALONE.values(), ids=GIVEN_ALONE.keys())
def test_a_module_the_projects_requirements_list_but_the_file_given_does_not_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: tuple[str, str, str, str]
) -> None:
    """The file given takes the place of requirements.txt, which lists what the app
    imports."""
    cwd, target, given, line = where
    write_files(tmp_path, {
        "shop/app.py": "import dotenv\n\n" + SHOWS_FLASK,
        "shop/requirements.txt": "flask\npython-dotenv\n",
        f"{cwd}/{given}": "flask\n",
    })  # fmt: skip
    monkeypatch.chdir(tmp_path / cwd)
    (failed,) = scaffold.smoke([target], fresh_env=True, requirements=given)
    assert str(failed.error).endswith(
        f"the app imports dotenv, which {given} does not install, and the project's "
        "requirements.txt lists python-dotenv: requirements= takes the place of "
        f"requirements.txt; give a file that also installs it (a line `-r {line}`), or "
        "extra= if the project's package has one."
    ), failed.error
    (tmp_path / cwd / given).write_text(f"flask\n-r {line}\n")
    (passed,) = scaffold.smoke([target], fresh_env=True, requirements=given)
    assert passed.passed, (passed.error, passed.output)


# A library of the project's own that uv takes from a folder ([tool.uv.sources]), as
# flask-admin's examples take flask-admin from the repository above them.
LIBRARY = {
    "pyproject.toml": '[build-system]\nrequires = ["setuptools>=64"]\n'
    'build-backend = "setuptools.build_meta"\n\n[project]\nname = "shop-greeting"\n'
    'version = "0.1"\n',
    "shop_greeting/__init__.py": 'GREETING = "Hello from the library"\n',
}
TAKES_THE_LIBRARY = """\
from flask import Flask
from shop_greeting import GREETING

app = Flask(__name__)


@app.route("/")
def hello():
    return GREETING
"""


def _takes_the_library(root: Path, library: str) -> Path:
    return write_files(root, {
        "app.py": TAKES_THE_LIBRARY,
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0.1"\n'
        'dependencies = ["flask>=3", "shop-greeting"]\n\n'
        f'[tool.uv.sources]\nshop-greeting = {{ path = "{library}", editable = true }}\n',
    })  # fmt: skip


def test_a_library_uv_takes_from_a_folder_of_the_project_is_installed_from_there(
    tmp_path: Path,
) -> None:
    root = _takes_the_library(tmp_path / "shop", "libs/greeting")
    write_files(root / "libs" / "greeting", LIBRARY)
    before = snapshot(root)
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert (result.passed, result.body) == (True, "Hello from the library"), result.error
    assert snapshot(root) == before
    # One source a platform's marker chooses is inside, another is not: each is read.
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(
        '{ path = "libs/greeting", editable = true }',
        '[{ path = "../greeting", marker = "sys_platform != \'linux\'" },'
        ' { path = "libs/greeting", marker = "sys_platform == \'linux\'" }]',
    ))  # fmt: skip
    (outside,) = scaffold.smoke([root], fresh_env=True)
    assert "[tool.uv.sources] take shop-greeting from '../greeting', outside it" in str(
        outside.error
    ), outside.error


def test_a_library_uv_takes_from_outside_the_project_is_advised_its_own_environment(
    tmp_path: Path,
) -> None:
    write_files(tmp_path / "repo", LIBRARY)
    root = _takes_the_library(tmp_path / "repo" / "examples" / "shop", "../../")
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error) == (
        f"fresh_env installs '{root}' from a copy of it, and its pyproject.toml's "
        "[tool.uv.sources] take shop-greeting from '../../', outside it: make its own "
        "environment, as `uv sync` there does, and smoke without fresh_env, "
        "which serves it with the project's .venv."
    )
    run_as_said("uv sync --quiet", cwd=root)
    (passed,) = scaffold.smoke([root])
    assert (passed.passed, passed.body) == (True, "Hello from the library"), passed.error


def test_an_option_pip_reads_on_a_requirements_line_and_uv_does_not_is_advised_pip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # cookiecutter-django's requirements/production.txt: `psycopg2 --no-binary psycopg2`.
    root = write_files(tmp_path / "shop", {
        "app.py": SHOWS_FLASK,
        "requirements.txt": "-r requirements/base.txt\n",
        "requirements/base.txt": "# the web framework\nflask>=3 --only-binary flask\n",
    })  # fmt: skip
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "uv")
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        ": requirements/base.txt, line 2, gives a requirement pip's option --only-binary, "
        "which uv does not read: install with pip (SCAFFOLD_INSTALLER=pip)"
    ), failed.error
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "pip")
    (passed,) = scaffold.smoke([root], fresh_env=True)
    assert passed.passed, passed.error


def test_a_requirements_file_the_readme_installs_is_advised_for_a_module_it_lists(
    tmp_path: Path,
) -> None:
    """lepture/june's: a setup.py that lists nothing, and a README that installs
    `etc/reqs-dev.txt`, which lists Flask. Without that file, the module is for
    setup.py's install_requires to list."""
    root = write_files(tmp_path / "forum", {
        "setup.py": "from setuptools import setup\n\nsetup(name='forum', packages=['forum'])\n",
        "forum/__init__.py": "",
        "wsgi.py": HELLO_FLASK,
        "README.rst": "Development\n-----------\n\n    (venv)$ pip install -r etc/reqs-dev.txt\n",
        "etc/reqs-dev.txt": "# This requirements is for development\n\nFlask\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root], fresh_env=True)
    given = os.path.relpath(root / "etc" / "reqs-dev.txt")
    assert str(failed.error).endswith(
        "the app imports flask, which the requirements installed do not install, and "
        f"etc/reqs-dev.txt lists Flask: give that file with requirements={given!r}, or add "
        "Flask to the requirements installed."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, requirements=given)
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error
    (root / "etc" / "reqs-dev.txt").unlink()
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        "the app imports flask, which the project's requirements do not install: add its "
        "package to setup.py's install_requires."
    ), failed.error


def test_a_project_declaring_nothing_is_advised_the_requirements_its_readme_installs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rodzera/flask-app's: its requirements in src/, which its README installs (`pip
    install -r src/requirements.txt`), nothing at the top."""
    root = write_files(tmp_path / "site", {
        "app.py": HELLO_FLASK,
        "src/requirements.txt": "flask\n",
        "README.md": "## Run\n\n```\npip install -r src/requirements.txt\nflask run\n```\n",
    })  # fmt: skip
    monkeypatch.chdir(root)  # as a user runs smoke: from the project's folder
    (failed,) = scaffold.smoke(["."], fresh_env=True)
    assert str(failed.error).endswith(
        ": its README installs src/requirements.txt: give it with "
        "requirements='src/requirements.txt'."
    ), failed.error
    (passed,) = scaffold.smoke(["."], fresh_env=True, requirements="src/requirements.txt")
    assert (passed.passed, passed.body) == (True, "Hello, World!"), passed.error


def test_the_fields_a_pydantic_settings_model_lacks_are_given_with_env(tmp_path: Path) -> None:
    """mkorman9/flask-app's: `ConfigModel(**os.environ)`, pydantic's ValidationError naming
    each field it lacks; the database's URL is given SQLite's."""
    root = write_files(tmp_path / "site", {
        "requirements.txt": "flask\npydantic>=2\n",
        "app.py": "import os\n\nfrom flask import Flask\nfrom pydantic import BaseModel\n\n\n"
        "class ConfigModel(BaseModel):\n    DB_URL: str\n    SHOP_NAME: str\n"
        "    DB_POOL_SIZE: int = 5\n\n\nconfig = ConfigModel(**os.environ)\n"
        "app = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return config.SHOP_NAME\n",
    })  # fmt: skip
    (failed,) = scaffold.smoke([root], fresh_env=True)
    given = {"SHOP_NAME": "VALUE", "DB_URL": "sqlite:///db.sqlite3"}
    assert str(failed.error).endswith(
        "the app reads SHOP_NAME from its environment, which has none, and app.py reads "
        f"DB_URL with no default, which it has not got either: give them with env={given}."
    ), failed.error
    (passed,) = scaffold.smoke([root], fresh_env=True, env=given)
    assert (passed.passed, passed.body) == (True, "VALUE"), passed.error


def test_a_requirements_file_a_readme_names_out_of_the_project_or_installed_is_not_advised(
    tmp_path: Path,
) -> None:
    from scaffold._apps.listed import listed_elsewhere

    outside = write_files(tmp_path, {"outside.txt": "flask\n"}) / "outside.txt"
    root = write_files(tmp_path / "forum", {
        "README.md": f"pip install -r ../outside.txt\npip install -r {outside}\n"
        "pip install -r etc/../../outside.txt\npip install -r requirements.txt\n"
        "pip install -r docs/missing.txt\n",
        # What was installed: a module it lists is not missing for want of this file.
        "requirements.txt": "flask\n",
    })  # fmt: skip
    assert listed_elsewhere(root, "flask") is None


def test_an_editable_git_requirement_uv_refuses_is_advised_pip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """django-cbv-inspector's pip-compile output: `-e git+https://…/faker.git#egg=faker`,
    which pip installs from a clone and uv refuses (a local repository here)."""
    repository = write_files(tmp_path / "greeting", {
        "setup.py": "from setuptools import setup\n\nsetup(name='greeting', version='1.0', "
        "py_modules=['greeting'])\n",
        "greeting.py": "",
    })  # fmt: skip
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "1.0"]):
        subprocess.run([*git, *step], cwd=repository, check=True, timeout=60)
    root = write_files(tmp_path / "shop", {
        "app.py": "import greeting\n\n" + SHOWS_FLASK,
        "requirements.txt": f"flask\n-e git+file://{repository}#egg=greeting\n",
    })  # fmt: skip
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "uv")
    (failed,) = scaffold.smoke([root], fresh_env=True)
    assert str(failed.error).endswith(
        f": requirements.txt, line 2, gives an editable git requirement (-e git+file://"
        f"{repository}#egg=greeting), which pip installs from a clone and uv does not: "
        "install with pip (SCAFFOLD_INSTALLER=pip)"
    ), failed.error
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "pip")
    (passed,) = scaffold.smoke([root], fresh_env=True)
    assert passed.passed, (passed.error, passed.output)


def test_a_module_a_poetry_group_lists_is_advised_with_the_export_that_gives_it(
    tmp_path: Path,
) -> None:
    # wemake-django-template's export leaves out its dev group, which its settings import.
    root = write_files(tmp_path / "shop", {
        "app.py": "import dotenv\n" + SHOWS_FLASK,
        "pyproject.toml": '[tool.poetry]\nname = "shop"\npackage-mode = false\n\n'
        '[tool.poetry.dependencies]\npython = "^3.10"\nflask = "^3.0"\n\n'
        '[tool.poetry.group.dev.dependencies]\npython-dotenv = "^1.0"\n',
    })  # fmt: skip
    exported = write_files(tmp_path, {"exported.txt": "flask>=3\n"}) / "exported.txt"
    (failed,) = scaffold.smoke([root], fresh_env=True, requirements=exported)
    assert str(failed.error).endswith(
        "the app imports dotenv, which exported.txt does not install, and the project's "
        "Poetry group dev lists python-dotenv: export that group too (poetry export --with "
        "dev), or add python-dotenv to exported.txt."
    ), failed.error
    exported.write_text("flask>=3\npython-dotenv\n")
    (passed,) = scaffold.smoke([root], fresh_env=True, requirements=exported)
    assert passed.passed, passed.error
