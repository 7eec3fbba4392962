"""Shared links through Reflex's real event pipeline: made by one person and opened by another,
shared again under the same link, stopped at once for a tab that has it open; who may open
which link; every owner check in the handlers; the guest's websocket reaching only what a
shared page needs."""

from __future__ import annotations

import asyncio

import pytest

from chat_ui.i18n.message import render
from chat_ui.access.visitor import GUEST_HEADER
from chat_ui.sharing import guest
from chat_ui.state import shared as shared_module
from chat_ui.state.chat import ChatState
from chat_ui.state.citations import CitationState
from chat_ui.state.live import LiveState
from chat_ui.state.raw import GONE, RawState
from chat_ui.state.shared import SharedViewState
from chat_ui.state.shares import NOTHING_YET, SharedLinksState, ShareState
from chat_ui.store import shares

PROMPT = "How much did revenue grow in Q3, and why?"


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    monkeypatch.setattr(shared_module, "WATCH_S", 0.1)
    return local_api


async def shared_chat(tabs, audience: str = "people"):
    """Browser A asks a question and shares the chat; returns A's tab, the session and the link."""
    a = tabs(browser="A")
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send(PROMPT))
    await a.idle()
    session_id = (await a.state(ChatState)).current_id
    a.path = f"/chat/{session_id}"
    await a.run(ShareState.show)
    await a.run(ShareState.set_audience(audience))
    await a.run(ShareState.share)
    link = (await a.state(ShareState)).link
    assert link.id and link.href == f"/shared/{link.id}", (await a.state(ShareState)).error
    return a, session_id, link


async def opened(tab, href: str) -> SharedViewState:
    tab.path = href
    await tab.run(SharedViewState.open)
    return await tab.state(SharedViewState)


async def test_a_link_is_opened_by_another_person_and_shared_again_under_the_same_link(api, tabs):
    a, session_id, link = await shared_chat(tabs)
    assert len(link.id) >= 22 and link.turns == 1 and link.audience == "people"  # >= 128 random bits
    b = tabs(browser="B")
    view = await opened(b, link.href)
    assert not view.not_found and view.title and len(view.turns) == 1
    assert view.turns[0].prompt == PROMPT and any(blk.kind == "tool" for blk in view.turns[0].blocks)
    # The shared page's citations and raw results come from the snapshot, for B too.
    tool = next(blk for blk in view.turns[0].blocks if blk.kind == "tool" and blk.hits)
    await b.run(CitationState.show({"block": tool.key, "row": tool.hits[0].row, "number": tool.hits[0].number}))
    assert (await b.state(CitationState)).text
    await b.run(RawState.load(tool.key))
    assert (await b.state(RawState)).shown[tool.key] not in ("", GONE)

    # A asks again in the chat and shares again: the same link, the new snapshot.
    a.path = f"/chat/{session_id}"
    await a.open(f"/chat/{session_id}")
    await a.run(LiveState.send("What is the parental leave policy?"))
    await a.idle()
    await a.run(ShareState.share)
    again = (await a.state(ShareState)).link
    assert again.id == link.id and again.turns == 2
    assert len((await opened(b, link.href)).turns) == 2
    await a.run(SharedLinksState.load)
    assert [(x.id, x.turns) for x in (await a.state(SharedLinksState)).links] == [(link.id, 2)]
    await b.run(SharedLinksState.load)
    assert (await b.state(SharedLinksState)).links == []


async def test_stopping_a_link_kills_it_at_once_for_a_tab_that_has_it_open(api, tabs):
    a, _, link = await shared_chat(tabs)
    b = tabs(browser="B")
    view = await opened(b, link.href)
    tool = next(blk for blk in view.turns[0].blocks if blk.kind == "tool" and blk.hits)
    await a.run(ShareState.stop)
    assert (await a.state(ShareState)).link.id == "" and await shares.get(link.id) is None
    # The open page reads nothing more of it ...
    await b.run(CitationState.show({"block": tool.key, "row": tool.hits[0].row, "number": 1}))
    assert (await b.state(CitationState)).text == ""
    # ... and goes, by itself, within a few seconds.
    for _ in range(100):
        if (await b.state(SharedViewState)).not_found:
            break
        await asyncio.sleep(0.05)
    gone = await b.state(SharedViewState)
    assert gone.not_found and gone.turns == [] and gone.title == ""
    # A new open is the same "not found" as a link that never was.
    unknown = await opened(tabs(browser="B"), "/shared/" + "x" * 32)
    assert (await opened(tabs(browser="C"), link.href)).not_found and unknown.not_found
    # Sharing after stopping makes a new link; the old one stays dead.
    await a.run(ShareState.share)
    assert (await a.state(ShareState)).link.id not in ("", link.id)
    assert (await opened(tabs(browser="B"), link.href)).not_found


