"""Search, rename, pin and bulk delete through Reflex's real event pipeline, two browsers on one
deployment: hits come from the person's own turns only, and every handler checks the owner."""

from __future__ import annotations

import re

import pytest

from chat_ui import transcript as t
from chat_ui.api import summary_cache
from chat_ui.backends import get_backend
from chat_ui.search import indexing
from chat_ui.state.chat import ChatState, focus_turn
from chat_ui.state.live import LiveState
from chat_ui.state.search import SearchState
from chat_ui.state.sessions import SessionsState
from chat_ui.store import names

PROMPTS = ("What is the parental leave policy?", "How much did revenue grow in Q3?", "What about the parking allowance?")


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    return local_api


async def three_turns(tab) -> str:
    await tab.run(ChatState.load_indexes)
    for prompt in PROMPTS:
        await tab.run(LiveState.send(prompt))
        await tab.idle()
    await indexing.flushed()
    return (await tab.state(ChatState)).current_id


async def a_word_only_in_turn(session_id: str, ordinal: int) -> str:
    history = t.closed(t.fold((await get_backend().get_session(session_id)).typed_events()))
    others = " ".join(f"{h.prompt} {h.answer}" for i, h in enumerate(history) if i != ordinal).lower()
    words = [w for w in re.findall(r"[A-Za-z]{6,}", history[ordinal].answer) if w.lower() not in others]
    assert words, history[ordinal].answer
    return words[0]


async def test_a_word_of_the_third_answer_is_found_for_its_owner_only(api, tabs):
    a = tabs(browser="A")
    session_id = await three_turns(a)
    word = await a_word_only_in_turn(session_id, 2)
    await a.run(SearchState.set_query(word[:-1].upper()))  # a prefix, in another case
    hits = (await a.state(SearchState)).hits
    assert [(h.session_id, h.ordinal) for h in hits] == [(session_id, 2)]
    assert hits[0].href == f"/chat/{session_id}?turn=2" and hits[0].title and hits[0].when
    assert any(s.marked and s.text.lower() == word.lower() for s in hits[0].segments)
    await a.run(SearchState.set_order("best"))
    assert [h.ordinal for h in (await a.state(SearchState)).hits] == [2]
    b = tabs(browser="B")
    await b.run(SearchState.set_query(word))
    assert (await b.state(SearchState)).hits == [] and (await b.state(SearchState)).searched
    for query in ['"', "*", "NEAR(", "-x", "()", "' OR 1=1 --", "\x00\x1b", "y" * 1000]:
        await a.run(SearchState.set_query(query))
        assert (await a.state(SearchState)).error == ""
    await a.run(SearchState.set_query(""))
    assert (await a.state(SearchState)).hits == [] and not (await a.state(SearchState)).searched


def test_a_hits_turn_opens_in_range_only():
    assert focus_turn("2", 200) == 2 and focus_turn("199", 200) == 199
    assert focus_turn("200", 200) == -1 and focus_turn("-1", 200) == -1 and focus_turn("x", 200) == -1
    assert focus_turn("", 3) == -1


async def test_rename_is_the_owners_and_shown_and_cleared(api, tabs):
    a = tabs(browser="A")
    session_id = await three_turns(a)
    await a.run(SessionsState.refresh)
    generated = (await a.state(SessionsState)).sessions[0].title
    await a.run(SessionsState.start_rename(session_id))
    assert (await a.state(SessionsState)).renaming_id == session_id
    await a.run(SessionsState.rename_key("Escape"))
    assert (await a.state(SessionsState)).renaming_id == "" and await names.name_of(a.owner, session_id) == ""
    await a.run(SessionsState.submit_rename({"session_id": session_id, "name": "Benefits questions"}))
    await eventually(lambda: names.name_of(a.owner, session_id), "Benefits questions")
    await eventually(lambda: title_of_first(a), "Benefits questions")
    listed = (await a.state(SessionsState)).sessions
    assert listed[0].title == "Benefits questions" and (await a.state(ChatState)).title == "Benefits questions"
    await a.run(SessionsState.refresh)
    assert (await a.state(SessionsState)).sessions[0].title == "Benefits questions"
    await a.run(SearchState.set_query("benefits quest"))
    assert [(h.session_id, h.ordinal) for h in (await a.state(SearchState)).hits][0] == (session_id, -1)
    b = tabs(browser="B")
    await b.run(SessionsState.save_rename(session_id, "Mine now"))
    assert await names.name_of(a.owner, session_id) == "Benefits questions"
    assert await names.name_of(b.owner, session_id) == ""
    await a.run(SessionsState.save_rename(session_id, "x" * 201))
    assert await names.name_of(a.owner, session_id) == "Benefits questions", "a long name is refused"
    await a.run(SessionsState.save_rename(session_id, ""))
    await eventually(lambda: title_of_first(a), generated)


async def eventually(read, expected, timeout: float = 10):
    """Chained events run after the one a tab waits for: wait for what they do."""
    import asyncio

    for _ in range(int(timeout / 0.05)):
        got = await read()
        if got == expected:
            return got
        await asyncio.sleep(0.05)
    assert got == expected


