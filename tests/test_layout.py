"""The package's shape: small modules, a public surface in __all__, no cycles, one door out."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from support import REPO

PACKAGE = REPO / "scaffold"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The scaffold modules `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from scaffold._new import render` may name a module or a name in one.
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    names = {_name(module) for module in MODULES}
    return {name for name in found if name in names}


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_each_module_reads_in_one_sitting(module: Path) -> None:
    assert len(module.read_text(encoding="utf-8").splitlines()) < 300


@pytest.mark.parametrize("module", [m for m in MODULES if m.name != "__main__.py"], ids=_name)
def test_each_module_declares_its_public_names(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    declared = [
        node
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", "") == "__all__" for t in node.targets)
    ]
    has_code = any(not isinstance(node, ast.Expr) for node in tree.body)
    assert declared or not has_code


def test_nothing_imports_the_command_line() -> None:
    importers = [_name(m) for m in MODULES if "scaffold.cli" in _imports(m)]
    assert importers == ["scaffold.__main__"]


def test_the_modules_import_each_other_without_cycles() -> None:
    graph = {_name(m): _imports(m) - {_name(m)} for m in MODULES}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as err:
        pytest.fail(f"import cycle: {' -> '.join(err.args[1])}")


# The layers of the package, lowest first: a module imports only from its own unit or
# from units in lower layers. A unit is a subpackage or a top-level module.
LAYERS = (
    {
        "scaffold.errors",
        "scaffold._version",
        "scaffold._closing",
        "scaffold._checked",
        "scaffold._words",
    },
    {"scaffold._files", "scaffold._temporary"},
    {"scaffold._output", "scaffold._source"},
    {"scaffold._source_environ"},
    {"scaffold._process"},
    {"scaffold.frameworks"},
    {"scaffold.kinds"},
    {"scaffold._project"},
    {"scaffold._new"},
    {"scaffold._apps"},
    {"scaffold._smoke", "scaffold._compare", "scaffold._update"},
    {"scaffold"},
    {"scaffold.pytest_plugin", "scaffold.cli"},
    {"scaffold.__main__"},
)


def _unit(module: str) -> str:
    """The subpackage or top-level module that `module` belongs to."""
    parts = module.split(".")
    if len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
        return ".".join(parts[:2])
    return module


def _layer(unit: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


def test_every_unit_has_a_layer() -> None:
    units = {_unit(_name(m)) for m in MODULES}
    assert units == set().union(*LAYERS)


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_imports_point_down_the_layers(module: Path) -> None:
    unit = _unit(_name(module))
    upward = sorted(
        imported
        for imported in _imports(module)
        if _unit(imported) != unit and _layer(_unit(imported)) >= _layer(unit)
    )
    assert upward == [], f"{unit} (layer {_layer(unit)}) imports from the same layer or above"


def test_one_module_calls_cookiecutter() -> None:
    def imports_cookiecutter(path: Path) -> bool:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(name.split(".")[0] == "cookiecutter" for name in names):
                return True
        return False

    assert [_name(m) for m in MODULES if imports_cookiecutter(m)] == ["scaffold._project.rendering"]


def test_the_command_line_loads_only_click_and_its_own_small_modules() -> None:
    show = "import sys, scaffold.cli; print(*sorted(m for m in sys.modules if '.' not in m))"
    with_cli = subprocess.run(
        [sys.executable, "-c", show], capture_output=True, text=True, timeout=60, check=True
    ).stdout.split()
    click_only = subprocess.run(
        [sys.executable, "-c", show.replace("scaffold.cli", "click")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    # locale: click's gettext, as any click command declares its --help.
    allowed = {"scaffold", "signal", "locale", "_locale"}
    assert set(with_cli) - set(click_only) <= allowed
