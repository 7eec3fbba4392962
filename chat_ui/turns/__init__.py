"""Turns as jobs: a running turn belongs to its chat session, not to the tab that asked for it.

``runner`` reads the backend and publishes to the hub; tabs follow the hub (``state/live.py``).
The hub is in-process for one worker and on Redis when ``REFLEX_REDIS_URL`` is set.
"""

from __future__ import annotations

import os

from chat_ui.per_loop import PerLoop
from chat_ui.turns.hub import TurnHub

_hubs: PerLoop[TurnHub] = PerLoop()


def redis_url() -> str:
    return os.environ.get("REFLEX_REDIS_URL", "").strip()


def get_hub() -> TurnHub:
    """The hub of this worker (one per event loop: its waiters and connections belong to it)."""
    return _hubs.get(_make_hub)


def _make_hub() -> TurnHub:
    url = redis_url()
    if url:
        from chat_ui.turns.redis_hub import RedisHub

        return RedisHub(url)
    from chat_ui.turns.memory import MemoryHub

    return MemoryHub()


async def close_hub() -> None:
    """Close this loop's hub (tests; a worker's own ends with its process)."""
    hub = _hubs.pop()
    if hub is not None:
        await hub.aclose()
