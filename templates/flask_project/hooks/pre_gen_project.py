"""The rules for project names and greetings, as messages that say what to do instead.

Standard library only, and the same answer on every machine: what is installed
next to scaffold never matters.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections.abc import Collection

__all__ = ["MAX_NAME_LENGTH", "SHADOWED", "greeting_problem", "name_problem"]

MAX_NAME_LENGTH = 100
"""Longer names are refused: a folder name has a limit, and a package name should be short."""

# What a generated project may import, which a project of the same name would
# shadow: the standard library (with what newer Pythons removed), and the servers
# and test tools the templates use, with their dependencies. The frameworks' own
# modules are in their records (scaffold.frameworks), passed as `shadowed`.
SHADOWED = frozenset(sys.stdlib_module_names) | {
    "aifc", "asynchat", "asyncore", "audioop", "cgi", "cgitb", "chunk", "crypt",
    "distutils", "imghdr", "imp", "lib2to3", "mailcap", "msilib", "nis", "nntplib",
    "ossaudiodev", "pipes", "smtpd", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib",
    "gunicorn", "packaging", "whitenoise",
    "uvicorn", "h11", "anyio", "sniffio", "idna", "typing_extensions", "exceptiongroup",
    "pytest", "_pytest", "pluggy", "iniconfig", "pygments", "pytest_django", "tomli",
    "colorama", "importlib_metadata", "zipp",
}  # fmt: skip

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_RULE = "use letters, digits and underscores, not starting with a digit"
# Letters that Unicode does not decompose into ASCII ones.
_SPELLED = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ð": "d"}
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85"


def name_problem(
    name: str,
    *,
    template: str = "",
    reserved: Collection[str] = (),
    shadowed: Collection[str] = (),
    folder_option: str = "--output-dir",
) -> str | None:
    """Why `name` cannot name a new project's package, or None if it can.

    `reserved` holds the names the template called `template` uses itself, and
    `shadowed` the frameworks' modules, which a project may import as well.
    `folder_option` is how the caller is told the folder (`output_dir=` in Python).
    """
    shown = repr(name)
    if not name:
        return f"the project name is empty: {_RULE}, e.g. 'my_site'."
    if "/" in name or "\\" in name:
        return (
            f"{shown} is a path, not a project name: give the name alone and the "
            f"folder with {folder_option}."
        )
    if name.startswith("-"):
        return f"{shown} looks like an option, not a project name: {_RULE}."
    if not _IDENTIFIER.fullmatch(name):
        return f"{shown} is not a valid project name: {_RULE}{_suggestion(name)}."
    if len(name) > MAX_NAME_LENGTH:
        return f"the project name is {len(name)} characters long: keep it to {MAX_NAME_LENGTH}."
    if name.startswith("__") and name.endswith("__"):
        return (
            f"{shown} is a name Python keeps for itself (like __main__ or __init__): pick "
            "another name."
        )
    if keyword.iskeyword(name):
        return (
            f"{shown} is a Python keyword and cannot name a package: pick another name, "
            f"e.g. '{name}_site'."
        )
    if name in reserved:
        return (
            f"{shown} is a name the {template} template uses itself: pick another name, "
            f"e.g. '{name}_site'."
        )
    if name.lower() in SHADOWED or name.lower() in shadowed:
        return (
            f"{shown} would shadow the module {name.lower()!r}, which the project may import: "
            f"pick another name, e.g. 'my_{name}'."
        )
    return None


def greeting_problem(greeting: str, *, example: str = "--greeting Hi") -> str | None:
    """Why `greeting` cannot be a greeting, or None: it must be one line of visible text.
    `example` is a greeting given as the caller gives one (`greeting='Hi'` in Python)."""
    if not greeting.strip():
        return f"the greeting is blank: give some text, e.g. {example}."
    for char in greeting:
        category = unicodedata.category(char)
        if category in ("Zl", "Zp") or char in _LINE_BREAKS:
            return "the greeting has a line break: keep it to one line."
        if category == "Cs":
            return "the greeting is not valid text (undecodable bytes): pass it as UTF-8."
        if category == "Cc":
            return f"the greeting has the control character {char!r}: use printable text only."
    return None


def _suggestion(name: str) -> str:
    """', e.g. NAME' with a name that would do, or '' when none is obvious."""
    spelled = "".join(_SPELLED.get(char, char) for char in name.lower())
    ascii_only = "".join(
        char for char in unicodedata.normalize("NFKD", spelled) if not unicodedata.combining(char)
    )
    if not ascii_only.isascii():
        return ""  # letters with no ASCII spelling: better no suggestion than a mangled one
    candidate = re.sub(r"[^a-z0-9_]+", "_", ascii_only).strip("_")
    if candidate and candidate != name and name_problem(candidate) is None:
        return f", e.g. '{candidate}'"
    return ""


# What follows is this template's own: the lines above are scaffold's rules
# (scaffold/_project/names.py), copied verbatim by checks/sync_templates.py.

TEMPLATE = 'flask-project'
RESERVED = frozenset({'tests'})
FRAMEWORK_MODULES = frozenset({'asgiref', 'blinker', 'click', 'django', 'flask', 'itsdangerous', 'jinja2', 'markupsafe', 'sqlparse', 'tzdata', 'werkzeug'})

if __name__ == "__main__":
    # cookiecutter fills in the answers; %r makes each a Python literal of itself.
    problem = name_problem(
        {{ "%r" | format(cookiecutter.project_name) }},
        template=TEMPLATE,
        reserved=RESERVED,
        shadowed=FRAMEWORK_MODULES,
    ) or greeting_problem({{ "%r" | format(cookiecutter.greeting) }})
    if problem:
        print(f"Error: {problem}", file=sys.stderr)
        sys.exit(1)
