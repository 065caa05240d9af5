"""The `scaffold` command and `python -m scaffold`: the command line, quiet on any signal.

SIGINT (Ctrl-C), SIGTERM and SIGHUP end the command with no traceback, and exit 128 +
the signal's number (130 after Ctrl-C), from the first moment scaffold's code runs:
while the command line is being imported, at once (there is nothing to clean up yet);
after that the way Ctrl-C does, so that clean-up code runs and every server is
stopped. A second signal while that clean-up runs is ignored, so it runs to its end. A
signal that was ignored when scaffold started (nohup, a shell's background job) stays
ignored.

Python runs a signal's handler wherever the program is, and an exception raised in a
weakref callback or a `__del__` (one runs at the end of every import) is printed as
"Exception ignored" and dropped: the signal would be lost. scaffold catches its own
such exception and raises it again a moment later, in whatever runs then.

A standard stream closed when scaffold starts (`2>&-`) is opened on /dev/null, as
git does: scaffold then runs as it would with `2>/dev/null`, and no file it opens
takes the stream's number, to be written to by scaffold or a process it starts.
"""

# Not `from __future__ import annotations`, whose import would lengthen the moment
# before main() keeps Ctrl-C quiet; an annotation Python cannot evaluate is quoted.
import os
import sys

TYPE_CHECKING = False  # as typing's, without importing typing
if TYPE_CHECKING:
    import signal
else:
    # The built-in half of signal: the module's enum wrappers take 8 ms to import, a
    # window in which Ctrl-C would print a traceback.
    import _signal as signal

__all__ = ["main"]


def _quit_at_once(signum: int, frame: object) -> None:
    # While the command line is being imported there is nothing to clean up, and an
    # exception raised here could surface wrapped in another (say, in a class
    # being created): end the process there and then, as the next handler would.
    if signum == signal.SIGINT:
        os.write(2, b"\nAborted!\n")
    os._exit(128 + signum)


# Quiet from here, before any module is looked for on disk (a signal that comes while
# one is found would otherwise print a traceback through this file); main() sets the
# same again, for each signal not ignored, once the standard streams are open.
for _early in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    if signal.getsignal(_early) not in (signal.SIG_IGN, None):
        signal.signal(_early, _quit_at_once)

from scaffold._process import STOP_SIGNALS  # noqa: E402  # after the handler above

_RETRY_S = 0.01
_interruption: BaseException | None = None
"""What the first signal raised, once one has."""


def _interrupted(signum: int, frame: object) -> None:
    global _interruption
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    _interruption = KeyboardInterrupt() if signum == signal.SIGINT else SystemExit(128 + signum)
    signal.signal(signal.SIGALRM, _interrupt_again)
    raise _interruption


def _interrupt_again(signum: int, frame: object) -> None:
    if _interruption is not None:
        raise _interruption


def _unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    """Raise in a moment, in what runs then, the interruption Python dropped (see above)."""
    if _interruption is not None and unraisable.exc_value is _interruption:
        signal.setitimer(signal.ITIMER_REAL, _RETRY_S)
    else:
        sys.__unraisablehook__(unraisable)


def _open_standard_streams() -> None:
    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        try:
            os.fstat(fd)
        except OSError:  # closed: /dev/null takes the lowest free number, this one
            os.open(os.devnull, os.O_RDWR)
        if getattr(sys, name) is None:  # Python found it closed
            errors = "backslashreplace" if name == "stderr" else None
            mode = "r" if name == "stdin" else "w"
            stream = open(fd, mode, buffering=1, errors=errors, closefd=False)  # noqa: SIM115
            setattr(sys, name, stream)  # for the whole run: never closed


def main() -> None:
    """Entry point of the `scaffold` command."""
    _open_standard_streams()
    # A signal ignored when scaffold starts stays ignored, as the user asked (nohup
    # ignores SIGHUP; a shell's background job, SIGINT), the way Python treats SIGINT.
    caught = [sig for sig in STOP_SIGNALS if signal.getsignal(sig) != signal.SIG_IGN]
    for sig in caught:
        signal.signal(sig, _quit_at_once)
    # SIGCHLD ignored would lose the exit statuses of every process scaffold starts.
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    from scaffold.cli import cli

    sys.unraisablehook = _unraisable
    for sig in caught:
        signal.signal(sig, _interrupted)
    try:
        cli(prog_name="scaffold")
    except SystemExit as done:
        if isinstance(_interruption, KeyboardInterrupt) and done.code == 1:
            sys.exit(130)  # click's "Aborted!" after Ctrl-C, exit 1: as a shell reports it
        raise
    except KeyboardInterrupt:
        # After click let go (clean-up included): say what click says, no traceback,
        # and exit as a shell reports a process Ctrl-C ended: 128 + SIGINT.
        sys.stderr.write("\nAborted!\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
