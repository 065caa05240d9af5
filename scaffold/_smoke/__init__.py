"""`scaffold smoke`: boot projects, request "/", check the greeting and the escaping."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

from scaffold._apps.interpreter import base_python, find_python
from scaffold._apps.launch import check_servable
from scaffold._apps.targets import resolve, workspace
from scaffold._process.supervisor import Supervisor
from scaffold._process.threads import signals_held
from scaffold._smoke.check import SmokeOptions, SmokeResult, check
from scaffold._smoke.fresh_env import FreshEnvs, installer
from scaffold._smoke.options import check_options, shard_of
from scaffold._smoke.slots import Slots
from scaffold.kinds import ServerName

__all__ = ["SmokeResult", "smoke"]


def smoke(
    targets: Sequence[str | os.PathLike[str]] = (),
    *,
    server: ServerName = "dev",
    timeout: float = 30.0,
    path: Sequence[str] = ("/",),
    status: int = 200,
    expect: str | None = None,
    host: str | None = None,
    app: str | None = None,
    settings: str | None = None,
    env: Mapping[str, str] | None = None,
    python: str | None = None,
    fresh_env: bool = False,
    jobs: int | None = None,
    shard: tuple[int, int] | None = None,
    workdir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Generator[SmokeResult, None, None]:
    """Smoke-test each target, `jobs` at a time; yield each result as it is known.

    A target is a project folder or a template name, which is generated into
    `workdir` (kept) or a temporary folder (removed at the end); no targets: the
    current folder. With `shard` (K, N), only the K-th of N slices of the targets
    runs: targets K, K+N, K+2N ... in the order given. Bad input raises an
    InputError before the first result. However the iteration ends, run out,
    closed early or interrupted, no server it started is left running.
    """
    options = SmokeOptions(
        server=server,
        timeout=timeout,
        expect=expect,
        python=find_python(python) if python else None,
        fresh_env=fresh_env,
        paths=tuple(path),
        status=status,
        host=host,
        env=dict(env or {}),
        progress=progress,
    )
    check_options(options)
    if fresh_env:
        installer()  # a bad SCAFFOLD_INSTALLER is bad input: said before anything runs
    names = shard_of(list(targets) or ["."], shard)
    with workspace(workdir) as folder, Supervisor() as supervisor:
        found = resolve(names, folder, flask_app=app, settings=settings, progress=progress)
        for target in found:
            check_servable(target.app, server)
        planned = [
            (t.app.root, base_python(t.app.root, options.python)) for t in found if fresh_env
        ]
        envs = FreshEnvs(supervisor.scratch, supervisor, planned)
        jobs = jobs or os.cpu_count() or 1
        slots = Slots(jobs, turns=len(found))
        # Twice as many threads as slots: a thread installing requirements ahead, or
        # stopping its server, holds no slot.
        with ThreadPoolExecutor(max_workers=2 * jobs) as pool:
            with signals_held():  # the pool starts its threads as work is submitted
                futures = [
                    pool.submit(check, target, options, envs=envs, supervisor=supervisor,
                                slots=slots, turn=turn)
                    for turn, target in enumerate(found)
                ]  # fmt: skip
            try:
                for future in as_completed(futures):
                    result = future.result()
                    yield replace(result, shard=f"{shard[0]}/{shard[1]}") if shard else result
            finally:
                for future in futures:
                    future.cancel()
                # Stops what is still running, so the pool's threads end at once.
                supervisor.close()
