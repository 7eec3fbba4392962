"""The official ``llama_cloud`` SDK against the local chat API: every response and every streamed
event must validate with the SDK's own models, so the stand-in really speaks the real API."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
from llama_cloud.types.index_list_response import IndexListResponse
from llama_cloud.types.presigned_url import PresignedURL
from llama_cloud.types.retrieval_retrieve_response import RetrievalRetrieveResponse

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


@pytest.fixture
def sdk(local_api: str) -> Iterator[LlamaCloud]:
    client = LlamaCloud(api_key="test", base_url=local_api, max_retries=0, timeout=10)
    try:
        yield client
    finally:
        client.close()


def raw_json(response) -> Any:
    return json.loads(response.http_response.content)


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
    assert detail.generated_title == "What was Q3 revenue by segment?"

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
            assert row.static_fields is not None
            if str((row.metadata or {}).get("file_name", "")).endswith(".pdf"):
                pdf.append(row)
            else:
                assert not row.static_fields.attachments
    assert pdf
    for row in pdf:
        (ref,) = row.static_fields.attachments
        assert ref.type == "screenshot" and ref.attachment_name == f"screenshots/page_{row.static_fields.page_range_start}.jpg"
        url = sdk.beta.attachments.get(ref.attachment_name, source_id=ref.source_id)
        assert httpx.get(url.url).headers["content-type"] == "image/jpeg"


def test_sdk_errors(sdk: LlamaCloud) -> None:
    session = sdk.chat.create()
    with pytest.raises(UnprocessableEntityError) as err:
        sdk.chat.stream(session.session_id, index_ids=[REPORTS], prompt="x" * 1001)
    assert err.value.body["detail"][0]["loc"] == ["body", "prompt"]
    with pytest.raises(NotFoundError):
        sdk.chat.stream("ses-nope", index_ids=[REPORTS], prompt="hi")
    with pytest.raises(NotFoundError):
        sdk.beta.attachments.get("screenshots/page_1.jpg", source_id="dfl-nope")
