"""The search index, names and pins on SQLite and on PostgreSQL: words in any order, prefixes,
case and diacritics folded, owner isolation, syntax characters searched as text, a forgotten chat
gone from search, names found by search, pins in pin order, long names refused."""

from __future__ import annotations

import pytest

from chat_ui.store import names, owners, search
from chat_ui.store.folding import fold, terms
from chat_ui.store.search import TurnText


def test_folding_keeps_offsets_and_drops_case_and_accents():
    assert fold("Crème BRÛLÉE naïve Ångström") == "creme brulee naive angstrom"
    assert len(fold("Æsir ﬁle ß")) == len("Æsir ﬁle ß")
    assert terms('"parking" * NEAR(-allowance) OR 1=1; DROP TABLE x --') == [
        "parking", "near", "allowance", "or", "1", "drop", "table", "x"]
    assert terms("") == [] and terms("\x00\x07 ***") == []
    assert len(terms("word " * 200)) == 1 and len(terms(" ".join(f"w{i}" for i in range(300)))) == 12


def snippet_text(hit) -> str:
    return "".join(t for t, _ in hit.snippet)


async def seed():
    turns = [TurnText(0, 100.0, "What benefits do I have?", "Health cover and a pension."),
             TurnText(1, 200.0, "And holidays?", "Twenty-five days a year."),
             TurnText(2, 300.0, "What about parking?", "The parking allowance is 40 € per month, paid in the salary.",
                      ("benefits-handbook.pdf", "Parkplätze.docx"))]
    await search.index_chat("alice", "ses-a", turns)
    await search.index_turn("alice", "ses-b", TurnText(0, 400.0, "Crème brûlée recipe", "Use vanilla; the allowance is none."))
    await search.index_turn("bob", "ses-c", TurnText(0, 500.0, "parking", "Bob's own parking allowance"))


async def test_words_in_any_order_prefixes_and_folding(store_url):
    await seed()
    hits = await search.search("alice", "allowance parking")
    assert [(h.session_id, h.ordinal) for h in hits] == [("ses-a", 2)]
    assert ("allowance", True) in hits[0].snippet and ("parking", True) in hits[0].snippet
    assert "40 € per month" in snippet_text(hits[0])
    assert [(h.session_id, h.ordinal) for h in await search.search("alice", "PARK allow")] == [("ses-a", 2)]
    assert [h.session_id for h in await search.search("alice", "creme BRULEE")] == ["ses-b"]
    assert [h.session_id for h in await search.search("alice", "brûl")] == ["ses-b"]
    assert [h.ordinal for h in await search.search("alice", "parkplatze")] == [2], "source file names are searched"
    assert [h.session_id for h in await search.search("alice", "allowance")] == ["ses-b", "ses-a"], "newest first"
    best = await search.search("alice", "allowance", order="best")
    assert {h.session_id for h in best} == {"ses-a", "ses-b"}
    with pytest.raises(ValueError):
        await search.search("alice", "x", order="random")


async def test_other_owners_and_syntax_are_never_hits_or_errors(store_url):
    await seed()
    assert all(h.session_id != "ses-c" for h in await search.search("alice", "bob parking"))
    assert [h.session_id for h in await search.search("bob", "parking")] == ["ses-c"]
    assert await search.search("carol", "parking") == [] and await search.search("", "parking") == []
    for query in ['"', '*', 'NEAR', '-', '()', '"park*', 'park" OR "', "'; DROP TABLE search_turns; --", "%", "_",
                  "\x00\x01\x1b", "a" * 1000, "parking " * 150, "", "   ", 'NEAR(parking allowance, 2)', "parking -allowance",
                  "allowance:*", "!(&|)"]:
        await search.search("alice", query)  # never an error
    assert [h.ordinal for h in await search.search("alice", 'NEAR(parking allowance)')] == [], "NEAR is only a word"
    assert [h.ordinal for h in await search.search("alice", '"parking" (allowance)*')] == [2]
    assert [h.ordinal for h in await search.search("alice", "parking -allowance")] == [2], "a dash is no NOT"


async def test_a_forgotten_chat_leaves_search_and_reindexing_replaces(store_url):
    await seed()
    await search.index_turn("alice", "ses-a", TurnText(2, 300.0, "What about parking?", "Changed: a garage."))
    assert await search.search("alice", "parking allowance") == []
    assert [h.ordinal for h in await search.search("alice", "garage")] == [2]
    await names.rename("alice", "ses-a", "Benefits")
    await search.forget("alice", ["ses-a"])
    assert await search.search("alice", "garage") == [] and await search.search("alice", "benefits") == []
    assert await names.of("alice", ["ses-a"]) == {}
    assert [h.session_id for h in await search.search("bob", "parking")] == ["ses-c"]


