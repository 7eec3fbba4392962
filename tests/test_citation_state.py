"""Opening a citation, through Reflex's real event pipeline: the dialog opens with what the chip
knows, then shows the whole passage and resolves its page screenshot, read on the server from
the turn's result, and only for the chat's owner."""

from __future__ import annotations

import asyncio
import time

import pytest

from chat_ui.local.faults import MANY_PASSAGES
from chat_ui.state.chat import ChatState
from chat_ui.state.citations import CitationState
from chat_ui.state.live import LiveState
from chat_ui.state.sessions import SessionsState  # noqa: F401 - a new chat's send reaches it: in the tree from the start
from chat_ui.state.screenshots import ScreenshotState
from chat_ui.views import MAX_HITS


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    return local_api


def chip(block_key: str, hit) -> dict:
    """What a chip sends (js/citation.jsx)."""
    return {"block": block_key, "row": hit.row, "number": hit.number, "file": hit.file, "page": hit.page,
            "score": hit.score, "snippet": hit.snippet, "image_source": hit.image_source, "image_name": hit.image_name}


async def screenshot_urls(tab, settle: float = 0.0, wait_for: str = "") -> dict[str, str]:
    """The tab's resolved screenshots, once ``wait_for`` is among them (or after ``settle`` seconds)."""
    deadline = time.monotonic() + (settle or 10)
    while True:
        urls = dict((await tab.state(ScreenshotState)).urls)
        if (wait_for and wait_for in urls) or time.monotonic() > deadline:
            return urls
        await asyncio.sleep(0.02)


async def a_cited_pdf_passage(tabs):
    a = tabs(browser="A")
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send("How much did revenue grow in Q3, and why?"))
    live = await a.idle()
    block = next(b for b in live.blocks if b.kind == "tool" and any(h.image_name for h in b.hits))
    hit = next(h for h in block.hits if h.image_name)
    return a, block.key, hit


async def test_a_citation_opens_its_whole_passage_and_its_page(api, tabs):
    a, block_key, hit = await a_cited_pdf_passage(tabs)
    await a.run(CitationState.show(chip(block_key, hit)))
    shown = await a.state(CitationState)
    assert shown.open and not shown.loading
    assert shown.passage.number == hit.number and shown.passage.file == hit.file and shown.passage.page == hit.page
    assert len(shown.text) > len(hit.snippet) and hit.snippet.rstrip("…")[:60] in " ".join(shown.text.split())
    # The page screenshot is resolved through the same state as a tool card's.
    key = f"{hit.image_source}/{hit.image_name}"
    assert (await screenshot_urls(a, wait_for=key))[key].startswith("/api/v1/local-files/")

    # A turn of a reopened chat (a history key: the turn's place in the stored session) finds
    # the same passage in the stored events.
    stored_key = "h0-" + block_key.rsplit("-", 1)[1]
    await a.run(CitationState.show(chip(stored_key, hit)))
    assert (await a.state(CitationState)).text == shown.text


async def test_a_passage_its_tool_card_leaves_out_opens_from_the_server(api, tabs):
    # [fault:many]: the first result has 30 passages; its card (and so the browser) has 20.
    a = tabs(browser="A")
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send("How much did revenue grow in Q3, and why? [fault:many]"))
    live = await a.idle()
    block = next(b for b in live.blocks if b.kind == "tool" and b.passage_count > len(b.hits))
    assert len(block.hits) == MAX_HITS and block.passage_count == MANY_PASSAGES
    first = block.hits[0].number
    # By row (the passage's index in the raw result), beyond the card's 20 ...
    await a.run(CitationState.show({"block": block.key, "row": 25, "number": first + 25}))
    by_row = await a.state(CitationState)
    assert by_row.open and not by_row.loading and by_row.text
    assert by_row.passage.number == first + 25 and by_row.passage.file and by_row.passage.page
    text, passage = by_row.text, by_row.passage
    # ... and by its place among the result's passages: what a chip beyond the card sends.
    unseen = {"block": block.key, "row": -1, "offset": 25, "number": first + 25, "file": "", "snippet": ""}
    await a.run(CitationState.show(unseen))
    shown = await a.state(CitationState)
    assert (shown.text, shown.passage) == (text, passage) and shown.passage.row == 25
    if passage.image_name:
        key = f"{passage.image_source}/{passage.image_name}"
        assert (await screenshot_urls(a, wait_for=key))[key].startswith("/api/v1/local-files/")
    # A reopened chat's turn (the stored session, not the hub) finds it too.
    await a.run(CitationState.show({**unseen, "block": "h0-" + block.key.rsplit("-", 1)[1]}))
    assert (await a.state(CitationState)).text == text
    # Past the result's last passage, and for another browser: nothing is read.
    await a.run(CitationState.show({**unseen, "offset": MANY_PASSAGES}))
    assert (await a.state(CitationState)).text == ""
    b = tabs(browser="B")
    await b.run(CitationState.show(unseen))
    shown = await b.state(CitationState)
    assert not shown.loading and shown.text == "" and shown.passage.file == ""


