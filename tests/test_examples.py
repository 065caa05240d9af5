"""Every example in every --help, the README and the docs is one checks/examples.py runs,
and it runs no other."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from support import REPO


def _check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("examples", REPO / "checks" / "examples.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("examples", module)
    spec.loader.exec_module(module)
    return module


def test_the_examples_check_knows_every_example_and_no_other() -> None:
    check = _check()
    shown = check.examples_in_help()
    documented = check.examples_in_docs()
    assert len(shown) >= 25
    assert len(documented) >= 10
    assert sorted({*shown, *documented}) == sorted(check.EXAMPLES)
