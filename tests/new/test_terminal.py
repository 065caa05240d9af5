"""`scaffold` at a real terminal (a pseudo-terminal): prompts, colour, completion, help."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from sample_apps import flask_app
from scaffold.kinds import KINDS
from support import listing

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def terminal(*args: str, cwd: Path, env: dict[str, str] | None = None) -> pexpect.spawn:
    """`scaffold ARGS` in a pseudo-terminal of its own, 120 columns wide."""
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | (env or {})
    return pexpect.spawn(
        sys.executable,
        ["-m", "scaffold", *args],
        cwd=str(cwd),
        env=environment,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )


def finish(child: pexpect.spawn) -> str:
    """Everything else the command prints, once it has ended."""
    child.expect(pexpect.EOF)
    child.close()
    return child.before  # type: ignore[no-any-return]


def test_new_asks_for_each_answer_and_checks_it_as_typed(tmp_path: Path) -> None:
    child = terminal("new", cwd=tmp_path)
    child.expect("Templates:")
    for number, kind in enumerate(KINDS, start=1):
        child.expect(re.escape(f"{number}  {kind.name}") + r" +" + re.escape(kind.description))
    child.expect(re.escape("Template [1]: "))
    child.sendline("9")
    child.expect(re.escape("Error: 9 is not in the menu: type a number from 1 to 4, or a "))
    child.sendline("flask-singel")
    child.expect(re.escape("Error: unknown template 'flask-singel'"))
    child.expect(re.escape("Template [1]: "))
    child.sendline("2")
    child.expect(re.escape("Project name [hello_flask_project]: "))
    child.sendline("my-site")
    refused = (
        "Error: 'my-site' is not a valid project name: use letters, digits and underscores, "
        "not starting with a digit, e.g. 'my_site'."
    )
    child.expect(re.escape(refused))
    child.expect(re.escape("Project name [hello_flask_project]: "))
    child.sendline("blog")
    child.expect(re.escape("Greeting [Hello]: "))
    child.sendline("   ")
    child.expect(re.escape("Error: the greeting is blank"))
    child.expect(re.escape("Greeting [Hello]: "))
    child.sendline("Bonjour")
    output = finish(child)
    assert child.exitstatus == 0, output
    assert "Next steps:" in output
    recorded = json.loads((tmp_path / "blog" / ".scaffold.json").read_text())
    assert recorded["template"] == "flask-project"
    assert recorded["answers"]["greeting"] == "Bonjour"


def test_a_template_may_be_chosen_by_name_and_a_taken_name_is_not_suggested(
    tmp_path: Path,
) -> None:
    (tmp_path / "hello_django").mkdir()
    child = terminal("new", "--greeting", "Hi", cwd=tmp_path)
    child.expect(re.escape("Template [1]: "))
    child.sendline("django-single")
    child.expect(re.escape("Project name [hello_django_2]: "))
    child.sendline("hello_django")
    child.expect(re.escape("already exists as a folder"))
    child.expect(re.escape("Project name [hello_django_2]: "))
    child.sendline("")
    output = finish(child)
    assert child.exitstatus == 0, output
    assert "Greeting" not in output  # --greeting gave it
    assert (tmp_path / "hello_django_2" / "app.py").is_file()


def test_ctrl_c_at_a_prompt_writes_nothing(tmp_path: Path) -> None:
    child = terminal("new", "flask-single", cwd=tmp_path)
    child.expect(re.escape("Project name [hello_flask]: "))
    # A moment, as a person takes: a Ctrl-C in the microseconds between input()
    # writing its prompt and starting to read waits, in CPython, for that read.
    time.sleep(0.3)
    child.sendcontrol("c")
    output = finish(child)
    assert child.exitstatus == 130  # as a shell reports Ctrl-C: 128 + SIGINT
    assert "Aborted!" in output
    assert "Traceback" not in output
    assert listing(tmp_path) == []


@pytest.mark.parametrize("args", [["new"], ["new", "flask-single"]], ids=["nothing", "no-name"])
def test_without_a_terminal_nothing_is_asked_and_the_templates_are_listed(
    args: list[str], tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", *args],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Error: missing " in result.stderr
    assert ", ".join(kind.name for kind in KINDS) in result.stderr
    assert listing(tmp_path) == []


def test_no_input_never_asks_even_at_a_terminal(tmp_path: Path) -> None:
    output = finish(terminal("new", "--no-input", cwd=tmp_path))
    assert "Error: missing TEMPLATE and NAME" in output
    assert "Template [" not in output
    assert listing(tmp_path) == []


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, True),
        ([], {"NO_COLOR": "1"}, False),
        (["--no-color"], {}, False),
    ],
    ids=["terminal", "NO_COLOR", "--no-color"],
)
def test_colour_only_on_a_terminal_and_only_if_wanted(
    args: list[str], env: dict[str, str], coloured: bool, tmp_path: Path
) -> None:
    made = finish(terminal(*args, "new", "flask-single", "hello", cwd=tmp_path, env=env))
    refused = finish(terminal(*args, "new", "flask-single", "my-site", cwd=tmp_path, env=env))
    for output, colour in ((made, "\x1b[1m"), (refused, "\x1b[31m")):
        assert (colour in output) is coloured, output
    if coloured:  # results too: PASS in green
        checked = finish(terminal(*args, "smoke", "hello", cwd=tmp_path, env=env))
        assert "\x1b[32m" in checked
        assert "PASS" in ANSI.sub("", checked)


def test_colour_never_reaches_a_pipe(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scaffold", "new", "flask-single", "hello"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0
    assert "\x1b" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "_SCAFFOLD_COMPLETE=bash_complete"), ("zsh", "#compdef scaffold"),
     ("fish", "complete --no-files --command scaffold")],
)  # fmt: skip
def test_completion_prints_each_shells_script(shell: str, marker: str, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scaffold", "completion", shell],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0
    assert marker in result.stdout


def test_completion_completes_template_names(tmp_path: Path) -> None:
    env = {**os.environ, "_SCAFFOLD_COMPLETE": "bash_complete",
           "COMP_WORDS": "scaffold new fl", "COMP_CWORD": "2"}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "scaffold"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.stdout.split() == ["plain,flask-single", "plain,flask-project"]


@pytest.mark.parametrize("command", [[], ["list"], ["new"], ["smoke"], ["compare"], ["completion"]])
def test_each_commands_help_ends_with_examples(command: list[str], tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scaffold", *command, "--help"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)  # fmt: skip
    examples = result.stdout.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(examples) >= 2
    assert all(line.lstrip().startswith(("scaffold", "eval")) for line in examples)


@pytest.mark.parametrize("no_color", [{"NO_COLOR": "1"}, {}], ids=["NO_COLOR", "colour"])
def test_smokes_progress_line_is_dim_only_where_colour_is_wanted(
    no_color: dict[str, str], tmp_path: Path
) -> None:
    app = flask_app(tmp_path / "app")
    child = terminal("smoke", str(app), cwd=tmp_path, env=no_color)
    output = finish(child)
    assert child.exitstatus == 0, output
    assert f"starting {app} (dev)" in output
    assert bool(ANSI.search(output)) is not bool(no_color)


@pytest.mark.parametrize("command", ["smoke", "compare"])
def test_bash_completes_a_target_with_template_names_and_folders(
    command: str, tmp_path: Path
) -> None:
    (tmp_path / "flask_shop").mkdir()
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PS1": "$ "}
    child = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], cwd=str(tmp_path), env=env,
                          encoding="utf-8", timeout=30, dimensions=(40, 200))  # fmt: skip
    child.sendline('eval "$(scaffold completion bash)" && echo loaded')
    child.expect("loaded")
    child.send(f"scaffold {command} fl\t")  # completes what the matches share: "flask"
    child.expect("ask")
    child.send("\t")  # rings: more than one match
    child.expect("\x07")
    child.send("\t")  # lists them, then the line as typed so far again
    child.expect(re.escape(f"$ scaffold {command} flask"))
    listed = ANSI.sub("", child.before)
    child.sendcontrol("c")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert listed.split() == ["flask-single", "flask-project", "flask_shop/"]


def test_compare_says_what_it_measures_at_a_terminal_and_nothing_in_a_pipe(
    tmp_path: Path,
) -> None:
    args = ["compare", "flask-single", "--boot", "--load", "--repeat", "2", "--load-seconds",
            "0.3"]  # fmt: skip
    child = terminal(*args, cwd=tmp_path)
    child.expect(re.escape("booting flask-single 2 times …"))
    child.expect(re.escape("loading flask-single: 2 samples of 0.3 s of requests …"))
    output = finish(child)
    assert child.exitstatus == 0, output
    assert "flask-single" in output  # then the table
    piped = subprocess.run([sys.executable, "-m", "scaffold", *args], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)  # fmt: skip
    assert piped.returncode == 0
    assert piped.stderr == ""
