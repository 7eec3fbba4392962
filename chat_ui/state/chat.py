"""The open conversation: its finished history, its indexes, its title and totals.

The history var changes only when a session opens; turns finished during this visit and the
turn being streamed live in :mod:`chat_ui.state.live`, so neither a flush nor a new prompt
resends the loaded history.
"""

from __future__ import annotations

import json

import reflex as rx

from chat_ui.i18n import language_settings
from chat_ui.i18n.message import msg, render
from chat_ui.state.lang import lang_of
from chat_ui.access.policy import SIGNED_OUT, can_open, forget, owner_of
from chat_ui.access.visitor import visitor_of
from chat_ui.api.backend import Capabilities
from chat_ui.api.errors import ChatAPIError, NotFoundError
from chat_ui.backends import get_backend
from chat_ui.names import get_namer
from chat_ui import opening as chat_reads
from chat_ui.turns import get_hub
from chat_ui.turns.reconcile import split_history
from chat_ui.state import history as history_views
from chat_ui.views import IndexView, TurnView, derive_title, index_view

PROMPT_LIMIT = 1000
APP_NAME = "chat_ui"
NOT_FOUND_TITLE = msg("chat.not_found")
UNTITLED = msg("chat.new")  # a chat with no title yet; ChatState.title is shown through tr_msg
SYNCING = msg("chat.syncing")  # kept messages (chat_ui/i18n/message.py): shown in the reader's language
PICK_INDEX = msg("chat.pick_index")


def focus_turn(raw: str, turns: int) -> int:
    """The turn a search hit asked to open at (``?turn=N``), or -1 when none or out of range."""
    try:
        n = int(raw)
    except (TypeError, ValueError):
        return -1
    return n if 0 <= n < turns else -1


def focus_script(key: str) -> str:
    """Scroll the turn into view and mark it briefly (CSS ``.turn-found``), once it is rendered.
    The transcript's scroller (FollowScroll) takes the ``chatui-reveal`` event and stops following
    the bottom; anywhere else the turn is simply scrolled to."""
    el_id = json.dumps(f"turn-{key}")
    return ("(function f(n){const el=document.getElementById(" + el_id + ");"
            "if(!el){if(n<40)setTimeout(()=>f(n+1),50);return;}"
            "if(el.dispatchEvent(new CustomEvent('chatui-reveal',{bubbles:true,cancelable:true})))el.scrollIntoView({block:'start'});"
            "el.classList.add('turn-found');el.setAttribute('data-found','true');"
            "setTimeout(()=>{el.classList.remove('turn-found');el.removeAttribute('data-found');},2500);})(0)")


def page_title_script(title: str, lang: str = "") -> str:
    """Set the tab's title: a chat's own title as it is, a kept message (``NOT_FOUND_TITLE``) in ``lang``."""
    title = render(lang, title) if lang else render(language_settings().default, title)
    return f"document.title = {json.dumps(f'{title} · {APP_NAME}' if title else APP_NAME)}"


NEW_CHAT = "/chat"


def session_id_from_path(path: str) -> str:
    """``/chat/ses-123`` → ``ses-123`` (the route's only dynamic part); ``/chat`` → ``""``."""
    parts = [p for p in path.split("/") if p]
    return parts[1] if len(parts) >= 2 and parts[0] == "chat" else ""


