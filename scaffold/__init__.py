"""scaffold: generate runnable hello-world Flask and Django apps, and prove they run.

The Python API mirrors the command line:

    import scaffold

    project = scaffold.generate("flask-single", "hello", output_dir="projects")
    for result in scaffold.smoke([project.path], server="wsgi"):
        print(result.target, result.passed)
    rows = scaffold.compare(["flask-single", "django-single"])
"""

from __future__ import annotations

import importlib

__version__ = "0.2.0"

__all__ = [
    "Comparison",
    "Project",
    "SmokeResult",
    "__version__",
    "compare",
    "generate",
    "smoke",
    "tree_diff",
]

# Not typing.TYPE_CHECKING: importing typing here would lengthen the moment, at the
# start of `python -m scaffold`, when Ctrl-C can only print a traceback.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from scaffold._compare import Comparison, compare, tree_diff
    from scaffold._new import Project, generate
    from scaffold._smoke import SmokeResult, smoke

# Imported on first use, so that `scaffold --help` loads none of them.
_HOMES = {
    "Comparison": "scaffold._compare",
    "compare": "scaffold._compare",
    "tree_diff": "scaffold._compare",
    "Project": "scaffold._new",
    "generate": "scaffold._new",
    "SmokeResult": "scaffold._smoke",
    "smoke": "scaffold._smoke",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'scaffold' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
