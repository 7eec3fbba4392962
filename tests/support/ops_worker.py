"""A stand-in worker for the metrics tests: runs scripted turns through the real runner in its
own process (``PROMETHEUS_MULTIPROC_DIR`` comes from the environment), then exits.

    python -m tests.support.ops_worker UPSTREAM_URL done done error stopped interrupted refused:busy
"""

from __future__ import annotations

import asyncio
import sys


async def main(url: str, plan: list[str]) -> None:
    from chat_ui.api.client import LlamaCloudClient
    from chat_ui.ops import metrics, observe
    from chat_ui.turns.entries import TurnInfo, new_turn_id
    from chat_ui.turns.memory import MemoryHub
    from chat_ui.turns.runner import run_turn

    hub = MemoryHub()
    async with LlamaCloudClient(None, url) as backend:
        for i, step in enumerate(plan):
            if step.startswith("refused:"):
                observe.refused(step.split(":", 1)[1])
                continue
            sid = step.split("@", 1)[1]
            info = TurnInfo(session_id=sid, turn_id=new_turn_id(i), prompt="What grew?")
            assert await hub.claim(info)
            if step.startswith("stopped"):
                await hub.request_stop(sid, info.turn_id)
            turn = await run_turn(backend, hub, info, ["idx-1"])
            print(step, turn.status, flush=True)
    metrics.process_exited()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
