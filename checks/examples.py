"""Run every example of every command's --help, of the README and of the docs, and check
each does what it says.

The README's and the docs' examples are the `scaffold` lines of their `sh` blocks.
Each example line is looked up in EXAMPLES, which says where it runs and the exit
code it must end with; an example missing from the table fails the check (a test
holds the table and the help to each other, too). The examples run in a sandbox
made by `scaffold new`: HOME is a folder of its own, `mysite` a django-project in
git, `site-a` and `site-b`, `shop`, `api` and `apps/*` projects of other shapes.
The one that asks questions runs in a real pseudo-terminal, answered with Enter.

    python checks/examples.py

Needs bash, and zsh and fish for their completion examples (.ci/run installs them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent
COMMANDS = ["", "list", "new", "smoke", "compare", "check", "diff", "update", "completion"]
GIT_USER = ["-c", "user.name=check", "-c", "user.email=check@example.com"]
API = """\
import os

from flask import Flask


def create_app():
    app = Flask(__name__)
    mode = os.environ["API_MODE"]
    app.add_url_rule("/", "hello", lambda: f"Hello from the {mode} API")
    return app
"""

# Each example, as --help shows it (less its comment): the folder it runs in (below
# the sandbox), the shell that runs it, and the exit code it ends with.
EXAMPLES: dict[str, tuple[str, str, int]] = {
    "scaffold new": (".", "terminal", 0),
    "scaffold new flask-single hello && scaffold smoke hello": (".", "bash", 0),
    "scaffold compare flask-single django-single --boot --html report.html": (".", "bash", 0),
    "scaffold check mysite || scaffold update mysite": (".", "bash", 0),
    "scaffold list": (".", "bash", 0),
    "scaffold list --json | jq -r '.[].name'": (".", "bash", 0),
    "scaffold new flask-project blog": (".", "bash", 0),
    "scaffold new django-project mysite -o ~/code -g Bonjour": (".", "bash", 0),
    "scaffold new django-single notes --lock": (".", "bash", 0),
    "scaffold smoke": ("mysite", "bash", 0),
    "scaffold smoke flask-single django-project": (".", "bash", 0),
    "scaffold smoke ./mysite --server asgi --path /admin/ --status 302": (".", "bash", 0),
    "scaffold smoke apps/* --shard 2/4 --junit-xml smoke.xml": (".", "bash", 0),
    "scaffold smoke ./api --app 'api:create_app()' --env API_MODE=test": (".", "bash", 0),
    "scaffold compare flask-single flask-project django-single django-project": (
        ".", "bash", 0,
    ),
    "scaffold compare ./site-a ./site-b --boot --load --format markdown": (".", "bash", 0),
    "scaffold compare flask-single django-single --boot --load --html report.html": (
        ".", "bash", 0,
    ),
    "scaffold compare ./shop --boot --host shop.test --env 'FLASK_TRUSTED_HOSTS=[\"shop.test\"]'": (
        ".", "bash", 0,
    ),
    "scaffold compare flask-single django-project --roles": (".", "bash", 0),
    "scaffold compare --diff flask-single flask-project": (".", "bash", 0),
    "scaffold check": ("mysite", "bash", 0),
    "scaffold check mysite --json": (".", "bash", 0),
    "scaffold diff": ("mysite", "bash", 0),
    "scaffold diff mysite --exit-code > my-changes.patch": (".", "bash", 0),
    "scaffold update --dry-run": ("mysite", "bash", 0),
    "scaffold update mysite && git -C mysite diff": (".", "bash", 0),
    'eval "$(scaffold completion bash)"': (".", "bash", 0),
    'eval "$(scaffold completion zsh)"': (".", "zsh", 0),
    "scaffold completion fish > ~/.config/fish/completions/scaffold.fish": (".", "fish", 0),
    # The README's and the docs'.
    "scaffold new django-project mysite": ("fresh", "bash", 0),
    "scaffold smoke ./mysite --server wsgi": (".", "bash", 0),
    "scaffold compare flask-single django-single --boot --load": (".", "bash", 0),
    "scaffold check ./mysite": (".", "bash", 0),
    "scaffold diff ./mysite": (".", "bash", 0),
    "scaffold update ./mysite": (".", "bash", 0),
    "scaffold smoke flask-single flask-project django-single django-project": (".", "bash", 0),
    "scaffold smoke ./mysite --server wsgi --junit-xml smoke.xml": (".", "bash", 0),
    "scaffold compare flask-single flask-project django-single django-project --boot --load "
    "--repeat 5 --format markdown": (".", "bash", 0),
}  # fmt: skip
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def examples_in_help() -> list[str]:
    """Every example line of every command's --help, less its trailing comment."""
    found = []
    for command in COMMANDS:
        shown = subprocess.run(
            [sys.executable, "-m", "scaffold", *([command] if command else []), "--help"],
            capture_output=True, text=True, check=True, timeout=60,
            env={**os.environ, "COLUMNS": "200"},
        ).stdout  # fmt: skip
        block = shown.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
        for line in block.splitlines():
            example = line.strip()
            if "  # " in example:
                example = example.split("  # ", 1)[0].rstrip()
            found.append(example)
    return found