async def title_of_first(tab) -> str:
    return (await tab.state(SessionsState)).sessions[0].title


async def own_chats(tab, count: int) -> list[str]:
    import asyncio

    ids = []
    for _ in range(count):
        ids.append((await get_backend().create_session(["idx-handbook"])).session_id)
        await tab.claim(ids[-1])
        await asyncio.sleep(0.002)
    return ids[::-1]


async def test_pins_stay_above_the_list_in_pin_order(api, tabs):
    a = tabs(browser="A")
    first, second, third = await own_chats(a, 3)
    await a.run(SessionsState.toggle_pin(third, True))
    await a.run(SessionsState.toggle_pin(first, True))
    state = await a.state(SessionsState)
    assert [p.session_id for p in state.pinned] == [third, first] and all(p.pinned for p in state.pinned)
    assert [s.session_id for s in state.sessions] == [second]
    b = tabs(browser="B")
    await b.run(SessionsState.toggle_pin(second, True))
    assert await names.pinned(b.owner) == []
    await a.run(SessionsState.toggle_pin(third, False))
    state = await a.state(SessionsState)
    assert [p.session_id for p in state.pinned] == [first] and [s.session_id for s in state.sessions] == [second, third]


async def test_pins_past_the_first_page_come_with_it_and_a_gone_one_drops_out(api, tabs, monkeypatch):
    monkeypatch.setattr("chat_ui.state.sessions.PAGE_SIZE", 3)
    a = tabs(browser="A")
    ids = await own_chats(a, 6)  # newest first: the first page holds ids[:3]
    for pin in (ids[5], ids[1], ids[4]):
        await a.run(SessionsState.toggle_pin(pin, True))
    await get_backend().delete_session(ids[4])  # gone upstream, still pinned here
    summary_cache.clear()  # read again later than this worker keeps a summary (TTL_S)
    await a.run(SessionsState.refresh)
    state = await a.state(SessionsState)
    assert [p.session_id for p in state.pinned] == [ids[5], ids[1]], "pin order, the gone one left out"
    # read from their summaries (an untitled chat keeps "": the list writes "New chat" in the reader's language)
    assert all(p.title != p.session_id for p in state.pinned) and all(p.pinned for p in state.pinned)
    assert [s.session_id for s in state.sessions] == [ids[0], ids[2]], "the page without its pinned chat"
    assert [p.session_id for p in await names.pinned(a.owner)] == [ids[5], ids[1]]


async def test_delete_selected_deletes_only_the_owners_chats(api, tabs):
    a, b = tabs(browser="A"), tabs(browser="B")
    mine = await own_chats(a, 3)
    theirs = (await own_chats(b, 1))[0]
    await a.run(SessionsState.refresh)
    for sid in (mine[0], mine[2], theirs):
        await a.run(SessionsState.toggle_selected(sid, True))
    await a.run(SessionsState.toggle_selected(mine[2], False))
    await a.run(SessionsState.toggle_selected(mine[2], True))
    await a.run(SessionsState.ask_delete_selected)
    assert (await a.state(SessionsState)).confirm_count == 3
    await a.run(SessionsState.confirm_delete_selected)
    state = await a.state(SessionsState)
    assert [s.session_id for s in state.sessions] == [mine[1]] and state.selected == [theirs] and state.confirm_count == 0
    assert (await get_backend().get_session(theirs)).session_id == theirs, "another person's chat is left alone"
    await b.run(SessionsState.refresh)
    assert [s.session_id for s in (await b.state(SessionsState)).sessions] == [theirs]


async def test_never_indexed_chats_are_indexed_when_the_list_is_first_read(api, tabs, monkeypatch):
    a = tabs(browser="A")
    session_id = await three_turns(a)
    word = await a_word_only_in_turn(session_id, 2)
    from chat_ui.store import search as store

    await store.forget(a.owner, [session_id])  # as if made before this version
    await a.run(SearchState.set_query(word))
    assert (await a.state(SearchState)).hits == []
    monkeypatch.setattr(indexing, "PAUSE_S", 0)
    await a.run(SearchState.start_indexing)
    assert (await store.unindexed(a.owner)) == ([], 0)
    await a.run(SearchState.set_query(word))
    assert [h.ordinal for h in (await a.state(SearchState)).hits] == [2]
    assert not (await a.state(SearchState)).indexing


async def test_exports_and_shared_links_take_the_display_name(api, tabs):
    from chat_ui.export import title_of, to_json, to_markdown
    from chat_ui.search.naming import named

    a = tabs(browser="A")
    session_id = await three_turns(a)
    detail = await get_backend().get_session(session_id)
    assert title_of(await named(a.owner, detail)) == title_of(detail)
    await names.rename(a.owner, session_id, "Benefits, renamed")
    shown = await named(a.owner, detail)
    assert title_of(shown) == "Benefits, renamed" and to_markdown(shown).startswith("# Benefits, renamed")
    assert '"title": "Benefits, renamed"' in to_json(shown) or '"title":"Benefits, renamed"' in to_json(shown)
    assert title_of(await named("someone else", detail)) == title_of(detail)
