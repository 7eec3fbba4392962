"""The streaming design, proved through Reflex's real event pipeline (no browser):
flushes are bounded by time, not by deltas; no flush carries the finished history; the text
travels as client-side deltas and is committed once."""

from __future__ import annotations

import asyncio
import json
import re
import time

import pytest
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from reflex_base.event import Event
from reflex_base.event.processor import BaseStateEventProcessor

from chat_ui.local.app import create_app
from chat_ui.state.batching import FLUSH_INTERVAL_S
from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from chat_ui.state.sessions import SessionsState
from tests.conftest import local_settings
from tests.support.servers import serve

TOKEN = "tab-1"
LIVE = LiveState.get_full_name()
CHAT = ChatState.get_full_name()


class Namespace:
    """Stands in for the socket.io namespace: records what would go to the browser, when."""

    def __init__(self) -> None:
        self.updates: list[tuple[float, object]] = []

    async def emit_update(self, update, token):
        self.updates.append((time.monotonic(), update))


@pytest.fixture
def answer_api(tmp_path, monkeypatch):
    settings = local_settings(tmp_path, answer_deltas=2000, delta_interval_s=0.0005)
    with serve(create_app(settings)) as url:
        monkeypatch.setenv("CHAT_UI_LOCAL_URL", url)
        monkeypatch.delenv("LLAMA_CLOUD_API_KEY", raising=False)
        monkeypatch.delenv("CHAT_UI_BACKEND", raising=False)
        yield url


@pytest.fixture
async def pipeline():
    ns, sm = Namespace(), StateManagerMemory()
    ep = BaseStateEventProcessor(graceful_shutdown_timeout=5).configure(state_manager=sm, event_namespace=ns)
    async with ep:
        yield ep, ns, sm
    await sm.close()


async def run(ep, handler, timeout=30):
    fut = await ep.enqueue(TOKEN, Event.from_event_type(handler)[0])
    await asyncio.wait_for(fut.wait_all(), timeout)


async def wait_until_idle(sm, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        live = await (await sm.get_state(BaseStateToken(ident=TOKEN, cls=LiveState))).get_state(LiveState)
        if not live.streaming:
            return live
        await asyncio.sleep(0.05)
    raise AssertionError("the turn did not finish")


def answer_of(live) -> str:
    return "\n\n".join(b.text for b in live.blocks if b.kind == "text" and b.text)


def scripts(update) -> list[str]:
    return [e.payload.get("javascript_code", "") for e in update.events if e.name == "_call_script"]


def appended(update) -> dict[str, str]:
    out: dict[str, str] = {}
    for code in scripts(update):
        match = re.search(r"^chatUi\.append\((\{.*\})\)$", code, re.S)
        if match:
            for key, text in json.loads(match.group(1)).items():
                out[key] = out.get(key, "") + text
    return out


async def test_2000_delta_answer_flushes_by_time_and_never_resends_history(answer_api, pipeline):
    ep, ns, sm = pipeline
    await run(ep, ChatState.load_indexes)
    await run(ep, LiveState.send("How much did revenue grow in Q3?"))
    first = await wait_until_idle(sm)
    assert first.turn.status == "done"

    ns.updates.clear()
    started = time.monotonic()
    await run(ep, LiveState.send("What are the main risks?"))
    live = await wait_until_idle(sm)
    elapsed = time.monotonic() - started
    turn = live.turn
    assert turn.status == "done", turn.error
    answer = answer_of(live)
    assert len(answer) > 2000

    updates = [u for _, u in ns.updates]
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
    texts = [b.text for c in commits for b in c if b.key == text_key and b.text]
    assert texts == [answer]


async def test_stop_keeps_the_partial_answer(tmp_path, monkeypatch, pipeline):
    settings = local_settings(tmp_path, answer_deltas=3000, delta_interval_s=0.002)
    with serve(create_app(settings)) as url:
        monkeypatch.setenv("CHAT_UI_LOCAL_URL", url)
        ep, ns, sm = pipeline
        await run(ep, ChatState.load_indexes)
        sending = await ep.enqueue(TOKEN, Event.from_event_type(LiveState.send("Tell me everything about revenue"))[0])
        deadline = time.monotonic() + 10
        while not any(appended(u) for _, u in ns.updates):
            assert time.monotonic() < deadline
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.2)
        stopped_at = time.monotonic()
        await run(ep, LiveState.stop)
        live = await wait_until_idle(sm)
        await asyncio.wait_for(sending.wait_all(), 10)
        assert time.monotonic() - stopped_at < 1.0
        assert live.turn.status == "stopped"
        assert 0 < len(answer_of(live)) < 3000 * 3
        chat = await (await sm.get_state(BaseStateToken(ident=TOKEN, cls=ChatState))).get_state(ChatState)
        assert chat.current_id.startswith("ses-")


