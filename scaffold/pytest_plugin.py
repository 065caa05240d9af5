"""pytest plugin: the `scaffold_app` fixture serves a project for the test that asks for it.

Parametrize it indirectly with a template name or a project path, optionally
with the server to use:

    @pytest.mark.parametrize("scaffold_app", ["flask-single", {"target": "site", "server": "wsgi"}],
                             indirect=True)
    def test_home(scaffold_app):
        assert requests.get(scaffold_app.url + "/").status_code == 200
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["RunningApp", "scaffold_app"]


@dataclass(frozen=True)
class RunningApp:
    """A served project: its base URL (no trailing slash), folder and kind."""

    url: str
    path: Path
    kind: str


@pytest.fixture
def scaffold_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningApp]:
    """Generate or take a project, serve it on a free port, yield it, then stop the server."""
    from scaffold._apps.launch import serve_app
    from scaffold._apps.targets import resolve
    from scaffold._process.supervisor import Supervisor

    param = getattr(request, "param", None)
    if isinstance(param, (str, os.PathLike)):
        param = {"target": param}
    if not isinstance(param, dict) or "target" not in param:
        pytest.fail(
            "scaffold_app needs a target: parametrize it with indirect=True and a template "
            "name, a project path, or {'target': ..., 'server': 'dev' | 'wsgi'}."
        )
    (target,) = resolve([param["target"]], tmp_path)
    server = param.get("server", "dev")
    with (
        Supervisor() as supervisor,
        serve_app(target.app, server=server, python=sys.executable, supervisor=supervisor) as app,
    ):
        yield RunningApp(url=app.url, path=target.app.root, kind=target.app.kind.name)