class ChatState(rx.State):
    turns: list[TurnView] = []  # the finished turns on the page: the latest, and those scrolled up to
    earlier: int = 0  # stored turns above them, not loaded yet
    loading_earlier: bool = False
    current_id: str = ""
    title: str = ""
    load_error: str = ""
    not_found: bool = False  # missing, deleted, or another browser's: the page cannot tell which
    loading: bool = False

    indexes: list[IndexView] = []
    indexes_loaded: bool = False
    indexes_error: str = ""
    selected_index_ids: list[str] = []
    bind_indexes: bool = True
    bound_index_ids: list[str] = []
    has_messages: bool = False

    _opening: int = 0  # counts page opens, so a slow load never overwrites a later page
    _titled: bool = False  # the title is the backend's generated one, not the first message

    total_input_tokens: int = 0
    total_output_tokens: int = 0
    total_duration_ms: float = 0.0

    capabilities: Capabilities = Capabilities()  # what the backend has; the UI hides the rest

    @rx.var
    def index_locked(self) -> bool:
        """A bound session's indexes are fixed once its first message is sent."""
        return bool(self.bound_index_ids) and self.has_messages

    @rx.var
    def index_names(self) -> dict[str, str]:
        return {i.id: i.name or i.id for i in self.indexes}

    @rx.var
    def bound_syncing(self) -> str:
        """A chat locked to an index that is syncing again: its answers may miss what it holds."""
        syncing = [i.name for i in self.indexes if i.state == "syncing" and i.id in self.bound_index_ids]
        if not syncing:
            return ""
        return msg("index.bound_syncing_one" if len(syncing) == 1 else "index.bound_syncing_many", names=syncing)

    # ------------------------------------------------------------------ page loads
    # Background events: the lock is taken only to read inputs and assign results, never while
    # the backend is awaited, so a slow call never holds up the live turn's flushes.

    @rx.event(background=True)
    async def open_chat(self):
        """``/chat`` and ``/chat/<id>``: one route, so the page stays mounted when a new chat
        gets its address on the first send (a reconnect then reopens the right chat)."""
        async with self:
            # Read once, here: each later lock gives the router of whatever event came last, and an
            # event the page sent before it moved (from /chat) would make this chat look absent.
            session_id = session_id_from_path(self.router.url.path)
            wanted = self.router.url.query_parameters.get("turn", "")
            if visitor_of(self.router).signed_in:
                # Back from signing in again: the message kept under the composer said to sign in.
                from chat_ui.state.live import LiveState

                live = await self.get_state(LiveState)
                if live.send_error == SIGNED_OUT:
                    live.send_error = ""
        opening = open_session(self, session_id, wanted) if session_id else open_new_chat(self)
        async for update in opening:
            yield update

    @rx.event(background=True)
    async def show_earlier(self):
        """The reader scrolled up to the top of what is loaded: the window above it."""
        async with self:
            session_id, earlier = self.current_id, self.earlier
            if not session_id or earlier <= 0 or self.loading_earlier:
                return
            self.loading_earlier = True
        views = history_views.recall(session_id)
        if views is None:
            views = await _history_views(session_id)
        window, above = history_views.before(views or [], earlier)
        async with self:
            self.loading_earlier = False
            if self.current_id != session_id or self.earlier != earlier or not window:
                return
            self.turns = [*window, *self.turns]
            self.earlier = above

    @rx.event
    async def leave_chat(self):
        """``/history``: no chat is open, so none is highlighted and deleting one does not redirect."""
        from chat_ui.state.live import LiveState

        (await self.get_state(LiveState)).forget()
        self._opening += 1
        self.current_id = ""
        self.not_found = False

    @rx.event(background=True)
    async def load_indexes(self):
        backend = get_backend()
        caps = backend.capabilities
        async with self:
            if caps != self.capabilities:
                self.capabilities = caps
            if not caps.index_binding or self.indexes_loaded:
                self.indexes_loaded = True
                return
        try:
            found = await get_namer().catalog.listed_with_state(backend)
        except ChatAPIError as exc:
            async with self:
                self.indexes_error = msg("chat.indexes_failed", detail=str(exc))
            return
        async with self:
            self.indexes_loaded = True
            self.indexes_error = ""
            self.indexes = [index_view(i) for i in found]
            if not self.selected_index_ids and not self.bound_index_ids:
                self.selected_index_ids = [i.id for i in self.indexes if i.pickable]

    # ------------------------------------------------------------------ index picker

    @rx.event
    def toggle_index(self, index_id: str):
        if self.index_locked:
            return
        if index_id in self.selected_index_ids:
            self.selected_index_ids = [i for i in self.selected_index_ids if i != index_id]
        elif any(i.id == index_id and i.pickable for i in self.indexes):  # a syncing one is not, whatever the client sends
            self.selected_index_ids = [*self.selected_index_ids, index_id]

    @rx.event
    def set_bind_indexes(self, value: bool):
        if not self.current_id:
            self.bind_indexes = value

    def indexes_for_send(self) -> tuple[list[str], str]:
        """The indexes this message searches, or the reason it cannot be sent."""
        if not self.capabilities.index_binding:
            return [], ""
        if self.index_locked:
            return list(self.bound_index_ids), ""
        syncing = {i.id for i in self.indexes if not i.pickable}
        picked = [i for i in self.selected_index_ids if i not in syncing]
        if not picked:
            return [], SYNCING if self.selected_index_ids else PICK_INDEX
        return picked, ""

    def _show_not_found(self) -> None:
        """The not-found view; no session is current, so nothing of one can be sent or shown."""
        self.not_found = True
        self.current_id = ""
        self.loading = False
        self.turns = []
        self.earlier = 0
        self.title = ""
        self._titled = False
        self.bound_index_ids = []
        self.has_messages = False
        self.bind_indexes = True
        self._reset_totals()

    # ------------------------------------------------------------------ totals

    def _add_totals(self, view: TurnView) -> None:
        self.total_input_tokens += view.input_tokens
        self.total_output_tokens += view.output_tokens
        self.total_duration_ms += view.duration_ms

    def _reset_totals(self) -> None:
        self.total_input_tokens = 0
        self.total_output_tokens = 0
        self.total_duration_ms = 0.0


# ---------------------------------------------------------------------------- page loads


async def open_new_chat(self: ChatState):
    """A fresh chat; the session is created on the first send, not here. ``self`` is the
    background event's state proxy."""
    from chat_ui.state.live import LiveState

    async with self:
        (await self.get_state(LiveState)).forget()
        self._opening += 1
        self.turns = []
        self.earlier = 0
        self.current_id = ""
        self.title = ""
        self._titled = False
        self.load_error = ""
        self.not_found = False
        self.loading = False
        self.bound_index_ids = []
        self.has_messages = False
        self.bind_indexes = True
        self._reset_totals()
    yield rx.call_script(page_title_script(""))
    yield ChatState.load_indexes


