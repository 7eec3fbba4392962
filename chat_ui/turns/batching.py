"""Turns an event stream into time-bounded batches, so the UI flushes about every 50 ms
whatever the token rate, and a stop request ends the read at once.

The network read runs in its own task; cancelling it closes the HTTP stream, which tells the
upstream to stop working on the turn too.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import TypeVar

T = TypeVar("T")

FLUSH_INTERVAL_S = 0.05


class _End:
    pass


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


async def batches(
    source: AsyncIterator[T], stop: asyncio.Event, interval: float = FLUSH_INTERVAL_S, tick: float | None = None
) -> AsyncIterator[list[T]]:
    """Yield lists of items; the first item is yielded at once (first-token latency), later ones
    at most every ``interval`` seconds. Ends when the source ends or ``stop`` is set; re-raises
    the source's exception after yielding what arrived before it. With ``tick``, an empty list
    comes every ``tick`` seconds of silence, so the reader can notice that the source is quiet."""
    queue: asyncio.Queue[T | _End | _Failed] = asyncio.Queue()

    async def pump() -> None:
        try:
            async for item in source:
                queue.put_nowait(item)
            queue.put_nowait(_End())
        except asyncio.CancelledError:
            raise
        except BaseException as exc:  # handed to the reader, who re-raises it in order
            queue.put_nowait(_Failed(exc))

    reader = asyncio.create_task(pump())
    stopper = asyncio.create_task(stop.wait())
    batch: list[T] = []
    next_flush = 0.0
    try:
        while True:
            timeout = max(0.0, next_flush - time.monotonic()) if batch else tick
            getter = asyncio.create_task(queue.get())
            done, _ = await asyncio.wait({getter, stopper}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if getter not in done:
                getter.cancel()
                await asyncio.gather(getter, return_exceptions=True)
            if stopper in done:
                if getter in done and not isinstance(getter.result(), (_End, _Failed)):
                    batch.append(getter.result())  # type: ignore[arg-type]
                if batch:
                    yield batch
                return
            if getter in done:
                item = getter.result()
                items = [item]
                while not queue.empty():
                    items.append(queue.get_nowait())
                for item in items:
                    if isinstance(item, _End):
                        if batch:
                            yield batch
                        return
                    if isinstance(item, _Failed):
                        if batch:
                            yield batch
                        raise item.exc
                    batch.append(item)
            if batch and time.monotonic() >= next_flush:
                yield batch
                batch = []
                next_flush = time.monotonic() + interval
            elif not batch and getter not in done:
                yield []  # a tick of silence
    finally:
        for task in (reader, stopper):
            task.cancel()
        await asyncio.gather(reader, stopper, return_exceptions=True)
