"""A tab's watch on something that can change elsewhere (its feedback changed in another tab, the
shared link it shows stopped): one background task per tab and kind, woken every few seconds.

A newer watch of the same tab replaces the older one (another chat or link opened), which ends at
its next wake-up; a watch ends too when its tab is gone from this worker. It takes no lock to
wake: the caller takes the tab's lock only when there is something to show.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from chat_ui.state.presence import Away
from chat_ui.turns.entries import new_turn_id


class Watches:
    def __init__(self) -> None:
        self._by_token: dict[str, tuple[str, str]] = {}  # token -> (watch id, what it watches)

    def start(self, token: str, subject: str) -> str:
        """Register a watch of ``subject`` for the tab; "" when one already watches it."""
        held = self._by_token.get(token)
        if held is not None and held[1] == subject:
            return ""
        watch_id = new_turn_id(0)[3:]
        self._by_token[token] = (watch_id, subject)
        return watch_id

    def stop(self, token: str) -> None:
        self._by_token.pop(token, None)

    def watching(self, token: str) -> str:
        held = self._by_token.get(token)
        return held[1] if held is not None else ""

    async def ticks(self, token: str, watch_id: str, every_s: float) -> AsyncIterator[None]:
        """Yields every ``every_s`` seconds while this watch is the tab's and the tab is here."""
        away = Away(token)
        try:
            while self._current(token, watch_id) and not away.gone():
                await asyncio.sleep(every_s)
                if self._current(token, watch_id):
                    yield
        finally:
            if self._current(token, watch_id):
                del self._by_token[token]

    def _current(self, token: str, watch_id: str) -> bool:
        held = self._by_token.get(token)
        return held is not None and held[0] == watch_id
