"""Fresh environments: shared by projects with the same requirements, removed after the last."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import scaffold
from sample_apps import flask_app
from scaffold._process.supervisor import Supervisor
from scaffold._smoke.fresh_env import FreshEnvs, installer
from scaffold._smoke.install_errors import build_failure
from scaffold._smoke.pythons import pip_serves
from scaffold.errors import FreshEnvError
from support import listing, snapshot, write_files


def _project(folder: Path, requirements: str) -> Path:
    folder.mkdir()
    (folder / "requirements.txt").write_text(requirements)
    return folder


def test_an_environment_goes_when_the_last_project_planned_for_it_is_done(
    tmp_path: Path, supervisor: Supervisor
) -> None:
    # Requirements with nothing to install: the environments are made in milliseconds.
    one = _project(tmp_path / "one", "# none\n")
    two = _project(tmp_path / "two", "# none\n")
    other = _project(tmp_path / "other", "# none either\n")
    base = sys.executable
    envs = FreshEnvs(
        tmp_path / "envs", supervisor, [(one, base), (two, base), (other, base)], uv=installer()
    )
    # Decided when planned: a requirements.txt changed midway does not move a project.
    (two / "requirements.txt").write_text("# changed\n")
    shared, own = (Path(envs.python_for(project, base)) for project in (one, other))
    assert Path(envs.python_for(two, base)) == shared
    assert shared != own
    assert shared.is_file()
    assert own.is_file()

    envs.done_with(one, base)
    assert shared.is_file()  # two still needs it
    envs.done_with(two, base)
    assert not shared.parents[1].exists()
    assert own.is_file()
    envs.done_with(other, base)
    assert not own.parents[1].exists()


def test_requirements_that_name_files_are_never_shared(
    tmp_path: Path, supervisor: Supervisor
) -> None:
    # The same bytes, but `-r base.txt` is each project's own base.txt.
    one = _project(tmp_path / "one", "-r base.txt\n")
    two = _project(tmp_path / "two", "-r base.txt\n")
    for project in (one, two):
        (project / "base.txt").write_text("# nothing to install\n")
    base = sys.executable
    envs = FreshEnvs(tmp_path / "envs", supervisor, [(one, base), (two, base)], uv=installer())
    assert envs.python_for(one, base) != envs.python_for(two, base)


def test_installing_the_project_itself_writes_nothing_into_it(
    tmp_path: Path, supervisor: Supervisor
) -> None:
    """`-e .` builds the project where it is installed from, which is a copy."""
    project = _project(tmp_path / "shop", "-e .\n")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "shop"\nversion = "0.1"\n\n[tool.setuptools]\npy-modules = ["shop"]\n'
    )
    (project / "shop.py").write_text("GREETING = 'Hello'\n")
    before = snapshot(project)
    envs = FreshEnvs(tmp_path / "envs", supervisor, [(project, sys.executable)], uv=installer())
    python = envs.python_for(project, sys.executable)
    version = "import importlib.metadata as m; print(m.version('shop'))"
    shown = subprocess.run([python, "-c", version],
                           capture_output=True, text=True, cwd=tmp_path, timeout=60)  # fmt: skip
    assert shown.stdout == "0.1\n", shown.stderr
    envs.done_with(project, sys.executable)
    assert snapshot(project) == before  # no shop.egg-info, no build/
    assert listing(tmp_path / "envs") == []


@pytest.mark.parametrize(
    ("requirements", "refused"),
    [
        ("shop @ file:///opt/shop\n", "share no folder smaller than '/'"),
        ("-r more.txt\n", "share no folder but '{tmp}', which holds scaffold's temporary"),
        ("flask\n-e ../libs/../lib\n", "share no folder but '{tmp}', which holds scaffold's"),
    ],
    ids=["root", "included", "holding-the-environments"],
)
def test_a_path_out_of_the_project_with_no_folder_to_copy_is_refused_before_any_install(
    requirements: str, refused: str, tmp_path: Path, supervisor: Supervisor
) -> None:
    """A path out of the project is installed from a copy of the smallest folder that
    holds both (see test_fresh_env_projects); when that is `/` (or the home folder), or
    it holds scaffold's own temporary folders, there is none to copy."""
    project = _project(tmp_path / "web", requirements)
    (project / "more.txt").write_text("../outside\n")
    envs = FreshEnvs(tmp_path / "envs", supervisor, [(project, sys.executable)], uv=installer())
    with pytest.raises(FreshEnvError, match=re.escape(refused.format(tmp=tmp_path))):
        envs.python_for(project, sys.executable)
    assert not (tmp_path / "envs").exists()  # nothing copied, nothing made


