"""What `generate` writes, and that it writes all of it or nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import scaffold
import scaffold._new
import scaffold.kinds
from scaffold import generate
from scaffold._temporary import sweep
from scaffold.errors import GenerationError
from scaffold.kinds import get_kind
from support import TEMPLATE_NAMES, listing, snapshot

COMMON = {".gitignore", ".scaffold.json", "README.md", "pyproject.toml", ".github/workflows/ci.yml"}
SINGLE = COMMON | {"app.py", "test_app.py"}
EXPECTED_FILES = {
    "flask-single": SINGLE,
    "flask-project": COMMON
    | {
        "site1/__init__.py",
        "site1/greeting.py",
        "tests/conftest.py",
        "tests/test_greeting.py",
    },
    "django-single": SINGLE,
    "django-project": COMMON
    | {
        "manage.py",
        "site1/__init__.py",
        "site1/settings.py",
        "site1/urls.py",
        "site1/wsgi.py",
        "site1/asgi.py",
        "helloworld/__init__.py",
        "helloworld/apps.py",
        "helloworld/views.py",
        "helloworld/urls.py",
        "helloworld/tests.py",
        "helloworld/migrations/__init__.py",
    },
}


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_each_template_writes_its_files(template: str, tmp_path: Path) -> None:
    project = generate(template, "site1", output_dir=tmp_path)
    assert project.path == tmp_path / "site1"
    written = {
        p.relative_to(project.path).as_posix() for p in project.path.rglob("*") if p.is_file()
    }
    assert written == EXPECTED_FILES[template]
    assert {f.as_posix() for f in project.files} == written
    assert listing(tmp_path) == ["site1"]  # no staging folder left beside it


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_answers_are_recorded_in_the_project(template: str, tmp_path: Path) -> None:
    project = generate(template, "site1", output_dir=tmp_path, greeting='Hi "{{ you }}"')
    recorded = json.loads((project.path / ".scaffold.json").read_text())
    secrets = {name: recorded["answers"].get(name, "") for name, _ in get_kind(template).secrets}
    assert recorded == {
        "template": template,
        "version": scaffold.__version__,
        "answers": {"project_name": "site1", "greeting": 'Hi "{{ you }}"', **secrets},
    }
    assert all(value.startswith("django-insecure-") for value in secrets.values())


def test_manage_py_is_executable(tmp_path: Path) -> None:
    project = generate("django-project", "site1", output_dir=tmp_path)
    assert os.access(project.path / "manage.py", os.X_OK)


def test_two_django_projects_never_share_a_secret(tmp_path: Path) -> None:
    def secret(name: str) -> str:
        settings = generate("django-project", name, output_dir=tmp_path).path / name / "settings.py"
        match = re.search(r'"(django-insecure-[^"]+)"', settings.read_text())
        assert match, "settings.py has no generated key"
        return match.group(1)

    first, second = secret("one"), secret("two")
    assert first != second
    assert len(first) >= len("django-insecure-") + 50


@pytest.mark.parametrize(
    "greeting",
    ["{{ 7*7 }}", "{% raw %}x", 'It\'s "so" \\ 100% {braces}', "Grüß dich 👋"],
    ids=["jinja-expression", "jinja-tag", "quotes-and-escapes", "non-ascii"],
)
def test_the_greeting_is_never_evaluated(greeting: str, tmp_path: Path) -> None:
    project = generate("flask-single", "site1", output_dir=tmp_path, greeting=greeting)
    namespace: dict[str, object] = {}
    source = (project.path / "app.py").read_text(encoding="utf-8")
    greeting_line = next(line for line in source.splitlines() if line.startswith("GREETING ="))
    exec(greeting_line, namespace)  # noqa: S102 - our own generated literal
    assert namespace["GREETING"] == greeting


def test_bytecode_in_an_installed_template_never_reaches_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pip byte-compiles the templates it installs: imitate that on a copy.
    templates = tmp_path / "templates"
    shutil.copytree(scaffold.kinds.templates_root(), templates)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(templates)], check=False)
    assert list(templates.rglob("*.pyc"))
    monkeypatch.setattr(scaffold.kinds, "templates_root", lambda: templates)
    project = generate("django-project", "site1", output_dir=tmp_path)
    assert not list(project.path.rglob("__pycache__"))
    assert not list(project.path.rglob("*.pyc"))


@pytest.mark.parametrize(
    "interruption", [KeyboardInterrupt(), GenerationError("boom")], ids=["ctrl-c", "error"]
)
def test_an_interrupted_generation_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interruption: BaseException
) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    before = snapshot(tmp_path)
    original = scaffold._project.rendering.render

    def render_then_fail(*args: object, **kwargs: object) -> Path:
        original(*args, **kwargs)  # type: ignore[arg-type]
        raise interruption

    monkeypatch.setattr(scaffold._new, "render", render_then_fail)
    with pytest.raises(type(interruption)):
        generate("django-project", "site1", output_dir=tmp_path)
    assert snapshot(tmp_path) == before


def _scaffold_new(name: str, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scaffold", "new", "django-project", name, "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_racing_runs_for_one_name_give_one_project_and_clean_refusals(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    runs = [_scaffold_new("site1", out) for _ in range(4)]
    results = [(run.wait(timeout=60), *run.communicate()) for run in runs]
    assert sorted(code for code, _, _ in results) == [0, 2, 2, 2]
    for code, _, stderr in results:
        if code == 2:
            assert stderr.startswith("Error: ")
            assert "already exists" in stderr
            assert "Traceback" not in stderr
    assert listing(out) == ["site1"]
    reference = generate("django-project", "site1", output_dir=tmp_path).path
    assert snapshot(out / "site1").keys() == snapshot(reference).keys()


def test_parallel_runs_with_different_names_all_succeed(tmp_path: Path) -> None:
    names = [f"site{i}" for i in range(4)]
    runs = [_scaffold_new(name, tmp_path) for name in names]
    assert [run.wait(timeout=60) for run in runs] == [0] * len(names)
    for run in runs:
        run.communicate()
    assert listing(tmp_path) == names
    assert all((tmp_path / name / "manage.py").is_file() for name in names)


def test_nothing_is_written_outside_the_output_folder(tmp_path: Path, home: Path) -> None:
    out, cwd = tmp_path / "out", tmp_path / "cwd"
    out.mkdir()
    cwd.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "scaffold", "new", "flask-single", "site1", "-o", str(out)],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert listing(cwd) == []
    assert listing(home) == []
    assert listing(out) == ["site1"]


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_longest_name_allowed_generates(template: str, tmp_path: Path) -> None:
    name = "n" * 100
    project = generate(template, name, output_dir=tmp_path)
    assert (project.path / ".scaffold.json").is_file()


def test_sigkill_during_new_never_blocks_the_next_run(tmp_path: Path) -> None:
    """Kill `scaffold new` at moments spread over its run; each next run must work."""
    seen = set()
    for i, delay in enumerate((0.0, 0.08, 0.16, 0.24, 0.6)):
        out = tmp_path / f"out{i}"
        out.mkdir()
        run = _scaffold_new("site1", out)
        time.sleep(delay)
        run.kill()
        run.communicate()
        project = out / "site1"
        seen.add(project.exists())
        if project.exists():  # it finished first: the whole project is there
            assert (project / "site1" / "settings.py").is_file()
            continue
        again = _scaffold_new("site1", out)
        _, stderr = again.communicate(timeout=60)
        assert again.returncode == 0, stderr
        assert (project / "site1" / "settings.py").is_file()
        # The killed run's hidden folder is gone; unless it was killed as it made it,
        # before its lock file was there (microseconds): such a folder, empty, may be a
        # live run's on its way in, and is removed once a minute old, by a later run.
        for left in (name for name in listing(out) if name != "site1"):
            assert listing(out / left) in ([], [".scaffold-lock.pending"]), left
            old = time.time() - 120
            os.utime(out / left, (old, old))
            sweep(out)
        assert listing(out) == ["site1"]
    assert False in seen  # some runs were killed before they finished
