"""Group commit: writes that arrive together share one transaction.

A crowd of turns starting or ending at once (200 tabs sending together) would otherwise queue
200 small transactions on the store's threads, each taking SQLite's write lock in turn (and the
GIL from the event loop that streams the answers). Here the writes waiting when a transaction
starts go into the next one together; each caller returns once its own write is committed, and
raises if the transaction failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Generic, TypeVar

from chat_ui.per_loop import PerLoop
from chat_ui.store.engine import run

T = TypeVar("T")


class _Queue(Generic[T]):
    def __init__(self) -> None:
        self.waiting: list[tuple[T, asyncio.Future]] = []
        self.writer: asyncio.Task | None = None


class GroupWrite(Generic[T]):
    """``write_all(items)`` writes a batch in one transaction, on the store's threads."""

    def __init__(self, write_all: Callable[[list[T]], None], name: str) -> None:
        self._write_all = write_all
        self._name = name
        self._queues: PerLoop[_Queue[T]] = PerLoop()

    async def add(self, item: T) -> None:
        queue = self._queues.get(_Queue)
        done = asyncio.get_running_loop().create_future()
        queue.waiting.append((item, done))
        if queue.writer is None or queue.writer.done():
            queue.writer = asyncio.create_task(self._drain(queue), name=self._name)
        await done

    async def _drain(self, queue: _Queue[T]) -> None:
        while queue.waiting:
            taken, queue.waiting = queue.waiting, []
            try:
                await run(self._write_all, [item for item, _ in taken])
            except BaseException as exc:  # the whole batch fails with it; the next batch tries anew
                for _, done in taken:
                    if not done.done():
                        done.set_exception(exc)
                if isinstance(exc, asyncio.CancelledError):
                    raise
                continue
            for _, done in taken:
                if not done.done():
                    done.set_result(None)
