"""The turn being streamed, held apart from the finished history.

The send handler is a background task: the network is read outside the state lock, the lock
is taken about every 50 ms to flush, and a flush carries only the live turn's structure (new
blocks, tool status) — never its growing text, which travels as client-side deltas
(``window.chatUi.append``), and never the history. The full text is committed once, when its
block completes.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from typing import Any

import reflex as rx

from chat_ui import transcript as t
from chat_ui.api.errors import ChatAPIError, StreamInterrupted
from chat_ui.components.client import append_script, reset_script
from chat_ui.backends import get_backend
from chat_ui.state.batching import StopRegistry, batches
from chat_ui.state.chat import PROMPT_LIMIT, ChatState, page_title_script
from chat_ui.state.presence import Presence
from chat_ui.views import BlockView, TurnView, raw_results, turn_view

STOPS: StopRegistry = StopRegistry()
TAB_CLOSED = "The page was closed, so the answer was stopped."


@dataclass
class DeltaTracker:
    """How much of each streaming block's text the browser already has."""

    sent: dict[str, int] = field(default_factory=dict)

    def take(self, turn: t.Turn, key: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for i, block in enumerate(turn.blocks):
            if isinstance(block, (t.TextBlock, t.ThinkingBlock)) and not block.done:
                block_key = f"{key}-b{i}"
                start = self.sent.get(block_key, 0)
                if len(block.text) > start:
                    out[block_key] = block.text[start:]
                    self.sent[block_key] = len(block.text)
        return out


def derive_title(prompt: str) -> str:
    words = " ".join(prompt.split())
    return words if len(words) <= 60 else words[:59].rsplit(" ", 1)[0] + "…"


class LiveState(rx.State):
    # The turn's meta (status, usage, error) and its blocks are separate vars, so the end of a
    # turn resends a few fields, not the answer text again.
    turn: TurnView = TurnView()
    blocks: list[BlockView] = []
    # Turns finished during this visit. The live turn joins them when the next prompt starts, so
    # that costs this visit's turns, never the history the session was opened with.
    recent: list[TurnView] = []
    streaming: bool = False
    pin_signal: int = 0
    announcement: str = ""  # read once by an aria-live region when an answer finishes
    send_error: str = ""
    draft: str = ""
    draft_seq: int = 0
    _stop: bool = False
    _seq: int = 0
    _results: dict[str, Any] = {}  # raw tool results of the live turn, by block key

    def reset_turn(self) -> None:
        if self.streaming:
            self._stop = True
            STOPS.fire(self.router.session.client_token)
        self.turn = TurnView()
        self.blocks = []
        self.recent = []
        self._results = {}
        self.send_error = ""

    @rx.event
    def stop(self):
        if self.streaming:
            self._stop = True
            STOPS.fire(self.router.session.client_token)

    @rx.event
    def dismiss_error(self):
        self.send_error = ""

    @rx.event
    def edit_prompt(self, prompt: str):
        """Put a prompt back in the composer."""
        self.draft = prompt
        self.draft_seq += 1

    @rx.event(background=True)
    async def send(self, prompt: str):
        async for update in run_turn(self, prompt):
            yield update

    def publish(self, view: TurnView) -> None:
        """Assign only what changed: Reflex resends every assigned var whole."""
        meta = replace(view, blocks=[])
        if meta != self.turn:
            self.turn = meta
        if view.blocks != self.blocks:
            self.blocks = view.blocks

    def refuse(self, prompt: str, reason: str) -> None:
        """A refused send keeps the text: it goes back into the composer with the reason."""
        self.send_error = reason
        self.draft = prompt
        self.draft_seq += 1


async def run_turn(self: LiveState, prompt: str):
    """The body of :meth:`LiveState.send`; ``self`` is the background task's state proxy."""
    prompt = prompt.strip()
    async with self:
        if self.streaming or not prompt:
            return
        if len(prompt) > PROMPT_LIMIT:
            self.refuse(prompt, f"Your message is {len(prompt):,} characters; the limit is {PROMPT_LIMIT:,}. Shorten it to send.")
            return
        chat = await self.get_state(ChatState)
        index_ids, reason = chat.indexes_for_send()
        if reason:
            self.refuse(prompt, reason)
            return
        if self.turn.key:
            self.recent = [*self.recent, replace(self.turn, blocks=self.blocks)]
            chat.keep_results(self._results)
        self._results = {}
        self._seq += 1
        key = f"t{self._seq}-{int(time.time() * 1000) % 10_000_000}"
        self.publish(turn_view(t.Turn(prompt=prompt), key, live=True))
        self.streaming = True
        self.send_error = ""
        self.announcement = ""
        self._stop = False
        self.pin_signal += 1
        session_id = chat.current_id
        bind = chat.bind_indexes and chat.capabilities.index_binding
        first_turn = not chat.has_messages
        chat.has_messages = True
        token = self.router.session.client_token
    stop = STOPS.arm(token)
    backend = get_backend()
    transcript = t.apply((), t.TurnStarted(prompt))
    tracker = DeltaTracker()
    presence = Presence(token)
    abandoned = False
    try:
        if not session_id:
            summary = await backend.create_session(index_ids if bind and index_ids else None)
            session_id = summary.session_id
            async with self:
                chat = await self.get_state(ChatState)
                chat.current_id = session_id
                chat.bound_index_ids = list(summary.index_ids or [])
            yield rx.call_script(f"window.history.replaceState(null, '', {json.dumps('/chat/' + session_id)})")
            from chat_ui.state.sessions import SessionsState

            # Listed at once under a provisional title; the real one replaces it after the turn.
            yield SessionsState.titled(session_id, derive_title(prompt))
        events = backend.stream_turn(session_id, prompt, index_ids)
        async for batch in batches(events, stop):
            now = time.monotonic()
            for event in batch:
                transcript = t.apply(transcript, event, now=now)
            deltas = tracker.take(transcript[-1], key)
            view = turn_view(transcript[-1], key, live=True)
            results = raw_results(transcript[-1], key)
            async with self:
                self.publish(view)
                if results != self._results:
                    self._results = results
                if self._stop:
                    stop.set()
            if presence.gone():
                abandoned = True
                stop.set()
            if deltas:
                yield append_script(deltas)
        if abandoned:
            transcript = t.apply(transcript, t.TurnEnded("interrupted", TAB_CLOSED))
        elif stop.is_set():
            transcript = t.apply(transcript, t.TurnEnded("stopped"))
    except StreamInterrupted as exc:
        transcript = t.apply(transcript, t.TurnEnded("interrupted", str(exc)))
    except ChatAPIError as exc:
        transcript = t.apply(transcript, t.TurnEnded("error", str(exc)))
    except Exception as exc:  # a bug must not leave the turn spinning or lose the partial
        transcript = t.apply(transcript, t.TurnEnded("error", f"Something went wrong: {exc}"))
    finally:
        STOPS.release(token, stop)
        if transcript[-1].is_open:  # cancelled (tab closed, app shutting down)
            transcript = t.apply(transcript, t.TurnEnded("interrupted", t.INTERRUPTED))
        final = turn_view(transcript[-1], key)
        async with self:
            self.publish(final)
            self._results = raw_results(transcript[-1], key)
            self.streaming = False
            self._stop = False
            chat = await self.get_state(ChatState)
            chat.total_input_tokens += final.input_tokens
            chat.total_output_tokens += final.output_tokens
            chat.total_duration_ms += final.duration_ms
            self.announcement = _announcement(final, transcript[-1].answer)
    streamed = [f"{key}-b{i}" for i, b in enumerate(transcript[-1].blocks) if isinstance(b, (t.TextBlock, t.ThinkingBlock))]
    if streamed:  # the committed text renders from state now; free the browser's buffers
        yield reset_script(streamed)
    if first_turn and session_id:
        title = await _title_for(session_id, prompt)
        async with self:
            chat = await self.get_state(ChatState)
            chat.title = title
        yield rx.call_script(page_title_script(title))
        from chat_ui.state.sessions import SessionsState

        yield SessionsState.titled(session_id, title)


async def _title_for(session_id: str, prompt: str) -> str:
    """Generated title, else the title endpoint, else the first message itself."""
    backend = get_backend()
    try:
        summary = await backend.get_summary(session_id)
        if summary.generated_title:
            return summary.generated_title
        summary = await backend.generate_title(session_id, prompt)
        if summary.generated_title:
            return summary.generated_title
    except ChatAPIError:
        pass
    return derive_title(prompt)


def _announcement(view: TurnView, answer: str) -> str:
    if view.status == "done":
        return "Answer finished. " + answer[:300]
    if view.status == "stopped":
        return "Answer stopped."
    return f"The answer failed: {view.error}"
