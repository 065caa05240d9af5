"""The code that plays each role in an app, found by reading it (`ast`), never running it.

A role is a job every web app has, whatever its framework: where the app is made,
where URLs are routed, the view that answers "/", the settings, the entry point a
server loads. Each framework record knows where its apps keep them (flask_roles.py,
django_roles.py); the tests and the dependencies are found the same way for all.
A role that is not found is said to be missing: nothing is guessed.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import NamedTuple

__all__ = [
    "ROLES",
    "TITLES",
    "Snippet",
    "Source",
    "calls",
    "module_sources",
    "node_snippet",
    "string_value",
    "walk_calls",
]

ROLES = ("app", "routes", "root_view", "settings", "entry_point", "tests", "dependencies")
"""Every role, in the order a reader meets them."""
TITLES = {
    "app": "App object or factory",
    "routes": "Routes",
    "root_view": 'The view for "/"',
    "settings": "Settings",
    "entry_point": "Entry point servers load",
    "tests": "Tests",
    "dependencies": "Dependencies",
}


# NamedTuples, as the framework records: every command imports this module through
# them, and a dataclass costs several times more to define.
class Snippet(NamedTuple):
    """Lines `start` to `end` (from 1, both included) of the file `file` (with /)."""

    file: str
    start: int
    end: int

    @property
    def lines(self) -> int:
        return self.end - self.start + 1

    def __str__(self) -> str:
        return f"{self.file}:{self.start}" + (f"-{self.end}" if self.end != self.start else "")


class Source(NamedTuple):
    """A Python file of a project: its path below the root (with /), its tree, its lines."""

    path: str
    tree: ast.Module
    line_count: int

    @property
    def module(self) -> str:
        """Its module name from the root: `site1.urls`, `app`, `shop` for shop/__init__.py."""
        parts = self.path.removesuffix(".py").split("/")
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    def whole(self) -> Snippet:
        return Snippet(self.path, 1, max(self.line_count, 1))


def node_snippet(source: Source, node: ast.stmt | ast.expr) -> Snippet:
    """The lines of `node` in `source`, its decorators included."""
    decorators = getattr(node, "decorator_list", [])
    start = min([node.lineno, *(d.lineno for d in decorators)])
    return Snippet(source.path, start, node.end_lineno or node.lineno)


def calls(node: ast.expr | None, names: Collection[str]) -> bool:
    """Whether `node` calls one of `names`: `f(...)` or `module.f(...)`."""
    # Imported here: the command line loads the framework records, not pathlib & co.
    from scaffold._source import called_name

    return isinstance(node, ast.Call) and called_name(node) in names


def string_value(node: ast.expr | None) -> str | None:
    """The text of a string literal, or None if `node` is not one."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def walk_calls(tree: ast.AST) -> Iterator[ast.Call]:
    """Every call in `tree`, in the order of the source."""
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    yield from sorted(calls, key=lambda call: (call.lineno, call.col_offset))


def module_sources(sources: Mapping[str, Source]) -> dict[str, Source]:
    """`sources` by module name (a src layout's modules by theirs, without `src.`)."""
    found = {source.module: source for source in sources.values()}
    found |= {
        module.removeprefix("src."): source
        for module, source in found.items()
        if module.startswith("src.")
    }
    return found
