"""Projects made by the real scaffold 0.1.0, edited, then updated by this scaffold.

Installs scaffold 0.1.0 (the commit it shipped from, out of this clone's history)
into a throwaway virtualenv, generates one project per template it had, makes
the edits a user would, commits them, and runs this scaffold's `check`,
`update` and `smoke` on them, and each project's own tests. Needs git and the
clone's history:

    python checks/update_from_0_1_0.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIRST_RELEASE = "fd36f7b"
GIT_USER = ["-c", "user.name=check", "-c", "user.email=check@example.com"]
# Per template: an edit the update merges cleanly, and (for one) an edit that conflicts.
EDITS = {
    "flask-single": [
        ("app.py", "app that greets whoever asks.", "app for the team."),
        ("requirements.txt", "gunicorn", "requests>=2.31\ngunicorn"),
    ],
    "django-single": [("app.py", "app that greets whoever asks.", "app for the team.")],
    "django-project": [
        ("site1/settings.py", 'TIME_ZONE = "UTC"', 'TIME_ZONE = "Europe/Paris"'),
        ("site1/settings.py", 'STATIC_URL = "static/"', 'STATIC_URL = "assets/"'),
    ],
}
EXPECTED_EXIT = {"flask-single": 0, "django-single": 0, "django-project": 1}


def run(*command: str | Path, cwd: Path, expect: int = 0) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    shown = " ".join(str(c) for c in command)
    print(f"$ {shown}  (exit {done.returncode})", flush=True)
    if done.returncode != expect:
        sys.exit(f"expected exit {expect}:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="scaffold-check-") as scratch:
        work = Path(scratch)
        source = work / "scaffold-0.1.0"
        source.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", FIRST_RELEASE],
            capture_output=True, check=False,
        )  # fmt: skip
        if archive.returncode:
            sys.exit(f"needs this clone's git history ({FIRST_RELEASE}): clone, don't download")
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
        old = work / "old-env"
        venv.create(old, with_pip=True)
        run(old / "bin" / "python", "-m", "pip", "install", "--quiet", source, cwd=work)
        old_scaffold = old / "bin" / "scaffold"
        if "0.1.0" not in run(old_scaffold, "--version", cwd=work):
            sys.exit(f"{FIRST_RELEASE} is not scaffold 0.1.0")

        new_scaffold = [sys.executable, "-m", "scaffold"]
        for template, edits in EDITS.items():
            folder = work / template
            folder.mkdir()
            run(old_scaffold, "new", template, "site1", cwd=folder)
            project = folder / "site1"
            for path, old_text, new_text in edits:
                file = project / path
                file.write_text(file.read_text().replace(old_text, new_text))
            run("git", "init", "-q", cwd=project)
            run("git", "add", "-A", cwd=project)
            run("git", *GIT_USER, "commit", "-q", "-m", "made by 0.1.0, edited", cwd=project)

            run(*new_scaffold, "check", cwd=project, expect=1)
            print(run(*new_scaffold, "diff", cwd=project), end="")
            print(run(*new_scaffold, "update", cwd=project, expect=EXPECTED_EXIT[template]), end="")
            run(*new_scaffold, "check", cwd=project)
            settings = project / "site1" / "settings.py"
            if EXPECTED_EXIT[template]:
                # Resolve the conflict as a user would: keep theirs, then the user's URL.
                text = settings.read_text()
                head, rest = text.split("<<<<<<< yours\n", 1)
                _, rest = rest.split("=======\n", 1)
                theirs, tail = rest.split(">>>>>>> ", 1)
                tail = tail.split("\n", 1)[1]
                settings.write_text(head + theirs.replace('"static/"', '"assets/"') + tail)
            for path, _, new_text in edits:
                if new_text not in (project / path).read_text():
                    sys.exit(f"{template}: the update lost the edit of {path}")
            requirements = [new for path, _, new in edits if path == "requirements.txt"]
            pyproject = (project / "pyproject.toml").read_text()
            if requirements and '"requests>=2.31"' not in pyproject:
                sys.exit(f"{template}: the update did not carry requests>=2.31 into pyproject.toml")
            env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
            subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                           cwd=project, check=True, env=env, timeout=300)  # fmt: skip
            run(*new_scaffold, "smoke", project, cwd=work)
    print("scaffold 0.1.0 projects, edited, updated: all as expected")


if __name__ == "__main__":
    main()