async def test_never_indexed_chats_are_listed_for_the_background(store_url):
    for i in range(3):
        await owners.claim("alice", f"ses-{i}")
    await owners.claim("bob", "ses-bob")
    await search.index_chat("alice", "ses-1", [])
    todo, total = await search.unindexed("alice")
    assert set(todo) == {"ses-0", "ses-2"} and total == 2
    assert (await search.unindexed("alice", limit=1))[1] == 2 and len((await search.unindexed("alice", limit=1))[0]) == 1
    assert await search.unindexed("alice", limit=2) == (["ses-2", "ses-0"], 2), "newest first; a full batch, counted"
    assert await search.unindexed("bob", limit=5) == (["ses-bob"], 1)
    await search.index_chat("alice", "ses-0", [])
    await search.index_chat("alice", "ses-2", [])
    assert await search.unindexed("alice") == ([], 0)
    await search.index_chat("alice", "ses-gone", [])  # indexed, no longer owned: no chat left to do, none counted
    assert await search.unindexed("alice", limit=1) == ([], 0)


async def test_names_are_kept_shown_searched_and_cleared(store_url):
    await seed()
    assert await names.rename("alice", "ses-b", "  Dessert\x07 ideas ") == "Dessert ideas"
    assert await names.name_of("alice", "ses-b") == "Dessert ideas" and await names.name_of("bob", "ses-b") == ""
    hits = await search.search("alice", "dessert")
    assert [(h.session_id, h.ordinal) for h in hits] == [("ses-b", None)] and ("Dessert", True) in hits[0].snippet
    assert await search.search("bob", "dessert") == []
    assert [(h.session_id, h.ordinal) for h in await search.search("alice", "100%_")] == []
    with pytest.raises(names.NameTooLong):
        await names.rename("alice", "ses-b", "x" * 201)
    assert await names.name_of("alice", "ses-b") == "Dessert ideas"
    assert await names.rename("alice", "ses-b", "   ") == ""
    assert names.display(await names.name_of("alice", "ses-b"), "Crème brûlée recipe") == "Crème brûlée recipe"
    assert await search.search("alice", "dessert") == []


async def test_pins_in_pin_order_and_names_survive_pinning(store_url):
    await names.rename("alice", "s2", "Two")
    for sid in ("s3", "s1", "s2"):
        await names.pin("alice", sid)
    assert [p.session_id for p in await names.pinned("alice")] == ["s3", "s1", "s2"]
    assert (await names.pinned("alice"))[2].name == "Two"
    await names.pin("alice", "s1", False)
    await names.pin("alice", "s9", False)  # unpinning what was never pinned is no error
    assert [p.session_id for p in await names.pinned("alice")] == ["s3", "s2"]
    await names.rename("alice", "s3", "Three")
    assert [(p.session_id, p.name) for p in await names.pinned("alice")] == [("s3", "Three"), ("s2", "Two")]
    assert await names.pinned("bob") == []


# ---------------------------------------------------------------------------- at scale: the same hits, found faster


async def test_newest_first_follows_time_not_the_order_turns_were_indexed(store_url):
    """SQLite's ids are time keys: a chat indexed late (the background indexer's older chats), turns
    sharing one millisecond, and a turn re-indexed at another time all keep newest-first right."""
    await search.index_turn("alice", "new", TurnText(0, 5000.0, "parking new", ""))
    await search.index_chat("alice", "old", [TurnText(i, 1000.0, f"parking old {i}", "") for i in range(5)])  # one time
    await search.index_turn("alice", "mid", TurnText(0, 3000.002, "parking mid", ""))
    await search.index_turn("alice", "mid2", TurnText(0, 3000.0, "parking mid2", ""))
    order = [(h.session_id, h.started_at) for h in await search.search("alice", "park")]
    assert [s for s, _ in order][:3] == ["new", "mid", "mid2"] and {s for s, _ in order[3:]} == {"old"}
    assert len(order) == 8 and [at for _, at in order] == sorted((at for _, at in order), reverse=True)
    await search.index_turn("alice", "old", TurnText(2, 9000.0, "parking old 2, asked again", ""))
    assert [(h.session_id, h.ordinal) for h in await search.search("alice", "park")][0] == ("old", 2)
    assert len(await search.search("alice", "park")) == 8, "re-indexed in place, not twice"
    assert [h.ordinal for h in await search.search("alice", "asked")] == [2]
    await search.forget("alice", ["old"])
    assert [h.session_id for h in await search.search("alice", "park")] == ["new", "mid", "mid2"]


