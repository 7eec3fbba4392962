"""The official ``llama_cloud`` SDK (2.18+) against the local chat API: every response and every
streamed event must validate with the SDK's own models, so the stand-in really speaks the real API:
sessions, turns, screenshots, the directories endpoint that names a passage's file, skipped
indexes, a turn recovered after a crash, and index sync states."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from llama_cloud import LlamaCloud, NotFoundError, UnprocessableEntityError
from llama_cloud.types.chat_create_response import ChatCreateResponse
from llama_cloud.types.chat_get_summary_response import ChatGetSummaryResponse
from llama_cloud.types.chat_list_response import ChatListResponse
from llama_cloud.types.chat_retrieve_response import (
    ChatRetrieveResponse,
    EventStopEvent,
    EventTextDeltaEvent,
    EventTextEvent,
    EventThinkingDeltaEvent,
    EventThinkingEvent,
    EventToolCallEvent,
    EventToolResultEvent,
    EventUserInputEvent,
)
from llama_cloud.types.beta.directories.file_get_response import FileGetResponse
from llama_cloud.types.index_get_response import IndexGetResponse
from llama_cloud.types.index_list_response import IndexListResponse
from llama_cloud.types.presigned_url import PresignedURL
from llama_cloud.types.retrieval_retrieve_response import RetrievalRetrieveResponse

from chat_ui.local.app import create_app
from chat_ui.local.store import CUT_SHORT, Store
from tests.conftest import local_settings
from tests.support.servers import serve

REPORTS = "idx-quarterly-reports"
HANDBOOK = "idx-handbook"

# The SDK's Event union, by the ``type`` it discriminates on.
SDK_EVENTS: dict[str, type] = {
    "stop": EventStopEvent,
    "text_delta": EventTextDeltaEvent,
    "text": EventTextEvent,
    "thinking_delta": EventThinkingDeltaEvent,
    "thinking": EventThinkingEvent,
    "tool_call": EventToolCallEvent,
    "tool_result": EventToolResultEvent,
    "user_input": EventUserInputEvent,
}


def sdk_event(data: dict[str, Any]):
    """Validate (not construct) one event payload with the SDK's model for its type."""
    assert data.get("type") in SDK_EVENTS, data
    return SDK_EVENTS[data["type"]].model_validate(data, strict=False)


def sdk_client(url: str) -> LlamaCloud:
    return LlamaCloud(api_key="test", base_url=url, max_retries=0, timeout=10)


@pytest.fixture
def sdk(local_api: str) -> Iterator[LlamaCloud]:
    client = sdk_client(local_api)
    try:
        yield client
    finally:
        client.close()


def raw_json(response) -> Any:
    return json.loads(response.http_response.content)


def stream_events(sdk: LlamaCloud, session_id: str, **body) -> list[Any]:
    """A turn's events, each validated with the SDK's model."""
    with sdk.chat.with_streaming_response.stream(session_id, **body) as response:
        return [sdk_event(json.loads(line[5:])) for line in response.iter_lines() if line.startswith("data:")]


def titled(sdk: LlamaCloud, session_id: str) -> str | None:
    """The session's title, waited for: the service makes it once the first turn has ended."""
    for _ in range(100):
        title = sdk.chat.get_summary(session_id).generated_title
        if title:
            return title
        time.sleep(0.02)
    return None


def file_name(sdk: LlamaCloud, index_id: str, file_id: str) -> str:
    """A passage's file name, the way the app finds it: the index's output directory names it."""
    directory = sdk.indexes.get(index_id).output_directory_id
    raw = raw_json(sdk.beta.directories.files.with_raw_response.get(file_id, directory_id=directory))
    return FileGetResponse.model_validate(raw).display_name


def test_sessions_with_the_sdk(sdk: LlamaCloud) -> None:
    raw = sdk.chat.with_raw_response.create(index_ids=[REPORTS], project_id="00000000-0000-0000-0000-000000000001")
    assert raw.http_response.status_code == 201
    bound = ChatCreateResponse.model_validate(raw_json(raw))
    assert bound.index_ids == [REPORTS] and bound.shared_access in ("query", "read_only")

    unbound = sdk.chat.create()
    assert unbound.index_ids is None and unbound.session_id.startswith("ses-")

    listed = [s.session_id for s in sdk.chat.list(page_size=1)]  # auto-pages with next_page_token
    assert listed == [unbound.session_id, bound.session_id]
    for item in raw_json(sdk.chat.with_raw_response.list())["items"]:
        ChatListResponse.model_validate(item)

    detail = ChatRetrieveResponse.model_validate(raw_json(sdk.chat.with_raw_response.retrieve(bound.session_id)))
    assert detail.events == [] and detail.session_id == bound.session_id
    summary = ChatGetSummaryResponse.model_validate(raw_json(sdk.chat.with_raw_response.get_summary(bound.session_id)))
    assert summary.index_ids == [REPORTS]

    assert sdk.chat.delete(bound.session_id) is None
    with pytest.raises(NotFoundError) as err:
        sdk.chat.retrieve(bound.session_id)
    assert "not found" in str(err.value.body["detail"])