async def test_upstream_error_keeps_prompt_and_partial(local_api, monkeypatch, pipeline):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    ep, ns, sm = pipeline
    await run(ep, ChatState.load_indexes)
    await run(ep, LiveState.send("Revenue please [fault:drop]"))
    live = await wait_until_idle(sm)
    assert live.turn.status == "interrupted" and live.turn.prompt == "Revenue please [fault:drop]"
    assert answer_of(live)  # the partial text survived
    await run(ep, LiveState.send("Again [fault:http-500]"))
    live = await wait_until_idle(sm)
    assert live.turn.status == "error" and "Simulated upstream failure" in live.turn.error
    assert live.turn.prompt == "Again [fault:http-500]"


async def test_refused_sends_keep_the_text(local_api, monkeypatch, pipeline):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    ep, ns, sm = pipeline
    await run(ep, ChatState.load_indexes)
    long_prompt = "x" * 1001
    await run(ep, LiveState.send(long_prompt))
    live = await wait_until_idle(sm)
    assert "limit is 1,000" in live.send_error and live.draft == long_prompt and live.turn.key == ""
    await run(ep, LiveState.send("   "))
    live = await wait_until_idle(sm)
    assert live.turn.key == ""


async def test_reopened_session_renders_like_the_live_turn(local_api, monkeypatch, pipeline):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    ep, ns, sm = pipeline
    await run(ep, ChatState.load_indexes)
    await run(ep, LiveState.send("What is the parental leave policy?"))
    live = await wait_until_idle(sm)
    chat = await (await sm.get_state(BaseStateToken(ident=TOKEN, cls=ChatState))).get_state(ChatState)
    session_id = chat.current_id
    assert chat.title  # generated title arrived after the first turn

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


async def test_sessions_list_pages_and_deletes(local_api, monkeypatch, pipeline):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    monkeypatch.setattr("chat_ui.state.sessions.PAGE_SIZE", 2)
    from chat_ui.backends import get_backend

    backend = get_backend()
    ids = [(await backend.create_session(["idx-handbook"])).session_id for _ in range(5)]
    ep, ns, sm = pipeline
    await run(ep, SessionsState.refresh)
    sessions = await (await sm.get_state(BaseStateToken(ident=TOKEN, cls=SessionsState))).get_state(SessionsState)
    assert len(sessions.sessions) == 2 and sessions.next_page_token
    await run(ep, SessionsState.load_more)
    await run(ep, SessionsState.load_more)
    sessions = await (await sm.get_state(BaseStateToken(ident=TOKEN, cls=SessionsState))).get_state(SessionsState)
    assert [s.session_id for s in sessions.sessions] == list(reversed(ids)) and not sessions.next_page_token
    await run(ep, SessionsState.ask_delete(ids[0], "x"))
    await run(ep, SessionsState.confirm_delete)
    sessions = await (await sm.get_state(BaseStateToken(ident=TOKEN, cls=SessionsState))).get_state(SessionsState)
    assert ids[0] not in [s.session_id for s in sessions.sessions]
    page = await backend.list_sessions(page_size=10)
    assert ids[0] not in [s.session_id for s in page.items]


