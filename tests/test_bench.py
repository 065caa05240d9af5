"""The benchmarks' baselines still do their job on the projects `new` makes today.

benchmarks/bench.py is run by hand, not by CI: a template change could leave a
baseline installing a file the projects no longer have (requirements.txt, once).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import scaffold
from support import load_check, snapshot


@pytest.mark.integration
def test_the_fresh_env_baseline_installs_a_new_project_and_leaves_it_as_it_was(
    tmp_path: Path,
) -> None:
    bench = load_check("bench", folder="benchmarks")
    project = scaffold.generate("flask-single", "site1", output_dir=tmp_path).path
    before = snapshot(project)
    assert bench.by_hand([project])() > 0  # a virtualenv and pip's install, or it raises
    assert snapshot(project) == before
