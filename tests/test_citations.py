"""Citations: one numbering rule for tool cards, answer markers and exports; each passage carries
its page screenshot reference; the local agent cites by the same numbers."""

from __future__ import annotations

import re

import pytest

from chat_ui import transcript as t
from chat_ui.citations import cited_numbers
from chat_ui.local.agent import run_turn
from chat_ui.local.corpus import Corpus
from chat_ui.local.faults import MANY_PASSAGES
from chat_ui.local.settings import DEFAULT_CORPUS
from chat_ui.names.refs import with_names
from chat_ui.views import MAX_HITS, first_numbers, numbered_passages, summarize_result, turn_view


def rows(n: int, file: str = "f.pdf", **extra) -> dict:
    return {"results": [{"content": f"passage {i}", "score": 0.5, "metadata": {"file_name": file, "page": i + 1}, **extra}
                        for i in range(n)]}


def tool(call_id: str, result) -> t.ToolBlock:
    return t.ToolBlock(call_id=call_id, name="retrieve", status="done", result=result)


def hits_by_card(view):
    return [[h.number for h in b.hits] for b in view.blocks if b.kind == "tool"]


def test_passages_are_numbered_across_the_turn_in_card_order():
    turn = t.Turn(prompt="q", status="done", blocks=(
        t.ThinkingBlock(text="hm", done=True),
        tool("a", rows(3)),
        tool("b", {"items": [{"file_name": "x.md"}]}),  # a listing, not passages
        tool("c", {"error": "boom"}),
        tool("d", rows(2, "g.md")),
        t.TextBlock(text="See [4].", done=True),
    ))
    assert first_numbers(turn.blocks) == [1, 1, 4, 4, 4, 6]
    view = turn_view(turn, "t0")
    assert hits_by_card(view) == [[1, 2, 3], [0], [], [4, 5]]
    assert [(p.number, p.block, p.hit.file) for p in numbered_passages(turn)] == [
        (1, 1, "f.pdf"), (2, 1, "f.pdf"), (3, 1, "f.pdf"), (4, 4, "g.md"), (5, 4, "g.md")]
    # The row is where the passage sits in its raw result (to open it whole), not its number.
    assert [h.row for h in view.blocks[4].hits] == [0, 1]


def test_a_card_that_shows_only_some_hits_still_counts_them_all():
    turn = t.Turn(prompt="q", blocks=(tool("a", rows(5000)), tool("b", rows(2))))
    view = turn_view(turn, "t0")
    first, second = hits_by_card(view)
    assert first == list(range(1, MAX_HITS + 1))
    assert second == [5001, 5002]  # the same number the agent sees for that passage


def test_a_card_says_how_many_passages_its_result_has_but_sends_only_the_hits_it_shows():
    # The browser makes a chip of every number a result has from the first hit's number and the
    # count; a passage the card leaves out is read on the server when opened.
    turn = t.Turn(prompt="q", blocks=(tool("a", rows(30)), tool("b", {"items": [{"file_name": "x.md"}] * 40}),
                                      tool("c", rows(10_000)), tool("d", None)))
    a, b, c, d = (blk for blk in turn_view(turn, "t0").blocks)
    assert (a.passage_count, len(a.hits), a.hits[0].number) == (30, MAX_HITS, 1)
    assert (b.passage_count, d.passage_count) == (0, 0)  # a listing's items and a missing result are no passages
    assert (c.passage_count, len(c.hits), c.hits[0].number) == (10_000, MAX_HITS, 31)
    assert [p.number for p in numbered_passages(turn)][-1] == 30 + 10_000  # the export's numbers reach as far


def test_non_dict_rows_are_not_passages():
    result = {"results": ["junk", {"content": "a"}, None, {"content": "b"}]}
    summary = summarize_result(result, 7)
    assert [(h.number, h.row, h.snippet) for h in summary.hits] == [(7, 1, "a"), (8, 3, "b")]


def test_each_passage_carries_its_page_screenshot_from_static_fields():
    screenshot = {"type": "screenshot", "attachment_name": "screenshots/page_3.jpg", "source_id": "dfl-1"}
    result = {"results": [
        {"content": "a", "static_fields": {"attachments": [{"type": "items", "attachment_name": "items.json", "source_id": "dfl-1"},
                                                           screenshot]}},
        {"content": "b", "static_fields": {"attachments": [{"type": "screenshot", "attachment_name": 7}]}},
        {"content": "c", "static_fields": {"attachments": "nope"}},
        {"content": "d"},
    ]}
    hits = summarize_result(result).hits
    assert (hits[0].image_source, hits[0].image_name) == ("dfl-1", "screenshots/page_3.jpg")
    assert [(h.image_source, h.image_name) for h in hits[1:]] == [("", "")] * 3