def _with_local_package(project: Path, greeting: str) -> Path:
    """`project`, whose requirements name its own package in lib/ without a `./`."""
    _project(project, "lib/\n")
    (project / "lib").mkdir()
    (project / "lib" / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "greet"\nversion = "0.1"\n\n[tool.setuptools]\npy-modules = ["greet"]\n'
    )
    (project / "lib" / "greet.py").write_text(f"GREETING = {greeting!r}\n")
    return project


def test_a_local_folder_without_dot_slash_is_a_path_built_outside_the_project(
    tmp_path: Path, supervisor: Supervisor
) -> None:
    """Byte-identical requirements naming each project's own lib/: two environments,
    each with its own package, and no build/ or *.egg-info in either project."""
    one = _with_local_package(tmp_path / "one", "Hello from one")
    two = _with_local_package(tmp_path / "two", "Hello from two")
    before = {project: snapshot(project) for project in (one, two)}
    base = sys.executable
    envs = FreshEnvs(tmp_path / "envs", supervisor, [(one, base), (two, base)], uv=installer())
    shown = "import greet; print(greet.GREETING)"
    greetings = [
        subprocess.run([envs.python_for(project, base), "-c", shown],
                       capture_output=True, text=True, cwd=tmp_path, timeout=60).stdout
        for project in (one, two)
    ]  # fmt: skip
    assert greetings == ["Hello from one\n", "Hello from two\n"]
    for project in (one, two):
        envs.done_with(project, base)
        assert snapshot(project) == before[project]


