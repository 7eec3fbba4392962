"""Search inside chats, rename, pins and bulk delete in Chromium: a word from the third answer of
an older chat found from the sidebar and opened at that turn deep in the chat, marked briefly;
rename with Escape and Enter, seen in a second browser of the same person; pins in pin order;
Delete selected on the history page with one confirmation. Each new state passes axe."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.axe import assert_clean
from tests.e2e.helpers import READY_TIMEOUT, TURN_TIMEOUT, add_turns, open_ready, send, session_id_of, wait_ended

DEPTH = 40  # turns after the one searched for: the hit must load them all to reach it


def _rare_word(page, turn_index: int) -> str:
    turns = page.get_by_test_id("turn")
    answers = [turns.nth(i).locator(".agent-column").inner_text().lower() for i in range(turns.count())]
    target = answers[turn_index]
    rest = " ".join(a for i, a in enumerate(answers) if i != turn_index)
    words = [w for w in re.findall(r"[a-z]{7,}", target) if w not in rest]
    assert words, target
    return words[0]


def test_search_opens_the_hit_at_its_turn_then_rename_pin_and_bulk_delete(page, browser, app_url, shots):
    open_ready(page)
    for prompt in ("What is the parental leave policy?", "How much did revenue grow in Q3?", "What is the travel policy?"):
        wait_ended(send(page, prompt))
    session_id = session_id_of(page)
    word = _rare_word(page, 2)
    add_turns(app_url, session_id, [f"Question {n}: how many days of time off?" for n in range(DEPTH)])

    # A second chat, so the hit is not simply the latest one.
    open_ready(page, "/")
    expect(page.get_by_role("heading", name="Ask your documents")).to_be_visible(timeout=TURN_TIMEOUT)
    expect(page.get_by_test_id("turn")).to_have_count(0, timeout=TURN_TIMEOUT)
    wait_ended(send(page, "Who approves expenses?"))
    other_id = session_id_of(page)

    page.reload()
    sidebar = page.locator(".sidebar")
    search = sidebar.get_by_label("Filter chats")
    expect(search).to_be_editable(timeout=READY_TIMEOUT)
    search.press_sequentially(word[:-1], delay=40)  # a prefix, typed
    hit = sidebar.get_by_test_id("search-hit").filter(has=page.locator(f'[href="/chat/{session_id}?turn=2"]')).or_(
        sidebar.locator(f'a[href="/chat/{session_id}?turn=2"]'))
    expect(hit.first).to_be_visible(timeout=TURN_TIMEOUT)
    expect(hit.first.locator("mark").first).to_have_text(re.compile(word, re.I))
    page.screenshot(path=str(shots / "search-hits.png"))
    assert_clean(page, "search hits")

    hit.first.click()
    expect(page).to_have_url(re.compile(rf"/chat/{session_id}\?turn=2$"))
    found = page.locator("#turn-h2")
    expect(found).to_be_in_viewport(timeout=READY_TIMEOUT)
    expect(found).to_have_attribute("data-found", "true", timeout=5_000)
    page.screenshot(path=str(shots / "search-hit-opened.png"))
    assert page.get_by_test_id("turn").count() >= DEPTH + 3

    # Rename from the sidebar: Escape cancels, Enter saves; the header and the page title follow.
    search.fill("")
    row = sidebar.locator(".session-item").filter(has=page.locator(f'a[href="/chat/{session_id}"]'))
    generated = page.locator(".app-header .header-title").inner_text().strip()
    row.get_by_role("button", name="Rename chat").click()
    box = sidebar.get_by_label("Chat name")
    expect(box).to_be_focused()
    page.screenshot(path=str(shots / "rename-inline.png"))
    assert_clean(page, "rename inline")
    box.fill("Not this")
    box.press("Escape")
    expect(sidebar.get_by_label("Chat name")).to_have_count(0)
    expect(page.locator(".app-header .header-title")).to_have_text(generated)
    row.get_by_role("button", name="Rename chat").click()
    sidebar.get_by_label("Chat name").fill("Policies, long ago")
    sidebar.get_by_label("Chat name").press("Enter")
    expect(page.locator(".app-header .header-title")).to_have_text("Policies, long ago", timeout=TURN_TIMEOUT)
    expect(sidebar.locator(f'a[href="/chat/{session_id}"]')).to_contain_text("Policies, long ago")
    expect(page).to_have_title(re.compile("Policies, long ago"))

    # Pins, in pin order, above the date groups; a second browser of the same person sees them and the name.
    sidebar.locator(".session-item").filter(has=page.locator(f'a[href="/chat/{other_id}"]')).get_by_role(
        "button", name="Pin chat").click()
    expect(sidebar.locator(".session-item").first.locator(f'a[href="/chat/{other_id}"]')).to_be_visible(timeout=TURN_TIMEOUT)
    sidebar.locator(".session-item").filter(has=page.locator(f'a[href="/chat/{session_id}"]')).get_by_role(
        "button", name="Pin chat").click()
    expect(sidebar.get_by_role("heading", name="Pinned")).to_be_visible(timeout=TURN_TIMEOUT)
    items = sidebar.locator(".session-item")
    expect(items.nth(1).locator(f'a[href="/chat/{session_id}"]')).to_be_visible(timeout=TURN_TIMEOUT)
    expect(items.nth(0).locator(f'a[href="/chat/{other_id}"]')).to_be_visible()
    page.screenshot(path=str(shots / "pinned.png"))
    assert_clean(page, "pinned chats")

    second = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=app_url,
                                 storage_state=page.context.storage_state())
    try:
        other_page = second.new_page()
        open_ready(other_page, "/")
        side = other_page.locator(".sidebar")
        expect(side.locator(".session-item").nth(0).locator(f'a[href="/chat/{other_id}"]')).to_be_visible(timeout=READY_TIMEOUT)
        expect(side.locator(".session-item").nth(1)).to_contain_text("Policies, long ago")
    finally:
        second.close()

    # Delete selected on the history page: one confirmation saying how many.
    page.goto("/history")
    table = page.locator(".history-page")
    expect(table.get_by_label("Select Policies, long ago")).to_be_visible(timeout=READY_TIMEOUT)
    table.get_by_label("Select Policies, long ago").click()
    expect(table.get_by_label("Select Policies, long ago")).to_have_attribute("data-state", "checked")
    table.locator('[role=checkbox][data-state="unchecked"]').first.click()  # another chat than the one ticked
    table.get_by_role("button", name="Delete selected").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Delete 2 chats?")
    page.screenshot(path=str(shots / "delete-selected.png"))
    assert_clean(page, "delete selected")
    dialog.get_by_role("button", name="Confirm delete selected").click()
    expect(page.get_by_test_id("history-row")).to_have_count(0, timeout=TURN_TIMEOUT)
    assert not page.errors
