"""A chat's page request begins reading the chat, and the tab's open takes that read: one read
per open, begun a second earlier, never for someone who may not open the chat."""

from __future__ import annotations

import asyncio

import pytest

from chat_ui import opening
from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from tests.support.tabs import answer_of, make_chat


async def _page(path: str, cookie: str, accept: str = "text/html,application/xhtml+xml") -> None:
    """A browser's GET of a page, as it passes the early read on its way to the page's file."""

    async def served(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"<html></html>"})

    scope = {"type": "http", "method": "GET", "path": path,
             "headers": [(b"accept", accept.encode()), (b"cookie", cookie.encode())]}
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    await opening.ReadOnPageRequest(served)(scope, None, send)
    assert sent[0]["status"] == 200  # the page goes on whatever the read does


@pytest.fixture
def reads(monkeypatch):
    """Every session the backend is asked for, in order."""
    from chat_ui.backends import LlamaCloudClient as cls

    asked: list[str] = []
    original = cls.get_session

    async def counted(self, session_id, *args, **kwargs):
        asked.append(session_id)
        return await original(self, session_id, *args, **kwargs)

    monkeypatch.setattr(cls, "get_session", counted)
    return asked


async def _settled() -> None:
    for _ in range(50):
        if all(b.task.done() for b in opening._begun.values()):
            return
        await asyncio.sleep(0.02)


async def test_the_page_request_reads_the_chat_and_the_open_takes_that_read(local_api, monkeypatch, tabs, reads):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    tab = tabs()
    sid = await make_chat(tab, 3)
    await _page(f"/chat/{sid}", tab.cookie)
    await _settled()
    assert reads == [sid]  # read while the page's scripts would still be loading
    await tab.open(f"/chat/{sid}")
    chat = await tab.state(ChatState)
    assert [v.prompt for v in chat.turns] == [f"Question {n} about time off" for n in range(3)]
    assert reads == [sid]  # no second read: the open took the page's
    await tab.open(f"/chat/{sid}", reload=True)  # a read serves one open: a reload reads again
    assert reads == [sid, sid]


async def test_nothing_is_read_for_a_visitor_who_may_not_open_the_chat(local_api, monkeypatch, tabs, reads):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    mine, theirs = tabs(), tabs(browser="B")
    sid = await make_chat(mine, 1)
    await _page(f"/chat/{sid}", theirs.cookie)
    await _page("/chat/ses-does-not-exist", theirs.cookie)
    await _page(f"/chat/{sid}", "")  # no owner at all
    await _settled()
    assert reads == []
    await theirs.open(f"/chat/{sid}")
    assert (await theirs.state(ChatState)).not_found  # and the open still says so itself


async def test_only_page_requests_of_a_chat_begin_a_read(local_api, monkeypatch, tabs, reads):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    tab = tabs()
    sid = await make_chat(tab, 1)
    await _page(f"/chat/{sid}", tab.cookie, accept="application/json")  # a script, not a page
    await _page("/history", tab.cookie)
    await _page(f"/chat/{sid}/export.md", tab.cookie)
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:1")  # a cluster: the socket may reach another worker
    await _page(f"/chat/{sid}", tab.cookie)
    await _settled()
    assert reads == [] and not opening._begun


async def test_a_turn_after_the_early_read_is_shown_and_a_rename_reads_again(local_api, monkeypatch, tabs, reads):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    from chat_ui.state.sessions import SessionsState

    writer, reader = tabs(), tabs()
    sid = await make_chat(writer, 2)
    await writer.open(f"/chat/{sid}")
    await writer.run(ChatState.load_indexes)
    await _page(f"/chat/{sid}", reader.cookie)
    await _settled()
    assert opening._begun
    # Another tab asks a question after the page was read, before its socket opens the chat.
    await writer.run(LiveState.send("And the travel policy?"))
    answer = answer_of(await writer.idle())
    assert not opening._begun  # the turn let the copy read before it go
    asked = len(reads)
    await reader.open(f"/chat/{sid}")
    assert len(reads) == asked + 1  # so the open reads the chat with its new turn
    live = await reader.wait_for(lambda lv: answer_of(lv) == answer, what="the newer turn, from the hub")
    chat = await reader.state(ChatState)
    assert [v.prompt for v in chat.turns] == ["Question 0 about time off", "Question 1 about time off"]
    assert live.turn.prompt == "And the travel policy?"

    await _page(f"/chat/{sid}", reader.cookie)
    await _settled()
    await reader.run(SessionsState.save_rename(sid, "Leave and travel"))
    asked = len(reads)
    await reader.open(f"/chat/{sid}", reload=True)
    assert len(reads) == asked + 1  # the copy read before the rename was let go
    assert (await reader.state(ChatState)).title == "Leave and travel"
