"""The client against scripted faulty (and well-behaved) servers over real HTTP: what the real
API and proxies in front of it can do, and what the UI must see for each."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from chat_ui.i18n.message import render
from chat_ui.api.client import LlamaCloudClient
from chat_ui.api.errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    RateLimitError,
    ServerError,
    StreamInterrupted,
    ValidationFailed,
)
from chat_ui.api.models import ImageAttachment, Stop, TextDelta, ThinkingDelta, ToolCall, UnknownEvent, Warning
from chat_ui.api.sse import UNREADABLE
from chat_ui.api.replies import UnexpectedReply
from chat_ui.api.retry import RetryPolicy
from tests.support.servers import free_port, serve

SUMMARY = {"session_id": "ses-1", "last_updated_at": "2026-04-22T12:34:41.342245", "generated_title": "Q3 revenue"}


@dataclass
class Seen:
    method: str
    path: str
    raw_path: bytes
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class Script:
    """Replies per (method, path), served in order; the last one repeats."""

    replies: dict[tuple[str, str], list[Callable[[], Response]]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def on(self, method: str, path: str, *replies: Callable[[], Response]) -> None:
        self.replies[(method, path)] = list(replies)

    def count(self, method: str, path: str) -> int:
        return sum(1 for s in self.seen if s.method == method and s.path == path)

    async def handle(self, request: Request) -> Response:
        raw = await request.body()
        self.seen.append(
            Seen(
                request.method,
                request.url.path,
                request.scope["raw_path"],
                dict(request.query_params),
                dict(request.headers),
                json.loads(raw) if raw else None,
            )
        )
        queue = self.replies.get((request.method, request.url.path))
        if not queue:
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        make = queue.pop(0) if len(queue) > 1 else queue[0]
        return make()


def sse_reply(body: str, content_type: str = "text/event-stream") -> Callable[[], Response]:
    return lambda: Response(body, media_type=content_type)


def frame(obj: dict[str, Any], event: str | None = "message") -> str:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(obj)}\n\n"


STOP = {"type": "stop", "is_error": False, "error": None, "usage": {"duration_ms": 5, "turns": 1}}


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, dict[str, Script]]]:
    holder: dict[str, Script] = {}

    async def dispatch(request: Request) -> Response:
        return await holder["script"].handle(request)

    app = Starlette(routes=[Route("/{path:path}", dispatch, methods=["GET", "POST", "DELETE", "PUT"])])
    holder["script"] = Script()
    with serve(app) as url:
        yield url, holder


@pytest.fixture
def script(server) -> Script:
    _, holder = server
    holder["script"] = Script()
    return holder["script"]


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
async def client(server, script, sleeps) -> AsyncIterator[LlamaCloudClient]:
    url, _ = server

    async def record(delay: float) -> None:
        sleeps.append(delay)

    c = LlamaCloudClient(api_key="sk-secret", base_url=url + "/", retry_policy=RetryPolicy(max_retries=3, sleep=record))
    yield c
    await c.aclose()


# ------------------------------------------------------------------ status errors


async def test_401_detail_string_becomes_authentication_error(client, script):
    script.on("GET", "/api/v1/chat/ses-1", lambda: JSONResponse({"detail": "Invalid authentication token"}, 401))
    with pytest.raises(AuthenticationError) as info:
        await client.get_session("ses-1")
    # What the status means and what to do come first; the service's own words follow.
    assert render("en", str(info.value)) == (
        "The chat service did not accept the API key (HTTP 401). Check LLAMA_CLOUD_API_KEY. "
        "The chat service said: Invalid authentication token"
    )
    assert info.value.status_code == 401
    assert script.count("GET", "/api/v1/chat/ses-1") == 1  # 401 is not worth retrying


async def test_422_list_detail_is_rendered_per_field(client, script):
    detail = [
        {"loc": ["body", "prompt"], "msg": "String should have at most 1000 characters", "type": "string_too_long"},
        {"loc": ["body", "index_ids"], "msg": "List should have at least 1 item", "type": "too_short"},
    ]
    script.on("POST", "/api/v1/chat", lambda: JSONResponse({"detail": detail}, 422))
    with pytest.raises(ValidationFailed) as info:
        await client.create_session(["idx-1"])
    assert str(info.value) == (
        "prompt: String should have at most 1000 characters; index_ids: List should have at least 1 item"
    )
    assert info.value.status_code == 422
    assert info.value.body == {"detail": detail}


async def test_500_non_json_body_gets_generic_message(client, script):
    script.on("POST", "/api/v1/chat", lambda: PlainTextResponse("<html>Bad Gateway</html>", 502))
    with pytest.raises(ServerError) as info:
        await client.create_session()
    assert render("en", str(info.value)) == "The chat service failed (HTTP 502). Try again in a moment."
    assert info.value.status_code == 502
    assert "Bad Gateway" in info.value.body


async def test_post_500_is_not_retried(client, script, sleeps):
    script.on("POST", "/api/v1/chat", lambda: JSONResponse({"detail": "boom"}, 500))
    with pytest.raises(ServerError, match="boom"):
        await client.create_session(["idx-1"])
    assert script.count("POST", "/api/v1/chat") == 1
    assert sleeps == []


async def test_get_503_then_200_is_retried_with_backoff(client, script, sleeps):
    script.on(
        "GET",
        "/api/v1/chat/ses-1/summary",
        lambda: JSONResponse({"detail": "rebalancing"}, 503),
        lambda: JSONResponse(SUMMARY),
    )
    summary = await client.get_summary("ses-1")
    assert summary.generated_title == "Q3 revenue"
    assert script.count("GET", "/api/v1/chat/ses-1/summary") == 2
    assert len(sleeps) == 1 and 0.375 <= sleeps[0] <= 0.5  # first backoff step, jittered down


async def test_retries_stop_after_max_retries(client, script, sleeps):
    script.on("DELETE", "/api/v1/chat/ses-1", lambda: JSONResponse({"detail": "down"}, 500))
    with pytest.raises(ServerError, match="down"):
        await client.delete_session("ses-1")
    assert script.count("DELETE", "/api/v1/chat/ses-1") == 4  # 1 + max_retries
    assert len(sleeps) == 3 and sleeps[0] < sleeps[1] < sleeps[2] <= 8


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({"retry-after": "0"}, 0.0), ({"retry-after-ms": "20"}, 0.02), ({"retry-after-ms": "15", "retry-after": "9"}, 0.015)],
)
async def test_429_honours_retry_after(client, script, sleeps, headers, expected):
    script.on(
        "GET",
        "/api/v1/chat",
        lambda: JSONResponse({"detail": "slow down"}, 429, headers=headers),
        lambda: JSONResponse({"items": [SUMMARY], "next_page_token": None}),
    )
    page = await client.list_sessions()
    assert [s.session_id for s in page.items] == ["ses-1"]
    assert sleeps == [pytest.approx(expected)]


async def test_429_exhausted_is_rate_limit_error(client, script):
    script.on("GET", "/api/v1/chat", lambda: JSONResponse({"detail": "slow down"}, 429, headers={"retry-after": "0"}))
    with pytest.raises(RateLimitError, match="slow down"):
        await client.list_sessions()


async def test_a_turn_refused_with_retry_after_says_when_and_is_not_resent(client, script, sleeps):
    script.on("POST", "/api/v1/chat/ses-1/messages/stream",
              lambda: JSONResponse({"detail": "slow down"}, 429, headers={"retry-after": "30"}))
    with pytest.raises(RateLimitError) as info:
        await turn(client)
    assert render("en", str(info.value)) == "The chat service is busy (HTTP 429). Try again in 30 s. The chat service said: slow down"
    assert script.count("POST", "/api/v1/chat/ses-1/messages/stream") == 1 and sleeps == []


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({"retry-after": "0.2"}, "Try again in 1 s."), ({"retry-after-ms": "90000"}, "Try again in 2 min."),
     ({"retry-after": "7200"}, "Try again in about 2 h."), ({"retry-after": "soon"}, "Try again in a moment.")],
)
async def test_retry_after_is_told_however_long(client, script, headers, expected):
    """A wait too long to retry automatically (over 60 s) is still worth telling a person."""
    script.on("POST", "/api/v1/chat", lambda: JSONResponse({"detail": "down"}, 503, headers=headers))
    with pytest.raises(ServerError) as info:
        await client.create_session()
    assert expected in render("en", str(info.value))


async def test_server_can_veto_a_retry(client, script, sleeps):
    script.on("GET", "/api/v1/chat", lambda: JSONResponse({"detail": "no"}, 503, headers={"x-should-retry": "false"}))
    with pytest.raises(ServerError):
        await client.list_sessions()
    assert script.count("GET", "/api/v1/chat") == 1


async def test_an_index_is_asked_for_its_sync_state(client, script):
    """Only the one-index call reports ``sync_in_progress``, and only when asked to expand it."""
    script.on("GET", "/api/v1/indexes/idx 1", lambda: JSONResponse({
        "id": "idx 1", "name": "Reports", "output_directory_id": "dir-9", "sync_in_progress": True,
        "last_synced_at": None, "metadata": {"status": "syncing", "new": 1}, "project_id": "p"}))
    index = await client.get_index("idx 1")
    assert index.sync_in_progress is True and index.output_directory_id == "dir-9" and index.build_status == "syncing"
    (seen,) = script.seen
    assert seen.raw_path == b"/api/v1/indexes/idx%201" and seen.query == {"expand": "sync_in_progress"}


async def test_a_file_is_named_by_its_directory(client, script):
    script.on("GET", "/api/v1/beta/directories/dir-9/files/dfl-1", lambda: JSONResponse({
        "id": "dfl-1", "directory_id": "dir-9", "display_name": "Q3 report.pdf", "project_id": "p", "unique_id": "u"}))
    file = await client.get_directory_file("dir-9", "dfl-1")
    assert file.display_name == "Q3 report.pdf"
    with pytest.raises(NotFoundError):
        await client.get_directory_file("dir-9", "dfl-2")


@pytest.mark.parametrize("require_all", [False, True])
async def test_require_all_indexes_is_sent_when_set(server, script, require_all):
    script.on("POST", "/api/v1/chat/ses-1/messages/stream", sse_reply(frame(STOP)))
    c = LlamaCloudClient(api_key="k", base_url=server[0], require_all_indexes=require_all)
    try:
        assert [type(e) for e in await turn(c)] == [Stop]
    finally:
        await c.aclose()
    body = script.seen[-1].body
    assert body == ({"index_ids": ["idx-1"], "prompt": "hi", "require_all_indexes": True} if require_all
                    else {"index_ids": ["idx-1"], "prompt": "hi"})


def test_there_is_no_title_call():
    """The API lost ``POST /title`` in SDK 2.8: titles come only from ``generated_title``."""
    assert not hasattr(LlamaCloudClient, "generate_title")


async def test_wrong_shape_is_readable_unexpected_reply(client, script):
    script.on("GET", "/api/v1/chat/ses-1/summary", lambda: JSONResponse({"id": "ses-1"}))
    with pytest.raises(UnexpectedReply) as info:
        await client.get_summary("ses-1")
    message = render("en", str(info.value))
    assert message.startswith("Unexpected reply from the chat API: ")
    assert render("de", str(info.value)).startswith("Unerwartete Antwort der Chat-API: ")
    assert "session_id: Field required" in message
    assert "pydantic" not in message and "errors.pydantic.dev" not in message


async def test_non_json_2xx_is_unexpected_reply(client, script):
    script.on("GET", "/api/v1/chat", lambda: PlainTextResponse("<html>login</html>"))
    with pytest.raises(UnexpectedReply) as info:
        await client.list_sessions()
    assert render("en", str(info.value)) == "Unexpected reply from the chat API: the answer to GET /api/v1/chat is not JSON."


async def test_too_many_indexes_fails_before_calling(client, script):
    with pytest.raises(BadRequestError) as info:
        await client.create_session([f"idx-{i}" for i in range(11)])
    assert "at most 10 indexes; 11 were chosen" in render("en", str(info.value))
    assert script.seen == []


async def test_connection_refused_is_readable():
    sleeps: list[float] = []

    async def record(delay: float) -> None:
        sleeps.append(delay)

    port = free_port()
    async with LlamaCloudClient(
        "sk-secret", f"http://127.0.0.1:{port}", retry_policy=RetryPolicy(max_retries=2, sleep=record)
    ) as c:
        with pytest.raises(APIConnectionError) as info:
            await c.list_sessions()
        assert render("en", str(info.value)).startswith("Could not reach the chat service at 127.0.0.1")
        assert len(sleeps) == 2  # connection errors on GET are retried
        with pytest.raises(APIConnectionError) as streamed:
            async for _ in c.stream_turn("ses-1", "hi", ["idx-1"]):
                pass
        assert render("en", str(streamed.value)).startswith("Could not reach")
    assert "sk-secret" not in str(info.value)


# ------------------------------------------------------------------ what is sent


async def test_scope_params_and_bearer_are_sent_on_every_call(server, script):
    url, _ = server
    script.on("POST", "/api/v1/chat", lambda: JSONResponse(SUMMARY, 201))
    script.on("DELETE", "/api/v1/chat/ses-1", lambda: Response(status_code=204))
    script.on("POST", "/api/v1/chat/ses-1/messages/stream", sse_reply(frame(STOP)))
    async with LlamaCloudClient("sk-secret", url, project_id="proj-1", organization_id="org-1") as c:
        await c.create_session(None)
        await c.delete_session("ses-1")
        events = [e async for e in c.stream_turn("ses-1", "hi", ["idx-1"])]
    assert isinstance(events[-1], Stop)
    assert [s.method for s in script.seen] == ["POST", "DELETE", "POST"]
    for seen in script.seen:
        assert seen.query == {"project_id": "proj-1", "organization_id": "org-1"}
        assert seen.headers["authorization"] == "Bearer sk-secret"
    assert script.seen[0].body == {"index_ids": None}
    assert script.seen[2].body == {"index_ids": ["idx-1"], "prompt": "hi"}
    assert script.seen[2].headers["accept"] == "text/event-stream"


async def test_no_key_sends_no_authorization(server, script):
    url, _ = server
    script.on("GET", "/api/v1/chat", lambda: JSONResponse({"items": []}))
    async with LlamaCloudClient(None, url) as c:
        await c.list_sessions(page_size=5)
    assert "authorization" not in script.seen[0].headers
    assert script.seen[0].query == {"page_size": "5"}


async def test_attachment_name_is_one_encoded_segment(client, script):
    script.on(
        "GET",
        "/api/v1/beta/attachments/screenshots/page_7.jpg",
        lambda: JSONResponse({"url": "https://bucket/x.jpg?sig=1", "expires_at": "2026-01-01T00:00:00Z"}),
    )
    url = await client.resolve_attachment(ImageAttachment(attachment_name="screenshots/page_7.jpg", source_id="dfl-1"))
    assert url.url == "https://bucket/x.jpg?sig=1"
    assert script.seen[0].raw_path == b"/api/v1/beta/attachments/screenshots%2Fpage_7.jpg"
    assert script.seen[0].query == {"source_id": "dfl-1"}


async def test_sessions_and_indexes_follow_pages(client, script):
    script.on(
        "GET",
        "/api/v1/chat",
        lambda: JSONResponse({"items": [SUMMARY], "next_page_token": "t2"}),
        lambda: JSONResponse({"items": [{**SUMMARY, "session_id": "ses-2"}], "next_page_token": ""}),
    )
    script.on(
        "GET",
        "/api/v1/indexes",
        lambda: JSONResponse({"items": [{"id": "idx-1", "name": "Handbook"}], "next_page_token": "p2"}),
        lambda: JSONResponse({"items": [{"id": "idx-2", "name": "Reports"}]}),
    )
    ids = [s.session_id async for s in client.iter_sessions(page_size=1)]
    assert ids == ["ses-1", "ses-2"]
    assert [s.query for s in script.seen] == [{"page_size": "1"}, {"page_size": "1", "page_token": "t2"}]
    indexes = await client.list_indexes()
    assert [i.id for i in indexes] == ["idx-1", "idx-2"]
    assert script.seen[-1].query == {"page_token": "p2"}


# ------------------------------------------------------------------ the turn stream

STREAM_PATH = "/api/v1/chat/ses-1/messages/stream"


async def turn(client: LlamaCloudClient) -> list:
    return [e async for e in client.stream_turn("ses-1", "hi", ["idx-1"])]


async def test_stream_framing_variants(client, script):
    body = (
        ": keep-alive\n\n"
        + frame({"type": "thinking_delta", "content": "Looking"}, "delta")
        + frame({"type": "tool_call", "call_id": "c1", "name": "retrieve", "arguments": {"q": "Q3"}}, "message")
        + frame({"type": "text_delta", "content": "Revenue "}, None)
        + 'event: delta\ndata: {"type": "text_delta",\ndata:  "content": "grew"}\n\n'  # split data lines
        + "data: not json at all\n\n"
        + frame({"type": "sparkle", "glitter": 3}, "message")
        + "event: ping\n\n"  # a frame without data
        + frame(STOP, "message")
        + "data: [DONE]\n\n"
    )
    script.on("POST", STREAM_PATH, sse_reply(body))
    events = await turn(client)
    assert [type(e) for e in events] == [ThinkingDelta, ToolCall, TextDelta, TextDelta, Warning, UnknownEvent, Stop]
    assert events[3].content == "grew"
    assert events[4].text == UNREADABLE  # the non-JSON line: skipped, but the gap is said
    assert events[5].type == "sparkle" and events[5].model_extra["glitter"] == 3
    assert events[-1].usage.duration_ms == 5


async def test_stream_labelled_application_json_is_still_parsed(client, script):
    script.on(
        "POST",
        STREAM_PATH,
        sse_reply(frame({"type": "text_delta", "content": "ok"}) + frame(STOP), "application/json"),
    )
    events = await turn(client)
    assert [e.type for e in events] == ["text_delta", "stop"]


async def test_stream_stops_reading_at_stop(client, script):
    script.on("POST", STREAM_PATH, sse_reply(frame(STOP) + frame({"type": "text_delta", "content": "late"})))
    assert [e.type for e in await turn(client)] == ["stop"]


async def test_done_without_stop_ends_like_a_normal_turn(client, script):
    script.on("POST", STREAM_PATH, sse_reply(frame({"type": "text", "content": "Hi"}) + "data: [DONE]\n\n"))
    events = await turn(client)
    assert [e.type for e in events] == ["text", "stop"]


async def test_eof_without_stop_yields_partial_then_interrupts(client, script):
    script.on(
        "POST",
        STREAM_PATH,
        sse_reply(frame({"type": "text_delta", "content": "Revenue"}) + frame({"type": "text_delta", "content": " grew"})),
    )
    got = []
    with pytest.raises(StreamInterrupted, match="turn.early_end"):  # a kept message id
        async for event in client.stream_turn("ses-1", "hi", ["idx-1"]):
            got.append(event.content)
    assert got == ["Revenue", " grew"]


async def test_dropped_connection_yields_partial_then_interrupts(client, script):
    async def body():
        yield frame({"type": "text_delta", "content": "Revenue"}).encode()
        raise RuntimeError("worker died")  # uvicorn aborts the chunked body mid-stream

    script.on("POST", STREAM_PATH, lambda: StreamingResponse(body(), media_type="text/event-stream"))
    got = []
    with pytest.raises(StreamInterrupted, match="turn.connection_lost"):
        async for event in client.stream_turn("ses-1", "hi", ["idx-1"]):
            got.append(event.content)
    assert got == ["Revenue"]


async def test_stream_http_error_raises_before_any_event(client, script):
    detail = [{"loc": ["body", "prompt"], "msg": "String should have at most 1000 characters", "type": "x"}]
    script.on("POST", STREAM_PATH, lambda: JSONResponse({"detail": detail}, 422))
    got = []
    with pytest.raises(ValidationFailed, match="^prompt: String should have at most 1000 characters$"):
        async for event in client.stream_turn("ses-1", "x" * 1001, ["idx-1"]):
            got.append(event)
    assert got == []


async def test_stream_is_never_retried(client, script, sleeps):
    script.on("POST", STREAM_PATH, lambda: JSONResponse({"detail": "busy"}, 503))
    with pytest.raises(ServerError, match="busy"):
        await turn(client)
    assert script.count("POST", STREAM_PATH) == 1 and sleeps == []


async def test_unknown_session_is_not_found(client, script):
    with pytest.raises(NotFoundError, match="Not Found"):
        await client.get_session("ses-missing")


async def test_keep_alive_comments_count_as_activity(client, script):
    """httpx-sse hides comments; the byte-level watch still sees them, so a turn that only
    sends keep-alives is known to be alive."""
    from chat_ui.api.activity import StreamActivity

    body = ": keep-alive\n\n" * 50 + frame(STOP)
    script.on("POST", STREAM_PATH, sse_reply(body))
    activity = StreamActivity()
    events = [e async for e in client.stream_turn("ses-1", "hi", ["idx-1"], activity=activity)]
    assert [e.type for e in events] == ["stop"]
    assert activity.received == len(body.encode())


async def test_a_turn_in_a_deleted_session_says_the_chat_is_gone(client, script):
    from chat_ui.api.client import SESSION_GONE

    script.on("POST", STREAM_PATH, lambda: JSONResponse({"detail": "Chat session ses-1 not found"}, 404))
    script.on("GET", "/api/v1/chat/ses-1/summary", lambda: JSONResponse({"detail": "Chat session ses-1 not found"}, 404))
    with pytest.raises(NotFoundError) as info:
        await turn(client)
    assert str(info.value) == SESSION_GONE
    assert script.count("POST", STREAM_PATH) == 1


async def test_a_404_about_something_else_keeps_the_service_words(client, script):
    script.on("POST", STREAM_PATH, lambda: JSONResponse({"detail": "Index not found: idx-9"}, 404))
    script.on("GET", "/api/v1/chat/ses-1/summary", lambda: JSONResponse(SUMMARY))
    with pytest.raises(NotFoundError, match="^Index not found: idx-9$"):
        await turn(client)
