"""One case per upstream failure: what the person reads, whether the partial answer and the
prompt are kept, and whether the app works afterwards. Each case asserts that behaviour and then
records it as a row of ``docs/reliability.md``."""

from __future__ import annotations

import json

import httpx

from chat_ui.i18n.message import render
from chat_ui.api.client import SESSION_GONE
from chat_ui.api.sse import UNREADABLE
from chat_ui.components.tool import ORPHAN
from chat_ui.i18n import t
from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from chat_ui.state.raw import PAGE_LINES, RawState
from chat_ui.state.screenshots import ScreenshotState
from chat_ui.turns.stall import StallLimits
from chat_ui.views import MAX_HITS
from tests.support.servers import free_port
from tests.support.tabs import Tab, answer_of
from tests.support.upstream import HEALTHY_ANSWER, RESET, STOP, delta, frame, json_error, sse

PROMPT = "How did revenue develop in Q3?"
NEXT = "And the outlook?"
KEPT_PROMPT = "kept in the failed turn, with Retry and Edit"


async def open_chat(tabs, upstream) -> tuple[Tab, str]:
    """A tab showing an existing chat, ready to send."""
    tab = tabs()
    sid = upstream.add_session()
    await tab.claim(sid)  # made straight on the API: recorded as this browser's chat
    await tab.open(f"/chat/{sid}")
    await tab.run(ChatState.load_indexes)
    return tab, sid


async def send(tab: Tab, prompt: str) -> LiveState:
    """Send and wait until that turn has ended."""
    await tab.run(LiveState.send(prompt))
    return await tab.wait_for(
        lambda lv: lv.turn.prompt == prompt and not lv.streaming and lv.turn.status != "streaming",
        what=f"the turn {prompt!r} to end",
    )


async def afterwards(tab: Tab) -> str:
    live = await send(tab, NEXT)
    assert live.turn.status == "done" and answer_of(live) == HEALTHY_ANSWER and not live.turn.error
    return "works: the next message is answered"


def failed(live: LiveState, status: str, prompt: str = PROMPT) -> str:
    """The turn ended with ``status`` and still shows its prompt (Retry and Edit come with it)."""
    assert live.turn.status == status, (live.turn.status, live.turn.error)
    assert live.turn.prompt == prompt
    return render("en", live.turn.error)  # the app's own words are kept as ids, shown in the reader's language


async def refused_turn(tabs, upstream, reply) -> tuple[Tab, LiveState]:
    tab, _ = await open_chat(tabs, upstream)
    upstream.next("stream", reply)
    return tab, await send(tab, PROMPT)


# ---------------------------------------------------------------------------- refused before any event


async def test_401_bad_key(tabs, upstream, record):
    tab, live = await refused_turn(tabs, upstream, json_error(401, "Invalid authentication token"))
    error = failed(live, "error")
    assert "did not accept the API key" in error and "LLAMA_CLOUD_API_KEY" in error and "Invalid authentication token" in error
    assert upstream.count("stream") == 1
    record("401", reads=error, partial="nothing had arrived", prompt=KEPT_PROMPT, usable=await afterwards(tab))


async def test_403_no_access(tabs, upstream, record):
    tab, live = await refused_turn(tabs, upstream, json_error(403, "Not allowed for this project"))
    error = failed(live, "error")
    assert "may not use the chat service or this project (HTTP 403)" in error and "Not allowed for this project" in error
    record("403", reads=error, partial="nothing had arrived", prompt=KEPT_PROMPT, usable=await afterwards(tab))


async def test_404_session_gone(tabs, upstream, record):
    tab, sid = await open_chat(tabs, upstream)
    del upstream.sessions[sid]  # deleted in another window
    live = await send(tab, PROMPT)
    assert failed(live, "error") == render("en", SESSION_GONE)
    # The way on is a new chat: the same message is answered there.
    await tab.open("/chat")
    await tab.run(ChatState.load_indexes)
    live = await send(tab, PROMPT)
    assert live.turn.status == "done" and answer_of(live) == HEALTHY_ANSWER
    assert (await tab.state(ChatState)).current_id not in ("", sid)
    record("404", reads=render("en", SESSION_GONE), partial="nothing had arrived", prompt=KEPT_PROMPT,
           usable="works in a new chat: the same message is answered there")


async def test_422_invalid(tabs, upstream, record):
    detail = [{"loc": ["body", "index_ids"], "msg": "List should have at least 1 item after validation, not 0", "type": "too_short"}]
    tab, live = await refused_turn(tabs, upstream, json_error(422, detail))
    error = failed(live, "error")
    assert error == "index_ids: List should have at least 1 item after validation, not 0"
    record("422", reads=error, partial="nothing had arrived", prompt=KEPT_PROMPT, usable=await afterwards(tab))


