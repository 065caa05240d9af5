"""The `scaffold` command and `python -m scaffold`: the command line, quiet on any signal.

SIGINT (Ctrl-C), SIGTERM and SIGHUP each end the command the way Ctrl-C does, from
the first moment: clean-up code runs, every server is stopped, and no traceback is
printed. A second signal while that clean-up runs is ignored, so it runs to its end.
"""

from __future__ import annotations

import signal
import sys

__all__ = ["main"]

_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _interrupted(signum: int, frame: object) -> None:
    for sig in _SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the `scaffold` command."""
    for sig in _SIGNALS:
        signal.signal(sig, _interrupted)
    try:
        from scaffold.cli import cli

        cli(prog_name="scaffold")
    except KeyboardInterrupt:
        # Before click took over (while importing), or after it let go: say what
        # click says, with no traceback.
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
