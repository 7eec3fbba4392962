"""Feedback on the answers of the chat on the page: "Good answer" / "Bad answer", then optional
reasons and a comment; changed or withdrawn later, the same in every tab of the person.

A state of its own, outside the turns: each answer's feedback bar is a component that follows
this state itself (``components/feedback.py``), so giving feedback renders no turn again, and
nothing here changes while an answer streams. Ratings are kept by the turn's place in its chat,
which a live turn (``t3-…``) and the same turn reopened (``h3``) share.

Every handler checks, itself, that the chat is the visitor's and that the answer is on the page:
the turn it rates is read from this tab's own state, never from what the client sent. The first
rating takes the snapshot (:mod:`chat_ui.quality.snapshot`) from that view and the turn's raw
results, outside the lock.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from dataclasses import replace
from typing import Any

import reflex as rx

from chat_ui.i18n.message import msg
from chat_ui.state.lang import lang_of, toast
from chat_ui.access.policy import NOT_FOUND, can_open
from chat_ui.access.visitor import visitor_of
from chat_ui.backends import backend_kind
from chat_ui.quality import signals
from chat_ui.quality.feedback import NOT_READABLE, refusal
from chat_ui.quality.settings import feedback_tags
from chat_ui.quality.snapshot import feedback_snapshot
from chat_ui.state.chat import ChatState, session_id_from_path
from chat_ui.state.live import LiveState
from chat_ui.state.raw import turn_results
from chat_ui.state.watch import Watches
from chat_ui.store import feedback as store
from chat_ui.store import usage as usage_store
from chat_ui.store.feedback import Feedback, Given
from chat_ui.turns.entries import ordinal_of
from chat_ui.views import TurnView

log = logging.getLogger(__name__)

WATCH_S = 5.0  # how often a tab looks whether another tab of the person changed feedback here
SAVED = msg("feedback.saved")  # kept messages (chat_ui/i18n/message.py)
NOT_ON_PAGE = msg("feedback.not_on_page")

WATCHES = Watches()  # each tab's watch of its chat's feedback, in this process


def turn_of(key: str) -> str:
    """The turn's place in its chat, as ``given`` keys it: ``t3-9f2c…`` and ``h3`` → ``"3"``."""
    ordinal = ordinal_of(key)
    return str(ordinal) if ordinal is not None else ""


def _plain(value):
    """A copy of a state value without Reflex's change-tracking wrappers, to use outside the lock."""
    return copy.deepcopy(getattr(value, "__wrapped__", value))


