"""Unit tests for the rules on project names and greetings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import scaffold._project.names
from scaffold._new import check_greeting, check_name
from scaffold._project.names import greeting_problem, name_problem
from scaffold.errors import InvalidGreetingError, InvalidNameError
from scaffold.kinds import get_kind

FLASK_SINGLE = get_kind("flask-single")


@pytest.mark.parametrize("name", ["hello", "my_site", "_private", "Site2", "a", "rich", "yaml"])
def test_valid_names_pass(name: str) -> None:
    assert name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("123abc", "not a valid project name"),
        ("my-site", "not a valid project name"),
        ("a b", "not a valid project name"),
        ("café", "not a valid project name"),
        ("class", "keyword"),
        ("os", "would shadow the module 'os'"),
        ("django", "would shadow the module 'django'"),
        ("Flask", "would shadow the module 'flask'"),
        ("whitenoise", "would shadow"),
        ("uvicorn", "would shadow"),
        ("asgiref", "would shadow"),
        ("distutils", "would shadow"),  # gone from newer Pythons, there in older ones
        ("a/b", "is a path"),
        ("..\\x", "is a path"),
        ("-x", "looks like an option"),
    ],
)
def test_invalid_names_are_refused_with_a_reason(name: str, reason: str) -> None:
    with pytest.raises(InvalidNameError, match=reason):
        check_name(name, kind=FLASK_SINGLE)


@pytest.mark.parametrize(
    ("name", "fix"),
    [
        ("my-site", "my_site"),
        ("a b", "a_b"),
        ("x.y", "x_y"),
        ("Über", "uber"),
        ("café", "cafe"),
        ("Straße", "strasse"),
        ("Ærø-site", "aero_site"),
    ],
)
def test_an_obvious_fix_is_suggested_with_every_letter_kept(name: str, fix: str) -> None:
    assert f"e.g. '{fix}'" in str(name_problem(name))


@pytest.mark.parametrize("name", ["123abc", "日本", "Ωmega-x"])
def test_no_fix_is_suggested_when_none_keeps_every_letter(name: str) -> None:
    assert "e.g." not in str(name_problem(name))


def test_what_is_installed_does_not_matter() -> None:
    """The same names pass in a bare interpreter and in this one, which has much installed."""
    names = ["rich", "yaml", "requests", "numpy", "cookiecutter", "execnet", "this", "site1"]
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); from names import name_problem; "
        "print([name_problem(n) is None for n in sys.argv[2:]])"
    )
    folder = str(Path(scaffold._project.names.__file__).parent)
    bare = subprocess.run(
        [sys.executable, "-I", "-S", "-c", probe, folder, *names],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout.strip()  # fmt: skip
    assert bare == str([name_problem(n) is None for n in names])
    assert bare == str([True, True, True, True, True, True, False, True])


def test_a_project_may_not_take_a_name_its_template_uses() -> None:
    for template, name in (("django-project", "helloworld"), ("flask-project", "tests")):
        with pytest.raises(InvalidNameError, match=f"a name the {template} template uses itself"):
            check_name(name, kind=get_kind(template))


def test_a_name_is_reserved_only_by_the_template_that_uses_it() -> None:
    check_name("helloworld", kind=FLASK_SINGLE)


@pytest.mark.parametrize("name", ["__main__", "__init__", "__pycache__", "__x__"])
def test_names_python_keeps_for_itself_are_refused(name: str) -> None:
    assert "a name Python keeps for itself" in str(name_problem(name))


def test_a_name_longer_than_100_characters_is_refused() -> None:
    assert name_problem("a" * 100) is None
    assert "101 characters long: keep it to 100" in str(name_problem("a" * 101))


@pytest.mark.parametrize(
    "greeting",
    ["Hi", 'It\'s "quoted"', "back\\slash", "{{ 7*7 }}", "{% if x %}", "100%", "Grüß Gott",
     "你好 👋", " Hi ", "\u202eevil"],
)  # fmt: skip
def test_any_single_line_of_visible_text_is_a_greeting(greeting: str) -> None:
    check_greeting(greeting)


@pytest.mark.parametrize(
    ("greeting", "reason"),
    [
        ("", "blank"),
        ("   ", "blank"),
        ("\u3000", "blank"),
        ("a\nb", "line break"),
        ("a\r\nb", "line break"),
        ("a\u2028b", "line break"),
        ("a\x07b", "control character"),
        ("a\x00b", "control character"),
        ("a\tb", "control character"),
        ("a\udcffb", "not valid text"),
    ],
)
def test_bad_greetings_are_refused_with_a_reason(greeting: str, reason: str) -> None:
    assert reason in str(greeting_problem(greeting))
    with pytest.raises(InvalidGreetingError, match=reason):
        check_greeting(greeting)