def test_indexes_with_the_sdk(sdk: LlamaCloud) -> None:
    ids = [ix.id for ix in sdk.indexes.list()]
    assert {REPORTS, HANDBOOK} <= set(ids)
    for item in raw_json(sdk.indexes.with_raw_response.list())["items"]:
        IndexListResponse.model_validate(item)


def test_streamed_turn_parses_with_sdk_models(sdk: LlamaCloud) -> None:
    session = sdk.chat.create()
    frames: list[tuple[str, Any]] = []
    event_name = None
    with sdk.chat.with_streaming_response.stream(
        session.session_id, index_ids=[REPORTS], prompt="What was Q3 revenue by segment?"
    ) as response:
        assert response.http_response.status_code == 200
        for line in response.iter_lines():
            if line.startswith(":"):
                frames.append(("comment", line))
            elif line.startswith("event:"):
                event_name = line[6:].strip()
            elif line.startswith("data:"):
                frames.append((event_name, sdk_event(json.loads(line[5:].strip()))))
    assert frames[0] == ("comment", ": keep-alive")
    events = [e for name, e in frames if name != "comment"]
    kinds = [e.type for e in events]
    assert kinds[-2:] == ["text", "stop"] and "tool_call" in kinds and "tool_result" in kinds
    result = next(e for e in events if isinstance(e, EventToolResultEvent))
    assert result.image_attachment is not None

    # The screenshot, resolved the SDK's way; the SDK percent-encodes the '/' in the name.
    url = sdk.beta.attachments.get(result.image_attachment.attachment_name, source_id=result.image_attachment.source_id)
    assert isinstance(url, PresignedURL) and url.expires_at.tzinfo is not None
    PresignedURL.model_validate(raw_json(sdk.beta.attachments.with_raw_response.get(
        result.image_attachment.attachment_name, source_id=result.image_attachment.source_id)))
    image = httpx.get(url.url)
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"

    detail = ChatRetrieveResponse.model_validate(raw_json(sdk.chat.with_raw_response.retrieve(session.session_id)))
    assert [type(e).__name__ for e in detail.events] == [
        "EventUserInputEvent", "EventThinkingEvent", "EventToolCallEvent", "EventToolResultEvent", "EventTextEvent", "EventStopEvent",
    ]
    assert detail.job_metadata is not None and detail.job_metadata.is_error is False
    assert titled(sdk, session.session_id) == "What was Q3 revenue by segment?"

    # The plain stream() buffers the whole SSE body into one string.
    body = sdk.chat.stream(session.session_id, index_ids=[REPORTS], prompt="And the gross margin?")
    assert isinstance(body, str) and body.startswith(": keep-alive") and '"type":"stop"' in body


def test_retrieval_passages_carry_their_page_screenshots(sdk: LlamaCloud) -> None:
    """A retrieve tool's result is the SDK's retrieval response, and every PDF passage names its
    page screenshot in ``static_fields.attachments``, which resolves the SDK's way."""
    session = sdk.chat.create()
    sdk.chat.stream(session.session_id, index_ids=[REPORTS], prompt="How much did revenue grow in Q3, and why?")
    detail = raw_json(sdk.chat.with_raw_response.retrieve(session.session_id))
    results = [e["result"] for e in detail["events"] if e["type"] == "tool_result"]
    assert results
    pdf = []
    for result in results:
        for row in RetrievalRetrieveResponse.model_validate(result).results:
            assert row.static_fields is not None and row.static_fields.parsed_directory_file_id
            if file_name(sdk, REPORTS, row.static_fields.parsed_directory_file_id).endswith(".pdf"):
                pdf.append(row)
            else:
                assert not row.static_fields.attachments
    assert pdf
    for row in pdf:
        (ref,) = row.static_fields.attachments
        assert ref.type == "screenshot" and ref.attachment_name == f"screenshots/page_{row.static_fields.page_range_start}.jpg"
        url = sdk.beta.attachments.get(ref.attachment_name, source_id=ref.source_id)
        assert httpx.get(url.url).headers["content-type"] == "image/jpeg"


def test_passages_name_their_files_only_through_the_directories_endpoint(sdk: LlamaCloud) -> None:
    """As the real service: a passage carries no file name (``metadata`` is the index owner's,
    ``static_fields`` has the id); ``GET /beta/directories/{output_directory_id}/files/{id}``
    gives its ``display_name``, and another index's directory does not have it."""
    session = sdk.chat.create()
    events = stream_events(sdk, session.session_id, index_ids=[REPORTS], prompt="What was Q3 revenue?")
    (result,) = [e for e in events if isinstance(e, EventToolResultEvent)]
    rows = RetrievalRetrieveResponse.model_validate(result.result).results
    assert rows and all("file_name" not in (row.metadata or {}) for row in rows)
    ids = {row.static_fields.parsed_directory_file_id for row in rows}
    names = {f: file_name(sdk, REPORTS, f) for f in ids}
    assert "northwind-q3-2025-report.pdf" in names.values()
    other = sdk.indexes.get(HANDBOOK).output_directory_id
    with pytest.raises(NotFoundError):
        sdk.beta.directories.files.get(next(iter(ids)), directory_id=other)