class FeedbackState(rx.State):
    given: dict[str, str] = {}  # turn (its place in the chat) -> "good" | "bad"
    open_turn: str = ""  # the turn whose reasons and comment are being written
    draft_tags: list[str] = []
    draft_comment: str = ""
    form_seq: int = 0  # a new form (its fields start from the draft) each time one opens
    error: str = ""
    saving: bool = False
    _session: str = ""
    _loads: int = 0  # page loads of this tab: a load that is not the latest drops its result

    def _set_given(self, given: dict[str, str]) -> None:
        if given != self.given:
            self.given = given

    def _open_form(self, turn: str, fb: Feedback | None) -> None:
        self.open_turn = turn
        self.draft_tags = list(fb.tags) if fb else []
        self.draft_comment = fb.comment if fb else ""
        self.form_seq += 1
        self.error = ""

    async def _shown(self, key: str) -> TurnView | None:
        """The finished turn ``key`` as this tab shows it (server-side state, not the client's word)."""
        chat = await self.get_state(ChatState)
        live = await self.get_state(LiveState)
        for view in (*chat.turns, *live.recent):
            if view.key == key:
                return _plain(view)
        if key and live.turn.key == key and live.turn.status != "streaming":
            return replace(_plain(live.turn), blocks=_plain(live.blocks))
        return None

    # ------------------------------------------------------------------ events

    @rx.event(background=True)
    async def load(self):
        """The chat page opened (or another tab changed something): this person's ratings here."""
        async with self:
            session_id = session_id_from_path(self.router.url.path)
            owner = visitor_of(self.router).owner
            token = self.router.session.client_token
            self._loads += 1
            load = self._loads
        allowed = await can_open(owner, session_id)
        found = await store.ratings(owner, session_id) if allowed else {}
        version = await signals.version(owner, session_id) if allowed else 0
        async with self:
            # A later load means another chat was opened meanwhile. (Not the router's path: a lock
            # gives the router of whatever event came last, maybe one the page sent before it moved.)
            if self._loads != load:
                return
            self._set_given({str(k): rating for k, rating in found.items()})
            if self.open_turn and self.open_turn not in self.given:
                self.open_turn = ""
            self._session = session_id
        if not allowed:
            WATCHES.stop(token)  # the watch of the chat shown before ends
            return
        watch_id = WATCHES.start(token, session_id)
        if watch_id:
            yield FeedbackState.watch(session_id, watch_id, version)

    @rx.event(background=True)
    async def watch(self, session_id: str, watch_id: str, version: int):
        """While this tab shows the chat: another tab of the person gave, changed or withdrew
        feedback here, so show it. Checked every few seconds without this tab's lock (taken only
        to show a change), never per streamed batch."""
        async with self:
            token = self.router.session.client_token
            owner = visitor_of(self.router).owner
        if WATCHES.watching(token) != session_id or not await can_open(owner, session_id):
            return
        async for _ in WATCHES.ticks(token, watch_id, WATCH_S):
            now = await signals.version(owner, session_id)
            if now == version:
                continue
            version = now
            found = await store.ratings(owner, session_id)
            async with self:
                if self._session == session_id:
                    self._set_given({str(k): rating for k, rating in found.items()})

    @rx.event(background=True)
    async def rate(self, turn_key: str, rating: str):
        """"Good answer" or "Bad answer" on a finished answer; the same choice again withdraws it."""
        if not isinstance(turn_key, str) or refusal(rating, [], ""):
            return
        turn = turn_of(turn_key)
        async with self:
            visitor = visitor_of(self.router)
            chat = await self.get_state(ChatState)
            session_id, bound = chat.current_id, list(chat.bound_index_ids)
            view = await self._shown(turn_key) if turn else None
            before = self.given.get(turn, "")
            lang = await lang_of(self)
        if not await can_open(visitor.owner, session_id):
            yield toast(lang, "error", NOT_FOUND)
            return
        if view is None:
            yield toast(lang, "error", NOT_ON_PAGE)
            return
        ordinal = int(turn)
        if before == rating:
            await store.withdraw(visitor.owner, session_id, ordinal)
            async with self:
                self._set_given({k: v for k, v in self.given.items() if k != turn})
                if self.open_turn == turn:
                    self.open_turn = ""
            await signals.changed(visitor.owner, session_id)
            return
        fb = await store.rate(visitor.owner, session_id, ordinal, rating)
        if fb is None:
            try:
                fb = await _create(visitor, session_id, ordinal, bound, view, Given(
                    visitor.owner, session_id, ordinal, rating, person=visitor.name, email=visitor.email))
            except Exception:  # noqa: BLE001 - the person is told; nothing half-stored
                log.exception("feedback on %s turn %s could not be stored", session_id, ordinal)
                fb = None
            if fb is None:
                yield toast(lang, "error", NOT_READABLE)
                return
        async with self:
            self._set_given({**self.given, turn: fb.rating})
            self._open_form(turn, fb)
        await signals.changed(visitor.owner, session_id)

    @rx.event(background=True)
    async def edit(self, turn_key: str):
        """Open the reasons and comment of feedback already given."""
        turn = turn_of(turn_key) if isinstance(turn_key, str) else ""
        async with self:
            owner = visitor_of(self.router).owner
            session_id = (await self.get_state(ChatState)).current_id
        if not turn or not await can_open(owner, session_id):
            return
        fb = (await store.of_session(owner, session_id)).get(int(turn))
        async with self:
            if fb is not None:
                self._open_form(turn, fb)

    @rx.event
    def set_form_open(self, value: bool):
        """The form's popover closed (Cancel, Escape, a click outside); it opens only by a rating."""
        if not value:
            self.open_turn = ""
            self.error = ""

    @rx.event(background=True)
    async def save(self, form: dict[str, Any]):
        """The reasons and comment of the open form (its fields: ``tag-<n>`` for the n-th offered
        reason, ``comment``)."""
        async with self:
            turn, rating = self.open_turn, self.given.get(self.open_turn, "")
            visitor = visitor_of(self.router)
            session_id = (await self.get_state(ChatState)).current_id
            self.saving = True
            lang = await lang_of(self)
        try:
            form = form if isinstance(form, dict) else {}
            offered = feedback_tags()
            picked = [k for k in form if isinstance(k, str) and k.startswith("tag-")]
            tags = [offered[int(k[4:])] if k[4:].isdigit() and int(k[4:]) < len(offered) else k[4:] for k in picked]
            comment = form.get("comment", "")
            comment = comment.strip() if isinstance(comment, str) else comment
            reason = refusal(rating, tags, comment) if turn else NOT_ON_PAGE
            if not reason and not await can_open(visitor.owner, session_id):
                reason = NOT_FOUND
            if not reason:
                fb = await store.update_given(Given(visitor.owner, session_id, int(turn), rating, tuple(tags), comment))
                reason = "" if fb is not None else NOT_ON_PAGE
            async with self:
                self.error = reason
                if not reason and self.open_turn == turn:
                    self.open_turn = ""
            if not reason:
                await signals.changed(visitor.owner, session_id)
                yield toast(lang, "success", SAVED, duration=2000)
        finally:
            async with self:
                self.saving = False

    @rx.event(background=True)
    async def withdraw(self):
        """Withdraw the feedback whose form is open."""
        async with self:
            turn = self.open_turn
            owner = visitor_of(self.router).owner
            session_id = (await self.get_state(ChatState)).current_id
            lang = await lang_of(self)
        if not turn or not await can_open(owner, session_id):
            return
        await store.withdraw(owner, session_id, int(turn))
        async with self:
            self._set_given({k: v for k, v in self.given.items() if k != turn})
            self.open_turn = ""
        await signals.changed(owner, session_id)
        yield toast(lang, "info", msg("feedback.withdrawn"), duration=2000)


async def _create(visitor, session_id: str, ordinal: int, bound: list[str], view: TurnView, given: Given) -> Feedback | None:
    """The first feedback on this answer: snapshot it (outside any lock), then store both."""
    keys = [b.key for b in view.blocks if b.kind == "tool" and b.has_result]
    results = await turn_results(session_id, view.key, keys)
    fact = await usage_store.of_turn(session_id, ordinal)
    timings = {"first_token_ms": fact.first_token_ms, "duration_ms": fact.duration_ms} if fact else {}
    snapshot = await asyncio.to_thread(
        feedback_snapshot, view, results, session_id=session_id, ordinal=ordinal, bound=bound,
        backend=backend_kind(), who=visitor, when=time.time(), timings=timings,
    )
    return await store.create(given, snapshot)
