"""What this worker knows of the backend's indexes: their names, their output directories (where
their passages' files are named), and whether they are still syncing.

``GET /api/v1/indexes`` lists indexes without their sync state; only
``GET /api/v1/indexes/{id}?expand=sync_in_progress`` says whether one is syncing, so a listing
with states asks each index once, all at once.
"""

from __future__ import annotations

import asyncio
import logging
import time

from chat_ui.api.backend import ChatBackend
from chat_ui.api.errors import ChatAPIError
from chat_ui.api.models import Index

log = logging.getLogger(__name__)

LISTING_KEPT_S = 60.0  # how long a listing answers "which indexes are there" for name lookups
STATES_KEPT_S = 15.0  # how long a listing with states serves every tab that opens (N + 1 calls each)


class IndexCatalog:
    """Indexes by id, as last listed or fetched; concurrent fetches of one index share one call."""

    def __init__(self) -> None:
        self._known: dict[str, Index] = {}
        self._fetching: dict[str, asyncio.Task[Index | None]] = {}
        self._listed_at = 0.0
        self._states: tuple[float, list[Index]] | None = None

    def remember(self, indexes: list[Index]) -> None:
        self._known.update((i.id, i) for i in indexes)
        self._listed_at = time.monotonic()

    async def listed_with_state(self, backend: ChatBackend) -> list[Index]:
        """Every index, each with ``sync_in_progress`` where the backend would say (an index it
        does not answer for keeps the listing's, unknown, state), as read in the last
        ``STATES_KEPT_S``. Raises ChatAPIError when the listing itself fails."""
        if self._states is not None and time.monotonic() - self._states[0] < STATES_KEPT_S:
            return list(self._states[1])
        listed = await backend.list_indexes()
        fetched = await asyncio.gather(*(backend.get_index(i.id) for i in listed if i.sync_in_progress is None),
                                       return_exceptions=True)
        by_id = {i.id: i for i in fetched if isinstance(i, Index)}
        for failure in (f for f in fetched if isinstance(f, BaseException)):
            log.info("index state unknown: %s", failure)
        indexes = [by_id.get(i.id, i) for i in listed]
        self.remember(indexes)
        self._states = (time.monotonic(), indexes)
        return list(indexes)

    async def all_ids(self, backend: ChatBackend) -> list[str]:
        """Every index id, from a recent listing or a new one ([] when it fails)."""
        if time.monotonic() - self._listed_at > LISTING_KEPT_S:
            try:
                self.remember(await backend.list_indexes())
            except ChatAPIError as exc:
                log.info("index listing failed: %s", exc)
        return list(self._known)

    async def get(self, backend: ChatBackend, index_id: str) -> Index | None:
        """The index, fetched once when not known yet; None when it cannot be read."""
        known = self._known.get(index_id)
        if known is not None:
            return known
        task = self._fetching.get(index_id)
        if task is None:
            task = self._fetching[index_id] = asyncio.create_task(self._fetch(backend, index_id))
            task.add_done_callback(lambda _: self._fetching.pop(index_id, None))
        return await asyncio.shield(task)

    async def _fetch(self, backend: ChatBackend, index_id: str) -> Index | None:
        try:
            index = await backend.get_index(index_id)
        except ChatAPIError as exc:
            log.info("index %s unreadable: %s", index_id, exc)
            return None
        self._known[index_id] = index
        return index