def examples_in_docs() -> list[str]:
    """Every `scaffold` line of the `sh` blocks of the README and the docs, less its comment."""
    found = []
    for document in DOCUMENTS:
        for block in re.findall(r"```sh\n(.*?)```", document.read_text(encoding="utf-8"), re.S):
            for line in block.splitlines():
                example = line.split("  # ", 1)[0].strip()
                if example.startswith(("scaffold ", 'eval "$(scaffold ')):
                    found.append(example)
    return found


def sandbox(root: Path) -> None:
    """The projects and folders the examples name."""
    run = [sys.executable, "-m", "scaffold", "new"]
    (root / "home" / "code").mkdir(parents=True)
    (root / "fresh").mkdir()
    (root / "home" / ".config" / "fish" / "completions").mkdir(parents=True)
    subprocess.run([*run, "django-project", "mysite"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "made"]):
        subprocess.run(["git", *GIT_USER, "-C", str(root / "mysite"), *args], check=True)
    for folder, template in (("site-a", "flask-single"), ("site-b", "django-single"),
                             ("shop", "flask-single")):  # fmt: skip
        (root / folder).mkdir()
        name = folder.replace("-", "_")
        subprocess.run([*run, template, name, "-o", folder], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        for made in (root / folder / name).iterdir():  # the project is the folder named
            made.rename(root / folder / made.name)
        (root / folder / name).rmdir()
    (root / "api").mkdir()
    (root / "api" / "api.py").write_text(API)
    (root / "apps").mkdir()
    for name in ("one", "two", "three", "four"):
        subprocess.run([*run, "flask-single", name, "-o", "apps"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip


def run_example(example: str, root: Path) -> int:
    folder, shell, _ = EXAMPLES[example]
    env = {
        **os.environ,
        "HOME": str(root / "home"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    if shell == "terminal":
        import pexpect

        child = pexpect.spawn("bash", ["-c", example], cwd=root / folder, env=env,
                              encoding="utf-8", timeout=60)  # fmt: skip
        for _ in range(3):  # template, name, greeting: each default taken
            child.expect(r"\]: ")
            child.sendline("")
        child.expect(pexpect.EOF)
        child.close()
        return int(child.exitstatus or 0)
    # A ~/.zshrc loads zsh's completion system (compinit) before adding to it.
    prelude = "autoload -Uz compinit && compinit -u && " if shell == "zsh" else ""
    command = [shell, "-c", prelude + example]
    done = subprocess.run(command, cwd=root / folder, env=env, capture_output=True,
                          text=True, timeout=600, check=False)  # fmt: skip
    if done.returncode:
        print(done.stdout[-2000:], done.stderr[-2000:], sep="\n", file=sys.stderr)
    return done.returncode


def main() -> None:
    examples = list(dict.fromkeys([*examples_in_help(), *examples_in_docs()]))
    missing = [example for example in examples if example not in EXAMPLES]
    if missing:
        sys.exit(f"examples that checks/examples.py does not know: {missing}")
    failed = []
    with tempfile.TemporaryDirectory(prefix="scaffold-examples-") as scratch:
        root = Path(scratch)
        sandbox(root)
        for example in examples:
            expected = EXAMPLES[example][2]
            if EXAMPLES[example][1] in ("zsh", "fish") and not shutil.which(EXAMPLES[example][1]):
                sys.exit(f"{EXAMPLES[example][1]} is not installed: it runs '{example}'")
            code = run_example(example, root)
            verdict = "ok" if code == expected else "FAILED"
            print(f"{verdict:6}  exit {code} (expected {expected})  {example}", flush=True)
            if code != expected:
                failed.append(example)
    if failed:
        sys.exit(f"{len(failed)} examples did not do what their text says: {failed}")
    print(f"every example of --help, the README and the docs ran as expected ({len(examples)})")


if __name__ == "__main__":
    main()
