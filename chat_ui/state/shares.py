"""Sharing a chat: the "Share chat" dialog of the chat page, and the person's "Shared links".

Sharing reads the stored session (the same fold as opening it), keeps its finished turns, and
stores their snapshot under the chat's link (:mod:`chat_ui.sharing.snapshot`); sharing again
replaces the snapshot and keeps the link. Every handler checks the chat or the link is the
visitor's itself; another person's chat behaves exactly like a missing one.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone

import reflex as rx

from chat_ui import transcript as t
from chat_ui.i18n.message import msg
from chat_ui.state.lang import lang_of, toast
from chat_ui.access.policy import NOT_FOUND, can_open
from chat_ui.access.visitor import visitor_of
from chat_ui.api.errors import ChatAPIError
from chat_ui.backends import backend_kind, get_backend
from chat_ui.export import title_of
from chat_ui.search.naming import named
from chat_ui.sharing.policy import AUDIENCE_LABELS, PEOPLE, audiences
from chat_ui.sharing.snapshot import chat_snapshot, link_of
from chat_ui.state.chat import ChatState
from chat_ui.store import shares
from chat_ui.store.shares import Share
from chat_ui.turns import get_hub
from chat_ui.turns.reconcile import split_history
from chat_ui.views import raw_results, relative_time, turn_view

log = logging.getLogger(__name__)

# Kept messages (chat_ui/i18n/message.py): shown in the reader's language.
NOTHING_YET = msg("share.nothing_yet")
SHARE_FAILED = msg("share.failed")
STOPPED = msg("share.stopped")


def when_text(when: float) -> str:
    """``3 Dec 2026, 14:05 UTC``: a date anyone reads the same, wherever the reader is."""
    at = datetime.fromtimestamp(when, timezone.utc)
    return f"{at.day} {at:%b %Y, %H:%M} UTC"


@dataclass
class SharedLinkView:
    id: str = ""
    href: str = ""
    title: str = ""
    audience: str = PEOPLE
    audience_label: str = ""
    turns: int = 0
    updated: str = ""  # relative
    updated_text: str = ""
    updated_iso: str = ""
    updated_at: float = 0.0  # Unix seconds, for the reader's own date format
    chat_href: str = ""


def link_view(share: Share) -> SharedLinkView:
    iso = datetime.fromtimestamp(share.updated_at, timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")
    return SharedLinkView(
        id=share.id, href=link_of(share.id), title=share.title or "Chat", audience=share.audience,
        audience_label=AUDIENCE_LABELS.get(share.audience, share.audience), turns=share.turns,
        updated=relative_time(iso), updated_text=when_text(share.updated_at), updated_iso=iso, updated_at=share.updated_at, chat_href=f"/chat/{share.session_id}",
    )


class ShareState(rx.State):
    """The "Share chat" dialog of the chat on the page."""

    open: bool = False
    link: SharedLinkView = SharedLinkView()  # this chat's link; ``id`` "" while not shared
    audience: str = PEOPLE  # what the next share (or share again) will be
    busy: bool = False
    error: str = ""

    @rx.event
    def set_open(self, value: bool):
        self.open = value
        if not value:
            self.error = ""

    @rx.event
    def set_audience(self, value: str):
        if value in audiences():
            self.audience = value

    @rx.event(background=True)
    async def show(self):
        """Open the dialog with this chat's link, if it has one."""
        async with self:
            owner = visitor_of(self.router).owner
            session_id = (await self.get_state(ChatState)).current_id
            self.open, self.error, self.busy = True, "", True
        share = await shares.of_chat(owner, session_id) if await can_open(owner, session_id) else None
        async with self:
            self.busy = False
            if (await self.get_state(ChatState)).current_id == session_id:
                self.link = link_view(share) if share is not None else SharedLinkView()
                self.audience = share.audience if share is not None and share.audience in audiences() else PEOPLE

    @rx.event(background=True)
    async def share(self):
        """Share the chat up to its last finished answer (again: the same link, a new snapshot)."""
        async with self:
            visitor = visitor_of(self.router)
            chat = await self.get_state(ChatState)
            session_id, bound = chat.current_id, list(chat.bound_index_ids)
            audience = self.audience
            lang = await lang_of(self)
            if self.busy:
                return
            self.busy, self.error = True, ""
        error = ""
        share: Share | None = None
        try:
            if audience not in audiences():
                error = msg("share.anyone_not_offered")
            elif not await can_open(visitor.owner, session_id) or not visitor.owner:
                error = NOT_FOUND
            else:
                share, error = await _share(visitor, session_id, bound, audience)
        except Exception:  # noqa: BLE001 - the person is told; the link, if any, stays as it was
            log.exception("sharing %s failed", session_id)
            error = SHARE_FAILED
        async with self:
            self.busy, self.error = False, error
            if share is not None and (await self.get_state(ChatState)).current_id == session_id:
                self.link = link_view(share)
        if share is not None:
            yield toast(lang, "success", msg("share.ready"), duration=2000)

    @rx.event(background=True)
    async def stop(self):
        async with self:
            owner = visitor_of(self.router).owner
            share_id = self.link.id
            lang = await lang_of(self)
        if share_id:
            await shares.stop(owner, share_id)
        async with self:
            if self.link.id == share_id:
                self.link = SharedLinkView()
        yield toast(lang, "info", STOPPED, duration=3000)


