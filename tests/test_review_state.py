"""The review and usage pages through Reflex's real event pipeline: a reviewer gets the feedback,
its counts, each answer from its snapshot and the usage of two people; anyone else gets nothing
of it, exactly like an unknown address; the export links work only for the reviewer who asked."""

from __future__ import annotations

import pytest

from chat_ui.quality import usage as quality_usage
from chat_ui.quality.http import export_link
from chat_ui.state.chat import ChatState
from chat_ui.state.citations import CitationState
from chat_ui.state.feedback import FeedbackState
from chat_ui.state.live import LiveState
from chat_ui.state.review import ReviewAnswerState, ReviewNavState, ReviewState, UsageState

PROMPTS = ("How much did revenue grow in Q3, and why?", "What is the parental leave policy?")


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    return local_api


async def rated(tabs, browser: str, prompt: str, rating: str):
    tab = tabs(browser=browser)
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send(prompt))
    live = await tab.idle()
    tab.path = f"/chat/{(await tab.state(ChatState)).current_id}"
    await tab.run(FeedbackState.rate(live.turn.key, rating))
    return tab


def sent_to(tab) -> str:
    return str([(u.delta, u.events) for u in tab.ns.of(tab.token) if hasattr(u, "delta")])


async def test_a_visitor_who_is_not_a_reviewer_gets_nothing_of_the_review(api, tabs):
    a = await rated(tabs, "A", PROMPTS[0], "bad")
    for path, handler, state in (("/review", ReviewState.load, ReviewState), ("/review/usage", UsageState.load, UsageState)):
        b = tabs(browser="B")
        b.path = path
        await b.run(handler)
        shown = await b.state(state)
        assert shown.checked and not shown.allowed and shown.rows == []
        assert PROMPTS[0] not in sent_to(b) and "call_script" not in sent_to(b)  # the not-found page titles itself
    feedback_id = (await _rows())[0].id
    b = tabs(browser="B")
    b.path = f"/review/answer/{feedback_id}"
    await b.run(ReviewAnswerState.open)
    assert (await b.state(ReviewAnswerState)).checked and not (await b.state(ReviewAnswerState)).found
    assert PROMPTS[0] not in sent_to(b)
    await b.run(ReviewState.export("csv"))
    assert "_review/export" not in sent_to(b)
    await b.run(ReviewNavState.check)
    assert not (await b.state(ReviewNavState)).can_review
    await a.run(ReviewNavState.check)
    assert not (await a.state(ReviewNavState)).can_review


async def test_a_reviewer_filters_counts_and_opens_answers_from_their_snapshots(api, tabs, monkeypatch):
    monkeypatch.setenv("CHAT_UI_REVIEW", "all")
    await rated(tabs, "A", PROMPTS[0], "bad")
    await rated(tabs, "B", PROMPTS[1], "good")
    r = tabs(browser="R")
    r.path = "/review"
    await r.run(ReviewState.load)
    review = await r.state(ReviewState)
    assert review.allowed and [row.prompt for row in review.rows] == [PROMPTS[1], PROMPTS[0]]  # newest first
    assert (review.totals.good, review.totals.bad, review.totals.bad_ratio) == (1, 1, 0.5)  # the page writes "50 %"
    assert len(review.days) == 1 and (review.days[0].good, review.days[0].bad) == (1, 1)
    assert review.indexes and all(row.label.startswith("idx-") for row in review.indexes)
    assert len(review.people) == 2 and review.tag_choices[0] == "Wrong"

    await r.run(ReviewState.set_filter("rating", "bad"))
    assert [row.prompt for row in (await r.state(ReviewState)).rows] == [PROMPTS[0]]
    await r.run(ReviewState.search("PARENTAL"))  # any case, with the rating still "bad"
    assert (await r.state(ReviewState)).rows == []
    await r.run(ReviewState.set_filter("rating", "any"))
    assert [row.prompt for row in (await r.state(ReviewState)).rows] == [PROMPTS[1]]
    await r.run(ReviewState.set_filter("since", "2001-02-30"))
    assert (await r.state(ReviewState)).filter_error == "review.error_date_format"  # a message id: the page translates it
    await r.run(ReviewState.clear_filters)
    review = await r.state(ReviewState)
    assert len(review.rows) == 2 and review.filter_error == ""

    # Each row opens its answer as it streamed, citations read from the snapshot.
    r.path = review.rows[1].href
    await r.run(ReviewAnswerState.open)
    answer = await r.state(ReviewAnswerState)
    assert answer.found and answer.view.prompt == PROMPTS[0] and answer.rating == "bad" and answer.session_id
    assert answer.first_token_ms > 0 and answer.duration_ms >= answer.first_token_ms and answer.given_at > 0
    tool = next(b for b in answer.view.blocks if b.kind == "tool" and b.hits)
    await r.run(CitationState.show({"block": tool.key, "row": tool.hits[0].row, "number": tool.hits[0].number}))
    assert (await r.state(CitationState)).text

    await r.run(ReviewState.export("jsonl"))
    assert "/_review/export/" in sent_to(r)


