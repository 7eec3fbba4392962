"""A tool's raw JSON result, sent to the browser only when someone opens it: retrieval results
are large, and resending them with every change of the live turn would dwarf the answer."""

from __future__ import annotations

import reflex as rx

from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from chat_ui.views import pretty

KEEP = 4  # raw views held at once; older ones are fetched again if reopened


class RawState(rx.State):
    shown: dict[str, str] = {}

    @rx.event
    async def load(self, key: str):
        if key in self.shown:
            return
        live = await self.get_state(LiveState)
        chat = await self.get_state(ChatState)
        missing = object()
        result = live._results.get(key, missing)
        if result is missing:
            result = chat._results.get(key, missing)
        text = "(the raw result is no longer available)" if result is missing else pretty(result)
        kept = list(self.shown.items())[-(KEEP - 1):]
        self.shown = {**dict(kept), key: text}