BUILDS_SAY = {
    # mysqlclient without its headers: an exception its setup.py raises.
    "setup-exception": (
        "error: Failed to build `mysqlclient==2.3.2`\n  cause: The build backend returned an "
        'error\n         File "<string>", line 27, in find_package_name\n'
        "         Exception: Can not find valid pkg-config name.\n"
        "         Specify MYSQLCLIENT_CFLAGS and MYSQLCLIENT_LDFLAGS env vars manually\n",
        ": mysqlclient==2.3.2 did not build: Exception: Can not find valid pkg-config name "
        "(it compiles against a library whose development files this machine has not got: "
        "install them from the OS's packages, as its install instructions name them, or pin "
        "a release that has a wheel for this Python)",
    ),
    # jsmin 2.2.2 on a setuptools without use_2to3: setuptools' own words.
    "setuptools-error": (
        "error: Failed to build `jsmin==2.2.2`\n  cause: The build backend returned an error\n"
        "         warnings.warn(msg)\n         error in jsmin setup command: use_2to3 is "
        "invalid.\n",
        ": jsmin==2.2.2 did not build: error in jsmin setup command: use_2to3 is invalid (it "
        "is converted to Python 3 as it is built, with 2to3, which setuptools 58 took out: "
        "build it with an older one, a file holding `setuptools<58` named by "
        "UV_BUILD_CONSTRAINT=FILE in the environment smoke runs in, on Python 3.11 or older, "
        "whose standard library still has distutils (python=); or pin a release that runs on "
        "Python 3 as it is)",
    ),
    # A C extension: the compiler's first error, whatever exception follows it.
    "compiler-error": (
        "  ERROR: Failed building wheel for psycopg2\n"
        "psycopg/psycopgmodule.c:920:36: error: lvalue required as left operand\n"
        "      RuntimeError: the build failed\n",
        ": psycopg2 did not build: psycopg/psycopgmodule.c:920:36: error: lvalue required as "
        "left operand",
    ),
    # greenlet 0.4.15 on Python 3.11: C written for an older Python's internals.
    "old-c-api": (
        "  ERROR: Failed building wheel for greenlet\n"
        "greenlet.c:160:21: error: '_PyErr_StackItem' {aka 'struct _err_stackitem'} has no "
        "member named 'exc_type'\n",
        ": greenlet did not build: greenlet.c:160:21: error: '_PyErr_StackItem' {aka 'struct "
        "_err_stackitem'} has no member named 'exc_type' (it compiles against Python's C API "
        "as an older Python had it: serve the app with an older Python (python=), or pin a "
        "newer release of it)",
    ),
    # MySQL-python 1.2.5 (fbone's requirements): a setup.py of Python 2's.
    "python-2-setup": (
        "error: Failed to build `mysql-python==1.2.5`\n  cause: The build backend returned an "
        'error\n         File "<string>", line 13, in <module>\n'
        "         ModuleNotFoundError: No module named 'ConfigParser'\n",
        ": mysql-python==1.2.5 did not build: ModuleNotFoundError: No module named "
        "'ConfigParser' (its setup.py imports ConfigParser, Python 2's name for configparser: "
        "it is a release for Python 2 alone; require a newer one, or serve the app with a "
        "Python 2 (python=))",
    ),
    # Flask-Login 0.2.3 (overholt's requirements): a setup.py that takes a filter as a list.
    "python-2-code": (
        "  ERROR: Failed building wheel for flask-login\n"
        '  File "setup.py", line 20, in <module>\n'
        "    TypeError: 'filter' object is not subscriptable\n",
        ": flask-login did not build: TypeError: 'filter' object is not subscriptable (its "
        "setup.py is Python 2 code: it is a release for Python 2 alone; require a newer one, "
        "or serve the app with a Python 2 (python=))",
    ),
    # Twisted 20.3 on Python 3.11: a header of Python's that 3.11 moved into cpython/.
    "python-header": (
        "  ERROR: Failed building wheel for Twisted\nsrc/twisted/test/raiser.c:198:12: fatal "
        "error: longintrepr.h: No such file or directory\n",
        ": Twisted did not build: src/twisted/test/raiser.c:198:12: fatal error: "
        "longintrepr.h: No such file or directory (it compiles against Python's C API as an "
        "older Python had it: serve the app with an older Python (python=), or pin a newer "
        "release of it)",
    ),
    # Twisted 20.3's only file, a .tar.bz2, which uv refuses and pip installs.
    "not-pep-625": (
        "  cause: Because twisted==20.3.0 has a non-PEP 625-compliant source distribution "
        "filename and you require twisted==20.3.0, we can conclude that your requirements "
        "are unsatisfiable.\n",
        ": twisted's only source distribution has a name uv refuses (not PEP 625's), which "
        "pip installs: install with pip (SCAFFOLD_INSTALLER=pip), or pin a newer release of it",
    ),
    # uv sync, of a uv.lock locked for newer Pythons than the one it is given.
    "uv-locked-python": (
        "error: The current Python version (3.12.1) is not compatible with the locked Python "
        "requirement: `>=3.99`\n",
        ": uv.lock is locked for Python >=3.99, and the environment's is 3.12.1: serve the app "
        "with a Python that fits (python=)",
    ),
    # A requirement whose releases that fit need a newer Python, as uv and pip say it
    # (a `wagtail start` project's Django>=6.1 on Python 3.11).
    "uv-other-python": (
        "error: No solution found when resolving dependencies\n  cause: Because the current "
        "Python version (3.11.7) does not satisfy Python>=3.12 and django>=6.1 depends on "
        "Python>=3.12, we can conclude that django>=6.1 cannot be used.\n",
        ": django>=6.1 needs Python >=3.12, and the environment's is 3.11.7: serve the app "
        "with a Python that fits (python=)",
    ),
    # The same of a requirement pinned in the file (healthchecks' Django[argon2]==6.1).
    "uv-other-python-required": (
        "error: No solution found when resolving dependencies\n  cause: Because the current "
        "Python version (3.11.7) does not satisfy Python>=3.12 and you require "
        "django[argon2]==6.1, we can conclude that your requirements are unsatisfiable.\n",
        ": django[argon2]==6.1 needs Python >=3.12, and the environment's is 3.11.7: serve "
        "the app with a Python that fits (python=)",
    ),
    "pip-other-python": (
        "ERROR: Ignored the following versions that require a different python version: 6.0 "
        "Requires-Python >=3.12; 6.0.1 Requires-Python >=3.12\nERROR: Could not find a "
        "version that satisfies the requirement Django<6.2,>=6.1 (from versions: 1.1.3)\n"
        "ERROR: No matching distribution found for Django<6.2,>=6.1\n",
        ": Django has no release for this Python (pip passed over those that need Python "
        ">=3.12): serve the app with a Python that fits (python=)",
    ),
    # pip's, of a requirement it chose whose Requires-Python refuses this Python: a local
    # project's; one an index lists without its Requires-Python, as pip 18.1 of Python
    # 3.6 says it (vitorfs/bootcamp's unpinned argon2-cffi, behind such an index).
    "pip-refused-python": (
        "ERROR: Package 'thing' requires a different Python: 3.11.7 not in '>=3.12'\n",
        ": thing needs Python >=3.12, and the environment's is 3.11.7: serve the app with a "
        "Python that fits (python=)",
    ),
    "pip-18-refused-python": (
        "argon2-cffi requires Python '>=3.8' but the running Python is 3.6.15\n",
        ": argon2-cffi needs Python >=3.8, and the environment's is 3.6.15: serve the app with "
        "a Python that fits (python=)",
    ),
    # An index that cannot be reached (tko22/flask-boilerplate's requirements name
    # `-i https://pypi.python.org/simple`; here, no network): not a missing package.
    "uv-unreachable": (
        "error: Request failed after 3 retries in 6.3s\n  cause: Failed to fetch: "
        "https://pypi.python.org/simple/flask-sqlalchemy/\n  cause: error sending request for "
        "url (https://pypi.python.org/simple/flask-sqlalchemy/)\n  cause: client error "
        "(Connect)\n  cause: dns error\n  cause: failed to lookup address information: Name "
        "or service not known\n",
        ": https://pypi.python.org/simple/flask-sqlalchemy/ could not be fetched (failed to "
        "lookup address information: Name or service not known): check the network, and the "
        "index or URL the requirements name",
    ),
    "pip-unreachable": (
        "Looking in indexes: https://pypi.python.org/simple\nWARNING: Retrying (Retry(total=0, "
        "connect=None, read=None, redirect=None, status=None)) after connection broken by "
        "'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at "
        "0x7f85>: Failed to establish a new connection: [Errno -2] Name or service not "
        "known')': /simple/flask-cors/\nERROR: Could not find a version that satisfies the "
        "requirement flask-cors>=3.0.6 (from versions: none)\nERROR: No matching distribution "
        "found for flask-cors>=3.0.6\n",
        ": the package index (https://pypi.python.org/simple) could not be reached ([Errno -2] "
        "Name or service not known): check the network, and the index or URL the requirements "
        "name",
    ),
    # A retry that failed for another package is not why this one was not found.
    "pip-not-found-after-a-retry": (
        "WARNING: Retrying (Retry(total=4)) after connection broken by 'NewConnectionError("
        "'<x>: Failed to establish a new connection: [Errno 101] Network is unreachable')': "
        "/simple/flask/\nCollecting flask\nERROR: Could not find a version that satisfies the "
        "requirement flask-nonesuch (from versions: none)\nERROR: No matching distribution "
        "found for flask-nonesuch\n",
        ": flask-nonesuch was not found in the package index",
    ),
    # Pins no versions satisfy together (aws-samples/eb-py-flask-signup's).
    "uv-conflict": (
        "error: No solution found when resolving dependencies\n  cause: Because "
        "werkzeug==3.0.3 depends on markupsafe>=2.1.1 and you require markupsafe==2.0.1, we "
        "can conclude that your requirements and werkzeug==3.0.3 are incompatible.\n",
        ": the requirements conflict: werkzeug==3.0.3 depends on markupsafe>=2.1.1 and you "
        "require markupsafe==2.0.1",
    ),
    # A conflict uv reasons out in two steps (miguelgrinberg/flask-examples, with Jinja2
    # pinned up and MarkupSafe left at its old pin).
    "uv-conflict-in-steps": (
        "error: No solution found when resolving dependencies\n  cause: Because "
        "jinja2==2.11.3 depends on markupsafe>=0.23 and you require jinja2==2.11.3, we can "
        "conclude that you require markupsafe>=0.23.\n         And because you require "
        "markupsafe==0.21, we can conclude that your requirements are unsatisfiable.\n",
        ": the requirements conflict: jinja2==2.11.3 depends on markupsafe>=0.23 and you "
        "require jinja2==2.11.3; and you require markupsafe==0.21",
    ),
    "pip-conflict": (
        "ERROR: Cannot install -r requirements.txt (line 5) and MarkupSafe==2.0.1 because "
        "these package versions have conflicting dependencies.\n",
        ": the requirements conflict: -r requirements.txt (line 5) and MarkupSafe==2.0.1 "
        "cannot be installed together",
    ),
    # A git requirement of the git:// scheme (vitorfs/parsifal's local.txt): uv refuses
    # to read it; pip's git clone fails, and git says why.
    "uv-unreadable": (
        "error: Couldn't parse requirement in `local.txt` at position 42\n  cause: "
        "Unsupported Git URL scheme `git:` in `git://github.com/jazzband/django-silk.git` "
        "(expected one of `https:`, `ssh:`, or `file:`)\n",
        ": a requirement in local.txt cannot be read: Unsupported Git URL scheme `git:` in "
        "`git://github.com/jazzband/django-silk.git` (expected one of `https:`, `ssh:`, or "
        "`file:`)",
    ),
    "pip-unreadable": (
        "ERROR: Invalid requirement: 'django-silk @@ 1' (from line 3 of local.txt)\n",
        ": a requirement cannot be read: 'django-silk @@ 1' (from line 3 of local.txt)",
    ),
    "pip-git-clone": (
        "  \u00d7 git clone --filter=blob:none --quiet git://github.com/jazzband/django-silk.git "
        "/tmp/pip-install-0d4a/django-silk_ec59 did not run successfully.\n  │ exit code: 128\n"
        "  ╰─> [1 lines of output]\n      fatal: unable to look up github.com (port 9418) "
        "(Name or service not known)\n      [end of output]\n",
        ": git could not fetch git://github.com/jazzband/django-silk.git: unable to look up "
        "github.com (port 9418) (Name or service not known)",
    ),
    # A Poetry project's git dependency (unfoldadmin/formula's), which uv fetches itself.
    "uv-git-fetch": (
        "error: Failed to download and build `django-unfold @ git+https://github.com/"
        "unfoldadmin/django-unfold.git`\n  cause: Git operation failed\n  cause: failed to "
        "fetch into: /root/.cache/uv/git-v2/db/eccdf1f6cf730fc0\n  cause: process didn't "
        "exit successfully: `/usr/bin/git fetch --force --update-head-ok 'https://github.com/"
        "unfoldadmin/django-unfold.git' '+HEAD:refs/remotes/origin/HEAD'` (exit status: 128)"
        "\n         --- stderr\n         fatal: unable to access 'https://github.com/"
        "unfoldadmin/django-unfold.git/': Could not resolve host: github.com\n",
        ": git could not fetch https://github.com/unfoldadmin/django-unfold.git: unable to "
        "access 'https://github.com/unfoldadmin/django-unfold.git/': Could not resolve host: "
        "github.com",
    ),
}


