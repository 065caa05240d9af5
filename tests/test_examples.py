"""Every example in every --help, the README and the docs is one checks/examples.py runs,
and it runs no other."""

from __future__ import annotations

from support import load_check


def test_the_examples_check_knows_every_example_and_no_other() -> None:
    check = load_check("examples")
    shown = check.examples_in_help()
    documented = check.examples_in_docs()
    assert len(shown) >= 25
    assert len(documented) >= 10
    assert sorted({*shown, *documented}) == sorted(check.EXAMPLES)