async def _share(visitor, session_id: str, bound: list[str], audience: str) -> tuple[Share | None, str]:
    try:
        detail = await named(visitor.owner, await get_backend().get_session(session_id))
        current = await get_hub().current(session_id)
    except ChatAPIError as exc:
        return None, msg("share.failed_detail", detail=str(exc))
    stored = t.fold(detail.typed_events())
    # A turn still running is left out (its stored part too); one that has ended is the stored one.
    history = split_history(stored, current)[0] if current is not None and current.running else t.closed(stored)
    if not history:
        return None, NOTHING_YET
    turns = [(turn_view(turn, f"h{i}"), raw_results(turn, f"h{i}")) for i, turn in enumerate(history)]
    title = title_of(detail)
    shared_by = visitor.name or visitor.email
    snapshot = await asyncio.to_thread(
        chat_snapshot, turns, session_id=session_id, title=title, indexes=list(detail.index_ids or bound),
        backend=backend_kind(), shared_by=shared_by, when=time.time(),
    )
    share = await shares.put(visitor.owner, session_id, audience=audience, title=title, shared_by=shared_by,
                             turns=len(turns), snapshot=snapshot)
    return share, ""


class SharedLinksState(rx.State):
    """``/shared``: the person's links, with who may open each; stop or change them here too."""

    links: list[SharedLinkView] = []
    loaded: bool = False

    @rx.event(background=True)
    async def load(self):
        async with self:
            owner = visitor_of(self.router).owner
        found = await shares.mine(owner)
        async with self:
            self.links = [link_view(s) for s in found]
            self.loaded = True

    @rx.event(background=True)
    async def stop(self, share_id: str):
        async with self:
            owner = visitor_of(self.router).owner
            lang = await lang_of(self)
        if isinstance(share_id, str):
            await shares.stop(owner, share_id)  # another person's link is left alone
        async with self:
            self.links = [link for link in self.links if link.id != share_id]
        yield toast(lang, "info", STOPPED, duration=3000)

    @rx.event(background=True)
    async def set_audience(self, share_id: str, audience: str):
        async with self:
            owner = visitor_of(self.router).owner
            lang = await lang_of(self)
        changed = None
        if isinstance(share_id, str) and audience in audiences():
            changed = await shares.set_audience(owner, share_id, audience)
        async with self:
            if changed is not None:
                self.links = [link_view(changed) if link.id == share_id else link for link in self.links]
        if changed is None:
            yield toast(lang, "error", msg("share.not_changed"))