async def test_raw_tool_result_stays_on_the_server_until_opened(local_api, monkeypatch, pipeline):
    from chat_ui.state.raw import RawState

    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    ep, ns, sm = pipeline
    await run(ep, ChatState.load_indexes)
    await run(ep, LiveState.send("How much did revenue grow in Q3?"))
    live = await wait_until_idle(sm)
    tool = next(b for b in live.blocks if b.kind == "tool" and b.hits)
    sent = json.dumps([str(u.delta) for _, u in ns.updates])
    assert '"results"' not in sent and "static_fields" not in sent  # the raw JSON never went out
    await run(ep, RawState.load(tool.key))
    raw = await (await sm.get_state(BaseStateToken(ident=TOKEN, cls=RawState))).get_state(RawState)
    assert '"static_fields"' in raw.shown[tool.key]


async def test_answer_stops_upstream_when_its_tab_is_gone(tmp_path, monkeypatch, pipeline):
    """reflex#5049: a background send must not run on for a closed tab."""
    import sys
    import types

    from chat_ui.state import presence
    from chat_ui.state.live import TAB_CLOSED

    fake_app = types.SimpleNamespace(app=types.SimpleNamespace(event_namespace=types.SimpleNamespace(token_to_sid={})))
    monkeypatch.setitem(sys.modules, "chat_ui.chat_ui", fake_app)
    monkeypatch.setattr(presence, "GONE_AFTER_S", 0.3)
    settings = local_settings(tmp_path, answer_deltas=3000, delta_interval_s=0.002)
    with serve(create_app(settings)) as url:
        monkeypatch.setenv("CHAT_UI_LOCAL_URL", url)
        ep, ns, sm = pipeline
        await run(ep, ChatState.load_indexes)
        started = time.monotonic()
        await run(ep, LiveState.send("Tell me everything about revenue"))
        live = await wait_until_idle(sm)
        assert time.monotonic() - started < 4  # the full answer would take over 6 s
        assert live.turn.status == "interrupted" and live.turn.error == TAB_CLOSED
        assert answer_of(live)  # what arrived is kept


async def test_new_prompt_in_a_reopened_session_never_resends_its_history(local_api, monkeypatch, pipeline):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    from chat_ui.backends import get_backend

    backend = get_backend()
    session = await backend.create_session(["idx-handbook"])
    for prompt in ("What is the parental leave policy?", "And the travel policy?"):
        async for _ in backend.stream_turn(session.session_id, prompt, ["idx-handbook"]):
            pass
    ep, ns, sm = pipeline
    await run(ep, ChatState.load_indexes)
    # What open_session does for /chat/<id> (its on_load needs a registered app): fold the stored
    # events into the history var.
    from chat_ui import transcript as t
    from chat_ui.views import turn_view

    root = await sm.get_state(BaseStateToken(ident=TOKEN, cls=ChatState))
    chat = await root.get_state(ChatState)
    detail = await backend.get_session(session.session_id)
    chat.turns = [turn_view(turn, f"h{i}") for i, turn in enumerate(t.fold_stored(detail.typed_events()))]
    chat.current_id, chat.bound_index_ids, chat.has_messages = session.session_id, ["idx-handbook"], True
    root._clean()  # as if that page load's delta had gone out
    chat = await (await sm.get_state(BaseStateToken(ident=TOKEN, cls=ChatState))).get_state(ChatState)
    assert [v.prompt for v in chat.turns] == ["What is the parental leave policy?", "And the travel policy?"]

    ns.updates.clear()
    for prompt in ("What about remote work?", "And expenses?"):
        await run(ep, LiveState.send(prompt))
        await wait_until_idle(sm)
    assert not any("turns_rx_state_" in u.delta.get(CHAT, {}) for _, u in ns.updates)
    live = await wait_until_idle(sm)
    assert [v.prompt for v in live.recent] == ["What about remote work?"] and live.turn.prompt == "And expenses?"