@pytest.mark.parametrize(("text", "numbers"), [
    ("Revenue grew [2]. Costs fell [1, 3].", [2, 1, 3]),
    ("Twice [1] and again [1].", [1]),
    ("In code `a[1]` and\n```\nx = y[2]\n```\nbut here [3].", [3]),
    ("A link [4](https://example.com) and a definition\n[5]: https://example.com\nand [6]: plain.", [6]),
    ("    indented code [7]\n\ntext [8]", [8]),
    ("No marker [a] [ 1 ] [] [12345].", []),
    # Indented is not always code, as the browser's markdown parser (remark) reads it: each case
    # here was checked against remark with js/citations.js's plugin.
    ("- Revenue grew [1]\n    - mostly in Q3 [2]", [1, 2]),  # a nested item
    ("Revenue grew [1]\n    mostly in Q3 [2]", [1, 2]),  # a paragraph's next line
    ("- Revenue grew [1]\n\n    mostly in Q3 [2]\n\n        code [3]", [1, 2]),  # within the item's indent
    ("\tcode [1]\n\n- a\n\n\tb [2]", [2]),
    ("# Revenue [1]\n    code [2]", [1]),  # after a heading a code block may start
    ("1. Open the report [1]\n   ```\n   total = rows[2]\n   ```\n2. Read it [3]", [1, 3]),  # a fence in an item
    ("- ```\n  x[1]\n  ```\n- y [2]", [2]),
    ("```\n[1]\n```python\n[2]\n```\nafter [3]", [3]),  # a closing fence has no info string
])
def test_cited_numbers(text, numbers):
    assert cited_numbers(text) == numbers


async def _local_turn(prompt: str, index_ids: list[str], fault: str | None = None) -> t.Turn:
    """The turn as the page folds it: its passages name their files by id, and the names the
    directories endpoint gives (the corpus's file names) are folded in."""
    corpus = Corpus(DEFAULT_CORPUS)
    events = [e async for e in run_turn(corpus, prompt, index_ids, fault=fault)]
    (turn,) = t.fold(with_names(events, {sid: src.file_name for sid, src in corpus.sources.items()}))
    return turn


SOURCE_LINE = re.compile(r"^- \[(\d+)\] (.+)$", re.M)


@pytest.mark.parametrize(("prompt", "index_ids"), [
    ("How much did revenue grow in Q3, and why?", ["idx-handbook", "idx-quarterly-reports"]),
    ("What is the parental leave policy?", ["idx-quarterly-reports", "idx-handbook"]),
    ("What are the security rules for passwords and laptops?", ["idx-handbook"]),
])
async def test_the_local_agent_cites_passages_by_the_numbers_the_page_shows(prompt, index_ids):
    turn = await _local_turn(prompt, index_ids)
    view = turn_view(turn, "t0")
    shown = {h.number: h for b in view.blocks if b.kind == "tool" for h in b.hits}
    cited = cited_numbers(turn.answer)
    assert cited, turn.answer
    for n in cited:
        assert n in shown, (n, sorted(shown))
    listed = SOURCE_LINE.findall(turn.answer)
    assert listed and sorted(int(n) for n, _ in listed) == sorted(cited)
    for n, where in listed:
        hit = shown[int(n)]
        assert where == (f"{hit.file}, page {hit.page}" if hit.page else hit.file)


async def test_every_pdf_passage_of_the_local_agent_has_its_page_screenshot():
    turn = await _local_turn("How much did revenue grow in Q3, and why?", ["idx-quarterly-reports"])
    passages = [p.hit for p in numbered_passages(turn)]
    pdf = [h for h in passages if h.file.endswith(".pdf")]
    assert pdf and all(h.image_name == f"screenshots/page_{h.page}.jpg" and h.image_source.startswith("dfl-") for h in pdf)
    assert all(h.image_name == "" for h in passages if not h.file.endswith(".pdf"))


async def test_the_many_fault_cites_a_passage_its_tool_card_leaves_out():
    turn = await _local_turn("How much did revenue grow in Q3, and why? [fault:many]", ["idx-handbook", "idx-quarterly-reports"],
                             fault="many")
    view = turn_view(turn, "t0")
    card = next(b for b in view.blocks if b.kind == "tool" and b.hits)
    assert card.passage_count == MANY_PASSAGES > MAX_HITS == len(card.hits)
    cited = cited_numbers(turn.answer)
    assert MANY_PASSAGES in cited and all(h.number != MANY_PASSAGES for h in card.hits)
    listed = dict(SOURCE_LINE.findall(turn.answer))
    last = numbered_passages(turn)[MANY_PASSAGES - 1]
    assert last.number == MANY_PASSAGES and listed[str(MANY_PASSAGES)] == f"{last.hit.file}, page {last.hit.page}"
