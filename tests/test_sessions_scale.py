"""The chat list at scale: grouped by the reader's days, and a filter that finds chats far past
what is loaded, showing how far it got, and that can be stopped."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from chat_ui.i18n.message import render
from chat_ui.state.sessions import SessionsState
from chat_ui.views import SessionView, day_group, grouped
from tests.support.local_db import give_title


def test_day_groups_follow_the_readers_own_calendar():
    now = datetime(2026, 11, 25, 1, 30, tzinfo=timezone.utc)  # 01:30 UTC is still the 24th in New York
    assert day_group("2026-11-25T00:10:00", 0, now) == "Today"
    assert day_group("2026-11-24T23:50:00", 0, now) == "Yesterday"
    assert day_group("2026-11-24T23:50:00", 300, now) == "Today"  # UTC-5: both on the 24th
    assert day_group("2026-11-20T12:00:00", 0, now) == "Previous 7 days"
    assert day_group("2026-11-01T12:00:00", 0, now) == "Older"
    assert day_group("not a date", 0, now) == "Older"
    views = grouped([SessionView(session_id=str(i), updated_iso=iso) for i, iso in enumerate(
        ["2026-11-25T01:00:00", "2026-11-25T00:20:00", "2026-11-24T10:00:00", "2026-10-01T10:00:00"])], now=now)
    assert [(v.group, v.group_start) for v in views] == [
        ("Today", True), ("Today", False), ("Yesterday", True), ("Older", True)]
    more = grouped([SessionView(session_id="x", updated_iso="2026-09-01T00:00:00")], after=views[-1], now=now)
    assert not more[0].group_start  # a page that continues a group adds no second heading


async def make_sessions(count: int) -> list[str]:
    from chat_ui.backends import get_backend

    backend = get_backend()
    return [(await backend.create_session(["idx-handbook"])).session_id for _ in range(count)]


async def test_the_filter_walks_past_the_loaded_pages_and_can_be_stopped(local_api, monkeypatch, tabs, tmp_path):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    monkeypatch.setenv("CHAT_UI_HISTORY", "all")
    monkeypatch.setattr("chat_ui.state.sessions.SEARCH_PAGE_SIZE", 20)
    from chat_ui.backends import get_backend

    ids = await make_sessions(130)
    backend = get_backend()
    deep, deeper = ids[3], ids[0]  # the oldest: last in the list, far past the first page
    db = tmp_path / "local.sqlite3"
    give_title(db, deep, "Budget approvals for travel")
    give_title(db, deeper, "Travel insurance abroad")
    give_title(db, ids[-2], "Travel day allowances")  # loaded: the second in the list
    tab = tabs()
    await tab.run(SessionsState.refresh)
    state = await tab.state(SessionsState)
    assert len(state.sessions) == 20 and state.next_page_token
    assert state.sessions[0].group == "Today" and state.sessions[0].group_start and not state.sessions[1].group_start

    await tab.run(SessionsState.set_filter("travel"))
    state = await tab.state(SessionsState)
    assert not state.searching and state.searched == 130
    assert [v.session_id for v in state.found] == [ids[-2], deep, deeper]  # newest first, as the list
    assert len(state.sessions) == 20, "the walk does not load the whole list into the page"
    assert [v.group_start for v in state.sessions] == [True] + [False] * 19, "filtering changed the list's headings"
    assert render("en", state.search_progress) == "130 chats searched"

    # Stopped half way: what was found stays, and nothing more comes.
    slow = backend.list_sessions

    async def slowly(**kwargs):
        await asyncio.sleep(0.2)
        return await slow(**kwargs)

    monkeypatch.setattr(backend, "list_sessions", slowly)
    walk = await tab.fire(SessionsState.set_filter("insurance"))
    await tab.wait_for(lambda _: True)
    for _ in range(50):
        state = await tab.state(SessionsState)
        if state.searching and state.searched > 20:
            break
        await asyncio.sleep(0.05)
    assert state.searching and "chats checked" in render("en", state.search_progress)
    await tab.run(SessionsState.cancel_search)
    await asyncio.wait_for(walk, 10)
    state = await tab.state(SessionsState)
    assert not state.searching and state.searched < 130 and state.found == []

    await tab.run(SessionsState.set_filter(""))
    state = await tab.state(SessionsState)
    assert not state.filtering and state.found == [] and len(state.sessions) == 20


async def test_a_word_in_most_titles_stops_the_walk_at_the_first_matches(local_api, monkeypatch, tabs, tmp_path):
    """A filter that matches nearly every chat (a word of a title every chat shares) shows the
    first TITLE_MATCHES_MAX, newest first, says so, and reads no further: before, it resent and
    re-rendered an ever longer list at every page, and the page stalled with 10,000 chats."""
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    monkeypatch.setenv("CHAT_UI_HISTORY", "all")
    monkeypatch.setattr("chat_ui.state.sessions.SEARCH_PAGE_SIZE", 10)
    monkeypatch.setattr("chat_ui.state.sessions.TITLE_MATCHES_MAX", 25)
    ids = await make_sessions(80)
    db = tmp_path / "local.sqlite3"
    for n, session_id in enumerate(ids):
        give_title(db, session_id, f"Quarterly planning notes {n}")
    tab = tabs()
    await tab.run(SessionsState.refresh)
    await tab.run(SessionsState.set_filter("quarterly"))
    state = await tab.state(SessionsState)
    assert not state.searching and state.capped
    assert [v.session_id for v in state.found] == ids[::-1][:25]
    assert state.searched < 80, "the walk read past the matches it shows"
    assert render("en", state.search_progress) == "First 25 matching titles shown: add a word to narrow the search"

    await tab.run(SessionsState.set_filter("notes 42"))  # narrower: the walk goes on to the end
    state = await tab.state(SessionsState)
    assert not state.capped and state.searched == 80
    assert [v.session_id for v in state.found] == [ids[42]]


async def test_the_title_walk_starts_once_the_index_has_answered(local_api, monkeypatch, tabs):
    """The reader waits for the index's hits; the walk through the list (for titles the index does
    not hold) comes after them, so its page reads and deltas do not hold the hits up."""
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    monkeypatch.setenv("CHAT_UI_HISTORY", "all")
    monkeypatch.setattr("chat_ui.state.sessions.SEARCH_PAGE_SIZE", 10)
    from chat_ui.state import sessions
    from chat_ui.store import search as store

    await make_sessions(25)
    tab = tabs()
    await tab.run(SessionsState.refresh)
    events: list[str] = []
    slow_search, page = store.search, sessions.session_page

    async def searching(*args, **kwargs):
        await asyncio.sleep(0.2)
        events.append("hits")
        return await slow_search(*args, **kwargs)

    async def paging(*args, **kwargs):
        events.append("page")
        return await page(*args, **kwargs)

    monkeypatch.setattr(store, "search", searching)
    monkeypatch.setattr(sessions, "session_page", paging)
    await tab.run(SessionsState.set_filter("handbook"))
    assert events[0] == "hits" and "page" in events
