"""Turns outlive the tab: reloads, second tabs, stop from anywhere, nobody watching — proved on
Reflex's real event pipeline with several tabs (client tokens) and the in-process hub."""

from __future__ import annotations

import asyncio

import pytest

from chat_ui.state.chat import UNTITLED, ChatState
from chat_ui.state.live import BUSY, FOLLOWERS, LiveState
from chat_ui.turns import get_hub
from tests.support.tabs import answer_of, text_ops

PROMPT = "Tell me everything about revenue"


@pytest.fixture(autouse=True, params=["memory-hub", "redis-hub"])
def hub_kind(request, monkeypatch):
    """Every case runs on both hubs (one worker: Redis is exercised, not yet shared)."""
    if request.param == "redis-hub":
        monkeypatch.setenv("REFLEX_REDIS_URL", request.getfixturevalue("redis_url"))
    else:
        monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    return request.param


@pytest.fixture
def slow_api(paced_api):
    """600 deltas 5 ms apart: an answer that takes about 3 s."""
    return paced_api(600, 0.005)


async def start(tabs):
    """Tab A sends a slow prompt in a new chat; returns A, the session id, and the stream key
    of the answer once text has started to flow."""
    a = tabs()
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send(PROMPT))
    live = await a.wait_for(lambda lv: any(b.kind == "text" for b in lv.blocks), what="the answer to start")
    session_id = (await a.state(ChatState)).current_id
    key = next(b.key for b in live.blocks if b.kind == "text")
    await a.wait_for(lambda lv: len(a.text().buffers.get(key, "")) > 50, what="some text")
    return a, session_id, key


async def test_second_tab_gets_the_turn_so_far_then_follows_it_exactly_once(slow_api, tabs):
    a, session_id, key = await start(tabs)
    b = tabs()
    await b.open(f"/chat/{session_id}")
    live_b = await b.wait_for(lambda lv: lv.turn.key != "", what="the running turn")
    assert live_b.streaming, "the second tab's composer must know a turn is running"
    assert live_b.turn.prompt == PROMPT
    # The text so far arrives at once, as one replacement, not as the whole history of deltas.
    first_text = await b.wait_for(lambda lv: b.text().buffers.get(key), what="the text so far")
    assert first_text
    first_ops = [op for u in b.ns.of(b.token) for op, arg in text_ops(u) if key in (arg or {})]
    assert first_ops[0] == "set", "the text so far must replace, not append"

    done_a, done_b = await a.idle(), await b.idle()
    answer = answer_of(done_a)
    assert done_b.turn.status == done_a.turn.status == "done"
    assert answer_of(done_b) == answer
    for tab in (a, b):  # what each browser's store held never repeated or lost a piece
        held = tab.text().ever.get(key, "")
        assert held and answer.startswith(held), (tab.token, held[:80])
    chat_b = await b.state(ChatState)
    assert chat_b.turns == [], "the running turn is not in the history as well"


async def test_reload_mid_answer_replays_the_turn_without_doubling_text(slow_api, tabs):
    a, session_id, key = await start(tabs)
    # A reload: the same tab token loads /chat/<id> again; its store starts empty.
    before = len(a.ns.updates)
    await a.open(f"/chat/{session_id}", reload=True)
    live = await a.idle()
    assert live.turn.status == "done" and live.turn.prompt == PROMPT
    from tests.support.tabs import TextStore

    after_reload = TextStore().feed(a.ns.of(a.token)[0:0])  # empty store, like a reloaded page
    after_reload.feed([u for _, tok, u in a.ns.updates[before:] if tok == a.token])
    held = after_reload.ever.get(key, "")
    assert held and answer_of(live).startswith(held)
    # The same tab without a reload (a reconnect) keeps its store: still no text twice.
    whole = a.text().ever.get(key, "")
    assert answer_of(live).startswith(whole)
    assert (await a.state(ChatState)).turns == []