async def open_session(self: ChatState, session_id: str, wanted_turn: str = ""):
    """The stored turns as history, folded by the same reducer as a live turn, and the turn
    running in the hub (if any) followed live from its start. A session this browser does not
    own shows exactly as one that does not exist. ``wanted_turn``: the address's ``?turn=``."""
    from chat_ui.state.live import LiveState

    async with self:
        owner = owner_of(self.router)
        lang = await lang_of(self)
    allowed = await can_open(owner, session_id)
    running = await get_hub().current(session_id) if allowed else None
    early = restart = ""  # the follower that shows the running turn while the session is read
    fresh = False  # this page just created the chat: nothing stored to show but the running turn
    async with self:
        live = await self.get_state(LiveState)
        shown = 0
        if allowed and session_id == self.current_id and not self.load_error and not self.not_found:
            # The same chat again (a reconnect, a reload, a new chat's address): keep it shown, down
            # to what the reader had scrolled up to, and keep its running turn live while the
            # session is read, however long that takes.
            shown = len(self.turns) + len(live.recent)
            shown_running = running is not None and running.running and live.turn.key == running.info.turn_id
            if shown_running and live.following_here(session_id):
                early = live._follower  # a navigation within the page: its follower goes on
                fresh = running.info.ordinal == 0 and not shown and not self.earlier
                if fresh:  # a new chat's own address: no history to read, the title comes after the turn
                    self.title = self.title or UNTITLED
            else:
                live.unfollow()
                if shown_running:
                    early = restart = live.start_following(session_id)
        else:
            live.forget()
            self.turns = []
            self.earlier = 0
            self.title = ""
            self.loading = allowed
            self._reset_totals()
        self.current_id = session_id
        self.load_error = ""
        self.not_found = False
        if not allowed:
            self._show_not_found()
        self._opening += 1
        opening = self._opening
        title = self.title
    if not allowed:
        yield rx.call_script(page_title_script(NOT_FOUND_TITLE, lang))
        return
    if fresh:
        yield rx.call_script(page_title_script(title, lang))
        return
    if restart:
        yield LiveState.follow(session_id, restart, "")
    try:
        read = await chat_reads.take(owner, session_id)  # begun by the page request, if it came here
        current = await get_hub().current(session_id)
    except ChatAPIError as exc:
        if isinstance(exc, NotFoundError):
            await forget(owner, session_id)  # deleted elsewhere: no longer listed either
        async with self:
            if self._opening == opening:
                self.loading = False
                if isinstance(exc, NotFoundError):
                    self._show_not_found()
                else:
                    self.load_error = msg("chat.open_failed", detail=str(exc))
        if isinstance(exc, NotFoundError):
            yield rx.call_script(page_title_script(NOT_FOUND_TITLE, lang))
        return
    detail = read.detail
    history, follow_current = split_history(read.stored, current)
    views = read.views(len(history))
    history_views.remember(session_id, views)
    async with self:
        if self._opening != opening:
            return  # another page was opened meanwhile
        live = await self.get_state(LiveState)
        focus = focus_turn(wanted_turn, len(views))
        window, earlier = history_views.latest(views, max(history_views.WINDOW, shown, len(views) - focus if focus >= 0 else 0))
        if window != self.turns:
            self.turns = window
        if earlier != self.earlier:
            self.earlier = earlier
        if live.recent:
            live.recent = []  # finished turns of this visit are stored history now
        followed = current.info.turn_id if follow_current and current else ""
        if live.turn.key and live.turn.key != followed:
            live.forget()
        self._reset_totals()
        for view in views:
            self._add_totals(view)
        self.title = detail.generated_title or (derive_title(history[0].prompt) if history else UNTITLED)
        self._titled = bool(detail.generated_title)
        self.bound_index_ids = list(detail.index_ids or [])
        self.has_messages = bool(history) or follow_current
        if self.bound_index_ids:
            self.selected_index_ids = list(self.bound_index_ids)
        self.loading = False
        # The early follower goes on if it follows what the history leaves live; else a new one.
        keep = early and live.following(session_id) and follow_current and current and current.info.turn_id == live.turn.key
        follower_id = "" if keep else live.start_following(session_id)
        title = self.title
    skip = current.info.turn_id if current and not follow_current else ""
    yield rx.call_script(page_title_script(title, lang))
    if focus >= 0:
        yield rx.call_script(focus_script(f"h{focus}"))
    if follower_id:
        yield LiveState.follow(session_id, follower_id, skip)
    yield ChatState.load_indexes


async def _history_views(session_id: str) -> list[TurnView] | None:
    """The history views again, for a worker that does not keep them (None if it cannot be read)."""
    try:
        read = await chat_reads.read("", session_id)  # the views only: no title is shown from here
    except ChatAPIError:
        return None
    history, _ = split_history(read.stored, await get_hub().current(session_id))
    views = read.views(len(history))
    history_views.remember(session_id, views)
    return views
