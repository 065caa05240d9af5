"""smoke's options checked before anything runs, and the slice of targets a shard runs."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TypeVar

from scaffold._apps.launch import check_env, check_host
from scaffold._smoke.check import SmokeOptions
from scaffold.errors import InputError

__all__ = ["check_options", "parse_shard", "shard_of"]

T = TypeVar("T")
# What a request line can carry: a path from "/", visible ASCII, no spaces.
_PATH = re.compile(r"/[\x21-\x7e]*")
_SHARD = re.compile(r"(\d{1,6})/(\d{1,6})")


def check_options(options: SmokeOptions) -> None:
    """Raise InputError for an option no server can be checked with."""
    if not (math.isfinite(options.timeout) and options.timeout > 0):
        raise InputError(
            f"the timeout must be a finite number of seconds above 0, not {options.timeout}."
        )
    if not options.paths:
        raise InputError("give at least one --path, e.g. --path /.")
    for path in options.paths:
        if not _PATH.fullmatch(path):
            raise InputError(
                f"--path {path!r} is not a path a request can carry: start it with / and use "
                "no spaces or control characters, e.g. /health?full=1."
            )
    check_host(options.host)
    if not 100 <= options.status <= 599:
        raise InputError(f"--status {options.status} is not an HTTP status: use 100 to 599.")
    check_env(options.env)


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' as (K, N), 1 <= K <= N, or InputError."""
    match = _SHARD.fullmatch(text)
    if match:
        k, n = int(match.group(1)), int(match.group(2))
        if 1 <= k <= n:
            return k, n
    raise InputError(f"--shard {text!r} is not K/N with 1 <= K <= N, e.g. --shard 2/4.")


def shard_of(targets: Sequence[T], shard: tuple[int, int] | None) -> list[T]:
    """The targets shard (K, N) runs: the K-th, (K+N)-th ... in the order given; all if None."""
    if shard is None:
        return list(targets)
    k, n = shard
    if not 1 <= k <= n:
        raise InputError(f"shard {k}/{n} is not K/N with 1 <= K <= N, e.g. 2/4.")
    return list(targets[k - 1 :: n])
