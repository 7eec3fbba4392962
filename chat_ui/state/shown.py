"""Where the turns a page shows keep their raw results: the chat on the page, a shared link's
snapshot, or a feedback's snapshot on the review page.

The citation dialog and the raw view serve every page that renders turns, and read the page's
results through one of these, chosen by the page's address under the state lock. Each checks, at
every read, that the visitor may still see what it reads: the chat's owner, the link alive and
open to them, the reviewer still a reviewer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import reflex as rx

from chat_ui.access.policy import can_open
from chat_ui.access.visitor import Visitor, visitor_of
from chat_ui.quality.review import feedback_id_from_path, open_feedback
from chat_ui.quality.settings import may_review
from chat_ui.sharing.snapshot import open_share, share_id_from_path
from chat_ui.state.chat import ChatState


class Results(Protocol):
    name: str  # what the results belong to, for caches

    async def allowed(self) -> bool:
        """The visitor may read these results now."""
        ...

    async def find(self, key: str) -> tuple[bool, Any]:
        """``(found, raw result)`` of a tool block, if the visitor may read it."""
        ...


@dataclass(frozen=True)
class ChatResults:
    owner: str
    session_id: str

    @property
    def name(self) -> str:
        return self.session_id

    async def allowed(self) -> bool:
        return await can_open(self.owner, self.session_id)

    async def find(self, key: str) -> tuple[bool, Any]:
        from chat_ui.state.raw import find_result

        if not await can_open(self.owner, self.session_id):
            return False, None
        return await find_result(self.session_id, key)


@dataclass(frozen=True)
class SnapshotResults:
    """A snapshot's results (a shared link's, a feedback's): ``opened`` reads the snapshot, or
    None when it is gone or the visitor may not read it."""

    name: str
    opened: Callable[[], Awaitable[Any]]

    async def allowed(self) -> bool:
        return await self.opened() is not None

    async def find(self, key: str) -> tuple[bool, Any]:
        snapshot = await self.opened()
        return (key in snapshot.results, snapshot.results.get(key)) if snapshot is not None else (False, None)


async def shown_results(state: rx.State) -> Results:
    """The results of the turns on ``state``'s page; call it under the state's lock."""
    path = state.router.url.path
    visitor = visitor_of(state.router)
    if share_id := share_id_from_path(path):
        return SnapshotResults(f"share:{share_id}", lambda: open_share(visitor, share_id))
    if feedback_id := feedback_id_from_path(path):
        return SnapshotResults(f"feedback:{feedback_id}", lambda: _reviewed(visitor, feedback_id))
    return ChatResults(visitor.owner, (await state.get_state(ChatState)).current_id)


async def _reviewed(visitor: Visitor, feedback_id: str):
    return await open_feedback(feedback_id) if may_review(visitor) else None
