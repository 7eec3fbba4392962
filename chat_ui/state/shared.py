"""``/shared/<id>``: a shared chat, read-only, from its snapshot.

Opening asks the store whether the link is alive and open to the visitor (every time: a stopped
link is dead at once on every worker); a link that never existed, was stopped, or is for people
signed in while the visitor is a guest of another link shows exactly as any unknown address. While
the page is open it looks again every few seconds, so a link stopped elsewhere goes at once from
a page already showing it, and a link shared again shows its new snapshot.
"""

from __future__ import annotations

import json

import reflex as rx

from chat_ui.access.visitor import visitor_of
from chat_ui.sharing.policy import is_public
from chat_ui.sharing.snapshot import link_of, open_share, share_id_from_path
from chat_ui.i18n.message import msg
from chat_ui.state.chat import page_title_script
from chat_ui.state.lang import lang_of
from chat_ui.state.shares import when_text
from chat_ui.state.watch import Watches
from chat_ui.store import shares
from chat_ui.views import TurnView

WATCH_S = 5.0
NOT_FOUND_TITLE = msg("notfound.title")  # a kept message, in the reader's language
WATCHES = Watches()  # each tab's watch of the link it shows, in this process


class SharedViewState(rx.State):
    turns: list[TurnView] = []
    title: str = ""
    shared_by: str = ""
    shared_at: str = ""
    loading: bool = True
    not_found: bool = False
    _opens: int = 0  # opens of this tab: one that is not the latest drops its result

    def _gone(self) -> None:
        self.turns, self.title, self.shared_by, self.shared_at = [], "", "", ""
        self.loading, self.not_found = False, True

    @rx.event(background=True)
    async def open(self):
        async with self:
            path = self.router.url.path
            share_id = share_id_from_path(path)
            visitor = visitor_of(self.router)
            token = self.router.session.client_token
            self.loading = True
            lang = await lang_of(self)
            self._opens += 1
            opening = self._opens
        shared = await open_share(visitor, share_id)
        if shared is None and visitor.guest and share_id and (share := await shares.get(share_id)) and not is_public(share):
            # A guest of a public link asked for a link for people signed in: a page load of its
            # own address meets the deployment's gate, which asks them to sign in and comes back.
            yield rx.call_script(f"window.location.assign({json.dumps(link_of(share_id))})")
            return
        async with self:
            if self._opens != opening:  # another link was opened meanwhile
                return
            if shared is None:
                self._gone()
            else:
                self.turns, self.title = shared.turns, shared.title
                self.shared_by = shared.shared_by
                self.shared_at = when_text(shared.share.updated_at)
                self.loading, self.not_found = False, False
        if shared is None:
            WATCHES.stop(token)
            yield rx.call_script(page_title_script(NOT_FOUND_TITLE, lang))
            return
        yield rx.call_script(page_title_script(shared.title))
        watch_id = WATCHES.start(token, share_id)
        if watch_id:
            yield SharedViewState.watch(share_id, watch_id, shared.share.updated_at)

    @rx.event(background=True)
    async def watch(self, share_id: str, watch_id: str, version: float):
        """The link stopped (or no longer open to this visitor): the page goes; shared again: the
        new snapshot shows."""
        async with self:
            token = self.router.session.client_token
            visitor = visitor_of(self.router)
            lang = await lang_of(self)
        if WATCHES.watching(token) != share_id:
            return
        async for _ in WATCHES.ticks(token, watch_id, WATCH_S):
            share = await shares.get(share_id)
            if share is not None and share.updated_at == version:
                continue
            shared = await open_share(visitor, share_id)
            async with self:
                if share_id_from_path(self.router.url.path) != share_id:
                    return
                if shared is None:
                    self._gone()
                else:
                    version = shared.share.updated_at
                    self.turns, self.title, self.shared_at = shared.turns, shared.title, when_text(version)
            if shared is None:
                WATCHES.stop(token)
                yield rx.call_script(page_title_script(NOT_FOUND_TITLE, lang))
                return
