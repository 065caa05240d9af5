"""Unit tests for the checks on project names and greetings."""

from __future__ import annotations

import pytest

from scaffold._new.names import check_greeting, check_name
from scaffold.errors import InvalidGreetingError, InvalidNameError
from scaffold.kinds import get_kind

FLASK_SINGLE = get_kind("flask-single")


@pytest.mark.parametrize("name", ["hello", "my_site", "_private", "Site2", "a"])
def test_valid_names_pass(name: str) -> None:
    check_name(name, kind=FLASK_SINGLE)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("123abc", "not a valid project name"),
        ("my-site", "not a valid project name"),
        ("a b", "not a valid project name"),
        ("café", "not a valid project name"),
        ("class", "keyword"),
        ("os", "shadow"),
        ("django", "shadow"),
        ("flask", "shadow"),
        ("a/b", "is a path"),
        ("..\\x", "is a path"),
        ("-x", "looks like an option"),
    ],
)
def test_invalid_names_are_refused_with_a_reason(name: str, reason: str) -> None:
    with pytest.raises(InvalidNameError, match=reason):
        check_name(name, kind=FLASK_SINGLE)


@pytest.mark.parametrize(("name", "fix"), [("my-site", "my_site"), ("a b", "a_b"), ("x.y", "x_y")])
def test_an_obvious_fix_is_suggested(name: str, fix: str) -> None:
    with pytest.raises(InvalidNameError, match=f"e.g. '{fix}'"):
        check_name(name, kind=FLASK_SINGLE)


def test_no_fix_is_suggested_when_none_is_obvious() -> None:
    with pytest.raises(InvalidNameError) as caught:
        check_name("123abc", kind=FLASK_SINGLE)
    assert "e.g." not in str(caught.value)


def test_module_check_does_not_import_the_module() -> None:
    import sys

    assert "this" not in sys.modules  # importing `this` prints the Zen of Python
    with pytest.raises(InvalidNameError):
        check_name("this", kind=FLASK_SINGLE)
    assert "this" not in sys.modules


@pytest.mark.parametrize(
    ("template", "name"), [("django-project", "helloworld"), ("flask-project", "tests")]
)
def test_a_project_may_not_take_a_name_its_template_uses(template: str, name: str) -> None:
    with pytest.raises(InvalidNameError, match=f"a name the {template} template uses itself"):
        check_name(name, kind=get_kind(template))


def test_a_name_is_reserved_only_by_the_template_that_uses_it() -> None:
    check_name("helloworld", kind=FLASK_SINGLE)


@pytest.mark.parametrize(
    "greeting",
    [
        "Hi",
        'It\'s "quoted"',
        "back\\slash",
        "{{ 7*7 }}",
        "{% if x %}",
        "100%",
        "Grüß Gott",
        "你好 👋",
    ],
)
def test_any_single_line_of_text_is_a_greeting(greeting: str) -> None:
    check_greeting(greeting)


@pytest.mark.parametrize(
    ("greeting", "reason"),
    [
        ("", "empty"),
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
    with pytest.raises(InvalidGreetingError, match=reason):
        check_greeting(greeting)


@pytest.mark.parametrize("name", ["__main__", "__init__", "__pycache__", "__x__"])
def test_names_python_keeps_for_itself_are_refused(name: str) -> None:
    with pytest.raises(InvalidNameError, match="a name Python keeps for itself"):
        check_name(name, kind=FLASK_SINGLE)


def test_a_name_longer_than_100_characters_is_refused() -> None:
    check_name("a" * 100, kind=FLASK_SINGLE)
    with pytest.raises(InvalidNameError, match="101 characters long: keep it to 100"):
        check_name("a" * 101, kind=FLASK_SINGLE)
