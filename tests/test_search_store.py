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
