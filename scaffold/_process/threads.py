"""Threads that leave the stop signals to the main thread.

The kernel hands a signal sent to a process to any thread that does not block
it. Python runs signal handlers in the main thread only, and a signal that lands
on another thread does not wake the main thread from a wait: Ctrl-C, SIGTERM or
SIGHUP could go unnoticed until the wait ends. Threads started here block those
signals, so the kernel always picks the main thread.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from scaffold._process import STOP_SIGNALS

__all__ = ["signals_held"]


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Block the stop signals while threads are started here: they inherit the mask."""
    if threading.current_thread() is not threading.main_thread():
        yield  # a thread of ours, started with them blocked already
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
