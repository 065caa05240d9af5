"""What a child process prints, kept in memory up to a cap: the last bytes, never all of them."""

from __future__ import annotations

import os
import re
import select
import threading
import time

from scaffold._closing import Closing
from scaffold._process.threads import signals_held

__all__ = ["Tail"]

_KEPT_BYTES = 64 * 1024
_LINE_CHARS = 300
# Terminal colour codes and other control characters, which have no place in a report.
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD_CHARACTER = re.compile(r"\w")
_LAST_WORD = re.compile(r"\w+$")


class Tail(Closing):
    """A pipe for a child's stdout and stderr, and the last 64 KiB that came through it.

    A thread of its own reads the pipe, so a child that prints without end costs
    neither memory nor disk.
    """

    def __init__(self) -> None:
        self._read_end, self.write_end = os.pipe()
        """The reader's end: open while it reads, -1 once it has closed it (under the lock)."""
        self._kept = bytearray()
        self._trimmed = False
        """Whether more came than is kept: the first kept line may have lost its start."""
        self._lock = threading.Lock()
        self._news = threading.Condition(self._lock)
        self._chunks = 0
        """How many chunks have come through, counted on: reading ended adds one too."""
        self._reader = threading.Thread(target=self._read, daemon=True)
        with signals_held():
            self._reader.start()

    def _read(self) -> None:
        try:
            while chunk := os.read(self._read_end, 65536):
                with self._lock:
                    self._kept += chunk
                    if len(self._kept) > _KEPT_BYTES:
                        del self._kept[:-_KEPT_BYTES]
                        self._trimmed = True
                    self._chunks += 1
                    self._news.notify_all()
        except OSError:
            pass
        finally:
            with self._lock:
                os.close(self._read_end)
                self._read_end = -1
                self._chunks += 1
                self._news.notify_all()

    def chunks(self) -> int:
        """How many chunks of output have come through so far (see `wait_for_more`)."""
        with self._lock:
            return self._chunks

    def wait_for_more(self, seen: int, timeout: float) -> int:
        """Wait up to `timeout` seconds for more than `seen` chunks; the count then.

        The count also goes up once when the child and all it started have closed
        the pipe.
        """
        with self._news:
            self._news.wait_for(lambda: self._chunks != seen, timeout)
            return self._chunks

    def settle(self, limit: float, quiet: float = 0.05) -> None:
        """Wait until nothing has come for `quiet` seconds, `limit` seconds at most.

        What a server prints about a failed request (a traceback) may come just after
        its answer, or be in the pipe still, unread by this thread on a busy machine.
        """
        deadline = time.monotonic() + limit
        seen = self.chunks()
        while (remaining := deadline - time.monotonic()) > 0:
            now = self.wait_for_more(seen, min(quiet, remaining))
            if now == seen and not self._unread():
                return
            seen = now

    def _unread(self) -> bool:
        """Whether the pipe holds bytes this thread has not read yet (or its end)."""
        with self._lock:
            if self._read_end < 0:
                return False
            waiting = select.poll()
            waiting.register(self._read_end, select.POLLIN)
            return bool(waiting.poll(0))

    def started(self) -> None:
        """Close this process's copy of the write end, once the child has its own."""
        if self.write_end >= 0:
            os.close(self.write_end)
            self.write_end = -1

    def close(self) -> None:
        """Stop reading once the children are gone (at most a second later if some are not)."""
        self.started()
        self._reader.join(timeout=1.0)

    def text(self, lines: int | None = 20) -> str:
        """The last `lines` lines (None: all that is kept), each cut to 300 characters
        (see `_cut`), as plain text. A line the 64 KiB kept begin inside is left out:
        what reads the text must not take the end of a word for a word (`sqlalchemy`
        of `flask_sqlalchemy`)."""
        with self._lock:
            kept = bytes(self._kept)
            if self._trimmed and b"\n" in kept:
                kept = kept.partition(b"\n")[2]
        shown = _CONTROL.sub("", kept.decode(errors="replace")).splitlines()
        shown = shown if lines is None else shown[-lines:]
        return "\n".join(map(_cut, shown))


def _cut(line: str) -> str:
    """`line` cut to 300 characters, less the start of a word the cut falls in: what
    reads the text must not take a word's start for a word (`cpython-31` of a
    compiler's `cpython-311`, Python 3.1 where it was 3.11)."""
    if len(line) <= _LINE_CHARS:
        return line
    kept = line[:_LINE_CHARS]
    if _WORD_CHARACTER.match(line, _LINE_CHARS):
        kept = _LAST_WORD.sub("", kept)
    return f"{kept}… (cut)"