async def test_owners_whose_ids_share_a_start_never_see_each_other(store_url):
    """The owner is matched inside the full-text query as one whole token, never as a prefix."""
    owners_ = ["al", "alice", "alice:2", "acct:Ünï", "acct:ünï"]
    for i, owner in enumerate(owners_):
        await search.index_turn(owner, f"ses-{i}", TurnText(0, 100.0 + i, "parking", f"parking allowance {owner}"))
    for i, owner in enumerate(owners_):
        for order in search.ORDERS:
            assert [h.session_id for h in await search.search(owner, "pa", order=order)] == [f"ses-{i}"], (owner, order)
    assert await search.search("a", "parking") == [] and await search.search("alice:", "parking") == []


async def test_best_match_ranks_the_newest_hits(store_url, monkeypatch):
    """Best match orders by rank (the turn saying it most first) among the newest RANK_CAP hits."""
    await search.index_turn("alice", "strong", TurnText(0, 100.0, "garage garage garage", "garage garage, the garage."))
    for i in range(4):
        await search.index_turn("alice", f"weak-{i}", TurnText(0, 200.0 + i, "what about the garage?",
                                                              "A long answer about many other things: " + "words " * 40))
    await search.index_turn("bob", "bobs", TurnText(0, 900.0, "garage garage garage garage", "garage"))
    best = [h.session_id for h in await search.search("alice", "gar", order="best")]
    assert best[0] == "strong" and sorted(best[1:]) == [f"weak-{i}" for i in range(4)]
    newest = [h.session_id for h in await search.search("alice", "gar")]
    assert newest == ["weak-3", "weak-2", "weak-1", "weak-0", "strong"]
    monkeypatch.setattr(search, "RANK_CAP", 3)
    assert sorted(h.session_id for h in await search.search("alice", "gar", order="best")) == ["weak-1", "weak-2", "weak-3"]
    monkeypatch.setattr(search, "WINDOW", 2)  # PostgreSQL: the newest turns are dense with hits: the time index is walked
    assert sorted(h.session_id for h in await search.search("alice", "gar", order="best")) == ["weak-1", "weak-2", "weak-3"]
    monkeypatch.setattr(search, "RANK_CAP", 1000)
    assert [h.session_id for h in await search.search("alice", "gar", order="best")][0] == "strong"
    assert [h.session_id for h in await search.search("alice", "gar")] == newest, "a full window, then the rest"
    assert [h.session_id for h in await search.search("alice", "garage", limit=2)] == ["weak-3", "weak-2"]


def test_an_index_made_before_0401_is_renumbered_and_still_found(tmp_path, monkeypatch):
    """Migration 0401 on SQLite: turns indexed under 0201's schema get time-key ids and the owner
    token; the same hits come back, newest first, and new turns are indexed after it."""
    import asyncio

    from alembic import command
    from sqlalchemy import create_engine, text

    from chat_ui.store import dispose, ensure_migrated, migrate

    url = f"sqlite:///{tmp_path / 'before.sqlite3'}"
    eng = create_engine(url)
    with eng.begin() as conn:
        cfg = migrate.alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0301_i18n")
        for i, (owner, at, prompt) in enumerate([("alice", 300.0, "Parking allowance?"), ("alice", 100.0, "Parking at night"),
                                                 ("bob", 200.0, "parking for bob"), ("alice", 200.0, "Holidays")]):
            conn.execute(text("INSERT INTO search_turns (owner, session_id, ordinal, started_at, prompt, answer, sources, "
                              "folded) VALUES (:o, :s, 0, :at, :p, '', '', :f)"),
                         {"o": owner, "s": f"ses-{i}", "at": at, "p": prompt, "f": fold(prompt)})
    eng.dispose()
    monkeypatch.setenv("CHAT_UI_DATABASE_URL", url)
    migrate.forget_migrated()
    ensure_migrated(url)
    try:
        async def check():
            assert [h.session_id for h in await search.search("alice", "park")] == ["ses-0", "ses-1"]
            assert [h.session_id for h in await search.search("bob", "park")] == ["ses-2"]
            assert {h.session_id for h in await search.search("alice", "park", order="best")} == {"ses-0", "ses-1"}
            await search.index_turn("alice", "ses-9", TurnText(0, 250.0, "parking later", ""))
            assert [h.session_id for h in await search.search("alice", "park")] == ["ses-0", "ses-9", "ses-1"]

        asyncio.run(check())
        eng = create_engine(url)
        with eng.connect() as conn:
            ids = conn.execute(text("SELECT id, started_at FROM search_turns ORDER BY id")).all()
        eng.dispose()
        assert [at for _, at in ids] == sorted(at for _, at in ids) and all(i >> search.SLOT_BITS == search.time_key(at) >> search.SLOT_BITS for i, at in ids)
    finally:
        dispose()
        migrate.forget_migrated()