async def test_usage_per_person_and_day(api, tabs, monkeypatch):
    monkeypatch.setenv("CHAT_UI_REVIEW", "all")
    a = await rated(tabs, "A", PROMPTS[0], "good")
    await a.run(LiveState.send(PROMPTS[1]))
    await a.idle()
    await rated(tabs, "B", PROMPTS[1], "good")
    await quality_usage.flushed()
    r = tabs(browser="R")
    r.path = "/review/usage"
    await r.run(UsageState.load)
    rows = (await r.state(UsageState)).rows
    assert sorted((row.chats, row.answers, row.errors) for row in rows) == [(1, 1, 0), (1, 2, 0)]
    for row in rows:
        assert row.person == "" and len(row.anon) == 8 and row.input_tokens > 0  # the page says "Anonymous <anon>"
        assert row.first_token_p50 >= 0 and row.duration_p95 >= row.first_token_p50


def test_an_export_link_is_for_the_reviewer_who_asked_and_expires(monkeypatch):
    from starlette.testclient import TestClient

    from chat_ui.access.cookies import OWNER_COOKIE, new_owner
    from chat_ui.access.visitor import Visitor
    from chat_ui.quality import http

    monkeypatch.setenv("CHAT_UI_REVIEW", "all")
    owner, cookie = new_owner()
    link = export_link(Visitor(owner=owner), "usage.csv", {"since": "2026-01-01", "until": "2026-12-31"})
    client = TestClient(http.export_app())
    ok = client.get(link, headers={"cookie": f"{OWNER_COOKIE}={cookie}"})
    assert ok.status_code == 200 and ok.text.startswith("\ufeffday,person,owner,chats")
    assert 'filename="usage-' in ok.headers["content-disposition"] and ok.headers["cache-control"] == "no-store"
    _, other = new_owner()
    assert client.get(link, headers={"cookie": f"{OWNER_COOKIE}={other}"}).status_code == 404
    assert client.get(link).status_code == 404
    assert client.get(link[:-3] + "abc", headers={"cookie": f"{OWNER_COOKIE}={cookie}"}).status_code == 404
    monkeypatch.delenv("CHAT_UI_REVIEW")  # no longer a reviewer: the link no longer works
    assert client.get(link, headers={"cookie": f"{OWNER_COOKIE}={cookie}"}).status_code == 404
    monkeypatch.setenv("CHAT_UI_REVIEW", "all")
    monkeypatch.setattr(http, "TOKEN_AGE_S", -1)
    assert client.get(link, headers={"cookie": f"{OWNER_COOKIE}={cookie}"}).status_code == 404


async def _rows():
    from chat_ui.store import feedback as store
    from chat_ui.store.feedback import FeedbackFilter

    return (await store.page(FeedbackFilter(), 10))[0]