def test_skipped_indexes_with_the_sdk(sdk: LlamaCloud) -> None:
    """An index a turn cannot query is named in its stop; with ``require_all_indexes`` the turn
    fails instead, the SDK's own parameter sending it."""
    session = sdk.chat.create()
    prompt = "What was Q3 revenue? [fault:skip-index]"
    events = stream_events(sdk, session.session_id, index_ids=[HANDBOOK, REPORTS], prompt=prompt)
    stop = events[-1]
    assert isinstance(stop, EventStopEvent) and not stop.is_error and stop.skipped_index_ids == [HANDBOOK]
    assert [e.arguments["index_id"] for e in events if isinstance(e, EventToolCallEvent)] == [REPORTS]

    (stop,) = stream_events(sdk, session.session_id, index_ids=[HANDBOOK, REPORTS], prompt=prompt, require_all_indexes=True)
    assert isinstance(stop, EventStopEvent) and stop.is_error and stop.error and stop.skipped_index_ids == [HANDBOOK]
    detail = ChatRetrieveResponse.model_validate(raw_json(sdk.chat.with_raw_response.retrieve(session.session_id)))
    assert detail.events[-1].skipped_index_ids == [HANDBOOK] and detail.job_metadata.is_error is True


def test_a_recovered_turn_validates_with_the_sdk(tmp_path: Path) -> None:
    """A turn cut by a process that died is closed by the next reader with a ``stop`` the SDK's
    model accepts (its ``usage`` is required)."""
    settings = local_settings(tmp_path)
    writer = Store(settings.db_path)
    sid = writer.create_session([REPORTS]).session_id
    turn_id = writer.begin_turn(sid, "What was Q3 revenue?", {"type": "user_input", "content": "What was Q3 revenue?"})
    writer.checkpoint(turn_id, sid, [{"type": "thinking", "content": "Looking"}], {"text": "Revenue gr"})
    writer.lease.release()  # the writing process is gone
    try:
        with serve(create_app(settings)) as url, sdk_client(url) as client:
            detail = ChatRetrieveResponse.model_validate(raw_json(client.chat.with_raw_response.retrieve(sid)))
            stop = detail.events[-1]
            assert isinstance(stop, EventStopEvent) and stop.is_error and stop.error == CUT_SHORT
            assert stop.usage.duration_ms is not None and stop.usage.total_output_tokens is None
            assert [type(e).__name__ for e in detail.events] == [
                "EventUserInputEvent", "EventThinkingEvent", "EventTextEvent", "EventStopEvent"]
            assert titled(client, sid) == "What was Q3 revenue?"
    finally:
        writer.close()


def test_index_states_with_the_sdk(tmp_path: Path) -> None:
    """Listing gives each index its output directory, last sync and build metadata; only the
    one-index call with ``expand=sync_in_progress`` says whether it is syncing."""
    with serve(create_app(local_settings(tmp_path, syncing=frozenset({HANDBOOK})))) as url, sdk_client(url) as client:
        listed = {}
        for item in raw_json(client.indexes.with_raw_response.list())["items"]:
            index = IndexListResponse.model_validate(item)
            listed[index.id] = index
        assert listed[REPORTS].last_synced_at is not None and listed[REPORTS].metadata["status"] == "ready"
        assert listed[HANDBOOK].last_synced_at is None and listed[HANDBOOK].metadata["status"] == "syncing"
        assert all(i.sync_in_progress is None and i.output_directory_id for i in listed.values())
        for index_id, syncing in ((HANDBOOK, True), (REPORTS, False)):
            raw = raw_json(client.indexes.with_raw_response.get(index_id, expand=["sync_in_progress"]))
            assert IndexGetResponse.model_validate(raw).sync_in_progress is syncing
        assert client.indexes.get(REPORTS).sync_in_progress is None


def test_sdk_errors(sdk: LlamaCloud) -> None:
    session = sdk.chat.create()
    with pytest.raises(UnprocessableEntityError) as err:
        sdk.chat.stream(session.session_id, index_ids=[REPORTS], prompt="x" * 1001)
    assert err.value.body["detail"][0]["loc"] == ["body", "prompt"]
    with pytest.raises(NotFoundError):
        sdk.chat.stream("ses-nope", index_ids=[REPORTS], prompt="hi")
    with pytest.raises(UnprocessableEntityError) as err:  # the spec's minItems 1, for a bound session too
        sdk.chat.stream(sdk.chat.create(index_ids=[REPORTS]).session_id, index_ids=[], prompt="hi")
    assert err.value.body["detail"][0]["loc"] == ["body", "index_ids"]
    with pytest.raises(NotFoundError):
        sdk.beta.attachments.get("screenshots/page_1.jpg", source_id="dfl-nope")