async def test_a_reloaded_page_gets_no_stray_text_before_its_own_follower_starts(slow_api, tabs):
    a, session_id, key = await start(tabs)
    a.page += 1  # the page reloaded: a new socket, an empty store; its on_load has not run yet
    before = len(a.ns.updates)
    await asyncio.sleep(0.4)  # the old follower would have flushed several times by now
    stray = [u for _, tok, u in a.ns.updates[before:] if tok == a.token and text_ops(u)]
    assert stray == [], "the old follower sent text to the reloaded page"
    await a.open(f"/chat/{session_id}")  # the page's on_load: a follower of its own
    ops = [op for _, tok, u in a.ns.updates[before:] if tok == a.token for op, arg in text_ops(u) if key in (arg or {})]
    await a.wait_for(lambda lv: True)
    for _ in range(100):
        ops = [op for _, tok, u in a.ns.updates[before:] if tok == a.token for op, arg in text_ops(u) if key in (arg or {})]
        if ops:
            break
        await asyncio.sleep(0.02)
    assert ops and ops[0] == "set", ops[:3]
    assert (await a.idle()).turn.status == "done"


async def test_stop_from_a_second_tab_stops_the_turn_everywhere(slow_api, tabs):
    a, session_id, key = await start(tabs)
    b = tabs()
    await b.open(f"/chat/{session_id}")
    await b.wait_for(lambda lv: lv.streaming, what="b to follow")
    await b.run(LiveState.stop)
    done_a, done_b = await a.idle(5), await b.idle(5)
    assert done_a.turn.status == done_b.turn.status == "stopped"
    assert answer_of(done_a) and answer_of(done_a) == answer_of(done_b)  # the partial is kept


async def test_a_second_send_into_a_running_session_is_refused_with_the_prompt_kept(slow_api, tabs):
    a, session_id, key = await start(tabs)
    b = tabs()
    await b.open(f"/chat/{session_id}")
    await b.wait_for(lambda lv: lv.streaming, what="b to follow")
    await b.run(LiveState.send("And the costs?"))
    live_b = await b.live()
    assert live_b.send_error == BUSY and live_b.draft == "And the costs?"
    assert live_b.turn.prompt == PROMPT and live_b.recent == []
    # Even a tab that does not know yet (its follower has not seen the turn) is refused by the hub.
    c = tabs()
    await c.open(f"/chat/{session_id}")
    c_live = await c.live()
    if not c_live.streaming:
        await c.run(LiveState.send("And the costs?"))
        c_live = await c.live()
        assert c_live.send_error == BUSY and c_live.draft == "And the costs?"
    done = await a.idle()
    assert done.turn.status == "done"


async def test_closing_every_tab_does_not_stop_the_turn(slow_api, tabs):
    a, session_id, key = await start(tabs)
    FOLLOWERS.clear()  # every tab is gone: their followers stop
    hub = get_hub()
    for _ in range(200):
        current = await hub.current(session_id)
        if current is not None and not current.running:
            break
        await asyncio.sleep(0.05)
    assert current is not None and not current.running
    from chat_ui.backends import get_backend
    from chat_ui import transcript as t

    (stored,) = t.fold_stored((await get_backend().get_session(session_id)).typed_events())
    assert stored.status == "done" and len(stored.answer) > 1000
    # Reopening the chat later shows the whole answer, once (replayed from the hub while it holds
    # the turn, from the stored session after that).
    later = tabs()
    await later.open(f"/chat/{session_id}")
    live = await later.idle()
    chat = await later.state(ChatState)
    assert chat.turns == [] and live.turn.prompt == PROMPT and live.turn.status == "done"
    assert answer_of(live) == stored.answer

    gone = tabs()  # once the hub has let go, the stored copy is the history
    if hasattr(hub, "_redis"):
        await hub._redis.delete(f"chat_ui:turn:{session_id}")
    else:
        hub._by_session.pop(session_id)
    await gone.open(f"/chat/{session_id}")
    chat = await gone.state(ChatState)
    assert [v.prompt for v in chat.turns] == [PROMPT] and chat.turns[0].status == "done"
    assert (await gone.live()).turn.key == ""


