"""How often a running turn flushes: every 50 ms, stretching up to 100 ms while the worker's
event loop runs late.

A late loop means the worker is busy; fewer, larger flushes then cost it less (each flush has a
fixed price in every layer down to the socket) while each piece of text still waits at most
100 ms for its flush. The lateness is measured by a probe that sleeps 0.1 s and notes how much
longer it took; it runs only while turns keep asking for the interval.
"""

from __future__ import annotations

import asyncio

from chat_ui.per_loop import PerLoop

BASE_S = 0.05
MAX_S = 0.1
PROBE_S = 0.1
STRETCH = 2.0  # seconds of flush interval added per second of loop lateness
IDLE_S = 2.0  # the probe stops when no turn asked for this long
SMOOTHING = 0.3  # weight of the newest probe in the running lateness


class LoopLag:
    """The smoothed lateness of one event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.lag = 0.0
        self.asked = 0.0
        self._probe: asyncio.Task | None = None

    def interval(self) -> float:
        self.asked = self.loop.time()
        if self._probe is None or self._probe.done():
            self._probe = self.loop.create_task(self._run(), name="flush pacing probe")
        return min(MAX_S, BASE_S + STRETCH * self.lag)

    async def _run(self) -> None:
        while self.loop.time() - self.asked < IDLE_S:
            start = self.loop.time()
            await asyncio.sleep(PROBE_S)
            late = max(0.0, self.loop.time() - start - PROBE_S)
            self.lag += SMOOTHING * (late - self.lag)
        self.lag = 0.0


_lags: PerLoop[LoopLag] = PerLoop()


def flush_interval() -> float:
    """The flush interval for this worker now: 50 ms, up to 100 ms under load."""
    return _lags.get(lambda: LoopLag(asyncio.get_running_loop())).interval()