@pytest.fixture
def no_pythons_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pyenv with no versions, no uv Pythons, and nothing on PATH: its pyenv root."""
    root = tmp_path / "pyenv"
    (root / "versions").mkdir(parents=True)
    monkeypatch.setenv("PYENV_ROOT", str(root))
    monkeypatch.setenv("UV_PYTHON_INSTALL_DIR", str(tmp_path / "uv-pythons"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    return root


@pytest.mark.parametrize(("printed", "said"), BUILDS_SAY.values(), ids=BUILDS_SAY.keys())
@pytest.mark.usefixtures("no_pythons_installed")
def test_a_build_that_failed_is_named_with_its_own_error(printed: str, said: str) -> None:
    """As uv and pip print them, each checked against a real build of that package."""
    assert build_failure(printed) == said


@pytest.mark.parametrize("installer", ["uv-other-python", "pip-other-python", "pip-refused-python"])
def test_a_python_a_requirement_needs_is_named_when_one_is_installed(
    no_pythons_installed: Path, installer: str
) -> None:
    """The oldest installed that fits: kiwitcms's Django 6 on Python 3.11, 3.12 in pyenv."""
    for version in ("3.11.7", "3.12.1", "3.13.0"):
        python = no_pythons_installed / "versions" / version / "bin" / "python3"
        python.parent.mkdir(parents=True)
        python.touch(mode=0o755)
    fitting = no_pythons_installed / "versions" / "3.12.1" / "bin" / "python3"
    printed, _ = BUILDS_SAY[installer]
    assert build_failure(printed).endswith(
        f"serve the app with a Python that fits (python={str(fitting)!r}, installed here)"
    )


