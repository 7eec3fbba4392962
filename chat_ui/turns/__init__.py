"""Turns as jobs: a running turn belongs to its chat session, not to the tab that asked for it.

``runner`` reads the backend and publishes to the hub; tabs follow the hub (``state/live.py``).
The hub is in-process for one worker and on Redis when ``REFLEX_REDIS_URL`` is set.
"""

from __future__ import annotations

import asyncio
import os
import weakref

from chat_ui.turns.hub import TurnHub

_by_loop: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, TurnHub]" = weakref.WeakKeyDictionary()


def redis_url() -> str:
    return os.environ.get("REFLEX_REDIS_URL", "").strip()


def get_hub() -> TurnHub:
    """The hub of this worker (one per event loop: its waiters and connections belong to it)."""
    loop = asyncio.get_running_loop()
    hub = _by_loop.get(loop)
    if hub is None:
        url = redis_url()
        if url:
            from chat_ui.turns.redis_hub import RedisHub

            hub = RedisHub(url)
        else:
            from chat_ui.turns.memory import MemoryHub

            hub = MemoryHub()
        _by_loop[loop] = hub
    return hub


async def close_hub() -> None:
    """Close this loop's hub (tests; a worker's own ends with its process)."""
    hub = _by_loop.pop(asyncio.get_running_loop(), None)
    if hub is not None:
        await hub.aclose()
