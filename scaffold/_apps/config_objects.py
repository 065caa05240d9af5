"""The config objects a Flask app loads: the value to advise for a variable that names
one (`app.config.from_object(os.environ["APP_SETTINGS"])`, realpython/flask-by-example,
takes an import string, one of the project's config classes, not any text), and the
module of those it loads by name (`app.config.from_object(Config)`).

Read with `ast`, never imported: the classes of the project's `config.py` whose names
end in Config, a development one first.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING

from scaffold._source import assigned_values, called_name, parsed
from scaffold.frameworks.flask_scripts import factory_sources

if TYPE_CHECKING:
    from scaffold._apps.detect import App

__all__ = ["config_object", "config_variable", "loaded_config"]

_DEVELOPMENT = ("Development", "Dev", "Local")
"""How a development config class's name starts, likeliest first."""
_CONFIG_MODULES = ("config.py", "settings.py", "config/__init__.py", "settings/__init__.py")
"""Where config classes are kept: a module, or a package's own (twilio's config/)."""


def config_object(module: Path, variable: str, root: Path) -> tuple[str, Path] | None:
    """The import string to give `variable` when the app's `module` loads its config
    object by that variable's value (`from_object(os.environ[variable])`, or its
    `os.getenv`): `config.DevelopmentConfig`, and the module that holds it; None if it
    does not, or has no config classes beside it or at `root`."""
    tree = parsed(module)
    names = assigned_values(tree) if tree is not None else {}
    if tree is None or not any(_loads_by(node, variable, names) for node in ast.walk(tree)):
        return None
    for folder in dict.fromkeys((module.parent, root)):
        for name in _CONFIG_MODULES:
            if classes := _config_classes(folder / name):
                dotted = (folder / name).relative_to(root).with_suffix("").parts
                held_in = ".".join(dotted).removesuffix(".__init__")
                return f"{held_in}.{_likeliest(classes)}", folder / name
    return None


def loaded_config(app: App) -> Path | None:
    """The config.py or settings.py of classes named …Config, beside the module that
    calls `app.config.from_object(…)` or at the project's root: that module the app's
    own, or the package whose factory it calls (Corey Schafer's run.py); None if the app
    loads no config object."""
    module = app.served_module
    tree = parsed(module) if module else None
    if module is None or tree is None:
        return None
    for source in [module, *factory_sources(module, tree)]:
        read = parsed(source)
        if read is None or not any(_loads_by(node, None, {}) for node in ast.walk(read)):
            continue
        for folder in dict.fromkeys((source.parent, app.root)):
            found = (folder / name for name in _CONFIG_MODULES)
            if config := next((path for path in found if _config_classes(path)), None):
                return config
    return None


def config_variable(app: App) -> tuple[str, str] | None:
    """(the variable, the import string to give it) when the app loads its config object
    by a variable's value, read into a name first or not (flask-react-aws's `app_settings
    = os.getenv("APP_SETTINGS")`, then `app.config.from_object(app_settings)`); None if
    it loads none so."""
    module = app.served_module
    tree = parsed(module) if module else None
    for source in [module, *factory_sources(module, tree)] if module and tree else []:
        read = parsed(source)
        names = assigned_values(read) if read is not None else {}
        for node in ast.walk(read) if read is not None else ():
            if not (isinstance(node, ast.Call) and _loads_by(node, None, names)):
                continue
            value = _resolved(node.args[0], names)
            said = [p.value for p in ast.walk(value) if isinstance(p, ast.Constant)]
            variable = said[0] if isinstance(value, ast.Call | ast.Subscript) and said else None
            if isinstance(variable, str) and (found := config_object(source, variable, app.root)):
                return variable, found[0]
    return None


def _resolved(value: ast.expr, names: dict[str, ast.expr]) -> ast.expr:
    """`value`, or what the name it is was assigned."""
    return names.get(value.id, value) if isinstance(value, ast.Name) else value


def _loads_by(node: ast.AST, variable: str | None, names: dict[str, ast.expr]) -> bool:
    """Whether `node` is a `from_object(...)` call whose argument reads `variable` (any
    argument with None), itself or through the name it was read into (`names`)."""
    if not (isinstance(node, ast.Call) and called_name(node) == "from_object" and node.args):
        return False
    value = _resolved(node.args[0], names)
    return variable is None or any(
        isinstance(part, ast.Constant) and part.value == variable for part in ast.walk(value)
    )


def _config_classes(path: Path) -> list[str]:
    """The top-level classes of the module at `path` whose names end in Config."""
    tree = parsed(path) if path.is_file() else None
    if tree is None:
        return []
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name.endswith("Config")
    ]


def _likeliest(classes: list[str]) -> str:
    """A development class first, else the first that is not the base (`Config`)."""
    for start in _DEVELOPMENT:
        if found := next((name for name in classes if name.startswith(start)), None):
            return found
    return next((name for name in classes if name != "Config"), classes[0])
