"""Export a chat as a file. Another way to read a session, so it asks exactly what opening one
asks: a chat this browser does not own cannot be exported, and is not said to exist."""

from __future__ import annotations

import asyncio

import reflex as rx

from chat_ui.access.policy import NOT_FOUND, can_open, owner_of
from chat_ui.api.errors import ChatAPIError
from chat_ui.backends import get_backend
from chat_ui.export import FORMATS, export
from chat_ui.names import stored_names
from chat_ui.search.naming import named
from chat_ui.i18n.message import msg
from chat_ui.state.chat import ChatState
from chat_ui.state.lang import lang_of, toast


class ExportState(rx.State):
    @rx.event(background=True)
    async def export_chat(self, session_id: str, fmt: str):
        """``session_id``: "" for the chat on the page. The file is built outside the lock."""
        if fmt not in FORMATS:
            return
        async with self:
            owner = owner_of(self.router)
            lang = await lang_of(self)
            if not session_id:
                session_id = (await self.get_state(ChatState)).current_id
        if not await can_open(owner, session_id):
            yield toast(lang, "error", NOT_FOUND)
            return
        backend = get_backend()
        try:
            detail = await named(owner, await backend.get_session(session_id))
        except ChatAPIError as exc:
            yield toast(lang, "error", msg("export.failed", detail=str(exc)))
            return
        names = await stored_names(backend, detail)
        data, name, mime = await asyncio.to_thread(export, detail, fmt, names)  # a chat can be megabytes
        yield rx.download(data=data, filename=name, mime_type=mime)
