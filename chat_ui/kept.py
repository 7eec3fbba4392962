"""What this worker read a moment ago and may answer from for a few seconds more.

A worker's copies are never shared and never the truth: each user says what may change behind
its back (another worker, the backend) and so how long a copy may be believed, and forgets a key
itself when it is the one changing it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    """Values by key for ``ttl_s`` seconds, at most ``most`` of them (the expired ones go first
    when it is full, then the oldest half)."""

    def __init__(self, ttl_s: float, most: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.most = most
        self.clock = clock
        self._held: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        hit = self._held.get(key)
        if hit is None:
            return None
        if hit[0] <= self.clock():
            self._held.pop(key, None)
            return None
        return hit[1]

    def put(self, key: K, value: V) -> None:
        if len(self._held) >= self.most:
            now = self.clock()
            for old in [k for k, (until, _) in self._held.items() if until <= now] or list(self._held)[: self.most // 2]:
                self._held.pop(old, None)
        self._held.pop(key, None)  # a new copy goes to the end: the oldest are dropped first
        self._held[key] = (self.clock() + self.ttl_s, value)

    def forget(self, key: K) -> None:
        self._held.pop(key, None)

    def forget_where(self, drop: Callable[[V], bool]) -> None:
        for key in [k for k, (_, v) in self._held.items() if drop(v)]:
            self._held.pop(key, None)

    def clear(self) -> None:
        self._held.clear()

    def __len__(self) -> int:
        return len(self._held)
