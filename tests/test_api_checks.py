"""The Python API checks its own arguments, as the command line's options are checked:
an InputError naming the argument, before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

import scaffold
from sample_apps import flask_app
from scaffold.errors import InputError

NEVER = "raise SystemExit('this app must never be started')\napp = object()\n"


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"server": "bogus"}, "server"),
        ({"jobs": 0}, "jobs"),
        ({"jobs": -1}, "jobs"),
        ({"jobs": True}, "jobs"),
        ({"timeout": "5"}, "timeout"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": 1e12}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"shard": (3, 2)}, "shard"),
        ({"shard": "0/2"}, "shard"),
        ({"shard": [1, 2]}, "shard"),
        ({"status": 99}, "status"),
        ({"status": "200"}, "status"),
        ({"path": []}, "path"),
        ({"path": ["health"]}, "path"),
        ({"host": "shop example"}, "host"),
        ({"env": {"BAD KEY": "1"}}, "env"),
        ({"env": {"KEY": 1}}, "env"),
        ({"extra": ["test"]}, "extra"),  # only a fresh environment installs it
        ({"extra": ["-e ."], "fresh_env": True}, "extra"),
        ({"extra": ["test"], "fresh_env": True, "requirements": __file__}, "extra"),
    ],
    ids=repr,
)
def test_smoke_refuses_what_no_server_can_be_checked_with(
    tmp_path: Path, arguments: dict[str, object], parameter: str
) -> None:
    app = flask_app(tmp_path / "app", NEVER)
    with pytest.raises(InputError) as raised:
        scaffold.smoke([app], **arguments)  # type: ignore[arg-type]
    assert raised.value.parameter == parameter
    assert "--" not in str(raised.value)  # the API names arguments, not options


@pytest.mark.integration
def test_smoke_takes_a_shard_as_text_and_a_path_as_one_string(tmp_path: Path) -> None:
    results = list(scaffold.smoke(["flask-single", "django-single"], shard="2/2", path="/"))
    assert [(r.target, r.passed, r.shard, r.request) for r in results] == [
        ("django-single", True, "2/2", "/")
    ]


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"repeat": 0}, "repeat"),
        ({"repeat": 0, "boot": True}, "repeat"),
        ({"repeat": 2.5}, "repeat"),
        ({"load_seconds": 0}, "load_seconds"),
        ({"load_seconds": 1e12}, "load_seconds"),
        ({"load_seconds": float("inf")}, "load_seconds"),
        ({"host": "a b"}, "host"),
    ],
    ids=repr,
)
def test_compare_refuses_what_it_cannot_measure_with(
    tmp_path: Path, arguments: dict[str, object], parameter: str
) -> None:
    app = flask_app(tmp_path / "app", NEVER)
    with pytest.raises(InputError) as raised:
        scaffold.compare([app], **arguments)  # type: ignore[arg-type]
    assert raised.value.parameter == parameter


def test_serve_refuses_a_bad_server_before_anything_runs(tmp_path: Path) -> None:
    app = flask_app(tmp_path / "app", NEVER)
    with pytest.raises(InputError) as raised, scaffold.serve(app, server="bogus"):
        pass
    assert raised.value.parameter == "server"


@pytest.mark.parametrize(
    ("call", "api_said", "cli_args", "cli_said"),
    [
        (lambda d: scaffold.generate("flask-single", "a/b", output_dir=d),
         "the folder with output_dir=.", ["new", "flask-single", "a/b"],
         "the folder with --output-dir."),
        (lambda d: scaffold.generate("flask-single", "x", output_dir=d / "none"),
         "pick another with output_dir=.", ["new", "flask-single", "x", "-o", "none"],
         "pick another with --output-dir."),
        (lambda d: scaffold.generate("flask-single", "x", output_dir=d, greeting=" "),
         "e.g. greeting='Hi'.", ["new", "flask-single", "x", "-g", " "], "e.g. --greeting Hi."),
        (lambda d: list(scaffold.smoke([d], requirements="r.txt")),
         "add fresh_env=True.", ["smoke", ".", "--requirements", "r.txt"], "add --fresh-env."),
    ],
    ids=["name", "output-dir", "greeting", "requirements"],
)  # fmt: skip
def test_advice_names_the_api_keyword_and_the_commands_option(
    call: object, api_said: str, cli_args: list[str], cli_said: str, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from scaffold.cli import cli

    (tmp_path / "r.txt").write_text("flask\n")
    with pytest.raises(InputError) as raised:
        call(tmp_path)  # type: ignore[operator]
    assert str(raised.value).endswith(api_said)
    assert "--" not in str(raised.value)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = CliRunner().invoke(cli, cli_args)
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith(cli_said)
    # And after the command, the API speaks its own terms again.
    with pytest.raises(InputError) as again:
        call(tmp_path)  # type: ignore[operator]
    assert str(again.value) == str(raised.value)
