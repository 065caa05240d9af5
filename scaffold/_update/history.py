"""Every template version scaffold has shipped, kept in the package so any can be rendered offline.

Each version is one small archive, `history/<version>.tar.xz`, of the templates as
that version shipped them; the current version's archive equals the templates
folder (a test says so), so a release that changes a template must bump the
version and archive the new templates:

    python -m scaffold._update

Old archives are read as input like any other file: only regular files and
folders, below the template's own folder, within a size cap.
"""

from __future__ import annotations

import contextlib
import io
import lzma
import os
import tarfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path, PurePosixPath

from scaffold._temporary import TemporaryFolder
from scaffold._version import __version__
from scaffold.errors import UpdateError
from scaffold.kinds import KINDS, Kind

__all__ = [
    "HISTORY",
    "folders_in",
    "template_folder",
    "version_key",
    "versions",
    "write_archive",
]

HISTORY = Path(__file__).resolve().parent / "history"
_MAX_MEMBER_BYTES = 1024 * 1024
_MAX_MEMBERS = 1000


def version_key(version: str) -> tuple[int, ...]:
    """`version` as numbers, to order versions: 0.10.0 comes after 0.9.0."""
    return tuple(int(part) for part in version.split("."))


@cache
def versions() -> tuple[str, ...]:
    """The template versions this scaffold can render, oldest first."""
    found = {path.name.removesuffix(".tar.xz") for path in HISTORY.glob("*.tar.xz")}
    return tuple(sorted(found | {__version__}, key=version_key))


@cache
def folders_in(version: str) -> frozenset[str]:
    """The template folders `version` shipped."""
    if version == __version__:
        return frozenset(kind.folder for kind in KINDS)
    with _reading(HISTORY / f"{version}.tar.xz") as tar:
        return frozenset(PurePosixPath(name).parts[0] for name in tar.getnames()[:_MAX_MEMBERS])


@contextlib.contextmanager
def template_folder(kind: Kind, version: str) -> Iterator[Path]:
    """The folder of `kind`'s template as `version` shipped it, for as long as the block runs."""
    if version == __version__:
        yield kind.path
        return
    archive = HISTORY / f"{version}.tar.xz"
    with TemporaryFolder("scaffold-template-") as scratch:
        folder = scratch / kind.folder
        if not _extract(archive, kind.folder, scratch):
            raise UpdateError(
                f"scaffold {version} had no template '{kind.name}': the answers file "
                "names a version or template that do not go together."
            )
        yield folder


_REINSTALL = "reinstall scaffold (pip install --force-reinstall scaffold-webapps)"


def _extract(archive: Path, folder: str, into: Path) -> bool:
    """Write the files of `archive` below `folder` into `into`; whether there were any."""
    found = False
    damaged = UpdateError(f"'{archive}' is damaged: {_REINSTALL}.")
    with _reading(archive) as tar:
        for count, member in enumerate(tar):
            path = PurePosixPath(member.name)
            if count >= _MAX_MEMBERS or path.is_absolute() or ".." in path.parts:
                raise damaged
            if path.parts[0] != folder or not member.isfile():
                continue
            source = tar.extractfile(member)
            if member.size > _MAX_MEMBER_BYTES or source is None:
                raise damaged
            target = into.joinpath(*path.parts)
            data = source.read(_MAX_MEMBER_BYTES)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                target.chmod(0o755 if member.mode & 0o100 else 0o644)
            except OSError as err:  # the archive is fine: the temporary folder is not
                raise UpdateError(
                    f"cannot write scaffold {archive.name.removesuffix('.tar.xz')}'s template into "
                    f"'{into}' ({err.strerror}): make room there, or set TMPDIR to a folder "
                    "with room."
                ) from None
            found = True
    return found


@contextlib.contextmanager
def _reading(archive: Path) -> Iterator[tarfile.TarFile]:
    """`archive` open for reading; an UpdateError if it cannot be read."""
    try:
        with tarfile.open(archive, "r:xz") as tar:
            yield tar
    except (OSError, tarfile.TarError, lzma.LZMAError) as err:
        raise UpdateError(f"cannot read '{archive}' ({err}): {_REINSTALL}.") from None


def write_archive(templates: Path, out: Path) -> None:
    """Archive the templates below `templates` into `out`, the same bytes for the same files."""
    files = sorted(
        path
        for path in templates.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )
    with tarfile.open(out, "w:xz", preset=9) as tar:
        for path in files:
            data = path.read_bytes()
            info = tarfile.TarInfo(path.relative_to(templates).as_posix())
            info.size = len(data)
            info.mode = 0o755 if os.access(path, os.X_OK) else 0o644
            tar.addfile(info, io.BytesIO(data))
