"""The in-process hub: one worker (``make run``), no extra service.

Everything runs on one event loop, so a reader that attaches while entries are being published
sees each exactly once by construction: it copies what the log holds and waits for more.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from chat_ui.turns.entries import Entry, TurnInfo
from chat_ui.turns.hub import END_TTL_S, IDLE_TICK_S, Current


class Waiters:
    """Tasks waiting for something keyed (a turn claimed in a session), woken all at once; a key
    nobody waits on any more is forgotten."""

    def __init__(self) -> None:
        self._events: dict[str, tuple[asyncio.Event, int]] = {}

    def arm(self, key: str) -> asyncio.Event:
        """Register before looking, so a wake-up between the look and the wait is not lost."""
        event, count = self._events.get(key, (None, 0))
        if event is None:
            event = asyncio.Event()
        self._events[key] = (event, count + 1)
        return event

    async def wait(self, key: str, event: asyncio.Event, timeout: float) -> bool:
        try:
            await asyncio.wait_for(event.wait(), timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self.disarm(key, event)

    def disarm(self, key: str, event: asyncio.Event) -> None:
        current, count = self._events.get(key, (None, 0))
        if current is event:
            if count <= 1:
                del self._events[key]
            else:
                self._events[key] = (event, count - 1)

    def wake(self, key: str) -> None:
        event, _ = self._events.pop(key, (None, 0))
        if event is not None:
            event.set()

    def wake_all(self) -> None:
        for key in list(self._events):
            self.wake(key)


@dataclass
class TurnLog:
    info: TurnInfo
    entries: list[Entry] = field(default_factory=list)
    running: bool = True
    # Resolved (and replaced) at each append: every reader waits on it, no task per wait.
    changed: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    results: dict[str, Any] = field(default_factory=dict)
    readers: int = 0
    expiry: asyncio.TimerHandle | None = None

    def append(self, entry: Entry) -> None:
        if entry.kind == "snap":
            self.entries = [entry]  # everything before it is covered by it
        else:
            self.entries.append(entry)
        self.wake()

    def wake(self) -> None:
        changed, self.changed = self.changed, asyncio.get_running_loop().create_future()
        if not changed.done():
            changed.set_result(None)

    def since(self, after: int) -> list[Entry]:
        if not self.entries:
            return []
        first = self.entries[0].seq
        if after + 1 < first:
            return list(self.entries)  # what the reader missed was trimmed: start at the snapshot
        return self.entries[after + 1 - first:]


class MemoryHub:
    def __init__(self, end_ttl_s: float = END_TTL_S, idle_tick_s: float = IDLE_TICK_S) -> None:
        self.end_ttl_s = end_ttl_s
        self.idle_tick_s = idle_tick_s
        self._by_session: dict[str, TurnLog] = {}
        self._by_turn: dict[str, TurnLog] = {}
        self._claimed = Waiters()  # by session: a turn was claimed

    def log(self, turn_id: str) -> TurnLog | None:
        return self._by_turn.get(turn_id)

    async def claim(self, info: TurnInfo) -> bool:
        old = self._by_session.get(info.session_id)
        if old is not None and old.running:
            return False
        if old is not None:
            self._drop(old)
        self._by_session[info.session_id] = self._by_turn[info.turn_id] = TurnLog(info)
        self._claimed.wake(info.session_id)
        return True

    async def publish(self, info: TurnInfo, entry: Entry) -> None:
        log = self._by_turn.get(info.turn_id)
        if log is not None and log.running:
            log.append(entry)

    async def finish(self, info: TurnInfo, entry: Entry) -> None:
        log = self._by_turn.get(info.turn_id)
        if log is None or not log.running:
            return
        log.append(entry)
        log.running = False
        log.expiry = asyncio.get_running_loop().call_later(self.end_ttl_s, self._drop, log)

    def _drop(self, log: TurnLog) -> None:
        if log.expiry is not None:
            log.expiry.cancel()
        if self._by_session.get(log.info.session_id) is log:
            del self._by_session[log.info.session_id]
        self._by_turn.pop(log.info.turn_id, None)

    async def current(self, session_id: str) -> Current | None:
        log = self._by_session.get(session_id)
        return Current(log.info, log.running) if log is not None else None

    async def wait_for_turn(self, session_id: str, not_turn: str, timeout: float) -> TurnInfo | None:
        log = self._by_session.get(session_id)
        if log is not None and log.info.turn_id != not_turn:
            return log.info
        if not await self._claimed.wait(session_id, self._claimed.arm(session_id), timeout):
            return None
        log = self._by_session.get(session_id)
        return log.info if log is not None and log.info.turn_id != not_turn else None

    async def read(self, info: TurnInfo, after: int = -1) -> AsyncIterator[list[Entry]]:
        log = self._by_turn.get(info.turn_id)
        if log is None:
            return
        log.readers += 1
        try:
            while True:
                batch = log.since(after)
                if batch:
                    after = batch[-1].seq
                    yield batch
                    if batch[-1].kind == "end":
                        return
                    continue
                if not log.running:
                    return
                done, _ = await asyncio.wait((log.changed,), timeout=self.idle_tick_s)
                if not done:
                    yield []
        finally:
            log.readers -= 1

    async def request_stop(self, session_id: str, turn_id: str) -> bool:
        log = self._by_turn.get(turn_id)
        if log is None or not log.running or log.info.session_id != session_id:
            return False
        log.stop.set()
        return True

    def stop_signal(self, info: TurnInfo) -> asyncio.Event:
        log = self._by_turn.get(info.turn_id)
        return log.stop if log is not None else asyncio.Event()

    async def viewers(self, info: TurnInfo) -> int:
        log = self._by_turn.get(info.turn_id)
        return log.readers if log is not None else 0

    async def put_results(self, info: TurnInfo, results: dict[str, Any]) -> None:
        log = self._by_turn.get(info.turn_id)
        if log is not None:
            log.results = dict(results)

    async def get_result(self, session_id: str, turn_id: str, key: str) -> tuple[bool, Any]:
        log = self._by_turn.get(turn_id)
        if log is None or log.info.session_id != session_id or key not in log.results:
            return False, None
        return True, log.results[key]

    async def aclose(self) -> None:
        for log in list(self._by_turn.values()):
            self._drop(log)
