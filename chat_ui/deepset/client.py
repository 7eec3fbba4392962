"""deepset Cloud as a :class:`ChatBackend`: search sessions are the chats, ``chat-stream``
answers a turn, search history replays a chat. Everything the UI sees is the same typed events
and session models the LlamaCloud client gives; what deepset lacks is switched off in
:attr:`DeepsetClient.capabilities` so the UI hides it instead of showing it broken."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import aclosing
from functools import partial
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ConfigDict, Field

from chat_ui.api.activity import StreamActivity
from chat_ui.api.backend import Capabilities
from chat_ui.api.client import DEFAULT_STREAM_TIMEOUT, DEFAULT_TIMEOUT
from chat_ui.api.http import HttpClient
from chat_ui.api.errors import APIStatusError, ChatAPIError, NotFoundError, StreamInterrupted
from chat_ui.api.models import (
    DirectoryFile,
    Event,
    ImageAttachment,
    Index,
    PresignedUrl,
    SessionDetail,
    SessionPage,
    SessionSummary,
    Stop,
)
from chat_ui.api.replies import UnexpectedReply, json_or_none, parse_reply, request_line
from chat_ui.api.retry import RetryPolicy
from chat_ui.api.sse import EARLY_END, iter_json_frames
from chat_ui.deepset.config import DEFAULT_BASE_URL, DeepsetSettings
from chat_ui.deepset.errors import deepset_status_error
from chat_ui.deepset.history import history_events, history_query, history_time, now_iso, session_summary, title_from
from chat_ui.deepset.translate import DeepsetTranslator
from chat_ui.i18n.message import msg

DELETE_UNAVAILABLE = "deepset Cloud does not let clients delete chat sessions."
NO_SCREENSHOTS = "deepset Cloud has no page screenshots."
NO_INDEXES = "deepset Cloud has no indexes to choose: the pipeline decides what it searches."
NO_DIRECTORIES = "deepset Cloud names each document's file itself; it has no directories to ask."
MAX_PAGE = 100  # deepset's documented maximum ``limit``
MAX_HISTORY_PAGES = 50  # a guard against a server that ignores both cursors


class _Page(BaseModel):
    """deepset's list envelope."""

    model_config = ConfigDict(extra="allow")
    data: list[dict[str, Any]] = Field(default_factory=list)
    has_more: bool = False
    total: int | None = None


class _Created(BaseModel):
    model_config = ConfigDict(extra="allow")
    search_session_id: str | None = None
    id: str | None = None


