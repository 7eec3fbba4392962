"""The open conversation: its finished history, its indexes, its title and totals.

The history var changes only when a session opens; turns finished during this visit and the
turn being streamed live in :mod:`chat_ui.state.live`, so neither a flush nor a new prompt
resends the loaded history.
"""

from __future__ import annotations

import json
from typing import Any

import reflex as rx

from chat_ui import transcript as t
from chat_ui.api.backend import Capabilities
from chat_ui.api.errors import ChatAPIError, NotFoundError
from chat_ui.backends import get_backend
from chat_ui.views import IndexView, TurnView, duration_text, raw_results, turn_view

PROMPT_LIMIT = 1000
APP_NAME = "chat_ui"


def page_title_script(title: str) -> str:
    return f"document.title = {json.dumps(f'{title} · {APP_NAME}' if title else APP_NAME)}"


def session_id_from_path(path: str) -> str:
    """``/chat/ses-123`` → ``ses-123`` (the route's only dynamic part)."""
    parts = [p for p in path.split("/") if p]
    return parts[1] if len(parts) >= 2 and parts[0] == "chat" else ""


class ChatState(rx.State):
    turns: list[TurnView] = []
    current_id: str = ""
    title: str = ""
    load_error: str = ""
    loading: bool = False

    indexes: list[IndexView] = []
    indexes_loaded: bool = False
    indexes_error: str = ""
    selected_index_ids: list[str] = []
    bind_indexes: bool = True
    bound_index_ids: list[str] = []
    has_messages: bool = False

    _results: dict[str, Any] = {}  # raw tool results of the history, by block key

    total_input_tokens: int = 0
    total_output_tokens: int = 0
    total_duration_ms: float = 0.0

    capabilities: Capabilities = Capabilities()  # what the backend has; the UI hides the rest

    @rx.var
    def index_locked(self) -> bool:
        """A bound session's indexes are fixed once its first message is sent."""
        return bool(self.bound_index_ids) and self.has_messages

    @rx.var
    def totals_text(self) -> str:
        if not (self.total_input_tokens or self.total_output_tokens):
            return ""
        text = f"{self.total_input_tokens:,} in · {self.total_output_tokens:,} out"
        return f"{text} · {duration_text(self.total_duration_ms)}" if self.total_duration_ms else text

    @rx.var
    def index_names(self) -> dict[str, str]:
        return {i.id: i.name or i.id for i in self.indexes}

    # ------------------------------------------------------------------ page loads

    @rx.event
    async def open_new_chat(self):
        """``/``: a fresh chat; the session is created on the first send, not here."""
        from chat_ui.state.live import LiveState

        live = await self.get_state(LiveState)
        live.reset_turn()
        self.turns = []
        self._results = {}
        self.current_id = ""
        self.title = ""
        self.load_error = ""
        self.bound_index_ids = []
        self.has_messages = False
        self.bind_indexes = True
        self._reset_totals()
        yield rx.call_script(page_title_script(""))
        yield ChatState.load_indexes

    @rx.event
    async def open_session(self):
        """``/chat/[session_id]``: fold the stored events through the same reducer as a live turn."""
        from chat_ui.state.live import LiveState

        session_id = session_id_from_path(self.router.url.path)
        live = await self.get_state(LiveState)
        if live.streaming and self.current_id == session_id:
            return  # our own stream just created this session: keep showing it
        live.reset_turn()
        self.turns = []
        self.current_id = session_id
        self.load_error = ""
        self.loading = True
        self._reset_totals()
        yield
        try:
            detail = await get_backend().get_session(session_id)
        except NotFoundError:
            self.load_error = "This chat does not exist any more. It may have been deleted."
            self.loading = False
            return
        except ChatAPIError as exc:
            self.load_error = f"Could not open this chat: {exc}"
            self.loading = False
            return
        transcript = t.fold_stored(detail.typed_events())
        self.turns = [turn_view(turn, f"h{i}") for i, turn in enumerate(transcript)]
        self._results = {k: v for i, turn in enumerate(transcript) for k, v in raw_results(turn, f"h{i}").items()}
        self.title = detail.generated_title or (transcript[0].prompt[:60] if transcript else "New chat")
        self.bound_index_ids = list(detail.index_ids or [])
        self.has_messages = bool(transcript)
        if self.bound_index_ids:
            self.selected_index_ids = list(self.bound_index_ids)
        for view in self.turns:
            self._add_totals(view)
        self.loading = False
        yield rx.call_script(page_title_script(self.title))
        yield ChatState.load_indexes

    @rx.event
    def leave_chat(self):
        """``/history``: no chat is open, so none is highlighted and deleting one does not redirect."""
        self.current_id = ""

    @rx.event
    async def load_indexes(self):
        backend = get_backend()
        caps = backend.capabilities
        if caps != self.capabilities:
            self.capabilities = caps
        if not caps.index_binding or self.indexes_loaded:
            self.indexes_loaded = True
            return
        try:
            found = await backend.list_indexes()
        except ChatAPIError as exc:
            self.indexes_error = f"Could not list indexes: {exc}"
            return
        self.indexes_loaded = True
        self.indexes_error = ""
        self.indexes = [IndexView(id=i.id, name=i.name or i.id, description=i.description or "") for i in found]
        if not self.selected_index_ids and not self.bound_index_ids:
            self.selected_index_ids = [i.id for i in self.indexes]

    # ------------------------------------------------------------------ index picker

    @rx.event
    def toggle_index(self, index_id: str):
        if self.index_locked:
            return
        if index_id in self.selected_index_ids:
            self.selected_index_ids = [i for i in self.selected_index_ids if i != index_id]
        else:
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
        if not self.selected_index_ids:
            return [], "Pick at least one index to search."
        return list(self.selected_index_ids), ""

    # ------------------------------------------------------------------ turn boundaries

    def keep_results(self, results: dict[str, Any]) -> None:
        """A finished turn's raw tool results stay reachable (server-side only: nothing is sent)."""
        self._results = {**self._results, **results}

    def _add_totals(self, view: TurnView) -> None:
        self.total_input_tokens += view.input_tokens
        self.total_output_tokens += view.output_tokens
        self.total_duration_ms += view.duration_ms

    def _reset_totals(self) -> None:
        self.total_input_tokens = 0
        self.total_output_tokens = 0
        self.total_duration_ms = 0.0
