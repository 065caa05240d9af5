"""Advice for a Django app whose templates its front-end build makes (a Vue or React
app's dist/ folder, which TEMPLATES' DIRS name), a folder its repository does not hold."""

from __future__ import annotations

import ast
import json
import re

from scaffold._apps.detect import App
from scaffold._apps.env_values import assigns
from scaffold._apps.interpreter import in_project
from scaffold._apps.setting_hints import settings_files
from scaffold._apps.sqlite_hints import path_parts, written_dicts
from scaffold._files import read_within
from scaffold._source import readable_tree
from scaffold.frameworks.roles import string_value

__all__ = ["built_templates"]

_NOT_FOUND = re.compile(r"TemplateDoesNotExist: [\w./-]{1,200}")
_MAX_PACKAGE_BYTES = 256 * 1024
# How a project installs its JavaScript packages and runs its build script, by its lock
# file; npm's without one.
_RUNNERS = (
    ("pnpm-lock.yaml", "pnpm install", "pnpm run build"),
    ("yarn.lock", "yarn install", "yarn build"),
    ("package-lock.json", "npm ci", "npm run build"),
)


def built_templates(said: str, app: App) -> str:
    """': its settings' TEMPLATES look in FOLDER, which the project has not got: its
    front-end build makes it (COMMANDS): run it first', for a template Django cannot find
    (`said`, what the app raised) where a folder TEMPLATES' DIRS name is not in the
    project and its package.json has a build script; '' otherwise."""
    if not _NOT_FOUND.search(said) or not _has_build_script(app):
        return ""
    missing = [folder for folder in _template_folders(app) if not (app.root / folder).exists()]
    if not missing:
        return ""
    install, build = next(
        (run[1:] for run in _RUNNERS if (app.root / run[0]).is_file()), _RUNNERS[-1][1:]
    )
    return (
        f": its settings' TEMPLATES look in {missing[0]}, a folder the project has not got, "
        f"which its front-end build makes (package.json's build script): run it first "
        f"({in_project(app.root, install, build)}), as a deploy would."
    )


def _has_build_script(app: App) -> bool:
    """Whether the project's package.json has a build script."""
    try:
        data = read_within(app.root / "package.json", _MAX_PACKAGE_BYTES)
        package = json.loads(data or b"")
    except (OSError, ValueError):
        return False
    scripts = package.get("scripts") if isinstance(package, dict) else None
    return isinstance(scripts, dict) and isinstance(scripts.get("build"), str)


def _template_folders(app: App) -> list[str]:
    """The folders of the project a Django project's TEMPLATES' DIRS name ('dist', or
    `BASE_DIR / "dist"`), relative to it."""
    folders = []
    for tree in filter(None, map(readable_tree, settings_files(app))):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Assign) and assigns(node, "TEMPLATES")):
                continue
            for said in written_dicts(node.value):
                dirs = said.get("DIRS")
                for entry in dirs.elts if isinstance(dirs, ast.List | ast.Tuple) else []:
                    text = string_value(entry)
                    parts = [text] if text is not None else path_parts(entry)
                    if parts and not parts[0].startswith("/") and ".." not in parts:
                        folders.append("/".join(parts))
    return folders
