"""The code that plays each role in an app, as its framework's record finds it, and the
tests and dependencies, found alike in every project (see scaffold.frameworks.roles)."""

from __future__ import annotations

import re
from pathlib import Path

from scaffold._apps.detect import App
from scaffold._files import python_tree, read_project_file, read_within
from scaffold._project.tree import project_files
from scaffold._source import MAX_SOURCE_BYTES
from scaffold.frameworks.roles import ROLES, Snippet, Source

__all__ = ["app_roles", "source_text"]

_MAX_FILES = 2000
"""The most files of a project looked at: a larger tree's roles are found among these."""
_TEST = re.compile(r"(.*/)?(test_[^/]*|[^/]*_test|tests)\.py")
_REQUIREMENTS = re.compile(r"(requirements[^/]*\.(txt|in)|requirements/[^/]+\.(txt|in))")
_TABLE = re.compile(r"\s*\[")


def app_roles(app: App) -> dict[str, tuple[Snippet, ...]]:
    """Each role's snippets in `app`, in the order of ROLES; () where it is not found."""
    sources: dict[str, Source] = {}
    tests: list[Snippet] = []
    dependencies: list[Snippet] = []
    for path in list(project_files(app.root))[:_MAX_FILES]:
        name = path.relative_to(app.root).as_posix()
        python, declares = name.endswith(".py"), bool(_REQUIREMENTS.fullmatch(name))
        if not (python or declares or name == "pyproject.toml"):
            continue  # read only what may play a role
        data = read_within(path, MAX_SOURCE_BYTES, read=read_project_file)
        if data is None:
            continue  # over 1 MiB: not code anyone reads side by side
        lines = _line_count(data)
        if python and (tree := python_tree(data, name)) is not None:
            sources[name] = Source(name, tree, lines)
            if _TEST.fullmatch(name):
                tests.append(sources[name].whole())
        elif declares and lines:
            dependencies.append(Snippet(name, 1, lines))
        elif name == "pyproject.toml":
            dependencies += _declared(name, data.decode("utf-8", "replace"))
    framework = app.kind.framework
    roles = dict(framework.roles(sources, app.found)) if framework.roles else {}
    roles["tests"], roles["dependencies"] = tuple(tests), tuple(sorted(dependencies))
    return {role: _joined(_outermost(roles.get(role, ()))) for role in ROLES}


def _joined(snippets: tuple[Snippet, ...]) -> tuple[Snippet, ...]:
    """`snippets`, those of a file that touch one another as one: `app.py:13-14`."""
    joined: list[Snippet] = []
    for snippet in sorted(snippets):
        last = joined[-1] if joined else None
        if last and last.file == snippet.file and snippet.start <= last.end + 1:
            joined[-1] = Snippet(last.file, last.start, max(last.end, snippet.end))
        else:
            joined.append(snippet)
    return tuple(joined)


def _outermost(snippets: tuple[Snippet, ...]) -> tuple[Snippet, ...]:
    """`snippets` less those inside another (`app = Flask()` inside `def create_app`)."""
    return tuple(
        one
        for one in snippets
        if not any(
            other != one
            and other.file == one.file
            and other.start <= one.start
            and one.end <= other.end
            for other in snippets
        )
    )


def _line_count(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def _declared(name: str, text: str) -> list[Snippet]:
    """The lines of pyproject.toml's [project] dependencies, if it declares any."""
    lines = text.splitlines()
    table = ""
    for number, line in enumerate(lines, start=1):
        if _TABLE.match(line) and not line.strip().startswith("[["):
            table = line.strip()
            continue
        if table == "[project]" and re.match(r"\s*dependencies\s*=", line):
            depth = 0
            for end, rest in enumerate(lines[number - 1 :], start=number):
                depth += rest.count("[") - rest.count("]")
                if depth <= 0:
                    return [Snippet(name, number, end)]
            return [Snippet(name, number, len(lines))]
    return []


def source_text(root: Path, snippet: Snippet) -> str:
    """The lines of `snippet` in the project at `root`."""
    data = read_within(root / snippet.file, MAX_SOURCE_BYTES, read=read_project_file) or b""
    lines = data.decode("utf-8", "replace").splitlines()
    return "\n".join(lines[snippet.start - 1 : snippet.end]) + "\n"
