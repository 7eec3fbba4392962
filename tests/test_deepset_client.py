"""The deepset backend against the scripted stand-in over real HTTP on 127.0.0.1: sessions,
history replay, full turns, stream errors and failure replies, as the UI would see them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from chat_ui.i18n.message import render
from chat_ui.api.backend import ChatBackend
from chat_ui.api.errors import (
    AuthenticationError,
    ChatAPIError,
    ConflictError,
    NotFoundError,
    ServerError,
    StreamInterrupted,
)
from chat_ui.api.models import ImageAttachment, Stop, Text, TextDelta, ThinkingDelta, ToolCall, ToolResult, UserInput
from chat_ui.api.retry import RetryPolicy
from chat_ui.deepset.client import DELETE_UNAVAILABLE, DeepsetClient
from chat_ui.deepset.config import ConfigurationError, DeepsetSettings
from chat_ui.transcript import TextBlock, ThinkingBlock, ToolBlock, fold, fold_stored
from tests.support.deepset_standin import API_KEY, PIPELINE, PREFIX, WORKSPACE, Reply, StandinState, create_app
from tests.support.servers import serve

Q = "How many days of paid leave do I get?"


async def _no_sleep(_: float) -> None:
    return None


@pytest.fixture
def state() -> StandinState:
    return StandinState()


@pytest.fixture
def url(state: StandinState) -> Iterator[str]:
    with serve(create_app(state)) as base:
        yield base + PREFIX


@pytest.fixture
async def client(url: str) -> AsyncIterator[DeepsetClient]:
    async with DeepsetClient(API_KEY, WORKSPACE, PIPELINE, url, retry_policy=RetryPolicy(sleep=_no_sleep)) as c:
        yield c


async def collect(client: DeepsetClient, session_id: str, prompt: str = Q) -> list:
    return [e async for e in client.stream_turn(session_id, prompt, [])]


# ---------------------------------------------------------------------------- configuration


def test_settings_from_env_name_every_missing_variable():
    with pytest.raises(ConfigurationError) as exc:
        DeepsetSettings.from_env({"DEEPSET_API_KEY": "k", "DEEPSET_WORKSPACE": " "})
    assert "DEEPSET_WORKSPACE" in str(exc.value) and "DEEPSET_PIPELINE" in str(exc.value)
    assert "DEEPSET_API_KEY" not in str(exc.value)
    s = DeepsetSettings.from_env({"DEEPSET_API_KEY": "sekret-1", "DEEPSET_WORKSPACE": "w", "DEEPSET_PIPELINE": "p"})
    assert s.base_url == "https://api.cloud.deepset.ai/api/v1" and "sekret-1" not in repr(s)


async def test_client_is_a_backend_with_thinking_and_without_the_features_deepset_lacks(client):
    assert isinstance(client, ChatBackend)
    caps = client.capabilities
    assert (caps.name, caps.thinking, caps.screenshots, caps.index_binding, caps.usage, caps.delete) == (
        "deepset Cloud", True, False, False, False, False
    )
    assert caps.delete_unavailable_reason == DELETE_UNAVAILABLE
    with pytest.raises(ChatAPIError, match="does not let clients delete"):
        await client.delete_session("s")
    with pytest.raises(ChatAPIError, match="no page screenshots"):
        await client.resolve_attachment(ImageAttachment(attachment_name="a", source_id="b"))
    assert await client.list_indexes() == []


# ---------------------------------------------------------------------------- sessions


async def test_create_session_posts_no_body_and_reads_the_201_reply(client, state):
    first = await client.create_session()
    second = await client.create_session(["ignored-index"])
    assert first.session_id in state.sessions and second.session_id in state.sessions
    assert [s["route"] for s in state.seen] == ["create_session", "create_session"]  # no pipeline look-up
    assert state.seen[0]["body"] is None and "content-type" not in state.seen[0]["headers"]
    assert state.seen[0]["headers"]["authorization"] == f"Bearer {API_KEY}"


async def test_create_session_accepts_a_200_reply_too(client, state):
    state.fail("create_session", Reply(200, {"search_session_id": "s-200", "created_at": "2026-04-22T09:00:00+00:00"}))
    created = await client.create_session()
    assert (created.session_id, created.last_updated_at) == ("s-200", "2026-04-22T09:00:00+00:00")


async def test_a_created_session_without_an_id_is_an_unexpected_reply_in_the_readers_language(client, state):
    from chat_ui.api.replies import UnexpectedReply

    state.fail("create_session", Reply(201, {"created_at": "2026-04-22T09:00:00+00:00"}))
    with pytest.raises(UnexpectedReply) as caught:
        await client.create_session()
    english, german = render("en", str(caught.value)), render("de", str(caught.value))
    assert english.startswith("Unexpected reply from the chat API") and "search_session_id" in english
    assert "search_session_id" in german and german != english


async def test_list_sessions_pages_by_page_number(client, state):
    ids = [state.add_session() for _ in range(5)]
    first = await client.list_sessions(page_size=2)
    assert [s.session_id for s in first.items] == ids[::-1][:2] and first.next_page_token == "2"
    assert state.seen[-1]["query"] == {"limit": "2", "page_number": "1"}
    pages = [first]
    while pages[-1].next_page_token:
        pages.append(await client.list_sessions(page_size=2, page_token=pages[-1].next_page_token))
    assert [s.session_id for p in pages for s in p.items] == ids[::-1]
    assert all(s.generated_title is None and s.last_updated_at for p in pages for s in p.items)


async def test_list_sessions_hides_other_pipelines_sessions(client, state):
    mine = state.add_session()
    other = state.add_session()
    state.sessions[other]["pipeline"] = {"name": "another-pipeline"}
    page = await client.list_sessions()
    assert [s.session_id for s in page.items] == [mine]
    assert "pipeline" not in [s["route"] for s in state.seen]  # names suffice: no pipeline look-up


async def test_list_items_naming_their_pipeline_by_id_alone_look_ours_up_once(client, state):
    mine, other, unnamed = state.add_session(), state.add_session(), state.add_session()
    state.sessions[mine]["pipeline_id"] = state.pipeline_id
    state.sessions[other]["pipeline_id"] = "another-id"
    for _ in range(2):
        page = await client.list_sessions()
        assert {s.session_id for s in page.items} == {mine, unnamed}
    assert [s["route"] for s in state.seen].count("pipeline") == 1


async def test_history_replays_like_the_live_turn(client, state):
    session = await client.create_session()
    live = await collect(client, session.session_id)
    await collect(client, session.session_id, "And remote work?")
    detail = await client.get_session(session.session_id)
    assert detail.generated_title == Q
    assert state.seen[-1]["query"] == {
        "filter": f"search_session_id eq '{session.session_id}'", "field": "created_at", "order": "ASC", "limit": "100",
    }
    stored = state.history[0]
    assert stored["request"]["query"] == Q and stored["time"] and stored["status"] == "success"
    assert stored["response"][0]["type"] == "answer" and "answer" in stored["response"][0]["result"]
    events = detail.typed_events()
    assert [type(e).__name__ for e in events[:5]] == ["UserInput", "ToolCall", "ToolResult", "Text", "Stop"]
    assert events[0] == UserInput(content=Q) and isinstance(events[5], UserInput)
    live_turn, = fold(live)
    stored = fold_stored(events)
    assert len(stored) == 2 and stored[0].answer == live_turn.answer and stored[0].status == "done"
    live_sources = next(b for b in live_turn.blocks if isinstance(b, ToolBlock) and b.name == "sources")
    stored_sources = next(b for b in stored[0].blocks if isinstance(b, ToolBlock) and b.name == "sources")
    assert stored_sources.result == live_sources.result
    summary = await client.get_summary(session.session_id)
    assert summary.generated_title == Q and summary.last_updated_at == detail.last_updated_at


def _five_turns(state: StandinState) -> str:
    session = state.add_session()
    for i in range(5):
        state.add_history(session, f"q{i}", {"answers": [{"answer": f"a{i}"}], "documents": []}, failed=i == 4)
    return session


async def test_history_pages_with_the_time_of_the_last_item(client, state, monkeypatch):
    import chat_ui.deepset.client as module

    monkeypatch.setattr(module, "MAX_PAGE", 2)
    session = _five_turns(state)
    events = (await client.get_session(session)).typed_events()
    assert [e.content for e in events if isinstance(e, UserInput)] == [f"q{i}" for i in range(5)]
    assert [e.content for e in events if isinstance(e, Text)] == [f"a{i}" for i in range(5)]
    assert events[-1] == Stop(is_error=True, error="The deepset pipeline failed on this question.")
    queries = [s["query"] for s in state.seen if s["route"] == "history"]
    times = [h["time"] for h in state.history]
    assert [q.get("after") for q in queries] == [None, times[1], times[3]]
    assert all("page_number" not in q and (q["field"], q["order"]) == ("created_at", "ASC") for q in queries)


@pytest.mark.parametrize("server", ["ignored", "rejected"])
async def test_history_falls_back_to_page_numbers_when_the_time_cursor_does_not_work(client, state, monkeypatch, server):
    import chat_ui.deepset.client as module

    monkeypatch.setattr(module, "MAX_PAGE", 2)
    state.history_after = server
    session = _five_turns(state)
    events = (await client.get_session(session)).typed_events()
    assert [e.content for e in events if isinstance(e, UserInput)] == [f"q{i}" for i in range(5)]
    queries = [s["query"] for s in state.seen if s["route"] == "history"]
    assert [(q.get("after") is not None, q.get("page_number")) for q in queries] == [
        (False, None), (True, None), (False, "2"), (False, "3"),
    ]


async def test_history_items_without_a_time_page_by_number(client, state, monkeypatch):
    import chat_ui.deepset.client as module

    monkeypatch.setattr(module, "MAX_PAGE", 2)
    session = _five_turns(state)
    for item in state.history:
        del item["time"]
    events = (await client.get_session(session)).typed_events()
    assert [e.content for e in events if isinstance(e, UserInput)] == [f"q{i}" for i in range(5)]
    queries = [s["query"] for s in state.seen if s["route"] == "history"]
    assert [(q.get("after"), q.get("page_number")) for q in queries] == [(None, None), (None, "2"), (None, "3")]


async def test_an_empty_session_has_no_events(client):
    session = await client.create_session()
    detail = await client.get_session(session.session_id)
    assert detail.events == [] and detail.generated_title is None


async def test_documents_name_their_files_so_nothing_is_looked_up(client):
    """deepset's documents carry their file's name: there are no indexes or directories to ask."""
    assert not client.capabilities.file_names
    with pytest.raises(NotFoundError):
        await client.get_index("idx-1")
    with pytest.raises(NotFoundError):
        await client.get_directory_file("dir-1", "dfl-1")


# ---------------------------------------------------------------------------- turns


async def test_full_turn_sends_the_documented_body_and_gives_every_event_kind(client, state):
    session = await client.create_session()
    events = await collect(client, session.session_id)
    assert state.seen[-1]["body"] == {
        "query": Q, "search_session_id": session.session_id, "include_result": True,
        "include_tool_calls": True, "include_tool_call_results": True, "include_reasoning": True,
    }
    kinds = [type(e) for e in events]
    assert kinds[:2] == [ToolCall, ToolResult] and kinds[-4:] == [ToolCall, ToolResult, Text, Stop]
    assert all(k is TextDelta for k in kinds[2:-4]) and len(kinds) > 10
    (turn,) = fold(events)
    assert turn.status == "done" and len([b for b in turn.blocks if isinstance(b, TextBlock)]) == 1
    assert turn.answer == "".join(e.content for e in events if isinstance(e, TextDelta))


async def test_a_reasoning_pipeline_streams_a_thinking_block_first(client, state):
    state.reasoning = True
    session = await client.create_session()
    events = await collect(client, session.session_id)
    assert isinstance(events[0], ThinkingDelta)
    (turn,) = fold(events)
    thinking = turn.blocks[0]
    assert isinstance(thinking, ThinkingBlock) and thinking.done and "search the documents" in thinking.text
    assert turn.status == "done" and [type(b) for b in turn.blocks[1:]] == [ToolBlock, TextBlock, ToolBlock]


async def test_error_event_ends_the_turn_as_an_error(client, state):
    session = await client.create_session()
    state.scripts.append([{"type": "delta", "delta": {"text": "Part"}}, {"type": "error", "error": "Generator timed out"}])
    events = await collect(client, session.session_id)
    assert events == [TextDelta(content="Part"), Stop(is_error=True, error="Generator timed out")]
    (turn,) = fold(events)
    assert turn.status == "error" and turn.error == "Generator timed out" and turn.answer == "Part"


async def test_stream_ending_without_result_raises_after_everything_received(client, state):
    session = await client.create_session()
    state.scripts.append([
        ": keep-alive\n\n",
        {"type": "delta", "delta": {"text": "Half an ans"}},
        "data: not json\n\n",
        {"type": "tool_call_delta", "tool_call_delta": {"index": 0, "tool_name": "search", "arguments": '{"q": "x"}'}},
    ])
    received = []
    with pytest.raises(StreamInterrupted, match="turn.early_end"):  # a kept message id
        async for event in client.stream_turn(session.session_id, Q, []):
            received.append(event)
    assert received == [TextDelta(content="Half an ans"), ToolCall(call_id="call-0", name="search", arguments={"q": "x"})]


async def test_done_marker_without_result_finishes_cleanly(client, state):
    session = await client.create_session()
    state.scripts.append([{"type": "delta", "delta": {"text": "ok"}}, "data: [DONE]\n\n"])
    assert await collect(client, session.session_id) == [TextDelta(content="ok"), Stop()]


@pytest.mark.parametrize(
    ("reply", "error", "words"),
    [
        (Reply(404, {"errors": ["Pipeline not found"]}), NotFoundError, ["no pipeline named 'rag-chat'", "Pipeline not found"]),
        (Reply(409, {"errors": [{"code": "not_deployed", "message": "Pipeline is not deployed"}]}), ConflictError, ["not deployed", "Deploy it"]),
        (Reply(591, {"errors": ["Pipeline is in standby"]}), ServerError, ["waking up", "try again in a minute", "standby"]),
        (Reply(503, None), ServerError, ["rebalancing"]),
        (Reply(422, {"detail": [{"loc": ["body", "query"], "msg": "Field required"}]}), ChatAPIError, ["query: Field required"]),
    ],
)
async def test_non_200_replies_read_deepsets_errors(client, state, reply, error, words):
    session = await client.create_session()
    state.scripts.append(reply)
    with pytest.raises(error) as exc:
        await collect(client, session.session_id)
    assert exc.value.status_code == reply.status
    for word in words:
        assert word in render("en", str(exc.value))


async def test_a_wrong_key_is_named(url):
    async with DeepsetClient("wrong", WORKSPACE, PIPELINE, url) as c:
        with pytest.raises(AuthenticationError) as exc:
            await c.list_sessions()
        assert "DEEPSET_API_KEY" in render("en", str(exc.value))


async def test_an_unknown_pipeline_fails_on_the_first_turn_with_its_name(url):
    async with DeepsetClient(API_KEY, WORKSPACE, "nope", url) as c:
        session = await c.create_session()  # a session names no pipeline
        with pytest.raises(NotFoundError) as exc:
            await collect(c, session.session_id)
        assert "no pipeline named 'nope'" in render("en", str(exc.value))


async def test_reads_retry_through_a_standby_reply_but_turns_never_retry(client, state):
    state.fail("list_sessions", Reply(591, {"errors": ["standby"]}))
    assert (await client.list_sessions()).items == []
    session = await client.create_session()
    state.fail("chat_stream", Reply(503, {"errors": ["rebalancing"]}))
    with pytest.raises(ServerError):
        await collect(client, session.session_id)
    assert sum(1 for s in state.seen if s["route"] == "chat_stream") == 1
