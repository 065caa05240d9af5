"""`scaffold smoke`: boot projects, request "/", check the greeting and the escaping."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Generator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from scaffold._apps.targets import resolve, workspace
from scaffold._process.supervisor import Supervisor
from scaffold._process.threads import signals_held
from scaffold._smoke.check import SmokeOptions, SmokeResult, check, find_python
from scaffold.errors import InputError
from scaffold.kinds import ServerName

__all__ = ["SmokeResult", "smoke"]


def smoke(
    targets: Sequence[str | os.PathLike[str]],
    *,
    server: ServerName = "dev",
    timeout: float = 30.0,
    expect: str | None = None,
    python: str | None = None,
    fresh_env: bool = False,
    jobs: int | None = None,
    workdir: Path | None = None,
) -> Generator[SmokeResult, None, None]:
    """Smoke-test each target, `jobs` at a time; yield each result as it is known.

    A target is a project folder or a template name, which is generated into
    `workdir` (kept) or a temporary folder (removed at the end). Bad input raises
    an InputError before the first result. However the iteration ends, run out,
    closed early or interrupted, no server it started is left running.
    """
    if not (math.isfinite(timeout) and timeout > 0):
        raise InputError(f"the timeout must be a finite number of seconds above 0, not {timeout}.")
    options = SmokeOptions(
        server=server,
        timeout=timeout,
        expect=expect,
        python=find_python(python or sys.executable),
        fresh_env=fresh_env,
    )
    with workspace(workdir) as folder, Supervisor() as supervisor:
        found = resolve(targets, folder)
        with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
            with signals_held():  # the pool starts its threads as work is submitted
                futures = [
                    pool.submit(
                        check, target, options, env_dir=folder / f"env{i}", supervisor=supervisor
                    )
                    for i, target in enumerate(found)
                ]
            try:
                for future in as_completed(futures):
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()
                # Stops what is still running, so the pool's threads end at once.
                supervisor.close()
