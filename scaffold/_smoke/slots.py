"""How many servers smoke runs at once: slots, held from a server's start until its
answers are judged, and given in the order the targets were named."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

__all__ = ["Slots"]


class Slots:
    """How many targets may be served at once: a target holds a slot from the start
    of its server until its answers are judged, and frees it while its server is
    being stopped, so that the next target is already starting.

    Targets take their turns in the order they were named (turn 0 first), so that
    `--jobs 1` checks them in that order, whichever thread is quicker: a turn waits
    for the earlier ones still on their way, unless they stepped aside.
    """

    def __init__(self, jobs: int, turns: int = 0) -> None:
        self._free = jobs
        self._changed = threading.Condition()
        self._ahead = set(range(turns))
        """The turns that have neither taken a slot nor stepped aside."""

    def step_aside(self, turn: int) -> None:
        """Let later turns go before `turn`: it has slow work first (an install), or ended."""
        with self._changed:
            self._ahead.discard(turn)
            self._changed.notify_all()

    @contextlib.contextmanager
    def slot(self, turn: int | None = None) -> Iterator[_Slot]:
        """Hold a slot, waiting for one, and for the earlier turns, if need be."""
        start = time.monotonic()
        with self._changed:
            self._changed.wait_for(lambda: self._free > 0 and not self._before(turn))
            self._free -= 1
            if turn is not None:
                self._ahead.discard(turn)
            self._changed.notify_all()
        slot = _Slot(self, waited_s=time.monotonic() - start)
        try:
            yield slot
        finally:
            slot.free()

    def _before(self, turn: int | None) -> bool:
        return turn is not None and any(earlier < turn for earlier in self._ahead)

    def _release(self) -> None:
        with self._changed:
            self._free += 1
            self._changed.notify_all()


class _Slot:
    def __init__(self, slots: Slots, waited_s: float) -> None:
        self._slots, self._held = slots, True
        self.waited_s = waited_s
        """How long it took to get this slot."""

    def free(self) -> None:
        """Give the slot back (once; later calls do nothing)."""
        if self._held:
            self._held = False
            self._slots._release()
