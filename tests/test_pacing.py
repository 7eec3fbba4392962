"""The flush interval is 50 ms on an idle worker and stretches, never past 100 ms, while the
worker's event loop runs late; the probe that measures it stops when no turn asks."""

from __future__ import annotations

import asyncio
import time

from chat_ui.turns import pacing


async def test_idle_worker_flushes_every_50_ms():
    assert pacing.flush_interval() == pacing.BASE_S
    await asyncio.sleep(0.35)
    assert pacing.flush_interval() <= pacing.BASE_S + 0.01


async def test_a_late_loop_stretches_the_interval_up_to_100_ms(monkeypatch):
    monkeypatch.setattr(pacing, "PROBE_S", 0.02)
    pacing.flush_interval()
    for _ in range(15):  # the loop is blocked 60 ms at a time: heavily late
        time.sleep(0.06)
        await asyncio.sleep(0)
        await asyncio.sleep(0.001)
        stretched = pacing.flush_interval()
    assert pacing.BASE_S < stretched <= pacing.MAX_S
    assert stretched == pacing.MAX_S


async def test_the_probe_stops_when_nobody_asks(monkeypatch):
    monkeypatch.setattr(pacing, "IDLE_S", 0.1)
    monkeypatch.setattr(pacing, "PROBE_S", 0.02)
    pacing.flush_interval()
    lag = pacing._lags.peek()
    await asyncio.sleep(0.3)
    assert lag._probe is not None and lag._probe.done()
    assert lag.lag == 0.0
