"""One object per event loop: connections and futures belong to the loop that made them, and a
worker (or a test) may run more than one loop over its life."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerLoop(Generic[T]):
    """Made on first use in a loop, and made again there when its ``key`` (a setting it was made
    from, such as a URL) changes; forgotten with the loop."""

    def __init__(self) -> None:
        self._held: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, tuple[Hashable, T]] = weakref.WeakKeyDictionary()

    def get(self, make: Callable[[], T], key: Hashable = None) -> T:
        loop = asyncio.get_running_loop()
        held = self._held.get(loop)
        if held is None or held[0] != key:
            held = self._held[loop] = (key, make())
        return held[1]

    def peek(self) -> T | None:
        held = self._held.get(asyncio.get_running_loop())
        return held[1] if held is not None else None

    def pop(self) -> T | None:
        held = self._held.pop(asyncio.get_running_loop(), None)
        return held[1] if held is not None else None
