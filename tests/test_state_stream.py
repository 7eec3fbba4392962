"""The streaming design, proved through Reflex's real event pipeline (no browser):
flushes are bounded by time, not by deltas; no flush carries the finished history; the text
travels as client-side deltas and is committed once."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from chat_ui.i18n.message import render
from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from chat_ui.state.sessions import SessionsState
from chat_ui.turns.batching import FLUSH_INTERVAL_S
from tests.support.tabs import answer_of, appended

LIVE = LiveState.get_full_name()
CHAT = ChatState.get_full_name()


@pytest.fixture
def answer_api(paced_api):
    return paced_api(2000, 0.001)  # paced so the answer outlasts a few flushes even when the reader is fast


@pytest.fixture
def slow_api(paced_api):
    """3,000 deltas 2 ms apart: an answer that takes about 6 s."""
    return paced_api(3000, 0.002)


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    return local_api


async def test_2000_delta_answer_flushes_by_time_and_never_resends_history(answer_api, tabs, monkeypatch):
    from chat_ui.turns import pacing

    # The answer streams in well under a second here (its upstream runs in this process); a busy
    # test loop would stretch the flush interval and leave much of it to the commit. The stretch
    # has tests of its own (test_pacing.py).
    monkeypatch.setattr(pacing, "MAX_S", pacing.BASE_S)
    tab = tabs()
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send("How much did revenue grow in Q3?"))
    first = await tab.idle()
    assert first.turn.status == "done"

    tab.ns.updates.clear()
    started = time.monotonic()
    await tab.run(LiveState.send("What are the main risks?"))
    live = await tab.wait_for(lambda lv: lv.turn.prompt == "What are the main risks?" and not lv.streaming, what="the 2nd turn")
    elapsed = time.monotonic() - started
    assert live.turn.status == "done", live.turn.error
    answer = answer_of(live)
    assert len(answer) > 2000

    updates = tab.ns.of(tab.token)
    # The finished first turn moves once, when the new prompt starts, before any text flows;
    # the session's history var is never sent, and no flush carries a finished turn.
    assert not any("turns_rx_state_" in u.delta.get(CHAT, {}) for u in updates)
    moving = [i for i, u in enumerate(updates) if "recent_rx_state_" in u.delta.get(LIVE, {})]
    text_flushes = [i for i, u in enumerate(updates) if appended(u)]
    assert len(moving) == 1 and moving[0] < text_flushes[0]
    # Flushes are bounded by time, not by the 2,000 deltas.
    flushes = [u for u in updates if LIVE in u.delta or appended(u)]
    assert len(flushes) <= elapsed / FLUSH_INTERVAL_S + 12, (len(flushes), elapsed)
    assert len(flushes) < 200
    # Only the new text is on the wire, each piece once, in order (the tail that arrives in the
    # same batch as the complete text event is carried by the commit instead).
    text_key = next(b.key for b in live.blocks if b.kind == "text")
    streamed = "".join(appended(u).get(text_key, "") for u in updates)
    assert answer.startswith(streamed) and len(streamed) > len(answer) // 2
    # While streaming, the text block's var held no text; the full text was committed once.
    commits = [u.delta[LIVE]["blocks_rx_state_"] for u in updates if "blocks_rx_state_" in u.delta.get(LIVE, {})]
    texts = [b["text"] if isinstance(b, dict) else b.text for c in commits for b in c
             if (b["key"] if isinstance(b, dict) else b.key) == text_key]
    assert [x for x in texts if x] == [answer]


async def test_stop_keeps_the_partial_answer(slow_api, tabs):
    tab = tabs()
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send("Tell me everything about revenue"))
    await tab.wait_for(lambda lv: any(tab.text().buffers.get(b.key) for b in lv.blocks if b.kind == "text"), what="the answer")
    await asyncio.sleep(0.2)
    stopped_at = time.monotonic()
    await tab.run(LiveState.stop)
    live = await tab.idle()
    assert time.monotonic() - stopped_at < 1.0
    assert live.turn.status == "stopped"
    assert 0 < len(answer_of(live)) < 3000 * 3
    chat = await tab.state(ChatState)
    assert chat.current_id.startswith("ses-")


async def test_upstream_error_keeps_prompt_and_partial(api, tabs):
    tab = tabs()
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send("Revenue please [fault:drop]"))
    live = await tab.idle()
    assert live.turn.status == "interrupted" and live.turn.prompt == "Revenue please [fault:drop]"
    assert answer_of(live)  # the partial text survived
    await tab.run(LiveState.send("Again [fault:http-500]"))
    live = await tab.wait_for(lambda lv: lv.turn.prompt.startswith("Again") and lv.turn.status != "streaming")
    assert live.turn.status == "error" and "Simulated upstream failure" in live.turn.error
    assert live.turn.prompt == "Again [fault:http-500]"


async def test_refused_sends_keep_the_text(api, tabs):
    tab = tabs()
    await tab.run(ChatState.load_indexes)
    long_prompt = "x" * 1001
    await tab.run(LiveState.send(long_prompt))
    live = await tab.live()
    assert "limit is 1,000" in render("en", live.send_error) and live.draft == long_prompt and live.turn.key == ""
    await tab.run(LiveState.send("   "))
    live = await tab.live()
    assert live.turn.key == ""


async def test_reopened_session_renders_like_the_live_turn(api, tabs):
    tab = tabs()
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send("What is the parental leave policy?"))
    live = await tab.idle()
    chat = await tab.state(ChatState)
    session_id = chat.current_id
    await tab.wait_for(lambda lv: True)
    for _ in range(100):  # the generated title follows the first turn
        if (await tab.state(ChatState)).title:
            break
        await asyncio.sleep(0.05)
    assert (await tab.state(ChatState)).title

    # Fold the stored events through the same reducer and views as the live turn.
    from chat_ui import transcript as t
    from chat_ui.backends import get_backend
    from chat_ui.views import turn_view

    detail = await get_backend().get_session(session_id)
    (stored,) = t.fold_stored(detail.typed_events())
    view = turn_view(stored, live.turn.key)
    strip = lambda v: [(b.kind, b.text, b.tool_name, b.tool_status, b.has_result, b.image_key) for b in v.blocks]
    assert strip(view) == [(b.kind, b.text, b.tool_name, b.tool_status, b.has_result, b.image_key) for b in live.blocks]
    assert view.status == live.turn.status


@pytest.mark.parametrize("history", ["private", "all"])
async def test_sessions_list_pages_and_deletes(api, tabs, monkeypatch, history):
    monkeypatch.setattr("chat_ui.state.sessions.PAGE_SIZE", 2)
    monkeypatch.setenv("CHAT_UI_HISTORY", history)
    from chat_ui.backends import get_backend

    backend = get_backend()
    tab = tabs()
    ids = []
    for _ in range(5):
        ids.append((await backend.create_session(["idx-handbook"])).session_id)
        await tab.claim(ids[-1])
    await tab.run(SessionsState.refresh)
    sessions = await tab.state(SessionsState)
    assert len(sessions.sessions) == 2 and sessions.next_page_token
    await tab.run(SessionsState.load_more)
    await tab.run(SessionsState.load_more)
    sessions = await tab.state(SessionsState)
    assert [s.session_id for s in sessions.sessions] == list(reversed(ids)) and not sessions.next_page_token
    await tab.run(SessionsState.ask_delete(ids[0], "x"))
    await tab.run(SessionsState.confirm_delete)
    sessions = await tab.state(SessionsState)
    assert ids[0] not in [s.session_id for s in sessions.sessions]
    page = await backend.list_sessions(page_size=10)
    assert ids[0] not in [s.session_id for s in page.items]


async def test_raw_tool_result_stays_on_the_server_until_opened(api, tabs):
    from chat_ui.state.raw import RawState

    tab = tabs()
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send("How much did revenue grow in Q3?"))
    live = await tab.idle()
    tool = next(b for b in live.blocks if b.kind == "tool" and b.hits)
    sent = json.dumps([str(u.delta) for u in tab.ns.of(tab.token)])
    assert '"results"' not in sent and "static_fields" not in sent  # the raw JSON never went out
    await tab.run(RawState.load(tool.key))
    raw = await tab.state(RawState)
    assert '"static_fields"' in raw.shown[tool.key]


async def test_new_prompt_in_a_reopened_session_never_resends_its_history(api, tabs):
    from chat_ui.backends import get_backend

    backend = get_backend()
    session = await backend.create_session(["idx-handbook"])
    for prompt in ("What is the parental leave policy?", "And the travel policy?"):
        async for _ in backend.stream_turn(session.session_id, prompt, ["idx-handbook"]):
            pass
    tab = tabs()
    await tab.claim(session.session_id)
    await tab.open(f"/chat/{session.session_id}")
    await tab.run(ChatState.load_indexes)
    chat = await tab.state(ChatState)
    assert [v.prompt for v in chat.turns] == ["What is the parental leave policy?", "And the travel policy?"]

    tab.ns.updates.clear()
    for prompt in ("What about remote work?", "And expenses?"):
        await tab.run(LiveState.send(prompt))
        await tab.wait_for(lambda lv, p=prompt: lv.turn.prompt == p and not lv.streaming)
    assert not any("turns_rx_state_" in u.delta.get(CHAT, {}) for u in tab.ns.of(tab.token))
    live = await tab.live()
    assert [v.prompt for v in live.recent] == ["What about remote work?"] and live.turn.prompt == "And expenses?"
