"""Threads that leave the stop signals to the main thread.

The kernel hands a signal sent to a process to any thread that does not block
it. Python runs signal handlers in the main thread only, and a signal that lands
on another thread does not wake the main thread from a wait: Ctrl-C, SIGTERM or
SIGHUP could go unnoticed until the wait ends. Threads started here block those
signals, so the kernel always picks the main thread.
"""

from __future__ import annotations

import contextlib
import queue
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from scaffold._process import STOP_SIGNALS

__all__ = ["as_done", "signals_held"]

T = TypeVar("T")


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


def as_done(
    work: Sequence[Callable[[], T]], *, threads: int, on_leave: Callable[[], None]
) -> Iterator[T]:
    """Run `work` in up to `threads` threads, in its order: the results as they come.

    The first exception a job raises is raised here. On leaving, finished or not,
    no job starts any more, `on_leave()` is called (it must end the jobs still
    running) and every thread is waited for.

    concurrent.futures does the same, but its import (logging with it) costs
    every `scaffold smoke` 7 ms before its first server can start.
    """
    waiting: queue.SimpleQueue[Callable[[], T]] = queue.SimpleQueue()
    for job in work:
        waiting.put(job)
    done: queue.SimpleQueue[tuple[T | None, BaseException | None]] = queue.SimpleQueue()
    leaving = threading.Event()

    def worker() -> None:
        while not leaving.is_set():
            try:
                job = waiting.get_nowait()
            except queue.Empty:
                return
            try:
                done.put((job(), None))
            except BaseException as err:  # raised in the caller's thread instead
                done.put((None, err))

    with signals_held():
        started = [threading.Thread(target=worker) for _ in range(min(threads, len(work)))]
        for thread in started:
            thread.start()
    try:
        for _ in work:
            result, err = done.get()
            if err is not None:
                raise err
            yield result  # type: ignore[misc]
    finally:
        leaving.set()
        on_leave()
        for thread in started:
            thread.join()
