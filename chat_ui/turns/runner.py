"""The runner: one task per running turn, in the worker that received the send.

It reads the backend's stream, folds it with the reducer, and publishes what changed to the hub
about every 50 ms (up to 100 ms when the worker is busy, :mod:`chat_ui.turns.pacing`): the turn's
structure when it changed, and only the new text. It runs to the end whether or not a tab
watches, checks for a stop at every batch, and always finishes the log, so every tab sees how
the turn ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from dataclasses import replace
from typing import Any

from chat_ui import opening
from chat_ui import transcript as t
from chat_ui.i18n.message import msg
from chat_ui.api import summary_cache
from chat_ui.api.activity import StreamActivity
from chat_ui.api.backend import ChatBackend
from chat_ui.api.errors import ChatAPIError, StreamInterrupted
from chat_ui.api.models import TextDelta, ThinkingDelta
from chat_ui.names.turn import END_WAIT_S, TurnNames
from chat_ui.ops import observe
from chat_ui.quality import usage
from chat_ui.search import indexing
from chat_ui.turns.batching import batches
from chat_ui.turns.capacity import Slot
from chat_ui.turns.pacing import flush_interval
from chat_ui.turns.entries import Entry, TurnInfo
from chat_ui.turns.hub import RESTARTED, TurnHub
from chat_ui.turns.stall import StallLimits
from chat_ui.views import TurnView, raw_results, turn_view

log = logging.getLogger(__name__)

# A snapshot replaces the log every so often, so a late reader replays little and the log's
# size stays bounded however long the turn runs.
SNAP_EVERY = 200
SNAP_BYTES = 256 * 1024

UNWATCHED = msg("turn.unwatched")  # a kept message: shown in the reader's language
_TEXT = (TextDelta, ThinkingDelta)  # events that only add text to the open block


def stop_without_viewers_s() -> float | None:
    """``CHAT_UI_STOP_WITHOUT_VIEWERS_S``: stop a turn nobody has watched for that long (unset: never)."""
    raw = os.environ.get("CHAT_UI_STOP_WITHOUT_VIEWERS_S", "").strip()
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def open_text(turn: t.Turn, key: str) -> dict[str, str]:
    """The text of the blocks still streaming, by stream key."""
    return {
        f"{key}-b{i}": b.text
        for i, b in enumerate(turn.blocks)
        if isinstance(b, (t.TextBlock, t.ThinkingBlock)) and not b.done
    }


class Publisher:
    """Turns successive states of one turn into log entries: a snapshot first, then changes."""

    def __init__(self, hub: TurnHub, info: TurnInfo) -> None:
        self.hub = hub
        self.info = info
        self.seq = -1
        self.view: TurnView | None = None
        self.sent: dict[str, int] = {}
        self.results: dict[str, Any] = {}
        self.waiting = ""  # the "still waiting" notice while the upstream is quiet
        self.first_text_at: float | None = None  # monotonic: when the first text went out
        self._since_snap = 0
        self._bytes_since_snap = 0

    def _next(self) -> int:
        self.seq += 1
        return self.seq

    def _live_view(self, turn: t.Turn) -> TurnView:
        view = turn_view(turn, self.info.turn_id, live=True)
        return replace(view, waiting=self.waiting) if self.waiting else view

    async def snapshot(self, turn: t.Turn) -> None:
        self.view = self._live_view(turn)
        text = open_text(turn, self.info.turn_id)
        self.sent = {k: len(v) for k, v in text.items()}
        self._since_snap = self._bytes_since_snap = 0
        await self.hub.publish(self.info, Entry(self._next(), "snap", self.view, text))

    async def change(self, turn: t.Turn, *, structure: bool = True) -> None:
        """``structure=False``: only text was added to open blocks, so the view is the one sent last
        (building and comparing it is most of a batch's cost when tool results are large)."""
        if structure or self.view is None:
            await self._results(turn)
        if self._since_snap >= SNAP_EVERY or self._bytes_since_snap >= SNAP_BYTES:
            await self.snapshot(turn)
            return
        view = self._live_view(turn) if structure or self.view is None else self.view
        deltas: dict[str, str] = {}
        for key, text in open_text(turn, self.info.turn_id).items():
            start = self.sent.get(key, 0)
            if len(text) > start:
                deltas[key] = text[start:]
                self.sent[key] = len(text)
        changed = view != self.view
        if not changed and not deltas:
            return
        if deltas and self.first_text_at is None:
            self.first_text_at = time.monotonic()
        if changed:
            self.view = view
        self._since_snap += 1
        self._bytes_since_snap += sum(len(v) for v in deltas.values())
        began = time.monotonic()
        await self.hub.publish(self.info, Entry(self._next(), "change", view if changed else None, deltas))
        observe.hub_published(time.monotonic() - began)

    async def end(self, turn: t.Turn) -> None:
        summary_cache.forget(self.info.session_id)  # its time and tokens moved; maybe its title
        opening.forget(self.info.session_id)  # a copy read for a page lacks this turn
        try:
            await self._results(turn)
        finally:  # the log always ends, so no tab waits on it and the claim is let go
            await self.hub.finish(self.info, Entry(self._next(), "end", turn_view(turn, self.info.turn_id)))

    async def _results(self, turn: t.Turn) -> None:
        results = raw_results(turn, self.info.turn_id)
        if results.keys() != self.results.keys():
            self.results = results
            await self.hub.put_results(self.info, results)


async def run_turn(backend: ChatBackend, hub: TurnHub, info: TurnInfo, index_ids: list[str]) -> t.Turn:
    """Run one claimed turn to its end and return how it ended."""
    stop = hub.stop_signal(info)
    publisher = Publisher(hub, info)
    began = time.monotonic()
    transcript = t.apply((), t.TurnStarted(info.prompt))
    unwatched = asyncio.Event()
    watchdog = _watch_viewers(hub, info, stop, unwatched)
    limits, activity = StallLimits.from_env(), StreamActivity()
    names = TurnNames(backend, index_ids)  # file names, looked up beside the stream
    stalled = cancelled = False
    upstream_status: int | None = None
    watch = observe.TurnWatch(info)
    try:
        await publisher.snapshot(transcript[-1])
        events = watch.upstream(backend.stream_turn(info.session_id, info.prompt, index_ids, activity=activity))
        last_event = time.monotonic()
        async with contextlib.aclosing(batches(events, stop, interval=flush_interval, tick=limits.tick_s)) as flushes:
            async for batch in flushes:
                now = time.time()
                shape = len(transcript[-1].blocks)
                for event in batch:
                    transcript = t.apply(transcript, event, now=now)
                named = await names.after(batch)
                for found in named:
                    transcript = t.apply(transcript, found)
                text_only = not named and len(transcript[-1].blocks) == shape and all(type(e) in _TEXT for e in batch)
                if batch:
                    last_event = time.monotonic()
                elif activity.idle_for() >= limits.limit_s:
                    stalled = True  # not a byte, not even a keep-alive: the upstream is gone
                    break
                waiting = limits.waiting_notice() if time.monotonic() - last_event >= limits.notice_s else ""
                if batch or named or waiting != publisher.waiting:
                    structure = not text_only or waiting != publisher.waiting
                    publisher.waiting = waiting
                    await publisher.change(transcript[-1], structure=structure)
        if stalled:
            transcript = t.apply(transcript, t.TurnEnded("interrupted", limits.stalled_message()))
        elif unwatched.is_set():
            transcript = t.apply(transcript, t.TurnEnded("interrupted", UNWATCHED))
        elif stop.is_set() and transcript[-1].is_open:
            transcript = t.apply(transcript, t.TurnEnded("stopped"))
    except StreamInterrupted as exc:
        transcript = t.apply(transcript, t.TurnEnded("interrupted", str(exc)))
    except ChatAPIError as exc:
        upstream_status = exc.status_code
        watch.upstream_error(exc)
        transcript = t.apply(transcript, t.TurnEnded("error", str(exc)))
    except asyncio.CancelledError:  # the worker is shutting down
        transcript = t.apply(transcript, t.TurnEnded("interrupted", RESTARTED))
        cancelled = True
        raise
    except Exception as exc:  # a bug must not leave the turn spinning or lose the partial
        log.exception("turn %s failed", info.turn_id)
        transcript = t.apply(transcript, t.TurnEnded("error", msg("turn.something_wrong", detail=str(exc))))
    finally:
        if watchdog is not None:
            watchdog.cancel()
        if transcript[-1].is_open:
            transcript = t.apply(transcript, t.TurnEnded("interrupted", t.INTERRUPTED))
        for found in await names.rest(0 if cancelled else END_WAIT_S):
            transcript = t.apply(transcript, found)
        await publisher.end(transcript[-1])
        first = publisher.first_text_at
        first_s = first - began if first is not None else None
        usage.turn_ended(info, transcript[-1], first_token_s=first_s, duration_s=time.monotonic() - began)
        watch.ended(transcript[-1], first_token_s=first_s, duration_s=time.monotonic() - began,
                    upstream_status=upstream_status)
        indexing.turn_ended(info, transcript[-1])
    return transcript[-1]


def _watch_viewers(hub: TurnHub, info: TurnInfo, stop: asyncio.Event, unwatched: asyncio.Event) -> asyncio.Task | None:
    limit = stop_without_viewers_s()
    if limit is None:
        return None

    async def watch() -> None:
        alone_since: float | None = None
        while not stop.is_set():
            await asyncio.sleep(min(1.0, limit / 2))
            if await hub.viewers(info):
                alone_since = None
                continue
            alone_since = alone_since or time.monotonic()
            if time.monotonic() - alone_since >= limit:
                unwatched.set()
                stop.set()

    return asyncio.create_task(watch())


# The runners of this process: strong references, so a turn is never garbage-collected mid-run.
_running: set[asyncio.Task] = set()


def start_turn(backend: ChatBackend, hub: TurnHub, info: TurnInfo, index_ids: list[str], slot: Slot | None = None) -> asyncio.Task:
    """Run the turn in a task of its own, apart from the tab that asked for it; ``slot`` (its
    place in this worker's capacity) is given back when it ends."""
    summary_cache.forget(info.session_id)  # the list shows it active from now
    opening.forget(info.session_id)
    task = asyncio.create_task(run_turn(backend, hub, info, index_ids), name=f"turn {info.turn_id}")
    _running.add(task)
    task.add_done_callback(_running.discard)
    if slot is not None:
        task.add_done_callback(slot.release)
    return task


async def stop_all() -> None:
    """On shutdown: end every turn of this process as interrupted, so other workers' tabs know."""
    tasks = list(_running)
    for task in tasks:
        task.cancel()
    with contextlib.suppress(Exception):
        await asyncio.gather(*tasks, return_exceptions=True)


def running() -> set[asyncio.Task]:
    """The turns this process runs now (the drain waits for them)."""
    return {task for task in _running if not task.done()}
