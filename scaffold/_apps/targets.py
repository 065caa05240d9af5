"""What the user names on the command line: a project folder, or a template to generate."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scaffold._apps.detect import App, detect
from scaffold._files import absolute
from scaffold._temporary import TemporaryFolder
from scaffold.errors import InputError, option
from scaffold.kinds import KINDS

__all__ = ["Target", "resolve", "workspace"]


@dataclass(frozen=True)
class Target:
    """What the user named, and the app it stands for."""

    name: str
    app: App


@contextlib.contextmanager
def workspace(folder: Path | None = None) -> Iterator[Path]:
    """`folder`, or a temporary folder removed on leaving, for generated projects and envs."""
    if folder is not None:
        yield folder
        return
    with TemporaryFolder("scaffold-") as temporary:
        yield temporary


def resolve(
    names: Sequence[str | os.PathLike[str]],
    workdir: Path,
    *,
    flask_app: str | None = None,
    settings: str | None = None,
    environ: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
    names_app: bool = False,
) -> list[Target]:
    """Each name as a Target: a project folder, or a template generated into `workdir`.

    `flask_app` and `settings` are Flask's --app and Django's --settings, for
    folders without an answers file, and `environ` the environment the servers get,
    whose FLASK_APP and DJANGO_SETTINGS_MODULE count (see detect); by default scaffold's.
    `names_app`: whether the command takes an app's module (--app), which a file given
    for its app is told to name.
    """
    templates = {k.name for k in KINDS}
    targets = []
    for i, given in enumerate(names):
        name = os.fspath(given)
        path = Path(name)
        if absolute(path).is_file():  # `python examples/colors.py`, as flask --app takes it
            module = names_app and path.suffix == ".py" and path.stem != "manage"
            named = option("app", path.stem, repr(path.stem))
            raise InputError(
                f"'{name}' is a file: give the folder that holds it, '{path.parent}'"
                f"{f' (and, if it holds other apps, {named})' if module else ''}."
            )
        if absolute(path).exists():
            app = detect(path, flask_app=flask_app, settings=settings, environ=environ)
            targets.append(Target(name, app))
        elif name in templates:
            if progress:
                progress(f"generating {name} …")
            into = workdir / f"{i}"
            into.mkdir(parents=True)
            from scaffold._new import generate  # cookiecutter: only for a template's name

            project = generate(name, name.replace("-", "_"), output_dir=into)
            targets.append(Target(name, detect(project.path)))
        else:
            raise InputError(
                f"'{name}' is neither a project folder nor a template: give a path or one of "
                f"{', '.join(k.name for k in KINDS)}."
            )
    return targets
