"""Open `scaffold compare --html` in headless Chromium and save a screenshot of it.

The page must render offline (it is self-contained), and Chromium must draw it.
Chromium is not installed by this script: on Debian or Ubuntu,
`sudo apt-get install chromium`. The README's picture is made with:

    python checks/report_screenshot.py --out docs/compare-report.png --height 3300
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import scaffold

TEMPLATES = ["flask-single", "flask-project", "django-single", "django-project"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to save the PNG (default: a temp folder)")
    parser.add_argument("--height", type=int, default=1700, help="the window's height in pixels")
    args = parser.parse_args()
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        sys.exit("no Chromium found: install it, e.g. 'sudo apt-get install chromium' on Debian.")
    with tempfile.TemporaryDirectory(prefix="scaffold-report-") as scratch:
        page = Path(scratch, "compare.html")
        scaffold.compare(TEMPLATES, boot=True, load=True, repeat=3, load_seconds=1.0, html=page)
        out = (args.out or Path(scratch, "compare.png")).resolve()
        command = [
            browser, "--headless", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-extensions", f"--user-data-dir={scratch}/profile",
            f"--window-size=1280,{args.height}", f"--screenshot={out}", page.as_uri(),
        ]  # fmt: skip
        if os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium's sandbox refuses to run as root
        env = {**os.environ, "HOME": scratch}  # Chromium's caches stay in the temp folder
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
        if done.returncode or not out.is_file():
            sys.exit(f"Chromium failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
        data = out.read_bytes()
        if not data.startswith(PNG_SIGNATURE) or len(data) < 20_000:
            sys.exit(f"'{out}' is not a screenshot of the page ({len(data)} bytes)")
        print(f"Chromium drew the report: {out} ({len(data) // 1024} KiB)")
        if args.out is None:
            print("(a temporary file, removed now: pass --out to keep it)")


if __name__ == "__main__":
    main()
