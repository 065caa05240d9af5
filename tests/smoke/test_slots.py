"""Slots: how many servers run at once, taken in the order the targets were named."""

from __future__ import annotations

import threading
import time

from scaffold._smoke.slots import Slots


def _take_in_threads(slots: Slots, turns: list[int], *, hold_s: float = 0.01) -> list[int]:
    """Start a thread per turn, in the order listed, each taking a slot: who got one when."""
    taken: list[int] = []

    def take(turn: int) -> None:
        with slots.slot(turn):
            taken.append(turn)
            time.sleep(hold_s)

    threads = [threading.Thread(target=take, args=(turn,)) for turn in turns]
    for thread in threads:
        thread.start()
        time.sleep(0.005)  # the later turns are there first
    for thread in threads:
        thread.join(timeout=10)
    return taken


def test_turns_are_taken_in_order_whichever_thread_comes_first() -> None:
    assert _take_in_threads(Slots(1, turns=4), [3, 2, 1, 0]) == [0, 1, 2, 3]


def test_a_turn_that_steps_aside_lets_the_later_ones_go() -> None:
    slots = Slots(1, turns=3)
    slots.step_aside(0)  # installing its requirements, say
    assert _take_in_threads(slots, [2, 1]) == [1, 2]
    assert _take_in_threads(slots, [0]) == [0]  # its slot once it is ready


def test_more_jobs_serve_more_turns_at_once() -> None:
    slots = Slots(2, turns=2)
    both = threading.Barrier(2, timeout=5)

    def take(turn: int) -> None:
        with slots.slot(turn):
            both.wait()  # breaks, raising, unless both hold a slot at once

    threads = [threading.Thread(target=take, args=(turn,)) for turn in (1, 0)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not both.broken
