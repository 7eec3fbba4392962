"""Names for a live turn, looked up beside its stream: a result's files are looked up as soon as
it arrives. The batch that brought it waits a moment for them (names a cache holds come at once),
so its tool card is usually sent once, named; lookups slower than that are folded in at the first
batch after they are found, and the stream is never held up longer."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import Any

from chat_ui import transcript as t
from chat_ui.api import models as m
from chat_ui.api.backend import ChatBackend
from chat_ui.names import get_namer
from chat_ui.names.refs import tool_refs

SETTLE_S = 0.15  # a batch with a new result waits this long for its names before it is sent
END_WAIT_S = 3.0  # at the end, a turn waits this long for names still being looked up


class TurnNames:
    def __init__(self, backend: ChatBackend, index_ids: list[str]) -> None:
        self.backend = backend
        self.index_ids = list(index_ids)
        self.enabled = backend.capabilities.file_names
        self._calls: dict[str, dict[str, Any]] = {}
        self._pending: list[asyncio.Task[dict[str, str]]] = []

    async def after(self, events: Iterable[object], settle_s: float = SETTLE_S) -> list[t.Named]:
        """Start the lookups ``events`` call for; the names found so far (waited for up to
        ``settle_s`` when ``events`` started some)."""
        started = len(self._pending)
        self._start(events)
        fresh = self._pending[started:]
        if fresh and settle_s > 0:
            await asyncio.wait(fresh, timeout=settle_s)
        return self.ready()

    def _start(self, events: Iterable[object]) -> None:
        """Start the lookups ``events`` call for: a result's files, a stop's skipped indexes."""
        if not self.enabled:
            return
        for event in events:
            if isinstance(event, m.ToolCall):
                self._calls[event.call_id] = event.arguments
            elif isinstance(event, m.ToolResult):
                refs = tool_refs(self._calls.get(event.call_id, {}), event.result, self.index_ids)
                if refs:
                    self._pending.append(asyncio.create_task(get_namer().names(self.backend, refs)))
            elif isinstance(event, m.Stop) and event.skipped_index_ids:
                self._pending.append(asyncio.create_task(get_namer().index_names(self.backend, event.skipped_index_ids)))

    def ready(self) -> list[t.Named]:
        """The names found since last asked, as events to fold in."""
        done = [task for task in self._pending if task.done()]
        self._pending = [task for task in self._pending if not task.done()]
        return [t.Named(tuple(names.items())) for task in done if not task.cancelled() and not task.exception()
                and (names := task.result())]

    async def rest(self, wait_s: float = END_WAIT_S) -> list[t.Named]:
        """The names still coming, waited for up to ``wait_s``; lookups slower than that are
        given up (the ids show, and a reopened chat looks them up again)."""
        if self._pending and wait_s > 0:
            await asyncio.wait(self._pending, timeout=wait_s)
        named = self.ready()
        for task in self._pending:
            task.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.gather(*self._pending, return_exceptions=True)
        self._pending = []
        return named
