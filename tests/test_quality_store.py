"""The quality loop's tables on SQLite and on PostgreSQL: feedback with its reasons, indexes,
filters, counts and pages; shared links; per-turn usage facts and their sums; and the migration
that makes them matching the models."""

from __future__ import annotations

import time

import pytest

from chat_ui.store import accounts, shares, usage
from chat_ui.store import feedback as fb
from chat_ui.store.feedback import FeedbackFilter, Given, Snapshot, utc_day
from chat_ui.store.usage import TurnFact


def snap(prompt: str, answer: str = "An answer [1]", indexes=("idx-a",)) -> Snapshot:
    return Snapshot(record='{"prompt": "%s"}' % prompt, rendered="{}", prompt=prompt, answer=answer, backend="local",
                    index_ids=tuple(indexes))


async def test_one_feedback_per_person_and_turn_changed_and_withdrawn(store_url):
    first = await fb.create(Given("alice", "ses-1", 0, "bad", ("Wrong", "Incomplete"), "no", "Alice", "a@x.test"), snap("Q3?"))
    assert (first.rating, first.tags, first.comment, first.person, first.index_ids) == (
        "bad", ("Incomplete", "Wrong"), "no", "Alice", ("idx-a",))
    assert await fb.update_given(Given("alice", "ses-1", 1, "good")) is None  # none given on turn 1
    again = await fb.create(Given("alice", "ses-1", 0, "good", ("Wrong",)), snap("another snapshot"))
    assert again.id == first.id and again.prompt == "Q3?" and again.tags == ("Wrong",), "the first snapshot stays"
    rated = await fb.rate("alice", "ses-1", 0, "bad")
    assert rated.rating == "bad" and rated.tags == ("Wrong",) and rated.updated_at >= again.updated_at
    assert await fb.rate("bob", "ses-1", 0, "good") is None  # not Bob's
    await fb.create(Given("bob", "ses-1", 0, "good"), snap("Q3?"))
    mine = await fb.of_session("alice", "ses-1")
    assert list(mine) == [0] and mine[0].rating == "bad"
    assert await fb.ratings("alice", "ses-1") == {0: "bad"} and await fb.ratings("bob", "ses-1") == {0: "good"}
    found = await fb.get(first.id)
    assert found is not None and found[1] == '{"prompt": "Q3?"}' and found[2] == "{}"
    assert not await fb.withdraw("bob", "ses-2", 0)
    assert await fb.withdraw("alice", "ses-1", 0) and await fb.of_session("alice", "ses-1") == {}
    assert await fb.ratings("alice", "ses-1") == {}
    assert await fb.get(first.id) is None
    assert [f.owner for f in (await fb.page(FeedbackFilter(), 10))[0]] == ["bob"]
    assert (await fb.counts(FeedbackFilter(tag="Wrong"))).days == []  # its reasons went with it


async def test_the_reviews_filters_counts_and_pages(store_url):
    rows = [
        ("alice", "ses-1", "bad", ("Wrong",), "the figure is off", "Revenue in Q3?", ("idx-a",)),
        ("alice", "ses-2", "good", (), "", "Parental leave?", ("idx-b",)),
        ("bob", "ses-3", "bad", ("Hard to read",), "100% unreadable_", "Travel policy?", ("idx-a", "idx-b")),
    ]
    for owner, session, rating, tags, comment, prompt, indexes in rows:
        await fb.create(Given(owner, session, 0, rating, tags, comment, owner.title()), snap(prompt, indexes=indexes))
        time.sleep(0.01)
    everything, _ = await fb.page(FeedbackFilter(), 10)
    assert [f.prompt for f in everything] == ["Travel policy?", "Parental leave?", "Revenue in Q3?"]

    def prompts(found):
        return [f.prompt for f in found[0]]

    assert prompts(await fb.page(FeedbackFilter(rating="bad"), 10)) == ["Travel policy?", "Revenue in Q3?"]
    assert prompts(await fb.page(FeedbackFilter(tag="Hard to read"), 10)) == ["Travel policy?"]
    assert prompts(await fb.page(FeedbackFilter(index_id="idx-b"), 10)) == ["Travel policy?", "Parental leave?"]
    assert prompts(await fb.page(FeedbackFilter(owner="alice", rating="good"), 10)) == ["Parental leave?"]
    assert prompts(await fb.page(FeedbackFilter(text="REVENUE"), 10)) == ["Revenue in Q3?"]  # the prompt, any case
    assert prompts(await fb.page(FeedbackFilter(text="figure IS"), 10)) == ["Revenue in Q3?"]  # the comment
    assert prompts(await fb.page(FeedbackFilter(text="100%"), 10)) == ["Travel policy?"]  # LIKE's wildcards are text
    assert prompts(await fb.page(FeedbackFilter(text="_"), 10)) == ["Travel policy?"]
    middle = everything[1].created_at
    assert prompts(await fb.page(FeedbackFilter(since=middle, until=middle + 0.001), 10)) == ["Parental leave?"]
    assert prompts(await fb.page(FeedbackFilter(since=time.time() + 60), 10)) == []

    first, token = await fb.page(FeedbackFilter(), 2)
    rest, end = await fb.page(FeedbackFilter(), 2, token)
    assert [f.prompt for f in first + rest] == [f.prompt for f in everything] and end is None
    with pytest.raises(ValueError):
        await fb.page(FeedbackFilter(), 2, "not-a-token")

    counts = await fb.counts(FeedbackFilter())
    assert counts.days == [(utc_day(time.time()), 1, 2)] and (counts.good, counts.bad) == (1, 2)
    assert counts.indexes == [("idx-a", 0, 2), ("idx-b", 1, 1)]
    assert (await fb.counts(FeedbackFilter(rating="good"))).indexes == [("idx-b", 1, 0)]
    people, indexes = await fb.choices()
    assert sorted(people) == [("alice", "Alice", ""), ("bob", "Bob", "")] and indexes == ["idx-a", "idx-b"]

    batch, token = await fb.export_batch(FeedbackFilter(), 2)
    more, end = await fb.export_batch(FeedbackFilter(), 2, token)
    assert [r for _, r in batch + more] == ['{"prompt": "%s"}' % f.prompt for f in everything] and end is None


