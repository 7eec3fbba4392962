"""What goes into the search index, and when.

A turn is indexed when it finishes, in a task of its own (the folding and the write run on the
store's threads, so the event loop pays only for starting the task). Chats this deployment has
never indexed are indexed in the background, a few at a time, when the person's list is first
read; a chat that is deleted, or found gone upstream, leaves the index with its owner's record.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from chat_ui import transcript as t
from chat_ui.api.errors import ChatAPIError, NotFoundError
from chat_ui.store import search as store
from chat_ui.store.search import TurnText

if TYPE_CHECKING:
    from chat_ui.backends import ChatBackend
    from chat_ui.turns.entries import TurnInfo

log = logging.getLogger(__name__)

BATCH = 20  # chats the background indexer reads between progress reports
PAUSE_S = 0.05  # between chats: the indexer yields to answers being streamed

_writing: set[asyncio.Task] = set()
_owners: set[str] = set()  # owners whose chats this worker is indexing: one backfill each at a time


def turn_text(turn: t.Turn, ordinal: int, started_at: float) -> TurnText:
    sources = tuple(dict.fromkeys(name for _, name in turn.names if name))
    return TurnText(ordinal=ordinal, started_at=started_at, prompt=turn.prompt, answer=turn.answer, sources=sources)


def turn_ended(info: TurnInfo, turn: t.Turn) -> None:
    """Index the finished turn of ``info`` (no owner: nothing to attach it to, not indexed)."""
    if not info.owner or turn.is_open:
        return
    task = asyncio.create_task(_index(info.owner, info.session_id, turn_text(turn, info.ordinal, info.started_at)),
                               name=f"index {info.turn_id}")
    _writing.add(task)
    task.add_done_callback(_writing.discard)


async def _index(owner: str, session_id: str, turn: TurnText) -> None:
    try:
        await store.index_turn(owner, session_id, turn)
    except Exception:  # noqa: BLE001 - search is a help; the turn itself is done and stored
        log.exception("could not index a turn of %s", session_id)


async def flushed() -> None:
    """Wait for the writes under way (tests, shutdown)."""
    if _writing:
        await asyncio.gather(*list(_writing), return_exceptions=True)


def _when(iso: str) -> float:
    try:
        parsed = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return 0.0
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).timestamp()


async def index_history(backend: ChatBackend, owner: str, session_id: str) -> None:
    """Index a chat's whole stored history (turns get the chat's last-updated time as their date)."""
    try:
        detail = await backend.get_session(session_id)
    except NotFoundError:
        await store.forget(owner, [session_id])
        return
    history = t.closed(t.fold(detail.typed_events()))
    when = _when(detail.last_updated_at)
    await store.index_chat(owner, session_id, [turn_text(turn, i, when) for i, turn in enumerate(history)])


Progress = Callable[[int, int], Awaitable[None]]  # (indexed so far, left in all)


async def backfill(backend: ChatBackend, owner: str, progress: Progress | None = None) -> int:
    """Index the owner's never-indexed chats, newest first; returns how many were indexed."""
    done = 0
    while True:
        todo, left = await store.unindexed(owner, BATCH)
        if progress is not None:
            await progress(done, left)
        if not todo:
            return done
        for session_id in todo:
            try:
                await index_history(backend, owner, session_id)
            except ChatAPIError as exc:  # backend away: try again at the next first read
                log.warning("background indexing of %s stopped: %s", session_id, exc)
                return done
            done += 1
            await asyncio.sleep(PAUSE_S)


async def backfill_once(backend: ChatBackend, owner: str, progress: Progress | None = None) -> int:
    """:func:`backfill`, unless this worker is already indexing the owner's chats (another tab)."""
    if not owner or owner in _owners:
        return 0
    _owners.add(owner)
    try:
        return await backfill(backend, owner, progress)
    finally:
        _owners.discard(owner)
