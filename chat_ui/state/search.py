"""Search inside chats, for the sidebar filter and the history page: the hits while typing
(the input debounces), newest first or best match, and the background indexing's progress.

The query runs on the store's threads outside the state lock; a newer query (or a cleared one)
makes an older one's results be dropped. Only the owner's own chats are ever searched.
"""

from __future__ import annotations

import asyncio
import logging

import reflex as rx

from chat_ui.i18n.message import msg
from chat_ui.access.policy import owner_of, settings
from chat_ui.backends import get_backend
from chat_ui.search import indexing
from chat_ui.search.views import HitView, hit_view
from chat_ui.store import search as store

log = logging.getLogger(__name__)

SEARCH_FAILED = msg("search.failed")  # kept messages: shown in the reader's language
LIMIT = 30
_shown: dict[str, asyncio.Event] = {}  # tab token -> set when its query's hits are in its state


def hits_shown(token: str) -> asyncio.Event:
    """Set once the tab's next query has its hits (or its error) in the tab's state: the chat
    list's title walk waits for it, so the index's answer is not queued behind the walk's deltas."""
    event = _shown[token] = asyncio.Event()
    return event


class SearchState(rx.State):
    query: str = ""
    order: str = "newest"  # newest | best
    hits: list[HitView] = []
    searched: bool = False  # a query ran (so "no hits" can be said)
    error: str = ""
    indexing: bool = False
    index_left: int = 0
    index_done: int = 0
    _seq: int = 0

    @rx.var
    def index_progress(self) -> str:
        if not self.indexing:
            return ""
        total = self.index_done + self.index_left
        return msg("search.indexing", n=self.index_done, count=total)

    @rx.event(background=True)
    async def set_query(self, value: str):
        async with self:
            self._seq += 1
            seq = self._seq
            self.query = value
            order, owner = self.order, owner_of(self.router)
            if not value.strip():
                self.hits, self.searched, self.error = [], False, ""
                return
        await self._run(seq, owner, value, order)

    @rx.event(background=True)
    async def set_order(self, order: str | list[str]):
        order = order[0] if isinstance(order, list) and order else order
        if order not in store.ORDERS:
            return
        async with self:
            self._seq += 1
            seq, self.order = self._seq, order
            query, owner = self.query, owner_of(self.router)
        if query.strip():
            await self._run(seq, owner, query, order)

    async def _run(self, seq: int, owner: str, query: str, order: str) -> None:
        views, error = [], ""
        try:
            hits = await store.search(owner, query, order=order, limit=LIMIT)
            titles = await store.titles(owner, [h.session_id for h in hits])
            views = [hit_view(h, titles.get(h.session_id, "")) for h in hits]
        except Exception:
            log.exception("Searching inside chats failed")
            error = SEARCH_FAILED
        async with self:
            if seq == self._seq:
                self.hits, self.searched, self.error = views, True, error
            token = self.router.session.client_token
        shown = _shown.pop(token, None)
        if shown is not None:
            shown.set()

    @rx.event(background=True)
    async def start_indexing(self):
        """The person's list was first read: index their never-indexed chats in the background."""
        async with self:
            owner = owner_of(self.router)
        if not owner or not settings().private:
            return

        async def progress(done: int, left: int) -> None:
            async with self:
                self.index_done, self.index_left, self.indexing = done, left, left > 0

        try:
            await indexing.backfill_once(get_backend(), owner, progress)
        except Exception:
            log.exception("Background indexing failed")
        async with self:
            self.indexing = False
