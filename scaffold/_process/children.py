"""The exit statuses of scaffold's child processes, and the SIGCHLD they depend on.

A process that ignores SIGCHLD has its children reaped by the kernel the moment
they end, and their exit statuses are lost: subprocess then reports 0 for a server
that crashed, a failed install or a git merge with conflicts. The disposition is
inherited from whoever started the process. The command line restores the default
as it starts; a program that uses scaffold's API while ignoring SIGCHLD gets a
SignalError instead, as the choice is its own to undo.
"""

from __future__ import annotations

import signal

from scaffold.errors import SignalError

__all__ = ["require_exit_statuses"]


def require_exit_statuses() -> None:
    """Raise SignalError if this process ignores SIGCHLD."""
    if signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:
        raise SignalError(
            "SIGCHLD is ignored in this process, so the exit status of every process "
            "scaffold starts would be lost: restore it first, with "
            "signal.signal(signal.SIGCHLD, signal.SIG_DFL)."
        )
