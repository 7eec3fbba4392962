"""The happy path end to end: the client against the embedded local API over real HTTP. The
local API speaks the LlamaCloud chat API, so passing here means the UI's data path works offline."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from chat_ui.api.backend import ChatBackend
from chat_ui.api.client import LlamaCloudClient
from chat_ui.api.errors import NotFoundError, ServerError, StreamInterrupted
from chat_ui.api.models import Stop, TextDelta, ToolCall, ToolResult, UserInput

REPORTS = "idx-quarterly-reports"


@pytest.fixture
async def client(local_api: str) -> AsyncIterator[LlamaCloudClient]:
    async with LlamaCloudClient(None, local_api) as c:
        yield c


async def test_is_a_chat_backend(client):
    assert isinstance(client, ChatBackend)


async def test_indexes(client):
    indexes = {i.id: i for i in await client.list_indexes()}
    assert REPORTS in indexes and indexes[REPORTS].name


async def test_session_lifecycle_and_paging(client):
    bound = await client.create_session([REPORTS])
    unbound = await client.create_session()
    third = await client.create_session(None)
    assert bound.index_ids == [REPORTS]
    assert not unbound.index_ids

    first = await client.list_sessions(page_size=2)
    assert len(first.items) == 2 and first.next_page_token
    everything = [s.session_id async for s in client.iter_sessions(page_size=2)]
    assert {bound.session_id, unbound.session_id, third.session_id} <= set(everything)
    assert len(everything) == len(set(everything))  # pages neither repeat nor skip

    detail = await client.get_session(bound.session_id)
    assert detail.session_id == bound.session_id and detail.events == []
    assert (await client.get_summary(bound.session_id)).session_id == bound.session_id

    await client.delete_session(third.session_id)
    with pytest.raises(NotFoundError):
        await client.get_session(third.session_id)


async def test_turn_streams_in_order_and_is_stored(client):
    session = await client.create_session([REPORTS])
    prompt = "What was Northwind's revenue in Q3 2025 according to the board report?"
    events = [e async for e in client.stream_turn(session.session_id, prompt, [REPORTS])]

    kinds = [e.type for e in events]
    assert isinstance(events[-1], Stop) and not events[-1].is_error
    assert kinds.count("stop") == 1
    assert any(isinstance(e, TextDelta) and e.content for e in events)
    calls = {e.call_id: i for i, e in enumerate(events) if isinstance(e, ToolCall)}
    results = [(i, e) for i, e in enumerate(events) if isinstance(e, ToolResult)]
    assert calls and results
    for i, result in results:
        assert result.call_id in calls and calls[result.call_id] < i  # a result follows its call
    first_text = kinds.index("text_delta")
    assert first_text > min(calls.values())  # the answer comes after the tool was consulted

    stored = (await client.get_session(session.session_id)).typed_events()
    assert isinstance(stored[0], UserInput) and stored[0].content == prompt
    assert isinstance(stored[-1], Stop)

    for _ in range(100):  # the title comes once the turn has ended, as the service makes it
        summary = await client.get_summary(session.session_id)
        if summary.generated_title:
            break
        await asyncio.sleep(0.02)
    assert summary.generated_title and prompt.startswith(summary.generated_title.removesuffix("…"))

    # The screenshot of a cited PDF page: presigned URL, fetched without credentials.
    attachments = [e.image_attachment for _, e in results if e.image_attachment]
    assert attachments, "expected a PDF page screenshot among the tool results"
    presigned = await client.resolve_attachment(attachments[0])
    assert presigned.expires_at
    async with httpx.AsyncClient() as plain:
        image = await plain.get(presigned.url)
    assert image.status_code == 200
    assert image.headers["content-type"].startswith("image/")
    assert len(image.content) > 100


async def test_local_faults_reach_the_ui_as_typed_errors(client):
    session = await client.create_session([REPORTS])
    got = []
    with pytest.raises(StreamInterrupted):
        async for event in client.stream_turn(session.session_id, "Q3 revenue? [fault:drop]", [REPORTS]):
            got.append(event)
    assert got and not any(isinstance(e, Stop) for e in got)  # the partial answer arrived first

    with pytest.raises(ServerError, match="Simulated upstream failure") as info:
        async for _ in client.stream_turn(session.session_id, "hi [fault:http-500]", [REPORTS]):
            pass
    assert info.value.status_code == 500

    events = [e async for e in client.stream_turn(session.session_id, "hi [fault:stop-error]", [REPORTS])]
    assert isinstance(events[-1], Stop) and events[-1].is_error and events[-1].error
