"""The session list behind the sidebar and the history page: pages loaded as the reader scrolls,
grouped by day; a filter that walks the whole list in the background; delete with confirmation.
It lists this browser's own chats (or, with ``CHAT_UI_HISTORY=all``, the whole project's): see
:mod:`chat_ui.access.policy`.

The filter does not stop at what is loaded: it matches the loaded chats at once, then reads the
rest of the list page by page, showing matches as they are found and how far it got, until it
reaches the end, finds ``TITLE_MATCHES_MAX`` matches, or the reader cancels it (or types something
else). Only the matches are kept; the pages it reads are not added to the list.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import reflex as rx

from chat_ui.access.policy import NOT_FOUND, can_open, forget, owner_of, session_page
from chat_ui.access.visitor import visitor_of
from chat_ui import opening
from chat_ui.api import summary_cache
from chat_ui.api.errors import ChatAPIError, NotFoundError
from chat_ui.backends import get_backend
from chat_ui.ops import observe
from chat_ui.i18n.message import msg
from chat_ui.state.lang import lang_of, toast
from chat_ui.state.chat import NEW_CHAT, ChatState, page_title_script
from chat_ui.state.search import SearchState, hits_shown
from chat_ui.store import names
from chat_ui.store.names import MAX_NAME, ChatName, NameTooLong
from chat_ui.views import SessionView, grouped, relative_time, session_view

PAGE_SIZE = 20  # a page of the list the reader scrolls through
SEARCH_PAGE_SIZE = 100  # a page the filter reads in the background
# The walk stops at this many matching titles: a word that matches most of 10,000 chats would
# otherwise resend an ever longer list at every page, and render it, until the browser stalls.
TITLE_MATCHES_MAX = 100
HITS_FIRST_S = 0.5  # the walk waits this long at most for the index's hits
PROGRESS_EVERY_S = 0.25  # the walk's "N chats checked" moves at most this often (each move is a delta)
# What the reader sees of a failure that is not the backend's (the owner store's database, a bug): the log has the rest.
# Kept messages (chat_ui/i18n/message.py): shown in the reader's language.
LOAD_FAILED = msg("sessions.load_failed")
SEARCH_FAILED = msg("sessions.search_failed")
DELETE_FAILED = msg("sessions.delete_failed")
RENAME_FAILED = msg("sessions.rename_failed")
PIN_FAILED = msg("sessions.pin_failed")

log = logging.getLogger(__name__)


def matches(view: SessionView, needle: str) -> bool:
    """``needle``: lowercased, stripped. The title or an index id contains it."""
    return needle in view.title.lower() or needle in view.index_ids.lower()


def named(view: SessionView, chosen: ChatName | None) -> SessionView:
    """The view with the person's own name shown (the generated title kept to come back to)."""
    view.generated = view.generated or view.title
    view.title = chosen.name if chosen and chosen.name else view.generated
    view.pinned = bool(chosen and chosen.pinned_at is not None)
    return view


async def pinned_views(owner: str, loaded: list[SessionView], pins: list[ChatName] | None = None) -> list[SessionView]:
    """The owner's pinned chats (``pins``, else read here) as list rows, first pinned first (a
    chat gone upstream drops out); the summaries of those not on the loaded page are read at once."""
    if pins is None:
        pins = await names.pinned(owner)
    known = {v.session_id: v for v in loaded}

    async def view_of(pin: ChatName) -> SessionView | None:
        view = known.get(pin.session_id)
        if view is None:
            try:
                view = session_view(await summary_cache.read(get_backend(), pin.session_id))
            except NotFoundError:
                await forget(owner, pin.session_id)
                return None
            except ChatAPIError:
                view = SessionView(session_id=pin.session_id, title=pin.session_id)
        return named(view, pin)

    return [v for v in await asyncio.gather(*(view_of(p) for p in pins)) if v is not None]


async def _nothing() -> None:
    return None


