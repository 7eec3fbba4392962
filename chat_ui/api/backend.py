"""What the UI needs from a chat backend. LlamaCloud and deepset both implement it, so the
state and components never change with the backend."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from chat_ui.api.activity import StreamActivity
from chat_ui.api.models import DirectoryFile, Event, ImageAttachment, Index, PresignedUrl, SessionDetail, SessionPage, SessionSummary


@dataclass(frozen=True)
class Capabilities:
    """Features a backend has; the UI hides what is absent instead of showing it broken."""

    name: str = "LlamaCloud"
    thinking: bool = True
    screenshots: bool = True
    index_binding: bool = True
    usage: bool = True
    delete: bool = True
    delete_unavailable_reason: str = ""
    # Passages name their file by id only, and the directories endpoint names it
    # (:meth:`ChatBackend.get_directory_file`); a backend whose passages carry names has none.
    file_names: bool = True


@runtime_checkable
class ChatBackend(Protocol):
    capabilities: Capabilities

    async def list_sessions(self, *, page_size: int = 20, page_token: str | None = None) -> SessionPage: ...

    async def create_session(self, index_ids: list[str] | None = None) -> SessionSummary: ...

    async def get_session(self, session_id: str) -> SessionDetail: ...

    async def get_summary(self, session_id: str) -> SessionSummary: ...

    async def delete_session(self, session_id: str) -> None: ...

    async def list_indexes(self) -> list[Index]: ...

    async def get_index(self, index_id: str) -> Index:
        """One index with its sync state (``sync_in_progress``), which listing leaves out."""
        ...

    async def get_directory_file(self, directory_id: str, file_id: str) -> DirectoryFile: ...

    async def resolve_attachment(self, attachment: ImageAttachment) -> PresignedUrl: ...

    def stream_turn(
        self, session_id: str, prompt: str, index_ids: list[str], *, activity: StreamActivity | None = None
    ) -> AsyncIterator[Event]:
        """Yield the turn's events; ends after ``stop``. Raises ChatAPIError before the first event
        on an HTTP error and StreamInterrupted if the stream ends without ``stop``. ``activity``
        is told of every byte received, so a caller can tell a silent upstream from a busy one."""
        ...

    async def aclose(self) -> None: ...
