"""The session list behind the sidebar and the history page: cursor paging, a filter over the
loaded titles, and delete with confirmation. It lists this browser's own chats (or, with
``CHAT_UI_HISTORY=all``, the whole project's): see :mod:`chat_ui.access.policy`."""

from __future__ import annotations

import reflex as rx

from chat_ui.access.policy import can_open, forget, owner_of, session_page
from chat_ui.api.errors import ChatAPIError, NotFoundError
from chat_ui.backends import get_backend
from chat_ui.state.chat import NEW_CHAT, ChatState
from chat_ui.views import SessionView, relative_time, session_view

PAGE_SIZE = 20


def matches_filter(session) -> rx.Var:
    """The filter runs in the browser, so the list is sent once, not again as a filtered copy."""
    needle = SessionsState.filter_text.strip().lower()
    return (needle == "") | session.title.lower().contains(needle) | session.index_ids.lower().contains(needle)


class SessionsState(rx.State):
    sessions: list[SessionView] = []
    next_page_token: str = ""
    loading: bool = False
    loaded: bool = False
    error: str = ""
    filter_text: str = ""
    confirm_id: str = ""
    confirm_title: str = ""
    deleting: bool = False
    drawer_open: bool = False
    # Titles this tab derived for sessions whose backend stores none (deepset), kept across reloads of the list.
    _titles: dict[str, str] = {}

    @rx.var
    def has_more(self) -> bool:
        return bool(self.next_page_token)

    @rx.event(background=True)
    async def refresh(self):
        """Reload the first page (after a new session, a title, a delete)."""
        await self._load(reset=True)

    @rx.event(background=True)
    async def ensure_loaded(self):
        async with self:
            loaded = self.loaded
        if not loaded:
            await self._load(reset=True)

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
            owner = owner_of(self.router)
        try:
            page = await session_page(get_backend(), owner, PAGE_SIZE, page_token)
        except ChatAPIError as exc:
            async with self:
                self.error = f"Could not load your chats: {exc}"
                self.loading = False
            return
        views = [session_view(s) for s in page.items]
        async with self:
            for view, summary in zip(views, page.items):
                if not summary.generated_title and view.session_id in self._titles:
                    view.title = self._titles[view.session_id]
            if reset:
                self.sessions = views
            else:
                known = {s.session_id for s in self.sessions}
                self.sessions = [*self.sessions, *(v for v in views if v.session_id not in known)]
            self.next_page_token = page.next_page_token or ""
            self.error = ""
            self.loading = False
            self.loaded = True

    @rx.event(background=True)
    async def titled(self, session_id: str, title: str):
        """A new session got its title: show it, even where the backend keeps none."""
        async with self:
            self._titles[session_id] = title
        await self._load(reset=True)

    @rx.event
    def listed(self, session_id: str, title: str, updated_iso: str, index_ids: str):
        """A chat this tab just created goes on top of the list at once, with no backend call."""
        self._titles[session_id] = title
        if all(s.session_id != session_id for s in self.sessions):
            view = SessionView(session_id=session_id, title=title, updated=relative_time(updated_iso),
                               updated_iso=updated_iso, index_ids=index_ids)
            self.sessions = [view, *self.sessions]

    @rx.event
    def set_filter(self, value: str):
        self.filter_text = value

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
        try:
            # Another browser's session is left alone, and the reply is the one for a missing session.
            if await can_open(owner, session_id):
                await get_backend().delete_session(session_id)
                await forget(owner, session_id)
        except NotFoundError:
            await forget(owner, session_id)
            pass  # already gone: the list catches up below
        except ChatAPIError as exc:
            async with self:
                self.deleting = False
                self.confirm_id = ""
            yield rx.toast.error(f"Could not delete the chat: {exc}")
            return
        async with self:
            self.sessions = [s for s in self.sessions if s.session_id != session_id]
            self.deleting = False
            self.confirm_id = ""
            self.confirm_title = ""
            chat = await self.get_state(ChatState)
            was_open = chat.current_id == session_id
        yield rx.toast.success("Chat deleted")
        if was_open:
            yield rx.redirect(NEW_CHAT)
