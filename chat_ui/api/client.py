"""Async client for the LlamaCloud chat API (and the embedded local stand-in, which speaks the
same API). Every reply is validated, every failure is a typed :class:`ChatAPIError` with a
readable message, so the UI never has to know about httpx or pydantic."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter

from chat_ui.i18n.message import msg
from chat_ui.api.activity import StreamActivity
from chat_ui.api.backend import Capabilities
from chat_ui.api.config import DEFAULT_BASE_URL, ClientSettings
from chat_ui.api.http import HttpClient
from chat_ui.api.errors import BadRequestError, ChatAPIError, NotFoundError
from chat_ui.api.models import (
    DirectoryFile,
    Event,
    ImageAttachment,
    Index,
    IndexPage,
    PresignedUrl,
    SessionDetail,
    SessionPage,
    SessionSummary,
)
from chat_ui.api.replies import UnexpectedReply, json_or_none, parse_reply
from chat_ui.api.retry import RetryPolicy
from chat_ui.api.sse import iter_events

MAX_INDEXES_PER_SESSION = 10
SESSION_GONE = msg("turn.session_gone")  # a kept message: shown in the reader's language
# Plain calls answer quickly; a turn can sit silent while the agent thinks or runs tools.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_STREAM_TIMEOUT = httpx.Timeout(300.0, connect=5.0)

_index_list = TypeAdapter(list[Index])


class LlamaCloudClient(HttpClient):
    """The LlamaCloud chat API (and the embedded stand-in, which speaks it too)."""

    capabilities: Capabilities = Capabilities()

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        *,
        project_id: str | None = None,
        organization_id: str | None = None,
        max_retries: int = 3,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        stream_timeout: httpx.Timeout | float = DEFAULT_STREAM_TIMEOUT,
        retry_policy: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        require_all_indexes: bool = False,
    ) -> None:
        # Sent with every turn: fail it when an index cannot be searched, instead of answering
        # from the rest (the stop's ``skipped_index_ids`` names them either way).
        self.require_all_indexes = require_all_indexes
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # The real API scopes every call to a project/organisation through the query string.
        params = {k: v for k, v in (("project_id", project_id), ("organization_id", organization_id)) if v}
        super().__init__(
            base_url, headers=headers, params=params, max_retries=max_retries, timeout=timeout,
            stream_timeout=stream_timeout, retry_policy=retry_policy, transport=transport,
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> LlamaCloudClient:
        s = ClientSettings.from_env(environ)
        kwargs.setdefault("require_all_indexes", s.require_all_indexes)
        return cls(
            s.api_key, s.base_url, project_id=s.project_id, organization_id=s.organization_id, **kwargs
        )

    def __repr__(self) -> str:  # never show headers: they hold the key
        return f"LlamaCloudClient(base_url={self.base_url!r})"

    # ------------------------------------------------------------------ sessions

    async def create_session(self, index_ids: list[str] | None = None) -> SessionSummary:
        if index_ids is not None and len(index_ids) > MAX_INDEXES_PER_SESSION:
            # Fail before the call: the server's 422 would say "List should have at most 10 items".
            raise BadRequestError(msg("api.too_many_indexes", max=MAX_INDEXES_PER_SESSION, count=len(index_ids)))
        response = await self._send("POST", "/api/v1/chat", json={"index_ids": index_ids})
        return parse_reply(SessionSummary, response)

    async def list_sessions(self, *, page_size: int = 20, page_token: str | None = None) -> SessionPage:
        params: dict[str, Any] = {"page_size": page_size}
        if page_token:
            params["page_token"] = page_token
        return parse_reply(SessionPage, await self._send("GET", "/api/v1/chat", params=params))

    async def iter_sessions(self, *, page_size: int = 20) -> AsyncIterator[SessionSummary]:
        """Every session across all pages, fetched lazily one page at a time."""
        token: str | None = None
        while True:
            page = await self.list_sessions(page_size=page_size, page_token=token)
            for item in page.items:
                yield item
            if not page.next_page_token or page.next_page_token == token:
                return
            token = page.next_page_token

    async def get_session(self, session_id: str) -> SessionDetail:
        return parse_reply(SessionDetail, await self._send("GET", _session_path(session_id)))

    async def get_summary(self, session_id: str) -> SessionSummary:
        return parse_reply(SessionSummary, await self._send("GET", f"{_session_path(session_id)}/summary"))

    async def delete_session(self, session_id: str) -> None:
        await self._send("DELETE", _session_path(session_id), headers={"Accept": "*/*"})

    # ------------------------------------------------------------------ indexes, attachments

    async def list_indexes(self) -> list[Index]:
        indexes: list[Index] = []
        token: str | None = None
        while True:
            params = {"page_token": token} if token else None
            response = await self._send("GET", "/api/v1/indexes", params=params)
            if isinstance(json_or_none(response), list):  # tolerate an unpaginated list
                return indexes + parse_reply(_index_list, response)
            page = parse_reply(IndexPage, response)
            indexes.extend(page.items)
            if not page.next_page_token or page.next_page_token == token:
                return indexes
            token = page.next_page_token

    async def get_index(self, index_id: str) -> Index:
        """One index with its sync state, which only this call reports (``expand``)."""
        path = f"/api/v1/indexes/{quote(index_id, safe='')}"
        return parse_reply(Index, await self._send("GET", path, params={"expand": "sync_in_progress"}))

    async def get_directory_file(self, directory_id: str, file_id: str) -> DirectoryFile:
        path = f"/api/v1/beta/directories/{quote(directory_id, safe='')}/files/{quote(file_id, safe='')}"
        return parse_reply(DirectoryFile, await self._send("GET", path))

    async def resolve_attachment(self, attachment: ImageAttachment) -> PresignedUrl:
        # The name is a relative path ("screenshots/page_7.jpg") but one path segment on the wire.
        path = f"/api/v1/beta/attachments/{quote(attachment.attachment_name, safe='')}"
        response = await self._send("GET", path, params={"source_id": attachment.source_id})
        return parse_reply(PresignedUrl, response)

    # ------------------------------------------------------------------ streaming

    async def stream_turn(
        self, session_id: str, prompt: str, index_ids: list[str], *, activity: StreamActivity | None = None
    ) -> AsyncIterator[Event]:
        """Never retried: a repeated POST would run the turn twice. HTTP errors raise before the
        first event; an early end raises StreamInterrupted after everything received."""
        body: dict[str, Any] = {"index_ids": list(index_ids), "prompt": prompt}
        if self.require_all_indexes:
            body["require_all_indexes"] = True
        path = f"{_session_path(session_id)}/messages/stream"
        try:
            async with self._open_stream(path, json=body, activity=activity) as response:
                async for event in iter_events(response):
                    yield event
        except NotFoundError as exc:
            # A 404 may name an index or the session; only the session's absence needs a new chat.
            if await self._session_gone(session_id):
                raise NotFoundError(SESSION_GONE, status_code=404, body=exc.body) from exc
            raise

    async def _session_gone(self, session_id: str) -> bool:
        try:
            await self.get_summary(session_id)
        except NotFoundError:
            return True
        except ChatAPIError:
            return False
        return False

    # ------------------------------------------------------------------ plumbing


def _session_path(session_id: str) -> str:
    return f"/api/v1/chat/{quote(session_id, safe='')}"


__all__ = ["LlamaCloudClient", "UnexpectedReply", "MAX_INDEXES_PER_SESSION"]