def test_scaffolds_pip_installs_only_for_the_pythons_it_runs_under(
    tmp_path: Path, supervisor: Supervisor
) -> None:
    """pip 24.1 and newer refuse to run under Python 3.7 and older (`pip --python`
    runs under it): an environment of such a Python, which a project's runtime.txt
    may ask for, is made with its own pip, as `python -m venv` seeds it."""
    old = tmp_path / "python3.6"  # says it is 3.6, as pyenv's 3.6.15 would
    old.write_text(f'#!/bin/sh\n[ "$1" = -c ] && echo 3.6.15 && exit\nexec {sys.executable} "$@"\n')
    old.chmod(0o755)
    assert pip_serves(sys.executable, supervisor, tmp_path)
    assert not pip_serves(str(old), supervisor, tmp_path)


@pytest.mark.parametrize("chosen", ["uv", "pip"])
def test_a_python_2_is_told_how_to_make_its_virtualenv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    """Neither uv nor venv makes a virtualenv of Python 2.7 (pyenv's 2.7.18, as old Flask
    apps name it): the FAIL says so, and how to make one to give with python=."""
    monkeypatch.setenv("SCAFFOLD_INSTALLER", chosen)
    python_2 = tmp_path / "python2.7"  # answers as Python 2.7 does: its version, else an error
    python_2.write_text(
        '#!/bin/sh\n[ "$1" = -c ] && echo 2.7.18 && exit\n'
        'echo "  File \\"$1\\", line 1" >&2; echo "SyntaxError: invalid syntax" >&2; exit 1\n'
    )
    python_2.chmod(0o755)
    root = flask_app(tmp_path / "app")
    (root / "requirements.txt").write_text("flask\n")
    (result,) = scaffold.smoke([root], fresh_env=True, python=str(python_2))
    assert str(result.error) == (
        f"fresh_env: {python_2} is Python 2.7.18, of which neither uv nor venv makes a "
        "virtualenv: make one yourself with virtualenv before 20.22, the last to make them "
        f"(pip install 'virtualenv<20.22', then virtualenv -p {python_2} env), install the "
        "project's requirements in it, and give its python with python=, without fresh_env"
    )


