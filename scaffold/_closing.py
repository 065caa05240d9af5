"""A base for objects that close themselves at the end of a `with` block."""

from __future__ import annotations

from typing import TypeVar

__all__ = ["Closing"]

_Self = TypeVar("_Self", bound="Closing")


class Closing:
    """`with Thing() as thing:` closes `thing` on leaving the block, however it is left."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
