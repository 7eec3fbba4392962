"""When a turn's stream last carried a byte.

A silent agent and a slow one look the same from the events alone: keep-alive comments are
swallowed by the SSE parser, yet they prove the agent is still there. So the byte stream itself
is watched here, in the wire room, and the turn runner reads only this small typed record.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx


@dataclass
class StreamActivity:
    """Updated by the wire on every chunk received (data or keep-alive); read by whoever must
    decide whether the upstream has gone quiet. Times are ``time.monotonic()`` seconds."""

    last: float = field(default_factory=time.monotonic)
    received: int = 0  # bytes, headers excluded

    def touch(self, size: int = 0) -> None:
        self.last = time.monotonic()
        self.received += size

    def idle_for(self, now: float | None = None) -> float:
        """Seconds since the last byte (or since the request was made, before any)."""
        return max(0.0, (time.monotonic() if now is None else now) - self.last)


class _WatchedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, activity: StreamActivity) -> None:
        self._inner = inner
        self._activity = activity

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._activity.touch(len(chunk))
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


def watch(response: httpx.Response, activity: StreamActivity) -> None:
    """Make ``response``'s body report every chunk it reads to ``activity`` (headers count as
    activity too: they have just arrived)."""
    activity.touch()
    stream = response.stream
    if isinstance(stream, httpx.AsyncByteStream):
        response.stream = _WatchedStream(stream, activity)