async def test_who_may_open_a_link(api, tabs, monkeypatch):
    a, _, people = await shared_chat(tabs)
    guest_tab = tabs(browser="G", headers={GUEST_HEADER: "some-public-link"})
    refused = await opened(guest_tab, people.href)
    assert refused.turns == [] and refused.title == "", "a guest of a public link is not a member"
    redirected = [e for u in guest_tab.ns.of(guest_tab.token) for e in u.events if "location.assign" in str(e.payload)]
    assert redirected, "a page load of the link's address meets the gate, which signs them in and comes back"

    # "Anyone with the link" is refused unless the deployment offers it ...
    await a.run(ShareState.set_audience("anyone"))
    assert (await a.state(ShareState)).audience == "people"
    async with a.sm.modify_state(await _token(a, ShareState)) as root:
        (await root.get_state(ShareState)).audience = "anyone"  # a crafted state
    await a.run(ShareState.share)
    assert (await a.state(ShareState)).link.audience == "people"
    assert "not offered" in render("en", (await a.state(ShareState)).error)
    assert (await shares.get(people.id)).audience == "people"
    # ... and, offered, opens for a guest too.
    monkeypatch.setenv("CHAT_UI_PUBLIC_SHARES", "1")
    await a.run(ShareState.set_audience("anyone"))
    await a.run(ShareState.share)
    assert (await a.state(ShareState)).link.audience == "anyone"
    assert not (await opened(tabs(browser="G2", headers={GUEST_HEADER: people.id}), people.href)).not_found
    # Switched off again, a link made for anyone is for people signed in.
    monkeypatch.delenv("CHAT_UI_PUBLIC_SHARES")
    assert (await opened(tabs(browser="G3", headers={GUEST_HEADER: people.id}), people.href)).turns == []


async def test_sharing_or_stopping_another_persons_chat_or_link_is_refused(api, tabs):
    a, session_id, link = await shared_chat(tabs)
    b = tabs(browser="B")
    await b.open(f"/chat/{session_id}")
    async with b.sm.modify_state(await _token(b, ChatState)) as root:
        (await root.get_state(ChatState)).current_id = session_id  # a crafted state: A's chat in B's tab
    await b.run(ShareState.show)
    assert (await b.state(ShareState)).link.id == "", "A's link is not shown to B"
    await b.run(ShareState.share)
    assert "does not exist" in render("en", (await b.state(ShareState)).error)
    await b.run(SharedLinksState.stop(link.id))
    await b.run(SharedLinksState.set_audience(link.id, "people"))
    async with b.sm.modify_state(await _token(b, ShareState)) as root:
        (await root.get_state(ShareState)).link.id = link.id
    await b.run(ShareState.stop)
    assert (await shares.get(link.id)) is not None and len(await shares.mine(a.owner)) == 1
    assert await shares.mine(b.owner) == []


async def test_a_chat_with_no_finished_answer_has_nothing_to_share(api, tabs):
    a = tabs(browser="A")
    session_id = (await _empty_session()).session_id
    await a.claim(session_id)
    await a.open(f"/chat/{session_id}")
    await a.run(ShareState.share)
    assert (await a.state(ShareState)).error == NOTHING_YET and await shares.mine(a.owner) == []


async def test_a_guests_websocket_reaches_only_what_a_shared_page_needs(api, tabs, monkeypatch):
    monkeypatch.setenv("CHAT_UI_PUBLIC_SHARES", "1")
    a, session_id, link = await shared_chat(tabs, audience="anyone")
    middleware = guest.GuestEvents()

    async def passes(tab, handler, **payload) -> bool:
        """What the event middleware does with this tab's event (None: it runs)."""
        from types import SimpleNamespace

        from reflex.istate.data import RouterData
        from reflex_base.event import Event

        from tests.support.tabs import event

        sent = event(handler, tab.token, tab.path, tab.cookie, tab.headers)
        ev = Event(name=sent.name, payload=payload or sent.payload, router_data=sent.router_data)
        state = SimpleNamespace(router_data=ev.router_data, router=RouterData.from_router_data(ev.router_data))
        return await middleware.preprocess(None, state, ev) is None

    g = tabs(browser="G", headers={GUEST_HEADER: link.id})
    view = await opened(g, link.href)
    assert not view.not_found
    assert await passes(g, SharedViewState.open)
    assert await passes(g, CitationState.show, cited={})
    for handler in (LiveState.send, ChatState.open_chat, ShareState.share, SharedLinksState.load):
        assert not await passes(g, handler), handler
    shot = next((blk for t in view.turns for blk in t.blocks if blk.image_source), None)
    assert shot is not None
    from chat_ui.state.screenshots import ScreenshotState

    assert await passes(g, ScreenshotState.resolve, source_id=shot.image_source, attachment_name=shot.image_name, force=False)
    assert not await passes(g, ScreenshotState.resolve, source_id="dfl-other", attachment_name="x.jpg", force=False)
    member = tabs(browser="M")  # no guest mark: the middleware stays out of the way
    member.path = f"/chat/{session_id}"
    assert await passes(member, LiveState.send)


async def _empty_session():
    from chat_ui.backends import get_backend

    return await get_backend().create_session(None)


async def _token(tab, cls):
    from reflex.istate.manager.token import BaseStateToken

    return BaseStateToken(ident=tab.token, cls=cls)