async def test_an_unwatched_turn_stops_when_configured(slow_api, tabs, monkeypatch):
    from chat_ui.turns.runner import UNWATCHED

    monkeypatch.setenv("CHAT_UI_STOP_WITHOUT_VIEWERS_S", "0.4")
    a, session_id, key = await start(tabs)
    FOLLOWERS.clear()
    hub = get_hub()
    for _ in range(100):
        current = await hub.current(session_id)
        if not current.running:
            break
        await asyncio.sleep(0.05)
    assert not current.running
    entries = [e async for batch in hub.read(current.info) for e in batch]
    assert entries[-1].kind == "end" and entries[-1].view.status == "interrupted"
    assert entries[-1].view.error == UNWATCHED


async def test_a_new_chat_streams_to_its_sender_through_one_follower(slow_api, tabs):
    """The sender follows at once, and the redirect to the chat's address (a navigation within the
    page, the same socket) keeps that follower: the text so far is never sent again."""
    a, session_id, key = await start(tabs)
    assert a.path == f"/chat/{session_id}"
    done = await a.idle()
    ops = [op for u in a.ns.of(a.token) for op, arg in text_ops(u) if op != "reset" and key in (arg or {})]
    assert ops[0] == "set" and "set" not in ops[1:], ops[:5]
    assert a.text().ever.get(key) and answer_of(done).startswith(a.text().ever[key])


async def test_two_tabs_sending_at_once_each_show_the_answer_once(slow_api, tabs):
    """The tab whose send loses the race is refused and goes on with the follower it has: a
    second follower would put every piece of the winner's answer in its page twice."""
    a, session_id, _ = await start(tabs)
    await a.idle()
    b = tabs()
    await b.open(f"/chat/{session_id}")
    await b.wait_for(lambda lv: lv.turn.key != "" and not lv.streaming, what="b to show the chat")
    await asyncio.gather(a.run(LiveState.send("And the costs?")), b.run(LiveState.send("And the costs?")))
    lives = [await a.live(), await b.live()]
    assert sorted(lv.send_error == BUSY for lv in lives) == [False, True]
    done_a = await a.wait_for(lambda lv: lv.turn.prompt == "And the costs?" and not lv.streaming, what="the second turn")
    done_b = await b.wait_for(lambda lv: lv.turn.prompt == "And the costs?" and not lv.streaming, what="the second turn")
    answer = answer_of(done_a)
    assert answer and answer_of(done_b) == answer
    key = next(bl.key for bl in done_a.blocks if bl.kind == "text")
    for tab in (a, b):
        held = tab.text().ever.get(key, "")
        assert held and answer.startswith(held), (tab.token, len(held), len(answer))


async def test_a_new_chat_after_a_failed_one_is_the_chats_first_turn(slow_api, tabs, monkeypatch):
    from chat_ui.api.errors import ChatAPIError
    from chat_ui.backends import get_backend

    backend = get_backend()
    create, calls = backend.create_session, []

    async def failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ChatAPIError("The chat service failed (HTTP 500). Try again in a moment.")
        return await create(*args, **kwargs)

    monkeypatch.setattr(backend, "create_session", failing_once)
    a = tabs()
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send(PROMPT))
    failed = await a.idle()
    failed_key = failed.turn.key  # the state object lives on: keep what it said then
    assert failed.turn.status == "error"
    await a.run(LiveState.send(PROMPT))
    done = await a.wait_for(lambda lv: lv.turn.key != failed_key and lv.turn.status == "done", what="the retry")
    assert done.turn.key.startswith("t0-"), done.turn.key  # its place in the chat: the raw results are found there
    for _ in range(100):  # the first turn's title
        chat = await a.state(ChatState)
        if chat.title and chat.title != UNTITLED:
            break
        await asyncio.sleep(0.05)
    assert chat.title and chat.title != UNTITLED


async def test_a_fault_after_the_prompt_shows_gives_the_prompt_back(slow_api, tabs, monkeypatch):
    from chat_ui.state import live as live_module

    async def broken(*args, **kwargs):
        raise RuntimeError("the owner store is unreachable")

    monkeypatch.setattr(live_module, "admit_turn", broken)
    a = tabs()
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send(PROMPT))
    live = await a.live()
    assert live.send_error == live_module.BROKEN and live.draft == PROMPT
    assert not live.streaming and live.turn.key == "", "the tab must not be left running a turn that never started"