async def test_a_link_per_chat_shared_again_under_its_id_and_stopped_by_its_owner_alone(store_url):
    first = await shares.put("alice", "ses-1", audience="people", title="Q3", shared_by="Alice", turns=1, snapshot='{"v": 1}')
    assert len(first.id) >= 22 and await shares.snapshot(first) == '{"v": 1}'
    time.sleep(0.01)
    again = await shares.put("alice", "ses-1", audience="anyone", title="Q3", shared_by="Alice", turns=2, snapshot='{"v": 2}')
    assert again.id == first.id and again.turns == 2 and again.audience == "anyone"
    assert await shares.snapshot(first) is None and await shares.snapshot(again) == '{"v": 2}'  # that version is gone
    other = await shares.put("alice", "ses-2", audience="people", title="HR", shared_by="Alice", turns=1, snapshot="{}")
    assert other.id != first.id and [s.id for s in await shares.mine("alice")] == [other.id, first.id]
    assert await shares.of_chat("alice", "ses-1") == again and await shares.of_chat("bob", "ses-1") is None
    assert await shares.set_audience("bob", first.id, "people") is None and not await shares.stop("bob", first.id)
    assert (await shares.set_audience("alice", first.id, "people")).audience == "people"
    assert await shares.stop("alice", first.id) and await shares.get(first.id) is None
    with pytest.raises(ValueError):
        await shares.put("alice", "ses-3", audience="everyone", title="", shared_by="", turns=0, snapshot="{}")


async def test_usage_facts_add_up_per_person_and_day(store_url):
    person = await accounts.sign_in("header", "c@x.test", email="c@x.test", name="Carol")
    now = time.time()
    day = utc_day(now)
    facts = [
        ("t0-a", "anon-1", "ses-1", "done", 100, 10, 200.0, 1000.0),
        ("t1-a", "anon-1", "ses-1", "error", 50, 0, None, 300.0),
        ("t0-b", "anon-1", "ses-2", "interrupted", 20, 5, 400.0, 5000.0),
        ("t0-c", f"acct:{person.id}", "ses-3", "stopped", 10, 1, 150.0, 700.0),
    ]
    for turn_id, owner, session, outcome, tin, tout, first, duration in facts:
        await usage.record(TurnFact(turn_id, owner, session, 0, "local", outcome, now, day, tin, tout, first, duration))
    await usage.record(TurnFact("t0-a", "anon-1", "ses-1", 0, "local", "done", now, day, 100, 10, 200.0, 1000.0))  # once
    rows = await usage.per_person_day(day, day)
    assert [(r.owner, r.chats, r.answers, r.input_tokens, r.output_tokens, r.errors) for r in rows] == [
        ("anon-1", 2, 3, 170, 15, 2), (f"acct:{person.id}", 1, 1, 10, 1, 0)]
    assert rows[0].first_token_ms == [200.0, 400.0] and rows[0].duration_ms == [300.0, 1000.0, 5000.0]
    assert (rows[1].name, rows[1].email) == ("Carol", "c@x.test")
    assert await usage.per_person_day("2000-01-01", "2000-01-02") == []
    assert [r.owner for r in await usage.per_person_day(day, day, "anon-1")] == ["anon-1"]
    assert (await usage.of_turn("ses-2", 0)).outcome == "interrupted" and await usage.of_turn("ses-9", 0) is None


def test_the_models_match_the_migrations(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    from chat_ui.store.models import metadata, outside_metadata
    from chat_ui.store.settings import sync_url

    engine = create_engine(sync_url(store_url))
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_object": outside_metadata}), metadata)
    finally:
        engine.dispose()
    assert diff == []
