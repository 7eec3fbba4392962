"""Feedback on answers through Reflex's real event pipeline: given, changed, withdrawn, seen again
after a reopen and in the person's other tab; refused with a reason and nothing stored for bad
input and for a chat that is not the person's; its snapshot readable after the chat is gone."""

from __future__ import annotations

import asyncio
import json

import pytest

from chat_ui.i18n.message import render
from chat_ui.backends import get_backend
from chat_ui.quality.review import open_feedback
from chat_ui.state import feedback as feedback_module
from chat_ui.state.chat import ChatState
from chat_ui.state.feedback import FeedbackState
from chat_ui.state.live import LiveState
from chat_ui.store import feedback as store
from chat_ui.store.feedback import FeedbackFilter

PROMPT = "How much did revenue grow in Q3, and why?"


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    monkeypatch.setattr(feedback_module, "WATCH_S", 0.1)
    return local_api


async def answered(tabs, browser: str = "A", prompt: str = PROMPT):
    """A new chat with one finished answer; returns the tab, the session id and the turn's key."""
    tab = tabs(browser=browser)
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send(prompt))
    live = await tab.idle()
    session_id = (await tab.state(ChatState)).current_id
    tab.path = f"/chat/{session_id}"
    return tab, session_id, live.turn.key


async def given(tab) -> dict[str, str]:
    return dict((await tab.state(FeedbackState)).given)


async def all_feedback() -> list:
    rows, _ = await store.page(FeedbackFilter(), 100)
    return rows


def toasts(tab) -> str:
    return str([u.events for u in tab.ns.of(tab.token)])


async def test_feedback_is_given_with_its_snapshot_changed_and_withdrawn(api, tabs):
    a, session_id, key = await answered(tabs)
    await a.run(FeedbackState.rate(key, "bad"))
    assert await given(a) == {"0": "bad"}
    shown = await a.state(FeedbackState)
    assert shown.open_turn == "0" and shown.draft_tags == [] and shown.draft_comment == ""
    [fb] = await all_feedback()
    assert (fb.rating, fb.session_id, fb.ordinal, fb.prompt) == ("bad", session_id, 0, PROMPT)
    assert fb.answer and fb.owner == a.owner and fb.backend == "local" and fb.index_ids

    opened = await open_feedback(fb.id)
    record = opened.record
    assert record["prompt"] == PROMPT and record["answer"] == fb.answer and record["turn"] == 0
    assert record["cited"], "the answer cites passages: each with its number, file, page and text"
    for passage in record["cited"]:
        assert passage["number"] > 0 and passage["file"] and passage["text"]
    assert record["passages"] or record["passages_left_out"] == 0
    assert {t["name"] for t in record["tools"]} >= {"retrieve"} and all(isinstance(t["arguments"], dict) for t in record["tools"])
    assert record["usage"]["input_tokens"] > 0 and record["who"]["owner"] == a.owner and record["when"].endswith("Z")
    assert record["indexes"] == list(fb.index_ids)
    assert opened.view.prompt == PROMPT and [b.kind for b in opened.view.blocks] == [b.kind for b in (await a.live()).blocks]
    assert set(opened.results) == {b.key for b in opened.view.blocks if b.kind == "tool" and b.has_result}

    # Reasons and a comment, then a changed rating: the snapshot stays, the reasons too.
    await a.run(FeedbackState.save({"tag-0": "on", "tag-3": "on", "comment": "  The Q3 figure is from Q2.  "}))
    shown = await a.state(FeedbackState)
    assert shown.error == "" and shown.open_turn == ""
    [fb] = await all_feedback()
    assert fb.tags == ("Wrong", "Wrong source") and fb.comment == "The Q3 figure is from Q2."
    await a.run(FeedbackState.rate(key, "good"))
    [changed] = await all_feedback()
    assert (changed.id, changed.rating, changed.tags, changed.comment) == (fb.id, "good", fb.tags, fb.comment)
    assert (await open_feedback(fb.id)).record["when"] == record["when"], "the snapshot is the first one"
    assert (await a.state(FeedbackState)).draft_tags == ["Wrong", "Wrong source"]

    # The same rating again withdraws it.
    await a.run(FeedbackState.rate(key, "good"))
    assert await given(a) == {} and await all_feedback() == []