async def test_429_on_a_read_is_retried_after_the_wait_asked_for(tabs, upstream, waits, record):
    sid = upstream.add_session([{"type": "user_input", "content": PROMPT}, {"type": "text", "content": "Revenue grew."}, STOP])
    upstream.next("get", json_error(429, "slow down", {"retry-after": "2"}))
    tab = tabs()
    await tab.claim(sid)
    await tab.open(f"/chat/{sid}")
    chat = await tab.state(ChatState)
    assert chat.load_error == "" and [v.prompt for v in chat.turns] == [PROMPT]
    assert upstream.count("get") == 2 and waits == [2.0]
    await tab.run(ChatState.load_indexes)
    record("429-read", reads="nothing: the chat opens once the 2 s asked for have passed (one retry)",
           partial="not affected", prompt="not affected", usable=await afterwards(tab))


async def test_429_on_a_turn_says_when_to_retry_and_is_never_resent(tabs, upstream, waits, record):
    tab, live = await refused_turn(tabs, upstream, json_error(429, "Too many requests", {"retry-after": "30"}))
    error = failed(live, "error")
    assert "busy (HTTP 429)" in error and "Try again in 30 s." in error
    assert upstream.count("stream") == 1 and waits == [], "a turn must never be sent twice"
    record("429-turn", reads=error, partial="nothing had arrived", prompt=KEPT_PROMPT + " (never re-sent by itself)",
           usable=await afterwards(tab))


async def test_500(tabs, upstream, record):
    tab, live = await refused_turn(tabs, upstream, json_error(500, "Internal server error"))
    error = failed(live, "error")
    assert error == "The chat service failed (HTTP 500). Try again in a moment. The chat service said: Internal server error"
    assert upstream.count("stream") == 1
    record("500", reads=error, partial="nothing had arrived", prompt=KEPT_PROMPT, usable=await afterwards(tab))


async def test_503_html_from_a_proxy(tabs, upstream, record):
    page = "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
    tab, live = await refused_turn(tabs, upstream, lambda request: _html(page, 503))
    error = failed(live, "error")
    assert error == "The chat service is unavailable right now (HTTP 503). Try again in a moment."
    record("503", reads=error, partial="nothing had arrived", prompt=KEPT_PROMPT, usable=await afterwards(tab))


def _html(body: str, status: int):
    from starlette.responses import HTMLResponse

    return HTMLResponse(body, status_code=status)


async def test_connection_refused(tabs, upstream, record, monkeypatch):
    from chat_ui import backends
    from chat_ui.api.client import LlamaCloudClient
    from chat_ui.api.retry import RetryPolicy

    tab, _ = await open_chat(tabs, upstream)
    loop_backend = backends.get_backend()
    down = LlamaCloudClient(None, f"http://127.0.0.1:{free_port()}", retry_policy=RetryPolicy(max_retries=0))
    for module in ("chat_ui.state.live", "chat_ui.state.chat"):
        monkeypatch.setattr(f"{module}.get_backend", lambda: down)
    live = await send(tab, PROMPT)
    error = failed(live, "error")
    assert error == "Could not reach the chat service at 127.0.0.1. Check the address and your connection."
    # The service is back.
    for module in ("chat_ui.state.live", "chat_ui.state.chat"):
        monkeypatch.setattr(f"{module}.get_backend", lambda: loop_backend)
    await down.aclose()
    record("refused", reads=error, partial="nothing had arrived", prompt=KEPT_PROMPT,
           usable="works once the service is back: " + (await afterwards(tab)).removeprefix("works: "))


# ---------------------------------------------------------------------------- cut mid-answer


async def test_reset_mid_stream(tabs, upstream, record):
    tab, live = await refused_turn(tabs, upstream, sse(delta("Revenue grew "), delta("12% in Q3"), 0.2, RESET))
    error = failed(live, "interrupted")
    assert "connection to the chat service was lost" in error and "kept" in error
    assert answer_of(live) == "Revenue grew 12% in Q3"
    record("reset", reads=error, partial="kept: “Revenue grew 12% in Q3”", prompt=KEPT_PROMPT, usable=await afterwards(tab))


async def test_stall_with_no_byte_at_all(tabs, upstream, record):
    limits = StallLimits.from_env()
    tab, _ = await open_chat(tabs, upstream)
    upstream.next("stream", sse(delta("Revenue grew 12%"), 60.0, delta(" (never sent)"), frame(STOP)))
    await tab.run(LiveState.send(PROMPT))
    waiting = await tab.wait_for(lambda lv: lv.turn.waiting != "", what="the still-waiting notice")
    assert waiting.streaming and waiting.turn.waiting == limits.waiting_notice()
    live = await tab.idle()
    error = failed(live, "interrupted")
    assert error == render("en", limits.stalled_message()) and live.turn.waiting == ""
    assert answer_of(live) == "Revenue grew 12%"
    record("stall", reads=f"first: “{render('en', limits.waiting_notice())}” with a Stop button; then: “{error}”",
           partial="kept: “Revenue grew 12%”", prompt=KEPT_PROMPT, usable=await afterwards(tab))


