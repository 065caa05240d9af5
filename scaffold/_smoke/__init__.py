"""`scaffold smoke`: boot projects, request "/", check the greeting and the escaping."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

import scaffold.frameworks as frameworks
from scaffold._apps.serving import base_python, check_servable
from scaffold._apps.targets import resolve, workspace
from scaffold._process.supervisor import Supervisor
from scaffold._process.threads import as_done
from scaffold._smoke.check import SmokeResult, check
from scaffold._smoke.options import SmokeOptions, shard_of, smoke_options
from scaffold._smoke.slots import Slots
from scaffold.frameworks import ServerName

__all__ = ["SmokeResult", "smoke"]


def smoke(
    targets: Sequence[str | os.PathLike[str]] = (),
    *,
    server: ServerName = "dev",
    timeout: float = 30.0,
    path: Sequence[str] = ("/",),
    status: int = 200,
    expect: str | None = None,
    any_body: bool = False,
    host: str | None = None,
    app: str | None = None,
    settings: str | None = None,
    env: Mapping[str, str] | None = None,
    env_file: Sequence[str | os.PathLike[str]] = (),
    python: str | None = None,
    fresh_env: bool = False,
    requirements: str | os.PathLike[str] | None = None,
    extra: Sequence[str] = (),
    group: Sequence[str] = (),
    jobs: int | None = None,
    shard: tuple[int, int] | str | None = None,
    workdir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Generator[SmokeResult, None, None]:
    """Smoke-test each target, `jobs` at a time; yield each result as it is known.

    A target is a project folder or a template name, which is generated into
    `workdir` (kept) or a temporary folder (removed at the end); no targets: the
    current folder. With `shard` (K, N) or 'K/N', only the K-th of N slices of the
    targets runs: targets K, K+N, K+2N ... in the order given. `expect` is the body of
    the first path (default: a generated project's greeting, else any); `any_body`
    checks the status alone, even of a generated project. `env` is added to the
    servers' environment, over the settings the `env_file`s make (a .env, as docker
    compose's env_file gives it). `extra` names optional
    dependencies of each project's pyproject.toml its fresh environment also gets,
    as `pip install '.[test]'` does, and `group` its dependency groups, as `pip install
    --group dev` does. Bad input raises an
    InputError before the first result. However the iteration ends, run out,
    closed early or interrupted, no server it started is left running.
    """
    options = smoke_options(
        server=server, timeout=timeout, path=path, status=status, expect=expect, host=host,
        env=env, python=python, fresh_env=fresh_env, jobs=jobs, shard=shard, progress=progress,
        requirements=requirements, any_body=any_body, extra=extra, group=group,
        env_file=env_file,
    )  # fmt: skip
    # A bad SCAFFOLD_INSTALLER is bad input: said before anything runs.
    uv = None
    if fresh_env:
        from scaffold._smoke.fresh_env import installer  # pip and uv: for --fresh-env alone

        uv = installer(os.environ.get("SCAFFOLD_INSTALLER", ""))
    return _run(list(targets) or ["."], options, uv, app, settings, workdir)


def _run(
    targets: list[str | os.PathLike[str]],
    options: SmokeOptions,
    uv: str | None,
    app: str | None,
    settings: str | None,
    workdir: Path | None,
) -> Generator[SmokeResult, None, None]:
    names = shard_of(targets, options.shard)
    with workspace(workdir) as folder, Supervisor() as supervisor:
        found = resolve(names, folder, flask_app=app, settings=settings,
                        environ=options.serving.environ, progress=options.progress,
                        names_app=True)  # fmt: skip
        for target in found:
            check_servable(target.app, options.serving.server)
        planned = [(t.app.requirements_root(), base_python(t.app, options.serving)) for t in found]
        envs = None
        if options.fresh_env:
            from scaffold._smoke.fresh_env import FreshEnvs

            envs = FreshEnvs(
                supervisor.scratch, supervisor, planned, uv=uv,
                extra=frameworks.server_packages(options.serving.server),
                may_choose=options.serving.python is None, requirements=options.requirements,
                extras=options.extras, groups=options.groups,
            )  # fmt: skip
        slots = Slots(options.jobs, turns=len(found))
        shard = options.shard
        # Twice as many threads as slots: a thread installing requirements ahead, or
        # stopping its server, holds no slot.
        checks = [
            partial(check, target, options, envs=envs, supervisor=supervisor,
                    slots=slots, turn=turn)
            for turn, target in enumerate(found)
        ]  # fmt: skip
        # Leaving stops what is still running, so that the threads end at once.
        for result in as_done(checks, threads=2 * options.jobs, on_leave=supervisor.close):
            yield replace(result, shard=f"{shard[0]}/{shard[1]}") if shard else result