async def test_feedback_shows_after_a_reopen_and_in_the_persons_other_tab(api, tabs):
    a, session_id, key = await answered(tabs)
    b = tabs(browser="A")  # a second tab of the same person, showing the same chat
    await b.open(f"/chat/{session_id}")
    await b.run(FeedbackState.load)
    assert await given(b) == {}
    await a.run(FeedbackState.rate(key, "good"))
    for _ in range(100):  # the other tab's watch sees it within a few of its wake-ups
        if await given(b) == {"0": "good"}:
            break
        await asyncio.sleep(0.05)
    assert await given(b) == {"0": "good"}
    # Reopened: the rating is there, and can be changed there (the turn is the hub's "t0-…" while it
    # keeps the ended turn, the history's "h0" after: both name turn 0).
    c = tabs(browser="A")
    await c.open(f"/chat/{session_id}")
    await c.run(FeedbackState.load)
    assert await given(c) == {"0": "good"}
    live_c = await c.wait_for(lambda lv: lv.turn.key and lv.turn.status == "done", what="the replayed turn")
    shown_keys = [v.key for v in (await c.state(ChatState)).turns] + [live_c.turn.key]
    await c.run(FeedbackState.rate(shown_keys[0], "bad"))
    assert [f.rating for f in await all_feedback()] == ["bad"]
    # Another person's tab of the same address sees none of it.
    d = tabs(browser="B")
    await d.open(f"/chat/{session_id}")
    await d.run(FeedbackState.load)
    assert await given(d) == {}


async def test_bad_input_is_refused_with_a_reason_and_nothing_stored(api, tabs):
    a, session_id, key = await answered(tabs)
    await a.run(FeedbackState.rate(key, "excellent"))  # not a rating
    await a.run(FeedbackState.rate("h7", "bad"))  # no such answer on the page
    assert "not on this page" in toasts(a)
    assert await all_feedback() == []

    await a.run(FeedbackState.rate(key, "bad"))
    [fb] = await all_feedback()
    for form, reason in (
        ({"comment": "x" * 2001}, "2,001 characters; the limit is 2,000"),
        ({"tag-99": "on"}, "is not one of the reasons"),
        ({"tag-Rude": "on"}, "“Rude” is not one of the reasons"),
        ({"comment": ["not", "text"]}, "could not be read"),
    ):
        await a.run(FeedbackState.save(form))
        shown = await a.state(FeedbackState)
        assert reason in render("en", shown.error) and shown.open_turn == "0", form  # the form stays, with what was typed
        assert await all_feedback() == [fb]
    await a.run(FeedbackState.save({"comment": "y" * 2000}))
    assert (await a.state(FeedbackState)).error == "" and (await all_feedback())[0].comment == "y" * 2000


async def test_configured_reasons_are_the_ones_offered(api, tabs, monkeypatch):
    monkeypatch.setenv("CHAT_UI_FEEDBACK_TAGS", "Outdated, Rude , ,Outdated")
    a, _, key = await answered(tabs)
    await a.run(FeedbackState.rate(key, "bad"))
    await a.run(FeedbackState.save({"tag-1": "on"}))
    assert (await all_feedback())[0].tags == ("Rude",)
    await a.run(FeedbackState.edit(key))
    assert (await a.state(FeedbackState)).draft_tags == ["Rude"]
    await a.run(FeedbackState.save({"tag-2": "on"}))  # there are two, not three
    assert "is not one of the reasons" in render("en", (await a.state(FeedbackState)).error)


async def test_feedback_on_another_persons_chat_is_refused_like_a_missing_one(api, tabs):
    a, session_id, key = await answered(tabs)
    b = tabs(browser="B")
    await b.open(f"/chat/{session_id}")  # not B's: nothing of it is shown, so nothing can be rated
    await b.run(FeedbackState.rate("h0", "bad"))
    # A crafted state (B's tab somehow holding A's chat and its turn): the handler checks the owner.
    async with b.sm.modify_state(await _token(b, ChatState)) as root:
        chat = await root.get_state(ChatState)
        chat.current_id = session_id
        chat.turns = list((await a.state(LiveState)).recent) or [(await a.live()).turn]
    await b.run(FeedbackState.rate(key, "bad"))
    await b.run(FeedbackState.rate("h0", "bad"))
    assert "does not exist, or it is no longer available" in toasts(b)
    assert await all_feedback() == []
    # A's own feedback, and B trying to change or withdraw it.
    await a.run(FeedbackState.rate(key, "good"))
    async with b.sm.modify_state(await _token(b, FeedbackState)) as root:
        fb_state = await root.get_state(FeedbackState)
        fb_state.open_turn, fb_state.given = "0", {"0": "good"}
    await b.run(FeedbackState.save({"comment": "B was here"}))
    await b.run(FeedbackState.withdraw)
    [fb] = await all_feedback()
    assert (fb.owner, fb.rating, fb.comment) == (a.owner, "good", "")


async def test_the_snapshot_stays_readable_after_the_chat_is_deleted_upstream(api, tabs):
    a, session_id, key = await answered(tabs)
    await a.run(FeedbackState.rate(key, "bad"))
    [fb] = await all_feedback()
    await get_backend().delete_session(session_id)
    opened = await open_feedback(fb.id)
    assert opened is not None and opened.record["prompt"] == PROMPT and opened.view.blocks
    assert json.loads(json.dumps(opened.record))["cited"][0]["text"]


async def _token(tab, cls):
    from reflex.istate.manager.token import BaseStateToken

    return BaseStateToken(ident=tab.token, cls=cls)