async def test_stall_and_the_person_stops(tabs, upstream, record):
    tab, _ = await open_chat(tabs, upstream)
    upstream.next("stream", sse(delta("Revenue grew 12%"), 60.0, frame(STOP)))
    await tab.run(LiveState.send(PROMPT))
    await tab.wait_for(lambda lv: lv.turn.waiting != "", what="the still-waiting notice")
    await tab.run(LiveState.stop)
    live = await tab.idle()
    failed(live, "stopped")
    assert answer_of(live) == "Revenue grew 12%" and live.turn.waiting == ""
    record("stall-stop", reads="“Stopped”, with Retry and Edit", partial="kept: “Revenue grew 12%”",
           prompt=KEPT_PROMPT.replace("failed", "stopped"), usable=await afterwards(tab))


# ---------------------------------------------------------------------------- odd streams


async def test_malformed_frames(tabs, upstream, record):
    tab, live = await refused_turn(tabs, upstream, sse(
        delta("Revenue "), "event: delta\ndata: {\"type\": \"text_delta\", \"content\": \n\n", delta("grew."),
        frame({"type": "text", "content": "Revenue grew."}), frame(STOP),
    ))
    assert live.turn.status == "done" and answer_of(live) == "Revenue grew."
    notices = [b.text for b in live.blocks if b.kind == "notice"]
    assert notices == [UNREADABLE]
    record("malformed", reads=f"the answer, and a notice: “{render('en', UNREADABLE)}”", partial="the whole answer is shown",
           prompt="shown as sent", usable=await afterwards(tab))


async def test_an_event_after_stop_is_ignored(tabs, upstream, record):
    tab, live = await refused_turn(tabs, upstream, sse(
        delta("Done."), frame({"type": "text", "content": "Done."}), frame(STOP), delta(" And a late extra."),
    ))
    assert live.turn.status == "done" and answer_of(live) == "Done." and not live.turn.error
    record("after-stop", reads="nothing unusual: the answer ends at `stop`; the late text is never shown",
           partial="the whole answer is shown", prompt="shown as sent", usable=await afterwards(tab))


async def test_a_5_mb_tool_result_never_reaches_the_browser_whole(tabs, upstream, record):
    rows = [{"content": f"Passage {i}: " + "revenue grew in the third quarter " * 14, "score": 0.5,
             "metadata": {"file_name": f"report-{i % 12}.pdf", "page": i % 40 + 1}} for i in range(10_000)]
    result = {"type": "tool_result", "call_id": "c1", "name": "retrieve", "result": {"results": rows}}
    assert len(json.dumps(result)) > 5_000_000
    tab, live = await refused_turn(tabs, upstream, sse(
        frame({"type": "tool_call", "call_id": "c1", "name": "retrieve", "arguments": {"query": "revenue", "top_k": 10000}}),
        frame(result), delta("Revenue grew."), frame({"type": "text", "content": "Revenue grew."}), frame(STOP),
    ))
    assert live.turn.status == "done" and answer_of(live) == "Revenue grew."
    (card,) = [b for b in live.blocks if b.kind == "tool"]
    assert len(card.hits) == MAX_HITS and render("en", card.tool_summary) == "10,000 passages from 12 files"
    assert render("en", card.hits_left_out) == "9,980 more passages are not shown here; the raw result has them all."
    biggest = max(len(json.dumps(u.delta, default=str)) for u in tab.ns.of(tab.token))
    assert biggest < 100_000, f"an update of {biggest:,} bytes went to the browser"
    # The raw JSON comes a page at a time, and only when asked for.
    await tab.run(RawState.load(card.key))
    raw = await tab.state(RawState)
    first = raw.shown[card.key]
    assert first.count("\n") < PAGE_LINES and raw.page_count[card.key] > 100
    await tab.run(RawState.turn_page(card.key, 1))
    raw = await tab.state(RawState)
    assert render("en", raw.page_label[card.key]).startswith(f"Lines {PAGE_LINES + 1:,}–{2 * PAGE_LINES:,} of ")
    assert raw.shown[card.key] != first
    biggest = max(len(json.dumps(u.delta, default=str)) for u in tab.ns.of(tab.token))
    assert biggest < 100_000, f"an update of {biggest:,} bytes went to the browser"
    record("huge", reads=f"a tool card “{render('en', card.tool_summary)}” with {MAX_HITS} hits and “{render('en', card.hits_left_out)}”",
           partial="the whole answer is shown; the raw JSON stays on the server and opens a page (400 lines) at a time",
           prompt="shown as sent", usable=await afterwards(tab))