class SessionsState(rx.State):
    sessions: list[SessionView] = []
    next_page_token: str = ""
    loading: bool = False
    loaded: bool = False
    # The signed-in person, shown above "Sign out" (oidc and header modes); "" for nobody.
    person_name: str = ""
    person_email: str = ""
    error: str = ""
    filter_text: str = ""
    found: list[SessionView] = []  # the chats that match the filter, as the walk finds them
    searching: bool = False  # the walk is reading the list
    searched: int = 0  # chats the filter has looked at
    capped: bool = False  # the filter found TITLE_MATCHES_MAX titles and stopped there
    confirm_id: str = ""
    confirm_title: str = ""
    deleting: bool = False
    drawer_open: bool = False
    pinned: list[SessionView] = []  # above the date groups, first pinned first
    renaming_id: str = ""  # the chat whose name is being edited inline
    renaming_in: str = ""  # where: sidebar | history | header (one box at a time, or two would fight for focus)
    selected: list[str] = []  # the history page's checked chats
    confirm_count: int = 0  # "Delete selected": how many the one confirmation is for
    # Titles this tab derived for sessions whose backend stores none (deepset), kept across reloads of the list.
    _titles: dict[str, str] = {}
    _utc_offset_min: int = 0  # the browser's Date.getTimezoneOffset(): days are the reader's own
    _search: int = 0  # counts filter walks: a newer one (or a cancel) ends the older

    @rx.var
    def has_more(self) -> bool:
        return bool(self.next_page_token)

    @rx.var
    def filtering(self) -> bool:
        return self.filter_text.strip() != ""

    @rx.var
    def search_progress(self) -> str:
        if self.searching:
            return msg("sessions.searching", count=self.searched)
        if self.capped:
            return msg("sessions.searched_capped", count=len(self.found))
        return msg("sessions.searched", count=self.searched) if self.searched else ""

    @rx.event(background=True)
    async def refresh(self):
        """Reload the first page (after a new session, a title, a delete)."""
        await self._load(reset=True)

    @rx.event(background=True)
    async def ensure_loaded(self):
        async with self:
            loaded = self.loaded
        if not loaded:
            yield rx.call_script("new Date().getTimezoneOffset()", callback=SessionsState.set_utc_offset)
            await self._load(reset=True)
            yield SearchState.start_indexing

    @rx.event
    def set_utc_offset(self, minutes: int):
        """The browser's zone arrived: the groups are the reader's days (regrouped if it differs)."""
        try:
            minutes = int(minutes)
        except (TypeError, ValueError):
            return
        if minutes != self._utc_offset_min and abs(minutes) <= 16 * 60:
            self._utc_offset_min = minutes
            self.sessions = grouped(list(self.sessions), utc_offset_min=minutes)
            self.found = grouped(list(self.found), utc_offset_min=minutes)

    @rx.event(background=True)
    async def load_more(self):
        await self._load(reset=False)

    async def _load(self, *, reset: bool) -> None:
        """``self`` is a background task's proxy: the list call runs outside the lock."""
        async with self:
            if not reset and (not self.next_page_token or self.loading):
                return
            page_token = None if reset else self.next_page_token
            self.loading = True
            visitor = visitor_of(self.router)
            owner = visitor.owner
            if reset and (visitor.name, visitor.email) != (self.person_name, self.person_email):
                self.person_name, self.person_email = visitor.name, visitor.email
        # Whatever happens below, ``loading`` ends: while it is set, load_more does nothing.
        busy, error = True, LOAD_FAILED
        began = time.monotonic()
        try:
            # What the first rows wait for, side by side: the page (the owner's rows, then their
            # summaries at once) beside the pins; then the page's names beside the pinned rows.
            page, pin_names = await asyncio.gather(session_page(get_backend(), owner, PAGE_SIZE, page_token),
                                                   names.pinned(owner) if reset else _nothing())
            views = [session_view(s) for s in page.items]
            chosen, pins = await asyncio.gather(names.of(owner, [v.session_id for v in views]),
                                                pinned_views(owner, views, pin_names) if reset else _nothing())
            async with self:
                if pins is not None:
                    self.pinned = pins
                pinned_ids = {p.session_id for p in self.pinned}
                for view, summary in zip(views, page.items):
                    if not summary.generated_title and view.session_id in self._titles:
                        view.title = self._titles[view.session_id]
                    named(view, chosen.get(view.session_id))
                views = [v for v in views if v.session_id not in pinned_ids]
                if reset:
                    self.sessions = grouped(views, utc_offset_min=self._utc_offset_min)
                else:
                    known = {s.session_id for s in self.sessions}
                    fresh = [v for v in views if v.session_id not in known]
                    after = self.sessions[-1] if self.sessions else None
                    self.sessions = [*self.sessions, *grouped(fresh, after, self._utc_offset_min)]
                self.next_page_token = page.next_page_token or ""
                self.error = ""
                self.loading = busy = False
                self.loaded = True
            observe.list_loaded(time.monotonic() - began)
        except ChatAPIError as exc:
            error = msg("sessions.load_failed_detail", detail=str(exc))
        except Exception:
            log.exception("Loading the chat list failed")
        finally:
            if busy:
                async with self:
                    self.error = error
                    self.loading = False

    def add_created(self, session_id: str, title: str, updated_iso: str, index_ids: str) -> None:
        """A chat this tab just created goes on top of the list at once, with no backend call (a
        crowd of new chats would each reload the list); the real title reloads it later. Called
        under the lock by the send that created it."""
        self._titles[session_id] = title
        if all(s.session_id != session_id for s in self.sessions):
            view = SessionView(session_id=session_id, title=title, updated=relative_time(updated_iso),
                               updated_iso=updated_iso, index_ids=index_ids)
            self.sessions = grouped([view, *self.sessions], utc_offset_min=self._utc_offset_min)

    @rx.event(background=True)
    async def titled(self, session_id: str, title: str):
        """A new session got its title: show it, even where the backend keeps none."""
        async with self:
            self._titles[session_id] = title
        await self._load(reset=True)

    @rx.event(background=True)
    async def set_filter(self, value: str):
        """Match the loaded chats at once, then walk the rest of the list for more."""
        needle = value.strip().lower()
        async with self:
            self._search += 1
            search = self._search
            self.filter_text = value
            loaded = [*self.pinned, *self.sessions]
            page_token = self.next_page_token
            matched = [v for v in loaded if matches(v, needle)] if needle else []
            self.capped = len(matched) >= TITLE_MATCHES_MAX
            self.found = grouped(matched[:TITLE_MATCHES_MAX], utc_offset_min=self._utc_offset_min)
            self.searched = len(loaded) if needle else 0
            self.searching = bool(needle and page_token and not self.capped)
            offset, owner, capped = self._utc_offset_min, owner_of(self.router), self.capped
            token = self.router.session.client_token
        walk = bool(needle and page_token) and not capped
        shown = hits_shown(token) if walk else None
        yield SearchState.set_query(value)
        if shown is None:
            return
        # The index answers first (its hits are what the reader waits for); then the walk looks
        # for titles the index does not hold.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(shown.wait(), HITS_FIRST_S)
        backend, seen = get_backend(), {v.session_id for v in loaded}
        error = ""
        unreported, reported_at = 0, time.monotonic()  # pages read and not counted on the page yet
        try:
            while page_token:
                page = await session_page(backend, owner, SEARCH_PAGE_SIZE, page_token)
                hits = [v for v in (session_view(s) for s in page.items) if v.session_id not in seen and matches(v, needle)]
                seen.update(v.session_id for v in hits)
                unreported += len(page.items)
                async with self:
                    if self._search != search:
                        return  # cancelled, or the reader typed something else
                    if hits:
                        hits = hits[:TITLE_MATCHES_MAX - len(self.found)]
                        self.found = [*self.found, *grouped(hits, self.found[-1] if self.found else None, offset)]
                    if hits or time.monotonic() - reported_at >= PROGRESS_EVERY_S:
                        # Summaries kept by the worker come ten pages in a few milliseconds: a
                        # delta for each would compete with the search's own results.
                        self.searched, unreported, reported_at = self.searched + unreported, 0, time.monotonic()
                    if len(self.found) >= TITLE_MATCHES_MAX:
                        self.capped = True
                        return  # enough to choose from: more words narrow it
                if page.next_page_token == page_token:
                    break
                page_token = page.next_page_token
        except ChatAPIError as exc:
            error = msg("sessions.search_failed_detail", detail=str(exc))
        except Exception:
            log.exception("Searching the chat list failed")
            error = SEARCH_FAILED
        finally:  # whatever happened, this walk is over
            async with self:
                if self._search == search:
                    self.searching = False
                    self.searched += unreported
                    if error:
                        self.error = error

    @rx.event
    def cancel_search(self):
        """Stop walking the list; the matches found so far stay."""
        self._search += 1
        self.searching = False

    @rx.event
    def set_drawer(self, value: bool):
        self.drawer_open = value

    @rx.event
    def ask_delete(self, session_id: str, title: str):
        self.confirm_id = session_id
        self.confirm_title = title

    @rx.event
    def cancel_delete(self):
        self.confirm_id = ""
        self.confirm_title = ""

    @rx.event
    def set_confirm_open(self, value: bool):
        if not value:
            self.confirm_id = ""
            self.confirm_title = ""

    @rx.event(background=True)
    async def confirm_delete(self):
        async with self:
            session_id = self.confirm_id
            if not session_id or self.deleting:
                return
            self.deleting = True
            owner = owner_of(self.router)
            lang = await lang_of(self)
        # Whatever happens below, ``deleting`` ends: while it is set, the dialog stays busy.
        busy, error, was_open = True, DELETE_FAILED, False
        try:
            try:
                # Another browser's session is left alone, and the reply is the one for a missing session.
                if await can_open(owner, session_id):
                    await get_backend().delete_session(session_id)
                    await forget(owner, session_id)
            except NotFoundError:
                await forget(owner, session_id)  # already gone: the list catches up below
            async with self:
                self.sessions = grouped([s for s in self.sessions if s.session_id != session_id], utc_offset_min=self._utc_offset_min)
                if any(s.session_id == session_id for s in self.found):
                    self.found = grouped([s for s in self.found if s.session_id != session_id], utc_offset_min=self._utc_offset_min)
                self.deleting = busy = False
                self.confirm_id = ""
                self.confirm_title = ""
                chat = await self.get_state(ChatState)
                was_open = chat.current_id == session_id
        except ChatAPIError as exc:
            error = msg("sessions.delete_failed_detail", detail=str(exc))
        except Exception:
            log.exception("Deleting session %s failed", session_id)
        finally:
            if busy:
                async with self:
                    self.deleting = False
                    self.confirm_id = ""
        if busy:
            yield toast(lang, "error", error)
            return
        yield toast(lang, "success", msg("sessions.deleted"))
        if was_open:
            yield rx.redirect(NEW_CHAT)

    # ------------------------------------------------------------------ rename, pin, bulk delete

    def _each(self, session_id: str):
        for view in (*self.pinned, *self.sessions, *self.found):
            if view.session_id == session_id:
                yield view

    @rx.event
    def start_rename(self, session_id: str, where: str = "sidebar"):
        self.renaming_id, self.renaming_in = session_id, where

    @rx.event
    def cancel_rename(self):
        self.renaming_id = self.renaming_in = ""

    @rx.event
    def rename_key(self, key: str):
        """The inline name box: Escape cancels (Enter submits its form, which saves)."""
        if key == "Escape":
            self.renaming_id = self.renaming_in = ""

    @rx.event
    def submit_rename(self, form: dict):
        return SessionsState.save_rename(str(form.get("session_id", "")), str(form.get("name", "")))

    @rx.event(background=True)
    async def save_rename(self, session_id: str, value: str):
        """Keep the name for its owner; "" brings back the generated title; over 200 characters refused."""
        async with self:
            owner = owner_of(self.router)
            lang = await lang_of(self)
        if not await can_open(owner, session_id) or not owner:
            yield toast(lang, "error", NOT_FOUND)
            return
        try:
            name = await names.rename(owner, session_id, value)
            opening.forget(session_id)  # a copy read for its page holds the old name
        except NameTooLong:
            yield toast(lang, "error", msg("sessions.name_too_long", count=MAX_NAME))
            return
        except Exception:
            log.exception("Renaming session %s failed", session_id)
            yield toast(lang, "error", RENAME_FAILED)
            return
        async with self:
            self.renaming_id = self.renaming_in = ""
            shown = ""
            for view in self._each(session_id):
                view.generated = view.generated or view.title
                view.title = shown = name or view.generated
            self.pinned, self.sessions, self.found = list(self.pinned), list(self.sessions), list(self.found)
            chat = await self.get_state(ChatState)
            if chat.current_id == session_id:
                chat.title = shown = name or (shown if shown else chat.title)
                chat._titled = True
            here = chat.current_id == session_id
        if here:
            yield rx.call_script(page_title_script(shown, lang))
        yield toast(lang, "success", msg("sessions.renamed" if name else "sessions.title_restored"), duration=2000)

    @rx.event(background=True)
    async def toggle_pin(self, session_id: str, pinned: bool):
        """Pin (above the date groups, in pin order) or unpin the owner's chat."""
        async with self:
            owner = owner_of(self.router)
            lang = await lang_of(self)
        if not owner or not await can_open(owner, session_id):
            yield toast(lang, "error", NOT_FOUND)
            return
        try:
            await names.pin(owner, session_id, pinned)
        except Exception:
            log.exception("Pinning session %s failed", session_id)
            yield toast(lang, "error", PIN_FAILED)
            return
        await self._load(reset=True)

    @rx.event
    def toggle_selected(self, session_id: str, checked: bool):
        chosen = [s for s in self.selected if s != session_id]
        self.selected = [*chosen, session_id] if checked else chosen

    @rx.event
    def clear_selected(self):
        self.selected = []

    @rx.event
    def ask_delete_selected(self):
        self.confirm_count = len(self.selected)

    @rx.event
    def set_bulk_confirm_open(self, value: bool):
        if not value:
            self.confirm_count = 0

    @rx.event(background=True)
    async def confirm_delete_selected(self):
        """Delete each checked chat the owner owns; others are left alone and said to be missing."""
        async with self:
            chosen = list(self.selected)
            if not chosen or self.deleting:
                return
            self.deleting = True
            owner = owner_of(self.router)
            lang = await lang_of(self)
        deleted: list[str] = []
        failed = 0
        for session_id in chosen:
            try:
                if await can_open(owner, session_id):
                    await get_backend().delete_session(session_id)
                    await forget(owner, session_id)
                    deleted.append(session_id)
                else:
                    failed += 1
            except NotFoundError:
                await forget(owner, session_id)
                deleted.append(session_id)
            except Exception:
                log.exception("Deleting session %s failed", session_id)
                failed += 1
        gone = set(deleted)
        async with self:
            offset = self._utc_offset_min
            self.sessions = grouped([s for s in self.sessions if s.session_id not in gone], utc_offset_min=offset)
            self.found = grouped([s for s in self.found if s.session_id not in gone], utc_offset_min=offset)
            self.pinned = [s for s in self.pinned if s.session_id not in gone]
            self.selected = [s for s in self.selected if s not in gone]
            self.deleting = False
            self.confirm_count = 0
            chat = await self.get_state(ChatState)
            was_open = chat.current_id in gone
        n = len(deleted)
        if n:
            yield toast(lang, "success", msg("sessions.bulk_deleted", count=n))
        if failed:
            yield toast(lang, "error", msg("sessions.bulk_failed", count=failed))
        if was_open:
            yield rx.redirect(NEW_CHAT)
