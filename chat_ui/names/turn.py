"""Names for a live turn, looked up beside its stream: a result's files are looked up as soon as
it arrives, and the runner folds the names in at the first batch after they are found, so the
stream never waits for a lookup."""

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

END_WAIT_S = 3.0  # at the end, a turn waits this long for names still being looked up


class TurnNames:
    def __init__(self, backend: ChatBackend, index_ids: list[str]) -> None:
        self.backend = backend
        self.index_ids = list(index_ids)
        self.enabled = backend.capabilities.file_names
        self._calls: dict[str, dict[str, Any]] = {}
        self._pending: list[asyncio.Task[dict[str, str]]] = []

    def saw(self, events: Iterable[object]) -> None:
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
