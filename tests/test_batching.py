"""Flushes are bounded by time, not by the number of events; stop ends the read at once."""

import asyncio
import time

import pytest

from chat_ui.turns.batching import batches


async def ticker(n, every=0.001, fail=None):
    for i in range(n):
        await asyncio.sleep(every)
        yield i
    if fail:
        raise fail


async def test_first_item_at_once_then_time_bounded():
    started = time.monotonic()
    got = []
    async for batch in batches(ticker(300), asyncio.Event(), interval=0.05):
        got.append((time.monotonic() - started, batch))
    items = [i for _, b in got for i in b]
    assert items == list(range(300))
    assert len(got[0][1]) == 1  # the first token is not held back
    assert len(got) <= 2 + (got[-1][0] / 0.05) + 1  # ~ one flush per interval, not per item
    assert len(got) < 30


async def test_items_after_a_pause_are_not_held():
    async def bursty():
        yield 1
        yield 2
        await asyncio.sleep(0.3)
        yield 3

    times, started = [], time.monotonic()
    async for batch in batches(bursty(), asyncio.Event(), interval=0.05):
        times.append((round(time.monotonic() - started, 2), batch))
    assert [i for _, b in times for i in b] == [1, 2, 3]
    when_two = next(at for at, b in times if 2 in b)
    assert when_two < 0.2  # flushed within an interval, not held back until 3 arrives


async def test_stop_ends_at_once_and_cancels_the_reader():
    stop = asyncio.Event()
    cancelled = asyncio.Event()

    async def endless():
        try:
            i = 0
            while True:
                await asyncio.sleep(0.005)
                yield i
                i += 1
        finally:
            cancelled.set()

    got = []
    async for batch in batches(endless(), stop, interval=0.02):
        got.extend(batch)
        if len(got) > 5:
            stop.set()
    assert got and cancelled.is_set()


async def test_source_error_raised_after_its_items():
    got = []
    with pytest.raises(RuntimeError, match="dropped"):
        async for batch in batches(ticker(5, fail=RuntimeError("dropped")), asyncio.Event(), interval=0.01):
            got.extend(batch)
    assert got == [0, 1, 2, 3, 4]


async def test_a_tick_reports_silence_with_empty_batches():
    async def quiet():
        yield 1
        await asyncio.sleep(0.3)
        yield 2

    got = [batch async for batch in batches(quiet(), asyncio.Event(), interval=0.01, tick=0.05)]
    assert [i for b in got for i in b] == [1, 2]
    assert [] in got[1:-1], "a quiet source produced no tick"
    without = [batch async for batch in batches(quiet(), asyncio.Event(), interval=0.01)]
    assert [] not in without  # no tick asked, none given
