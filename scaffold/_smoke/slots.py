"""How many servers smoke runs at once: slots, held from a server's start until its
answers are judged."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

__all__ = ["Slots"]


class Slots:
    """How many targets may be served at once: a target holds a slot from the start
    of its server until its answers are judged, and frees it while its server is
    being stopped, so that the next target is already starting."""

    def __init__(self, jobs: int) -> None:
        self._free = threading.BoundedSemaphore(jobs)

    @contextlib.contextmanager
    def slot(self) -> Iterator[_Slot]:
        """Hold a slot, waiting for one if need be."""
        start = time.monotonic()
        self._free.acquire()
        slot = _Slot(self._free, waited_s=time.monotonic() - start)
        try:
            yield slot
        finally:
            slot.free()


class _Slot:
    def __init__(self, slots: threading.BoundedSemaphore, waited_s: float) -> None:
        self._slots, self._held = slots, True
        self.waited_s = waited_s
        """How long it took to get this slot."""

    def free(self) -> None:
        """Give the slot back (once; later calls do nothing)."""
        if self._held:
            self._held = False
            self._slots.release()
