"""A tool's raw JSON result, sent to the browser only when someone opens it: retrieval results
are large, and resending them with every change of the live turn would dwarf the answer.

Nothing raw is kept in a tab's state. A turn still held by the hub answers from there; any other
from the stored session, folded by the same reducer, where the key names the turn's place.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from chat_ui import transcript as t
from chat_ui.access.policy import can_open, owner_of
from chat_ui.api.errors import ChatAPIError
from chat_ui.backends import get_backend
from chat_ui.state.chat import ChatState
from chat_ui.turns import get_hub
from chat_ui.turns.entries import ordinal_of
from chat_ui.views import pretty, raw_results

KEEP = 4  # raw views held at once; older ones are fetched again if reopened
GONE = "(the raw result is no longer available)"


async def find_result(session_id: str, key: str) -> tuple[bool, Any]:
    turn_key = key.rsplit("-b", 1)[0]
    found, result = await get_hub().get_result(turn_key, key)
    if found or not session_id:
        return found, result
    ordinal = ordinal_of(key)
    if ordinal is None:
        return False, None
    try:
        detail = await get_backend().get_session(session_id)
    except ChatAPIError:
        return False, None
    turns = t.fold_stored(detail.typed_events())
    if ordinal >= len(turns):
        return False, None
    results = raw_results(turns[ordinal], turn_key)
    return (key in results), results.get(key)


class RawState(rx.State):
    shown: dict[str, str] = {}

    @rx.event(background=True)
    async def load(self, key: str):
        async with self:
            if key in self.shown:
                return
            session_id = (await self.get_state(ChatState)).current_id
            owner = owner_of(self.router)
        found, result = await find_result(session_id, key) if await can_open(owner, session_id) else (False, None)
        text = pretty(result) if found else GONE
        async with self:
            kept = list(self.shown.items())[-(KEEP - 1):]
            self.shown = {**dict(kept), key: text}
