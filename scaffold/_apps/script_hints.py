"""Advice on a Flask module written to be run as a script (`python app.py`), which flask
run and gunicorn import instead: what its `if __name__ == "__main__":` block sets up
first, which they skip, and a server it starts as it is imported, where they never get
to serve the app."""

from __future__ import annotations

import ast

from scaffold._apps.detect import App
from scaffold._source import called_name, readable_tree

__all__ = ["script_setup", "serves_at_import"]

# What starts a server and serves until it stops: waitress' `serve(app, …)`, Werkzeug's
# `run_simple`, wsgiref's and gevent's `….serve_forever()`, an app's own `.run()`.
_SERVES = frozenset({"serve", "serve_forever", "run_simple", "run"})


def serves_at_import(app: App) -> str:
    """'serves itself as MODULE is imported (line N: `…`), …: what to do', for a Flask
    module served that starts a server at its top, outside `if __name__ ==
    "__main__":` (waitress' `serve(app, port=8086)` after the app), which blocks the
    import flask run and gunicorn make to serve it, so that they never answer; ''
    otherwise."""
    path = app.served_module
    if path is None or app.kind.framework.name != "flask" or (tree := readable_tree(path)) is None:
        return ""
    for node in tree.body:
        call = node.value if isinstance(node, ast.Expr) else None
        if isinstance(call, ast.Call) and called_name(call) in _SERVES:
            shown = ast.unparse(call).splitlines()[0]
            shown = shown if len(shown) <= 60 else f"{shown[:59]}…"
            return (
                f"serves itself as {path.relative_to(app.root).as_posix()} is imported (line "
                f"{node.lineno}: `{shown}`), on a port of its own: flask run and gunicorn, "
                "which import it to serve it, never get past that call. Put it under `if "
                '__name__ == "__main__":`, where running the module as a script still reaches it.'
            )
    return ""


def script_setup(app: App, status: int | None) -> str:
    """' Run as a script, main.py does more first: …', for a 404 or a 500, when the Flask
    module served has an `if __name__ == "__main__":` block that sets the app up before
    running its server (flask-admin's examples add their admin views and make their
    database there), which flask run and gunicorn, importing the module, never run; ''
    otherwise."""
    if app.kind.framework.name != "flask" or status not in (404, 500):
        return ""
    name, path = app.found.wsgi.partition(":")[2], app.served_module
    tree = readable_tree(path) if path is not None else None
    body = tree.body if tree is not None else []
    block = next((n for n in body if isinstance(n, ast.If) and _as_main(n)), None)
    if path is None or block is None:
        return ""
    runs = [
        call for call in ast.walk(block)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
        and call.func.attr == "run"
    ]  # fmt: skip
    setup = [statement for statement in block.body if not _leaves_app_alone(statement, name)]
    if not runs or not setup:
        return ""
    # A statement as its first line, or a block (`try:`) as the first call in it.
    calls = [node for node in ast.walk(setup[0]) if isinstance(node, ast.Call)]
    compound = isinstance(setup[0], (ast.Try, ast.With, ast.If, ast.For, ast.While))
    shown = ast.unparse(calls[0] if compound and calls else setup[0]).splitlines()[0]
    shown = shown if len(shown) <= 60 else f"{shown[:59]}…"
    more = f" and {len(setup) - 1} more" if len(setup) > 1 else ""
    return (
        f" Run as a script, {path.relative_to(app.root).as_posix()} does more first: its "
        f'`if __name__ == "__main__":` block (line {block.lineno}) runs `{shown}`{more} '
        f"before `{ast.unparse(runs[0].func)}()`, which flask run and gunicorn skip, as "
        "they import it: move that out of the block (to the module, or a factory) for "
        "them to serve the app the script runs."
    )


def _as_main(node: ast.If) -> bool:
    """Whether `node` is `if __name__ == "__main__":` (either way round)."""
    if not isinstance(node.test, ast.Compare):
        return False
    sides = [node.test.left, *node.test.comparators]
    names = {s.id for s in sides if isinstance(s, ast.Name)}
    said = {s.value for s in sides if isinstance(s, ast.Constant)}
    return names == {"__name__"} and said == {"__main__"}


def _leaves_app_alone(statement: ast.stmt, name: str) -> bool:
    """Whether a statement of the script's block only imports, prints, runs the server,
    says something (a string of its own: spectree's examples' commands to try), or
    names a value without the app `name` (`port = int(os.environ["PORT"])`)."""
    if isinstance(statement, (ast.Import, ast.ImportFrom, ast.Pass)):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        func = statement.value.func
        return (isinstance(func, ast.Attribute) and func.attr == "run") or (
            isinstance(func, ast.Name) and func.id == "print"
        )
    if isinstance(statement, ast.Assign) and all(
        isinstance(t, ast.Name) for t in statement.targets
    ):
        used = {n.id for n in ast.walk(statement.value) if isinstance(n, ast.Name)}
        return name not in used
    return False