async def test_another_browser_gets_only_what_it_sent(api, tabs):
    a, block_key, hit = await a_cited_pdf_passage(tabs)
    b = tabs(browser="B")
    forged = {**chip(block_key, hit), "snippet": "what B typed", "image_source": "dfl-x", "image_name": "screenshots/page_1.jpg"}
    await b.run(CitationState.show(forged))
    shown = await b.state(CitationState)
    assert shown.open and not shown.loading and shown.text == ""
    assert shown.passage.snippet == "what B typed" and shown.passage.image_name == ""  # nothing would resolve it
    assert await screenshot_urls(b, settle=0.5) == {}  # nothing of A's is read, no screenshot B named is resolved


async def test_what_a_chip_sends_is_cut_to_size():
    from chat_ui.state.citations import cited_view

    view = cited_view({"file": "f" * 1000, "page": 3, "number": True, "snippet": ["x"], "score": "0.5"})
    assert len(view.file) == 300 and view.page == "3" and view.number == 0 and view.snippet == "" and view.score == "0.5"



async def test_a_passage_that_cannot_be_read_shows_what_the_chip_knew_without_its_image(api, tabs):
    # A key naming no turn of the chat: the raw result is not found, so nothing resolves the
    # chip's page image and the dialog must not wait for it ("Loading page image…" for good).
    a, block_key, hit = await a_cited_pdf_passage(tabs)
    await a.run(CitationState.show(chip("h99-" + block_key.rsplit("-", 1)[1], hit)))
    shown = await a.state(CitationState)
    assert shown.open and not shown.loading and shown.text == ""
    assert shown.passage.snippet == hit.snippet and shown.passage.number == hit.number
    assert shown.passage.image_source == "" and shown.passage.image_name == ""


async def test_a_failing_read_still_ends_the_spinner(api, tabs, monkeypatch):
    from chat_ui.turns import get_hub

    a, block_key, hit = await a_cited_pdf_passage(tabs)

    async def broken(*args, **kwargs):
        raise RuntimeError("hub down")

    monkeypatch.setattr(type(get_hub()), "get_result", broken)
    try:
        await a.run(CitationState.show(chip(block_key, hit)))
    except RuntimeError:
        pass  # the task fails; what matters is what the tab is left showing
    deadline = time.monotonic() + 10
    while (shown := await a.state(CitationState)).loading and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert shown.open and not shown.loading
    assert shown.passage.snippet == hit.snippet and shown.passage.image_name == ""


async def test_a_passage_longer_than_the_dialog_shows_says_how_much_is_left_out(api, tabs, monkeypatch):
    from chat_ui.i18n.message import render
    from chat_ui.state import citations

    a, block_key, hit = await a_cited_pdf_passage(tabs)
    await a.run(CitationState.show(chip(block_key, hit)))
    whole = (await a.state(CitationState)).text
    assert (await a.state(CitationState)).text_cut == ""  # it fits: no note
    monkeypatch.setattr(citations, "PASSAGE_CHARS", 40)
    await a.run(CitationState.show(chip(block_key, hit)))
    shown = await a.state(CitationState)
    assert shown.text == whole[:40]
    left = len(whole) - 40
    # A note apart from the passage's text, in the reader's language (the text is never translated).
    assert render("en", shown.text_cut) == f"{left:,} more character{'s' if left != 1 else ''} not shown"
    assert render("fr", shown.text_cut).endswith("non affichés")