async def test_10000_one_character_deltas_in_one_second(tabs, upstream, record):
    answer = "".join("abcdefghij"[i % 10] for i in range(10_000))
    bursts = ["".join(delta(c) for c in answer[i:i + 1000]) for i in range(0, 10_000, 1000)]
    steps = [step for burst in bursts for step in (burst, 0.1)]
    tab, _ = await open_chat(tabs, upstream)
    before = len(tab.ns.of(tab.token))
    upstream.next("stream", sse(*steps, frame(STOP)))
    live = await send(tab, PROMPT)
    assert live.turn.status == "done" and answer_of(live) == answer
    text_key = next(b.key for b in live.blocks if b.kind == "text")
    # The live copy is the answer's start, with nothing lost or doubled inside it. Its tail may have
    # come only with the end's view (the last text and the end read in one batch, on a busy
    # machine), which the page renders from then on.
    live_copy = tab.text().ever[text_key]
    assert answer.startswith(live_copy), "the browser's copy lost or doubled a character"
    assert len(live_copy) >= len(answer) // 2, f"only {len(live_copy):,} characters came live"
    updates = len(tab.ns.of(tab.token)) - before
    assert updates < 200, f"{updates} updates for one answer: not batched"
    record("deltas", reads="nothing unusual: the answer streams and ends whole (10,000 characters)",
           partial="the whole answer is shown", prompt="shown as sent",
           usable=await afterwards(tab) + "; the deltas reached the tab batched (under 200 updates, not 10,000)")


async def test_a_repeated_call_id(tabs, upstream, record):
    def call(query):
        return frame({"type": "tool_call", "call_id": "call_0", "name": "retrieve", "arguments": {"query": query}})

    def result(n):
        return frame({"type": "tool_result", "call_id": "call_0", "name": "retrieve", "result": {"results": [{"content": f"hit {n}"}]}})

    tab, live = await refused_turn(tabs, upstream, sse(
        call("revenue"), call("risks"), result(1), result(2), result(3), delta("Both."),
        frame({"type": "text", "content": "Both."}), frame(STOP),
    ))
    assert live.turn.status == "done" and answer_of(live) == "Both."
    cards = [b for b in live.blocks if b.kind == "tool"]
    assert [(render("en", c.tool_args_short), c.hits[0].snippet, c.has_call) for c in cards] == [
        ("“revenue”", "hit 1", True), ("“risks”", "hit 2", True), ("", "hit 3", False),
    ]
    record("call-id", reads="three tool cards: each call with its own result, in order; the extra result in a card of its own "
                            f"that says “{t('en', ORPHAN)}”",
           partial="the whole answer is shown", prompt="shown as sent", usable=await afterwards(tab))


async def test_a_screenshot_url_that_fails_to_load(tabs, upstream, record):
    attachment = {"attachment_name": "screenshots/page_3.jpg", "source_id": "dfl-1"}
    tab, live = await refused_turn(tabs, upstream, sse(
        frame({"type": "tool_call", "call_id": "c1", "name": "retrieve", "arguments": {"query": "revenue"}}),
        frame({"type": "tool_result", "call_id": "c1", "name": "retrieve", "result": {"results": [{"content": "Revenue grew."}]},
               "image_attachment": attachment}),
        delta("Revenue grew."), frame({"type": "text", "content": "Revenue grew."}), frame(STOP),
    ))
    assert live.turn.status == "done"
    (card,) = [b for b in live.blocks if b.kind == "tool"]
    expired = json_error(403, "Request has expired")
    upstream.next("file", expired, expired, expired)
    await tab.run(ScreenshotState.resolve(card.image_source, card.image_name, False))
    shots = await tab.state(ScreenshotState)
    # The browser loads the URL and reports each failure; the app resolves a fresh URL once, then gives up.
    for _ in range(2):
        url = shots.urls[card.image_key]  # origin-relative, as the browser gets it for this backend
        assert httpx.get(upstream.url + url).status_code == 403
        await tab.run(ScreenshotState.image_failed(card.image_source, card.image_name))
        shots = await tab.state(ScreenshotState)
        if card.image_key in shots.errors:
            break
        await tab.run(ScreenshotState.resolve(card.image_source, card.image_name, True))  # the browser runs the retry it was sent
        shots = await tab.state(ScreenshotState)
    error = render("en", shots.errors[card.image_key])
    assert error == "The page image could not be loaded."
    assert upstream.count("attachment") == 2 and upstream.count("file") == 2
    assert answer_of(await tab.live()) == "Revenue grew."
    record("screenshot", reads=f"in the screenshot card: “{error}” (after a fresh URL failed too)",
           partial="the answer and the tool card are not affected", prompt="shown as sent", usable=await afterwards(tab))
