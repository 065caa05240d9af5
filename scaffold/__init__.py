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

# Nothing is imported here, not even typing for TYPE_CHECKING: this module runs at the
# start of `python -m scaffold` and of the `scaffold` command before any of scaffold's
# code can keep Ctrl-C quiet (see __main__), and that moment is kept as short as it can be.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from scaffold._apps.serving import RunningApp, serve
    from scaffold._compare import Comparison, compare, tree_diff
    from scaffold._new import Project, generate
    from scaffold._smoke import SmokeResult, smoke
    from scaffold._update import Status, UpdateResult, check, diff, update
    from scaffold._version import __version__
    from scaffold.errors import ScaffoldError

# Imported on first use, so that `scaffold --help` loads none of them.
_HOMES = {
    "__version__": "scaffold._version",
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
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
