"""smoke's options, checked once before anything runs, and the slice of targets a shard runs."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from scaffold._apps.serving import Serving
from scaffold._checked import is_count
from scaffold._files import absolute, read_within
from scaffold.errors import InputError, flag, option_name

__all__ = ["PATH", "SmokeOptions", "parse_shard", "shard_of", "smoke_options"]

T = TypeVar("T")
PATH = re.compile(r"/[\x21-\x7e]*")
"""What a request line can carry: a path from "/", visible ASCII, no spaces."""
_SHARD = re.compile(r"(\d{1,6})/(\d{1,6})")
_MAX_JOBS = 1024
_MAX_SHARDS = 999_999
_MAX_REQUIREMENTS_BYTES = 1024 * 1024
_EXTRA = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?")
"""An extra's name, as PEP 685 (and pip, and uv) take it."""


@dataclass(frozen=True)
class SmokeOptions:
    """How to serve and what to expect; the same for every target of a run."""

    serving: Serving
    expect: str | None
    """The body the first path must return; None: from the answers file, else any."""
    fresh_env: bool
    paths: tuple[str, ...] = ("/",)
    status: int = 200
    jobs: int = 1
    """How many servers run at once."""
    shard: tuple[int, int] | None = None
    """(K, N): only the K-th of N slices of the targets runs."""
    progress: Callable[[str], None] | None = None
    """Told when a slow step starts, e.g. 'installing requirements for mysite …'."""
    requirements: Path | None = None
    """A requirements file every fresh environment installs, in place of the project's."""
    extras: tuple[str, ...] = ()
    """The optional dependencies of each project's pyproject.toml its fresh environment
    also installs."""
    groups: tuple[str, ...] = ()
    """The dependency groups (PEP 735) of each project's pyproject.toml its fresh
    environment also installs."""
    any_body: bool = False
    """Any body passes, even a generated project's: the status alone is checked."""


def smoke_options(
    *,
    server: str,
    timeout: float,
    path: Sequence[str] | str,
    status: int,
    expect: str | None,
    host: str | None,
    env: Mapping[str, str] | None,
    python: str | None,
    fresh_env: bool,
    jobs: int | None,
    shard: tuple[int, int] | str | None,
    progress: Callable[[str], None] | None,
    requirements: str | os.PathLike[str] | None = None,
    any_body: bool = False,
    extra: Sequence[str] | str = (),
    group: Sequence[str] | str = (),
    env_file: Sequence[str | os.PathLike[str]] = (),
) -> SmokeOptions:
    """The options of a run, or InputError for one no server can be checked with."""
    serving = Serving.checked(server=server, python=python, env=env, host=host, timeout=timeout,
                              env_file=env_file)  # fmt: skip
    paths = (path,) if isinstance(path, str) else tuple(path)
    if not paths:
        raise InputError("give at least one path, e.g. '/'.", parameter="path")
    for one in paths:
        if not (isinstance(one, str) and PATH.fullmatch(one)):
            raise InputError(
                f"path {one!r} is not a path a request can carry: start it with / and use "
                "no spaces or control characters, e.g. /health?full=1.",
                parameter="path",
            )
    if not is_count(status, 100, 599):
        message = f"status {status!r} is not an HTTP status: use 100 to 599."
        raise InputError(message, parameter="status")
    if expect is not None and not isinstance(expect, str):
        message = f"expect {expect!r} is not text: give the body as a string."
        raise InputError(message, parameter="expect")
    if any_body and expect is not None:
        message = (
            f"{option_name('any_body')} and {option_name('expect')} contradict each other: "
            "give one or the other."
        )
        raise InputError(message, parameter="any_body")
    if jobs is not None and not is_count(jobs, 1, _MAX_JOBS):
        message = f"jobs {jobs!r} is not a number of servers: use 1 to {_MAX_JOBS}."
        raise InputError(message, parameter="jobs")
    return SmokeOptions(
        requirements=_requirements_file(requirements, fresh_env=bool(fresh_env)),
        extras=_extras(extra, fresh_env=bool(fresh_env), requirements=requirements is not None),
        groups=_extras(
            group, fresh_env=bool(fresh_env), requirements=requirements is not None, of="group"
        ),
        serving=serving,
        expect=expect,
        fresh_env=bool(fresh_env),
        paths=paths,
        status=status,
        jobs=jobs or os.cpu_count() or 1,
        shard=parse_shard(shard) if isinstance(shard, str) else _checked_shard(shard),
        progress=progress,
        any_body=bool(any_body),
    )


def _requirements_file(named: str | os.PathLike[str] | None, *, fresh_env: bool) -> Path | None:
    """The requirements file named, as an absolute path, or InputError."""
    if named is None:
        return None
    if not isinstance(named, (str, os.PathLike)) or not str(named):
        message = f"requirements {named!r} is not a file name."
        raise InputError(message, parameter="requirements")
    if not fresh_env:
        message = (
            f"a requirements file is installed into a fresh environment: add {flag('fresh_env')}."
        )
        raise InputError(message, parameter="requirements")
    path = absolute(Path(named))
    try:
        if read_within(path, _MAX_REQUIREMENTS_BYTES) is None:
            message = f"'{named}' is larger than 1 MiB: is it a requirements file?"
            raise InputError(message, parameter="requirements")
    except OSError as err:
        message = f"cannot read '{named}': {err.strerror or err}."
        raise InputError(message, parameter="requirements") from None
    return path


def _extras(
    named: Sequence[str] | str, *, fresh_env: bool, requirements: bool, of: str = "extra"
) -> tuple[str, ...]:
    """The extras (or dependency groups, `of`) named, as pip and uv take their names
    (PEP 685's and PEP 735's are the same), or InputError."""
    extras = (named,) if isinstance(named, str) else tuple(named)
    called = "an extra" if of == "extra" else "a dependency group"
    for extra in extras:
        if not (isinstance(extra, str) and _EXTRA.fullmatch(extra)):
            message = f"{of} {extra!r} is not the name of {called}, e.g. 'test'."
            raise InputError(message, parameter=of)
    if extras and not fresh_env:
        message = f"{called} is installed into a fresh environment: add {flag('fresh_env')}."
        raise InputError(message, parameter=of)
    if extras and requirements:
        message = (
            f"{option_name(of)} adds to what the project declares, which "
            f"{option_name('requirements')} replaces: list what you need in that file."
        )
        raise InputError(message, parameter=of)
    return extras


def _checked_shard(shard: object) -> tuple[int, int] | None:
    if shard is None:
        return None
    if (
        isinstance(shard, tuple)
        and len(shard) == 2
        and is_count(shard[1], 1, _MAX_SHARDS)
        and is_count(shard[0], 1, shard[1])
    ):
        return shard[0], shard[1]
    message = f"shard {shard!r} is not (K, N) with 1 <= K <= N, e.g. (2, 4) or '2/4'."
    raise InputError(message, parameter="shard")


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' as (K, N), 1 <= K <= N, or InputError."""
    match = _SHARD.fullmatch(text)
    if match:
        k, n = int(match.group(1)), int(match.group(2))
        if 1 <= k <= n:
            return k, n
    raise InputError(f"shard {text!r} is not K/N with 1 <= K <= N, e.g. 2/4.", parameter="shard")


def shard_of(targets: Sequence[T], shard: tuple[int, int] | None) -> list[T]:
    """The targets shard (K, N) runs: the K-th, (K+N)-th ... in the order given; all if None."""
    if shard is None:
        return list(targets)
    k, n = shard
    return list(targets[k - 1 :: n])
