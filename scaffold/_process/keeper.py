"""Keeps one command's whole process tree on a leash; scaffold starts one per command.

    python -I -S keeper.py GRACE COMMAND [ARG...]

On Linux it makes itself a child subreaper, so that every process the command
starts stays its descendant, even one that calls setsid() or forks twice; and it
asks the kernel for SIGTERM when the thread that started it ends, so that scaffold
dying, even by SIGKILL, ends its servers too. On SIGTERM, SIGINT or SIGHUP, or
when the command's first process exits, it stops every descendant (SIGTERM, then
SIGKILL after GRACE seconds) and exits with the command's status.

It runs as a script, with nothing from scaffold imported, and starts in a few
milliseconds: scaffold imports it only for `descendants`. It installs no signal
handler: the signals it acts on (SIGCHLD and the three above) stay blocked, and
it takes them one at a time with sigwait, so none can interrupt a stop halfway.
Its processes ending wake it by SIGCHLD, so a stop takes as long as they take to
end, and no longer.
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False  # as typing's, without importing typing (10 ms)
if TYPE_CHECKING:
    import signal
    from collections.abc import Callable
else:
    # The signal module wraps these same functions and numbers in enums, which
    # cost more start-up time (8 ms) than the rest of the keeper.
    import _signal as signal

__all__ = ["descendants", "main"]

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36
_POLL_S = 0.02
"""The longest wait between looks at what is left (a child ending cuts it short)."""
# The stop signals (scaffold._process.STOP_SIGNALS) and SIGCHLD: the keeper runs as a
# file of its own, importing nothing of scaffold.
_WAITED = (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def descendants(root: int) -> list[int]:
    """Every process below `root` in the process tree, read from /proc ([] without it)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                # After the command name in parentheses: state, then the parent's pid.
                ppid = int(stat.read(4096).rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # it ended while being read
        children.setdefault(ppid, []).append(int(entry))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def _leash() -> None:
    """Become a child subreaper and ask for SIGTERM when scaffold ends (Linux only)."""
    try:
        prctl = _libc_function("prctl")
        prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the process group is all scaffold can stop


def _libc_function(name: str) -> Callable[..., int]:
    """The C library's function `name`, its arguments passed as C ints.

    Through _ctypes, the C half of ctypes: importing ctypes itself takes 8 ms of
    every keeper's start, where a server waits for it. AttributeError or OSError
    where neither can find it.
    """
    try:
        import _ctypes

        function = _ctypes.dlsym(_ctypes.dlopen(None), name)  # type: ignore[arg-type]
        return lambda *args: _ctypes.call_function(function, args)
    except (ImportError, AttributeError):  # a Python without these private functions
        import ctypes

        return getattr(ctypes.CDLL(None, use_errno=True), name)  # type: ignore[no-any-return]


def _reap() -> dict[int, int]:
    """Collect every child that has ended, without waiting: their wait statuses by pid."""
    ended: dict[int, int] = {}
    while True:
        try:
            pid, code = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return ended
        if pid == 0:
            return ended
        ended[pid] = code


def _stop_all(grace: float) -> None:
    """SIGTERM every descendant, then SIGKILL whatever is left after `grace` seconds."""
    me = os.getpid()
    deadline = time.monotonic() + grace
    pause = 0.001  # most servers are gone within milliseconds of SIGTERM
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in descendants(me):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        while True:
            _reap()
            left = descendants(me)
            if not left:
                return
            if sig == signal.SIGKILL:
                # New ones may have forked before the signal reached their parent.
                for pid in left:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            elif time.monotonic() > deadline:
                break
            _wait_for_a_child(pause)
            pause = min(pause * 2, _POLL_S)


def _wait_for_a_child(seconds: float) -> None:
    """Wait until a child ends or `seconds` pass (SIGCHLD is blocked: it waits pending)."""
    if hasattr(signal, "sigtimedwait"):
        signal.sigtimedwait((signal.SIGCHLD,), seconds)
    else:  # macOS has no sigtimedwait
        time.sleep(seconds)


def main(args: list[str]) -> int:
    grace, argv = float(args[0]), args[1:]
    parent = os.getppid()
    # The signals the keeper acts on stay blocked from here to the end: it takes them
    # one at a time from sigwait, so that none can cut into what it is doing (a
    # second SIGTERM arriving mid-stop once left a server running).
    signal.pthread_sigmask(signal.SIG_BLOCK, _WAITED)
    # Whoever started scaffold may have had some of them ignored (nohup ignores SIGHUP),
    # and an ignored SIGCHLD would have the kernel reap the command before its exit
    # status is read. Blocked, their default actions never run: sigwait takes them.
    for sig in _WAITED:
        signal.signal(sig, signal.SIG_DFL)
    status = 1
    try:
        _leash()
        if os.getppid() != parent:  # scaffold ended before the leash was on
            return 1
        # The command gets the signal dispositions and mask a new process would have,
        # whatever was ignored or blocked in scaffold and the keeper.
        command = os.posix_spawnp(
            argv[0], argv, os.environ, setsigdef=signal.valid_signals(), setsigmask=()
        )
        status = _wait_for(command)
    except OSError as err:  # the command could not be started
        status = 127
        try:
            print(f"cannot run {argv[0]}: {err.strerror}", file=sys.stderr)
        except OSError:
            pass  # no one reads its output any more: the stop below matters more
    finally:
        _stop_all(grace)
    return status


def _wait_for(command: int) -> int:
    """Wait until `command` exits (its status) or a stop signal comes (1)."""
    while True:
        if signal.sigwait(_WAITED) != signal.SIGCHLD:
            return 1
        code = _reap().get(command)  # orphans adopted below us are reaped too
        if code is not None:
            status = os.waitstatus_to_exitcode(code)
            return 128 - status if status < 0 else status


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stderr.flush()
    os._exit(code)  # nothing is left to clean up: skip the interpreter's shutdown
