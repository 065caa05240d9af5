"""The README's Install lines, run as written, with this scaffold's wheel standing in for PyPI.

scaffold-webapps is not on PyPI yet: a wheel built from this checkout is put where
each installer looks besides the index (PIP_FIND_LINKS, UV_FIND_LINKS), and its
dependencies come from the index as they would. Each line runs in bash in a folder
of its own, with HOME, pipx's and uv's tool folders there too, and must leave a
`scaffold` that says this version (the `uvx` line: a new project). The git line needs
github.com, which CI's machines cannot reach: it is reported as not run, with why.

    python checks/install_lines.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from scaffold import __version__
from scaffold._process.uv import find_uv

REPO = Path(__file__).resolve().parent.parent

_SOURCE = ("pyproject.toml", "README.md", "scaffold", "templates")


def install_lines() -> list[str]:
    """The commands of the README's Install block, each alternative in a comment too."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Install", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    lines = []
    for line in block.splitlines():
        command, _, comment = line.partition("  # ")
        lines.append(command.strip())
        if comment.strip().startswith("or: "):
            lines.append(comment.strip().removeprefix("or: "))
    return lines


def build_wheel(work: Path, uv: str) -> Path:
    source = work / "source"
    source.mkdir()
    for name in _SOURCE:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(REPO / name, source / name)
    wheels = work / "wheels"
    subprocess.run([uv, "build", "--wheel", "--quiet", "--out-dir", str(wheels), str(source)],
                   check=True, timeout=600)  # fmt: skip
    return wheels


def run_line(line: str, folder: Path, wheels: Path, tools: Path) -> tuple[bool, str]:
    home = folder / "home"
    home.mkdir(parents=True)
    bin_dir = folder / "bin"  # where pipx and uv put the commands they install
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_", "PIP"))}
    env |= {
        "HOME": str(home),
        "PATH": f"{bin_dir}{os.pathsep}{tools}{os.pathsep}{os.environ['PATH']}",
        "PIP_FIND_LINKS": str(wheels),
        "UV_FIND_LINKS": str(wheels),
        "PIPX_HOME": str(folder / "pipx"),
        "PIPX_BIN_DIR": str(bin_dir),
        "UV_TOOL_DIR": str(folder / "uv-tools"),
        "UV_TOOL_BIN_DIR": str(bin_dir),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    if line.startswith("pip install"):
        # "into the virtualenv you are in": one, made for it and activated.
        venv.create(folder / "venv", with_pip=True)
        env["PATH"] = f"{folder / 'venv' / 'bin'}{os.pathsep}{env['PATH']}"
        env["VIRTUAL_ENV"] = str(folder / "venv")
    done = subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=900, check=False)  # fmt: skip
    if done.returncode != 0:
        return False, (done.stdout + done.stderr)[-1500:]
    if line.startswith("uvx "):
        made = re.search(r"scaffold new \S+ (\S+)", line)
        ok = made is not None and (folder / made.group(1) / ".scaffold.json").is_file()
        return ok, "made the project" if ok else "no project was made"
    version = subprocess.run(["bash", "-c", "scaffold --version"], cwd=folder, env=env,
                             capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    ok = version.returncode == 0 and __version__ in version.stdout
    where = shutil.which("scaffold", path=env["PATH"])
    return ok, f"{version.stdout.strip()} at {where}" if ok else version.stdout + version.stderr


def main() -> None:
    uv = find_uv()
    if uv is None:
        sys.exit("uv is not installed: pip install uv")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="scaffold-install-lines-") as scratch:
        work = Path(scratch)
        wheels = build_wheel(work, uv)
        tools = work / "tools"  # uv and uvx, as their installer puts them on PATH; pipx
        tools.mkdir()
        for name in ("uv", "uvx"):
            (tools / name).symlink_to(Path(uv).with_name(name))
        pipx = work / "pipx-env"
        venv.create(pipx, with_pip=True)
        subprocess.run([pipx / "bin" / "python", "-m", "pip", "install", "--quiet", "pipx"],
                       check=True, timeout=600)  # fmt: skip
        (tools / "pipx").symlink_to(pipx / "bin" / "pipx")
        for i, line in enumerate(install_lines()):
            if "git+https://github.com/" in line:
                print(f"NOT RUN  {line}: it clones from github.com, which CI cannot reach")
                continue
            passed, said = run_line(line, work / f"line{i}", wheels, tools)
            print(f"{'PASS' if passed else 'FAIL'}  {line}: {said}", flush=True)
            failed += not passed
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
