"""scaffold: generate runnable hello-world Flask and Django apps, and prove they run.

The Python API mirrors the command line:

    import scaffold

    project = scaffold.generate("flask-single", "hello", output_dir="projects")
    for result in scaffold.smoke([project.path], server="wsgi"):
        print(result.target, result.passed)
    with scaffold.serve("flask-single", server="wsgi") as app:
        print(app.url)
    rows = scaffold.compare(["flask-single", "django-single"])
    if not scaffold.check(project.path).up_to_date:
        scaffold.update(project.path)
"""

from __future__ import annotations

import importlib

from scaffold._version import __version__

__all__ = [
    "Comparison",
    "Project",
    "RunningApp",
    "ScaffoldError",
    "SmokeResult",
    "Status",
    "UpdateResult",
    "__version__",
    "check",
    "compare",
    "diff",
    "generate",
    "serve",
    "smoke",
    "tree_diff",
    "update",
]

# Not typing.TYPE_CHECKING: importing typing here would lengthen the moment, at the
# start of `python -m scaffold`, when Ctrl-C can only print a traceback.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from scaffold._apps.serving import RunningApp, serve
    from scaffold._compare import Comparison, compare, tree_diff
    from scaffold._new import Project, generate
    from scaffold._smoke import SmokeResult, smoke
    from scaffold._update import Status, UpdateResult, check, diff, update
    from scaffold.errors import ScaffoldError

# Imported on first use, so that `scaffold --help` loads none of them.
_HOMES = {
    "Comparison": "scaffold._compare",
    "compare": "scaffold._compare",
    "tree_diff": "scaffold._compare",
    "Project": "scaffold._new",
    "RunningApp": "scaffold._apps.serving",
    "serve": "scaffold._apps.serving",
    "ScaffoldError": "scaffold.errors",
    "generate": "scaffold._new",
    "SmokeResult": "scaffold._smoke",
    "smoke": "scaffold._smoke",
    "Status": "scaffold._update",
    "UpdateResult": "scaffold._update",
    "check": "scaffold._update",
    "diff": "scaffold._update",
    "update": "scaffold._update",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'scaffold' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
