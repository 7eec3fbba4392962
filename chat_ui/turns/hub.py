"""The hub: where running turns meet the tabs that show them.

Keyed by chat session. A runner claims the session (one live turn per session), publishes a
numbered log of entries and finishes it; any number of readers replay the log from its start
and then follow it live, each entry exactly once and in order. A stop request reaches the
runner wherever it runs. Two implementations keep this contract: in-process (one worker) and
Redis (several workers).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from chat_ui.i18n.message import msg
from chat_ui.turns.entries import Entry, TurnInfo

# How long a finished turn's log stays readable: a tab that reloads just after the end still
# finds it, and memory is freed soon after.
END_TTL_S = 120.0
# A reader that has nothing new wakes this often with an empty batch, so it can check on its tab
# and on the runner.
IDLE_TICK_S = 1.0

RESTARTED = msg("turn.restarted")  # a kept message: shown in the reader's language


@dataclass(frozen=True)
class Current:
    """The latest turn of a session the hub still holds, and whether it is still running."""

    info: TurnInfo
    running: bool


class TurnHub(Protocol):
    async def claim(self, info: TurnInfo) -> bool:
        """Open a turn's log; False when the session already has a running turn."""
        ...

    async def publish(self, info: TurnInfo, entry: Entry) -> None:
        """Append an entry; a snapshot lets the hub drop everything before it."""
        ...

    async def finish(self, info: TurnInfo, entry: Entry) -> None:
        """Append the end entry, release the session, keep the log for ``END_TTL_S``."""
        ...

    async def current(self, session_id: str) -> Current | None: ...

    async def wait_for_turn(self, session_id: str, not_turn: str, timeout: float) -> TurnInfo | None:
        """The session's latest turn if its id is not ``not_turn``; else wait for one to be
        claimed, up to ``timeout`` seconds (None then)."""
        ...

    def read(self, info: TurnInfo, after: int = -1) -> AsyncIterator[list[Entry]]:
        """Entries with ``seq > after`` (or a snapshot that covers the ones dropped), then live
        ones as they come, until the end entry. Yields ``[]`` every ``IDLE_TICK_S`` of silence."""
        ...

    async def request_stop(self, session_id: str, turn_id: str) -> bool:
        """Ask the runner of that turn to stop; False if it is not running."""
        ...

    def stop_signal(self, info: TurnInfo) -> asyncio.Event:
        """Set when a stop is requested (runner side; valid after a successful claim)."""
        ...

    async def viewers(self, info: TurnInfo) -> int:
        """How many readers follow the turn right now, across workers."""
        ...

    async def put_results(self, info: TurnInfo, results: dict[str, Any]) -> None:
        """The turn's raw tool results by block key: kept server-side, read when someone asks."""
        ...

    async def get_result(self, session_id: str, turn_id: str, key: str) -> tuple[bool, Any]:
        """A raw result of a turn of ``session_id`` (the caller checked who may read that session;
        a turn of another session answers not found)."""
        ...

    async def aclose(self) -> None: ...
