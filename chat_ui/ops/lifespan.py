"""The ops room's part of a worker's life: set up logs and traces and the loop-lag sampler at
start; at shutdown, drain the running turns, then let the live gauges of this process go."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from chat_ui.ops import drain, logs, metrics, tracing

log = logging.getLogger(__name__)
LAG_EVERY_S = 1.0
LAG_SLEEP_S = 0.25


async def _sample_loop_lag() -> None:
    while True:
        await asyncio.sleep(LAG_EVERY_S)
        began = time.monotonic()
        await asyncio.sleep(LAG_SLEEP_S)
        metrics.loop_lag(max(0.0, time.monotonic() - began - LAG_SLEEP_S))


@contextlib.asynccontextmanager
async def worker_life():
    logs.configure()
    tracing.configure()
    sampler = asyncio.create_task(_sample_loop_lag(), name="chat_ui loop lag")
    try:
        yield
    finally:
        sampler.cancel()
        from chat_ui.turns import runner

        left = await drain.wait_for(runner.running())
        if left:
            log.warning("drain deadline: %d turns end as interrupted", len(left))
        await runner.stop_all()  # whatever is still running ends as interrupted, partial kept
        metrics.process_exited()
