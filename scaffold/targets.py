"""What the user names on the command line: a project folder, or a template to generate."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from scaffold.detect import App, detect
from scaffold.errors import InputError
from scaffold.templates import TEMPLATES

__all__ = ["Target", "resolve", "workspace"]


@dataclass(frozen=True)
class Target:
    """What the user named, and the app it stands for."""

    name: str
    app: App


@contextlib.contextmanager
def workspace(*, keep: bool) -> Iterator[Path]:
    """A temporary folder for generated projects and fresh envs, removed unless `keep`."""
    folder = Path(tempfile.mkdtemp(prefix="scaffold-"))
    try:
        yield folder
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def resolve(names: Sequence[str], workdir: Path) -> list[Target]:
    """Each name as a Target: a project folder, or a template generated into `workdir`."""
    from scaffold.generate import generate

    templates = {t.name for t in TEMPLATES}
    targets = []
    for i, name in enumerate(names):
        path = Path(name)
        if path.exists():
            targets.append(Target(name, detect(path)))
        elif name in templates:
            into = workdir / f"{i}"
            into.mkdir(parents=True)
            project = generate(name, name.replace("-", "_"), output_dir=into)
            targets.append(Target(name, detect(project.path)))
        else:
            raise InputError(
                f"'{name}' is neither a project folder nor a template: give a path or one of "
                f"{', '.join(t.name for t in TEMPLATES)}."
            )
    return targets
