"""pytest plugin: the `scaffold_app` fixture serves a project for the test that asks for it.

Parametrize it indirectly with a template name or a project path, optionally
with the server to use:

    @pytest.mark.parametrize("scaffold_app", ["flask-single", {"target": "site", "server": "wsgi"}],
                             indirect=True)
    def test_home(scaffold_app):
        assert requests.get(scaffold_app.url + "/").status_code == 200

The app is served as `scaffold.serve` serves it (and `scaffold smoke`): on the
project's own virtualenv when it has one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from scaffold import RunningApp, ScaffoldError, serve

__all__ = ["RunningApp", "scaffold_app"]

_USAGE = (
    "scaffold_app needs a target: parametrize it with indirect=True and a template name, "
    "a project path, or {'target': ..., 'server': 'dev' | 'wsgi' | 'asgi'}."
)


@pytest.fixture
def scaffold_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningApp]:
    """Generate or take a project, serve it on a free port, yield it, then stop the server."""
    param = getattr(request, "param", None)
    if isinstance(param, (str, os.PathLike)):
        param = {"target": param}
    if not isinstance(param, dict) or "target" not in param or set(param) - {"target", "server"}:
        pytest.fail(_USAGE)
    with contextlib.ExitStack() as stack:
        try:
            served = serve(param["target"], server=param.get("server", "dev"), workdir=tmp_path)
            app = stack.enter_context(served)
        except ScaffoldError as err:
            pytest.fail(f"scaffold_app: {err}")
        yield app
