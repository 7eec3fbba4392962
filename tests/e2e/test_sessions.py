"""Sessions: the sidebar lists and highlights the new chat under its title, the filter narrows the
list, the history page lists sessions and deletes them, and deleting the open chat starts a new one."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import TURN_TIMEOUT, open_ready, send, session_id_of, wait_ended


def _title(page) -> str:
    heading = page.locator(".app-header .header-title")
    expect(heading).not_to_have_text("New chat", timeout=TURN_TIMEOUT)
    return heading.inner_text().strip()


def test_sidebar_lists_highlights_and_filters(page):
    open_ready(page)
    wait_ended(send(page, "What is the parental leave policy?"))
    first_id = session_id_of(page)
    first_title = _title(page)
    sidebar = page.locator(".sidebar")
    current = sidebar.locator(f'a[href="/chat/{first_id}"]')
    expect(current).to_contain_text(first_title, timeout=TURN_TIMEOUT)
    expect(current).to_have_attribute("aria-current", "page")
    expect(page).to_have_title(re.compile(re.escape(first_title)))

    # A second chat: it becomes the highlighted one, the first stays listed.
    sidebar.get_by_role("button", name="New chat").click()
    expect(page.get_by_role("heading", name="Ask your documents")).to_be_visible(timeout=TURN_TIMEOUT)
    open_ready(page, "/")
    wait_ended(send(page, "How much did revenue grow in Q3, and why?"))
    second_id = session_id_of(page)
    assert second_id != first_id
    second_title = _title(page)
    expect(sidebar.locator(f'a[href="/chat/{second_id}"]')).to_have_attribute("aria-current", "page", timeout=TURN_TIMEOUT)
    expect(current).to_have_attribute("aria-current", "false")

    # The filter narrows the list to matching titles.
    search = sidebar.get_by_label("Filter chats")
    needle = first_title.split()[0] if first_title.split()[0].lower() not in second_title.lower() else first_title
    search.fill(needle)
    expect(sidebar.locator(f'a[href="/chat/{second_id}"]')).to_have_count(0, timeout=5_000)
    expect(current).to_be_visible()
    expect(sidebar.get_by_role("status")).to_contain_text("chats searched")  # how far the filter looked
    search.fill("no chat is called this")
    expect(sidebar.locator(".session-item")).to_have_count(0, timeout=5_000)
    expect(sidebar.get_by_role("status")).to_contain_text("No chats match.")
    search.fill("")
    expect(sidebar.get_by_role("heading", name="Today")).to_be_visible()  # chats grouped by day
    expect(sidebar.locator(f'a[href="/chat/{second_id}"]')).to_be_visible(timeout=5_000)

    # Clicking an item reopens that chat.
    current.click()
    expect(page).to_have_url(re.compile(f"/chat/{first_id}$"))
    expect(page.get_by_test_id("turn")).to_have_count(1, timeout=TURN_TIMEOUT)
    expect(page.get_by_test_id("turn").locator(".user-bubble")).to_have_text("What is the parental leave policy?")
    assert not page.errors


def test_history_page_lists_and_deletes(page, shots):
    open_ready(page)
    prompt = "What does the security basics document say about passwords?"
    wait_ended(send(page, prompt))
    session_id = session_id_of(page)
    title = _title(page)

    page.goto("/history")
    row = page.get_by_test_id("history-row").filter(has=page.locator(f'a[href="/chat/{session_id}"]'))
    expect(row).to_have_count(1, timeout=TURN_TIMEOUT)
    expect(row).to_contain_text(title)
    expect(row.get_by_text("OK", exact=True)).to_be_visible()
    page.screenshot(path=str(shots / "09-history.png"))

    page.get_by_label("Filter sessions").fill("no session is called this")
    expect(page.get_by_test_id("history-row")).to_have_count(0, timeout=5_000)
    page.get_by_label("Filter sessions").fill("")
    expect(row).to_have_count(1, timeout=5_000)

    row.get_by_role("button", name=f"Delete chat {title}").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(title)
    dialog.get_by_role("button", name="Confirm delete").click()
    expect(dialog).to_be_hidden(timeout=TURN_TIMEOUT)
    expect(row).to_have_count(0, timeout=TURN_TIMEOUT)
    page.reload()
    # It was this browser's only chat (chats are private to the browser that made them).
    expect(page.get_by_text("No sessions yet.")).to_be_visible(timeout=TURN_TIMEOUT)
    expect(page.locator(f'a[href="/chat/{session_id}"]')).to_have_count(0)

    # The deleted chat's address says so instead of showing nothing.
    page.goto(f"/chat/{session_id}")
    expect(page.get_by_test_id("not-found")).to_contain_text("Chat not found", timeout=TURN_TIMEOUT)
    assert not page.errors


def test_deleting_the_open_chat_returns_to_a_new_chat(page):
    open_ready(page)
    wait_ended(send(page, "What is the remote work policy?"))
    session_id = session_id_of(page)
    title = _title(page)
    item = page.locator(".sidebar .session-item").filter(has=page.locator(f'a[href="/chat/{session_id}"]'))
    expect(item).to_have_count(1, timeout=TURN_TIMEOUT)
    item.get_by_role("button", name=f"Delete chat {title}").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Confirm delete").click()
    expect(page).to_have_url(re.compile(r"/chat$"), timeout=TURN_TIMEOUT)
    expect(page.get_by_role("heading", name="Ask your documents")).to_be_visible()
    expect(page.get_by_test_id("turn")).to_have_count(0)
    expect(page.locator(f'.sidebar a[href="/chat/{session_id}"]')).to_have_count(0)
    assert not page.errors