@pytest.mark.parametrize(
    ("file", "said", "where"),
    [("runtime.txt", "python-2.7.6", "its runtime.txt (python-2.7.6)"),
     (".python-version", "2.7.18", "its .python-version")],
    ids=["runtime.txt", "python-version"],
)  # fmt: skip
def test_a_project_run_with_python_2_is_told_how_to_make_its_virtualenv_at_once(
    tmp_path: Path, file: str, said: str, where: str
) -> None:
    """joehand/flask-blog's runtime.txt, a Heroku app of 2014's: not a Python 3
    environment failing package by package."""
    root = flask_app(tmp_path / "app")
    write_files(root, {"requirements.txt": "flask\n", file: f"{said}\n"})
    (result,) = scaffold.smoke([root], fresh_env=True)
    assert str(result.error) == (
        f"fresh_env: '{root}' is run with Python 2.7 ({where}), of which neither uv nor venv "
        "makes a virtualenv: make one yourself with virtualenv before 20.22, the last to make "
        "them (pip install 'virtualenv<20.22', then virtualenv -p python2.7 env), install the "
        "project's requirements in it, and give its python with python=, without fresh_env"
    )


def test_a_uv_locks_python_binds_only_when_installed_from_it_and_read(tmp_path: Path) -> None:
    """A lock that is not TOML, or says no requires-python, chooses nothing."""
    from scaffold._smoke.pythons import Wanted, python_wanted

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\nversion = "0"\n')
    lock = tmp_path / "uv.lock"
    lock.write_text('version = 1\nrequires-python = ">=3.12"\n')
    said = Wanted(">=3.12", "its uv.lock's requires-python", binding=True)
    assert python_wanted(tmp_path, locked=True) == said
    assert python_wanted(tmp_path) is None  # a requirements file is installed in its place
    for text in ("requires-python = [not toml\n", "version = 1\n", "requires-python = 3\n"):
        lock.write_text(text)
        assert python_wanted(tmp_path, locked=True) is None, text