class DeepsetClient(HttpClient):
    """deepset Cloud's chat pipelines behind the same backend protocol as LlamaCloud."""

    capabilities: Capabilities = Capabilities(
        name="deepset Cloud",
        thinking=True,  # reasoning frames, when the pipeline's model reasons
        screenshots=False,
        index_binding=False,
        usage=False,
        delete=False,
        delete_unavailable_reason=DELETE_UNAVAILABLE,
        file_names=False,  # its documents carry their file's name
    )

    def __init__(
        self,
        api_key: str,
        workspace: str,
        pipeline: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        max_retries: int = 3,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        stream_timeout: httpx.Timeout | float = DEFAULT_STREAM_TIMEOUT,
        retry_policy: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            base_url, headers={"Authorization": f"Bearer {api_key}"}, params=None, max_retries=max_retries,
            timeout=timeout, stream_timeout=stream_timeout, retry_policy=retry_policy, transport=transport,
            to_error=deepset_status_error,
        )
        self.workspace = workspace
        self.pipeline = pipeline
        self._ws = f"/workspaces/{quote(workspace, safe='')}"
        self._pipe = f"{self._ws}/pipelines/{quote(pipeline, safe='')}"
        self._pipeline_id: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> DeepsetClient:
        """Raises :class:`~chat_ui.deepset.config.ConfigurationError` naming what is missing."""
        s = DeepsetSettings.from_env(environ)
        return cls(s.api_key, s.workspace, s.pipeline, s.base_url, **kwargs)

    def __repr__(self) -> str:  # never show headers: they hold the key
        return f"DeepsetClient(base_url={self.base_url!r}, workspace={self.workspace!r}, pipeline={self.pipeline!r})"

    # ------------------------------------------------------------------ sessions

    async def create_session(self, index_ids: list[str] | None = None) -> SessionSummary:
        """A new search session. deepset's spec gives this POST no body (the session meets its
        pipeline at the first ``chat-stream``) and answers 201; any 2xx is accepted."""
        response = await self._request("POST", f"{self._ws}/search_sessions")
        created = parse_reply(_Created, response)
        session_id = created.search_session_id or created.id
        if not session_id:
            raise UnexpectedReply(
                msg("api.unexpected_shape", detail="search_session_id: missing", request=request_line(response)),
                status_code=response.status_code,
                body=response.text[:2000],
            )
        updated = (created.model_extra or {}).get("created_at")
        return SessionSummary(session_id=session_id, last_updated_at=updated if isinstance(updated, str) else now_iso())

    async def list_sessions(self, *, page_size: int = 20, page_token: str | None = None) -> SessionPage:
        """One page; ``page_token`` is deepset's page number (from 1) as a string."""
        page_number = _page_number(page_token)
        params = {"limit": max(1, min(page_size, MAX_PAGE)), "page_number": page_number}
        page = _parse_page(await self._request("GET", f"{self._ws}/search_sessions", params=params))
        if self._pipeline_id is None and any(_pipeline_of(i)[0] is None and _pipeline_of(i)[1] for i in page.data):
            await self._resolve_pipeline_id()  # only an item naming its pipeline by id alone needs ours
        items = [s for item in page.data if self._is_ours(item) and (s := session_summary(item)) is not None]
        return SessionPage(items=items, next_page_token=str(page_number + 1) if page.has_more else None)

    async def get_session(self, session_id: str) -> SessionDetail:
        items = await self._history(session_id)
        events = [e.model_dump(mode="json") for item in items for e in history_events(item)]
        first = next((q for item in items if (q := history_query(item))), None)
        last_time = next((t for item in reversed(items) if (t := history_time(item))), None)
        return SessionDetail(
            session_id=session_id, last_updated_at=last_time or now_iso(), generated_title=title_from(first), events=events
        )

    async def get_summary(self, session_id: str) -> SessionSummary:
        detail = await self.get_session(session_id)
        return SessionSummary.model_validate(detail.model_dump(exclude={"events"}))

    async def delete_session(self, session_id: str) -> None:
        raise ChatAPIError(DELETE_UNAVAILABLE)

    # ------------------------------------------------------------------ absent features

    async def list_indexes(self) -> list[Index]:
        return []  # the pipeline decides what it searches

    async def get_index(self, index_id: str) -> Index:
        raise NotFoundError(NO_INDEXES, status_code=404)

    async def get_directory_file(self, directory_id: str, file_id: str) -> DirectoryFile:
        raise NotFoundError(NO_DIRECTORIES, status_code=404)

    async def resolve_attachment(self, attachment: ImageAttachment) -> PresignedUrl:
        raise ChatAPIError(NO_SCREENSHOTS)

    # ------------------------------------------------------------------ streaming

    async def stream_turn(
        self, session_id: str, prompt: str, index_ids: list[str], *, activity: StreamActivity | None = None
    ) -> AsyncIterator[Event]:
        """Never retried: a repeated POST would run the turn twice. HTTP errors raise before the
        first event; an early end raises StreamInterrupted after everything received."""
        body = {
            "query": prompt,
            "search_session_id": session_id,
            "include_result": True,
            "include_tool_calls": True,
            "include_tool_call_results": True,
            "include_reasoning": True,  # reasoning frames become a thinking card
        }
        to_error = partial(deepset_status_error, pipeline=self.pipeline)
        async with self._open_stream(f"{self._pipe}/chat-stream", json=body, to_error=to_error, activity=activity) as response:
            translator = DeepsetTranslator(query=prompt)
            async with aclosing(iter_json_frames(response)) as frames:
                async for frame in frames:
                    if frame.done:  # an explicit end marker: a complete turn, not an interruption
                        for event in [*translator.finish(), Stop()]:
                            yield event
                        return
                    for event in translator.feed(frame.data, frame.event):
                        yield event
                    if translator.finished:
                        return
            for event in translator.finish():
                yield event
            raise StreamInterrupted(EARLY_END)

    # ------------------------------------------------------------------ plumbing

    async def _resolve_pipeline_id(self) -> str | None:
        if self._pipeline_id is None:
            response = await self._request("GET", self._pipe, pipeline=True)
            data = json_or_none(response)
            value = (data.get("pipeline_id") or data.get("id")) if isinstance(data, dict) else None
            self._pipeline_id = str(value) if value else ""
        return self._pipeline_id or None

    def _is_ours(self, item: dict[str, Any]) -> bool:
        """Sessions of other pipelines share the workspace list; keep only this pipeline's
        when the item says which pipeline it belongs to."""
        name, pipeline_id = _pipeline_of(item)
        if name:
            return name == self.pipeline
        if pipeline_id and self._pipeline_id:
            return pipeline_id == self._pipeline_id
        return True

    async def _history(self, session_id: str) -> list[dict[str, Any]]:
        """Every stored turn of a session, oldest first, across pages.

        deepset's own client pages with ``after=<time of the last item>``; the published spec
        has ``page_number`` (and an ``after`` that takes an id). So the time cursor is tried
        first, and ``page_number`` takes over when an item has no time, the server rejects the
        cursor, or it ignores it (a page of items already seen)."""
        items: list[dict[str, Any]] = []
        seen: set[str] = set()
        escaped = session_id.replace("'", "''")  # OData string literal
        base = {"filter": f"search_session_id eq '{escaped}'", "field": "created_at", "order": "ASC", "limit": MAX_PAGE}
        cursor: dict[str, Any] = {}
        pages = 0  # pages that brought new items: where page_number paging goes on from
        for _ in range(MAX_HISTORY_PAGES):
            try:
                response = await self._request("GET", f"{self._ws}/search_history", params={**base, **cursor})
            except APIStatusError as exc:
                if "after" not in cursor or exc.status_code not in (400, 422):
                    raise
                cursor = {"page_number": pages + 1}
                continue
            page = _parse_page(response)
            fresh = [i for i in page.data if _item_key(i) not in seen]
            if not fresh and page.data and "after" in cursor:
                cursor = {"page_number": pages + 1}  # the cursor was ignored: page by number
                continue
            seen.update(_item_key(i) for i in fresh)
            items.extend(fresh)
            pages += 1
            if not page.has_more or not fresh:
                break
            last_time = history_time(fresh[-1])
            cursor = {"after": last_time} if last_time and "page_number" not in cursor else {"page_number": pages + 1}
        return items

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        pipeline: bool = False,
    ) -> httpx.Response:
        """``pipeline``: a reply about the pipeline itself names it in the error."""
        to_error = partial(deepset_status_error, pipeline=self.pipeline if pipeline else None)
        return await self._send(method, path, json=json, params=params, to_error=to_error)


def _parse_page(response: httpx.Response) -> _Page:
    if isinstance(json_or_none(response), list):  # tolerate an unwrapped list
        return _Page(data=[i for i in response.json() if isinstance(i, dict)])
    return parse_reply(_Page, response)


def _pipeline_of(item: dict[str, Any]) -> tuple[str | None, str | None]:
    """The pipeline a session list item names, as (name, id); the item shape is unpublished."""
    pipeline = item.get("pipeline") if isinstance(item.get("pipeline"), dict) else {}
    name = item.get("pipeline_name") or pipeline.get("name")
    pipeline_id = item.get("pipeline_id") or pipeline.get("pipeline_id") or pipeline.get("id")
    return (name if isinstance(name, str) and name else None), (str(pipeline_id) if pipeline_id else None)


def _page_number(token: str | None) -> int:
    try:
        return max(1, int(token)) if token else 1
    except ValueError:
        return 1


def _item_key(item: dict[str, Any]) -> str:
    key = item.get("search_history_id") or item.get("query_id") or item.get("id")
    return str(key) if key else repr(sorted(item.items(), key=lambda kv: kv[0]))


__all__ = ["DeepsetClient", "DELETE_UNAVAILABLE", "NO_SCREENSHOTS"]
