"""Turns an event stream into time-bounded batches, so the UI flushes about every 50 ms
whatever the token rate, and a stop request ends the read at once.

The network read runs in its own task; cancelling it closes the HTTP stream, which tells the
upstream to stop working on the turn too. A wake-up costs a future, not a task: hundreds of turns
run in one worker, and creating a task per item was a visible share of its CPU.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

T = TypeVar("T")

FLUSH_INTERVAL_S = 0.05

Interval = float | Callable[[], float]


class _Waker:
    """One pending wake-up of the reader: by a timer, the end, a stop — and, when asked, an item."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.future: asyncio.Future[bool] | None = None
        self.items = False

    def wake(self, *, item: bool = False) -> None:
        if self.future is not None and not self.future.done() and (self.items or not item):
            self.future.set_result(True)

    async def wait(self, timeout: float | None, *, items: bool) -> bool:
        """False when ``timeout`` passed with no wake-up."""
        self.future, self.items = self.loop.create_future(), items
        future = self.future
        timer = self.loop.call_later(timeout, lambda: future.done() or future.set_result(False)) if timeout is not None else None
        try:
            return await self.future
        finally:
            if timer is not None:
                timer.cancel()
            self.future = None


async def batches(
    source: AsyncIterator[T], stop: asyncio.Event, interval: Interval = FLUSH_INTERVAL_S, tick: float | None = None
) -> AsyncIterator[list[T]]:
    """Yield lists of items; the first item is yielded at once (first-token latency), later ones
    at most every ``interval`` seconds (a number, or a function asked at each flush, so the
    interval can follow the load). Ends when the source ends or ``stop`` is set; re-raises the
    source's exception after yielding what arrived before it. With ``tick``, an empty list comes
    every ``tick`` seconds of silence, so the reader can notice that the source is quiet."""
    loop = asyncio.get_running_loop()
    waker = _Waker(loop)
    buffer: list[T] = []
    ended = False
    failure: BaseException | None = None

    async def pump() -> None:
        nonlocal ended, failure
        try:
            async for item in source:
                buffer.append(item)
                waker.wake(item=True)
        except asyncio.CancelledError:
            raise
        except BaseException as exc:  # handed to the reader, who re-raises it in order
            failure = exc
        ended = True
        waker.wake()

    reader = asyncio.create_task(pump())
    stopper = asyncio.create_task(stop.wait())
    stopper.add_done_callback(lambda _: waker.wake())
    next_flush = 0.0
    try:
        while True:
            if stop.is_set():
                if buffer:
                    yield _take(buffer)
                return
            if buffer:
                delay = next_flush - loop.time()
                if delay > 0 and not ended:
                    await waker.wait(delay, items=False)  # items wait for the flush; stop and the end do not
                    continue
                yield _take(buffer)
                next_flush = loop.time() + (interval() if callable(interval) else interval)
                continue
            if ended:
                if failure is not None:
                    raise failure
                return
            if not await waker.wait(tick, items=True):
                yield []  # a tick of silence
    finally:
        for task in (reader, stopper):
            task.cancel()
        await asyncio.gather(reader, stopper, return_exceptions=True)


def _take(buffer: list[T]) -> list[T]:
    batch = buffer[:]
    buffer.clear()
    return batch