async def test_a_closed_tabs_follower_leaves_nothing_behind(slow_api, tabs):
    from chat_ui.state.live import FOLLOWER_SOCKETS

    a, session_id, key = await start(tabs)
    del a.ns.tabs[a.token]  # the tab closed: its socket is gone
    for _ in range(200):
        if a.token not in FOLLOWERS:
            break
        await asyncio.sleep(0.02)
    assert a.token not in FOLLOWERS and a.token not in FOLLOWER_SOCKETS


async def test_opening_a_just_finished_turn_sends_no_text_the_page_would_drop(slow_api, tabs):
    """The end's view holds the whole text: a tab that replays a finished turn from the hub gets
    the view, and its text store only a reset, not the answer a second time."""
    a, session_id, key = await start(tabs)
    await a.idle()
    c = tabs()
    await c.open(f"/chat/{session_id}")
    live = await c.idle()
    assert answer_of(live) == answer_of(await a.live())
    carried = [op for u in c.ns.of(c.token) for op, arg in text_ops(u) if op in ("set", "append")]
    assert carried == []


async def until_titled(tab, title: str, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if (await tab.state(ChatState)).title == title:
            return
        await asyncio.sleep(0.05)
    assert (await tab.state(ChatState)).title == title


async def test_every_tab_on_a_first_turn_gets_one_title(slow_api, tabs, monkeypatch):
    """Each tab ends the first turn at once; one series of summary reads in the worker serves them all."""
    from chat_ui.state import live as live_module

    asked, ask = [], live_module._ask_title

    async def counted(session_id):
        asked.append(session_id)
        await asyncio.sleep(0.2)  # a slow summary: the other tabs arrive meanwhile
        return await ask(session_id)

    monkeypatch.setattr(live_module, "_ask_title", counted)
    a, session_id, _ = await start(tabs)
    b = tabs()
    await b.open(f"/chat/{session_id}")
    await b.wait_for(lambda lv: lv.streaming, what="b to follow")
    await a.idle()
    await b.idle()
    for tab in (a, b):
        await until_titled(tab, PROMPT)
    assert asked == [session_id]


async def test_the_generated_title_is_picked_up_when_a_later_summary_has_it(tmp_path, tabs, monkeypatch):
    """The service makes the title a while after the first turn: the chat shows its first message
    meanwhile, reads the summary again until it has the title, and never asks for one."""
    from chat_ui.backends import get_backend
    from chat_ui.local.app import create_app
    from tests.conftest import local_settings
    from tests.support.servers import serve

    with serve(create_app(local_settings(tmp_path, title_delay_s=0.8))) as url:
        monkeypatch.setenv("CHAT_UI_LOCAL_URL", url)
        backend = get_backend()
        summaries, summary = [], backend.get_summary

        async def counted(session_id):
            got = await summary(session_id)
            summaries.append(got.generated_title)
            return got

        monkeypatch.setattr(backend, "get_summary", counted)
        a = tabs()
        await a.run(ChatState.load_indexes)
        prompt = "What changed in the travel policy, and why?"
        await a.run(LiveState.send(prompt))
        await a.idle()
        chat = await a.state(ChatState)
        assert chat.title == prompt and not chat._titled  # the first message, until the service's title comes
        for _ in range(100):
            if (await a.state(ChatState))._titled:
                break
            await asyncio.sleep(0.05)
        assert (await a.state(ChatState))._titled and (await a.state(ChatState)).title == prompt
        assert summaries[0] is None and summaries[-1] == prompt and len(summaries) >= 2, summaries


async def test_a_new_chat_is_titled_in_the_header_while_its_first_answer_streams(slow_api, tabs):
    """The sidebar lists a new chat under its first message at once; the header says the same
    rather than "New chat" until the real title arrives at the end."""
    from chat_ui.state.live import derive_title

    a, session_id, key = await start(tabs)
    assert (await a.live()).streaming
    assert (await a.state(ChatState)).title == derive_title(PROMPT)
    await a.idle()
