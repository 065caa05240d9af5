"""A project's pyproject.toml, read as pip and uv read it, and checked before use."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from scaffold._files import read_project_file, read_within
from scaffold.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["Pyproject", "locked_python", "normal_name", "read_pyproject"]

_MAX_BYTES = 16 * 1024 * 1024
_RUNS = re.compile(r"[-_.]+")
_MAX_INCLUDES = 5
"""How many dependency groups deep `{include-group = …}` is followed."""


def normal_name(name: str) -> str:
    """A distribution's or an extra's name as PEP 503 and 685 compare it."""
    return _RUNS.sub("-", name).lower()


class Pyproject:
    """What scaffold reads of a pyproject.toml: its dependencies and whether it builds."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self._data = path, data

    @property
    def dependencies(self) -> tuple[str, ...]:
        """The [project] dependencies, as written: InputError unless a list of strings."""
        table = self._data.get("project", {})
        dependencies = table.get("dependencies", []) if isinstance(table, dict) else None
        if not isinstance(dependencies, list) or not all(isinstance(d, str) for d in dependencies):
            raise InputError(
                f"'{self.path}': [project] dependencies must be a list of strings, as pip "
                "reads them."
            )
        return tuple(dependencies)

    @property
    def name(self) -> str | None:
        """The [project] name, if it gives one."""
        table = self._data.get("project", {})
        named = table.get("name") if isinstance(table, dict) else None
        return named if isinstance(named, str) and named.strip() else None

    @property
    def requires_python(self) -> str | None:
        """The [project] requires-python, e.g. '>=3.12', if it says one."""
        table = self._data.get("project", {})
        wanted = table.get("requires-python") if isinstance(table, dict) else None
        return wanted if isinstance(wanted, str) and wanted.strip() else None

    @property
    def declares_project(self) -> bool:
        """Whether it has a [project] table: without one (and no build system) it only
        configures tools, and declares nothing to install."""
        return isinstance(self._data.get("project"), dict)

    @property
    def lists_dependencies(self) -> bool:
        """Whether its [project] table lists its dependencies itself: not when it has
        none, nor when they are `dynamic`, for its build backend to give (Poetry 2 reads
        them from [tool.poetry.dependencies])."""
        table = self._data.get("project")
        dynamic = table.get("dynamic", []) if isinstance(table, dict) else []
        return isinstance(table, dict) and "dependencies" not in dynamic

    @property
    def says_no_package(self) -> bool:
        """Whether it says it is no package: uv's `package = false`, Poetry's
        `package-mode = false`."""
        uv, poetry = self._tool("uv") or {}, self._tool("poetry") or {}
        return False in (uv.get("package"), poetry.get("package-mode"))

    @property
    def builds(self) -> bool:
        """Whether it declares a [build-system] and does not say it is no package: without
        one (uv's default for an application, `uv init --app`), or with uv's `package =
        false` or Poetry's `package-mode = false`, the project is not a package to install."""
        return isinstance(self._data.get("build-system"), dict) and not self.says_no_package

    @property
    def extras(self) -> dict[str, tuple[str, ...]]:
        """The [project.optional-dependencies], by extra (its name as PEP 685 compares
        it: `Test_Tools` is `test-tools`); InputError unless lists of strings."""
        table = self._data.get("project", {})
        optional = table.get("optional-dependencies", {}) if isinstance(table, dict) else {}
        if not isinstance(optional, dict) or not all(
            isinstance(v, list) and all(isinstance(d, str) for d in v) for v in optional.values()
        ):
            raise InputError(
                f"'{self.path}': [project.optional-dependencies] must be lists of strings, "
                "as pip reads them."
            )
        return {normal_name(name): tuple(listed) for name, listed in optional.items()}

    @property
    def group_names(self) -> list[str]:
        """The names of its [dependency-groups] (PEP 735), as written."""
        groups = self._data.get("dependency-groups")
        return list(groups) if isinstance(groups, dict) else []

    def group(self, name: str, depth: int = 0) -> tuple[str, ...] | None:
        """What the dependency group `name` lists, the groups it includes (`{include-group
        = "test"}`) a few deep resolved; None if it has no such group; InputError unless
        lists of strings and includes."""
        groups = self._data.get("dependency-groups")
        named = {normal_name(k): v for k, v in groups.items()} if isinstance(groups, dict) else {}
        listed = named.get(normal_name(name))
        if listed is None:
            return None
        found: list[str] = []
        for item in listed if isinstance(listed, list) else [None]:
            included = item.get("include-group") if isinstance(item, dict) else None
            deeper = isinstance(included, str) and depth < _MAX_INCLUDES
            inner = self.group(str(included), depth + 1) if deeper else None
            if not isinstance(item, str) and inner is None:
                raise InputError(
                    f"'{self.path}': [dependency-groups] {name} must list requirements and "
                    "{include-group = NAME} tables, as pip reads them."
                )
            found += [item] if isinstance(item, str) else (inner or [])
        return tuple(found)

    @property
    def poetrys(self) -> bool:
        """Whether Poetry manages it ([tool.poetry]), which may declare its dependencies
        in its own table rather than [project]."""
        return self._tool("poetry") is not None

    @property
    def poetry_groups(self) -> dict[str, tuple[str, ...]]:
        """The distributions each of its Poetry groups lists, by group
        ([tool.poetry.group.NAME.dependencies]; the older [tool.poetry.dev-dependencies]
        as `dev`), which `poetry export --with NAME` exports."""
        poetry = self._tool("poetry") or {}
        tables = {"dev": poetry.get("dev-dependencies")}
        groups = poetry.get("group")
        for name, group in groups.items() if isinstance(groups, dict) else ():
            tables[name] = group.get("dependencies") if isinstance(group, dict) else None
        return {name: tuple(t) for name, t in tables.items() if isinstance(t, dict) and t}

    @property
    def uv_paths(self) -> list[tuple[str, str | None]]:
        """Each local path its [tool.uv.sources] take a distribution from, with the
        distribution, as written (`{ path = "../../" }`; a distribution given several
        sources, by marker, has each); None for a workspace member (`{ workspace = true
        }`), which the workspace's root names. Tables of another shape are uv's to refuse."""
        sources = (self._tool("uv") or {}).get("sources")
        paths: list[tuple[str, str | None]] = []
        for name, said in sources.items() if isinstance(sources, dict) else ():
            for source in said if isinstance(said, list) else [said]:
                if isinstance(source, dict) and isinstance(source.get("path"), str):
                    paths.append((name, source["path"]))
                elif isinstance(source, dict) and source.get("workspace") is True:
                    paths.append((name, None))
        return paths

    @property
    def is_workspace(self) -> bool:
        """Whether it is the root of a uv workspace ([tool.uv.workspace])."""
        return isinstance((self._tool("uv") or {}).get("workspace"), dict)

    @property
    def has_uv_sources(self) -> bool:
        """Whether it has a [tool.uv.sources] table, which uv alone reads."""
        return bool((self._tool("uv") or {}).get("sources"))

    @property
    def hatch_vcs(self) -> bool:
        """Whether hatch-vcs gives it its version from git ([tool.hatch.version] source =
        "vcs"): it reads setuptools-scm's pretend version, and none named for it alone."""
        version = (self._tool("hatch") or {}).get("version")
        return isinstance(version, dict) and version.get("source") == "vcs"

    def _tool(self, name: str) -> dict[str, Any] | None:
        """Its [tool.NAME] table; None if it has none (or not a table)."""
        tools = self._data.get("tool")
        table = tools.get(name) if isinstance(tools, dict) else None
        return table if isinstance(table, dict) else None


def read_pyproject(path: Path) -> Pyproject:
    """The pyproject.toml `path` (16 MiB at most), or an InputError saying why not."""
    data = read_within(path, _MAX_BYTES, read=read_project_file)
    if data is None:
        raise InputError(f"'{path}' is larger than 16 MiB: is it a pyproject.toml?")
    try:
        return Pyproject(path, tomllib.loads(data.decode("utf-8", "replace")))
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError) as err:
        reason = str(err) if isinstance(err, tomllib.TOMLDecodeError) else "nested too deep"
        raise InputError(f"'{path}' is not TOML that can be read ({reason}): fix it.") from None


def locked_python(path: Path) -> str | None:
    """The Pythons the uv.lock `path` was locked for (its requires-python, which `uv
    sync` holds to, e.g. '>=3.13'); None if it says none, or cannot be read."""
    try:
        data = read_within(path, _MAX_BYTES, read=read_project_file)
        said = (
            tomllib.loads(data.decode("utf-8", "replace")).get("requires-python") if data else None
        )
    except (OSError, tomllib.TOMLDecodeError, RecursionError, MemoryError):
        return None
    return said if isinstance(said, str) and said.strip() else None
