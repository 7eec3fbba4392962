"""Layout: usable on a 390 px phone (the sidebar becomes a drawer) and in dark mode."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import TURN_TIMEOUT, no_horizontal_overflow, open_ready, send, wait_ended


def test_phone_width_drawer_and_dark_mode(page, shots):
    page.set_viewport_size({"width": 390, "height": 844})
    open_ready(page)
    expect(page.locator(".sidebar")).to_be_hidden()
    no_horizontal_overflow(page)
    page.screenshot(path=str(shots / "10-mobile-empty.png"))

    turn = send(page, "How much did revenue grow in Q3, and why?")
    wait_ended(turn)
    turn.get_by_test_id("screenshot-card").locator(".card-summary").click()
    expect(turn.locator("img.screenshot-img")).to_be_visible(timeout=10_000)
    turn.get_by_test_id("tool-card").first.locator(".card-summary").click()
    no_horizontal_overflow(page)
    page.screenshot(path=str(shots / "11-mobile-answer.png"))
    for el in (turn, turn.get_by_test_id("tool-card").first, turn.locator("img.screenshot-img")):
        box = el.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 0.5, f"overflows the phone width: {box}"

    # The sidebar is a drawer opened by "Open chats"; it lists this chat.
    page.get_by_role("button", name="Open chats").click()
    drawer = page.get_by_role("dialog")
    expect(drawer).to_be_visible()
    expect(drawer.locator(".session-item").first).to_be_visible(timeout=TURN_TIMEOUT)
    expect(drawer.locator('[aria-current="page"]')).to_have_count(1)
    page.wait_for_timeout(400)  # the slide-in animation
    panel = drawer.bounding_box()
    for el in (drawer.get_by_role("button", name="New chat"), drawer.get_by_label("Filter chats"), drawer.locator(".session-item").first):
        box = el.bounding_box()
        assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 0.5, f"drawer content sticks out of the drawer: {box} vs {panel}"
    page.screenshot(path=str(shots / "12-mobile-drawer.png"))
    drawer.get_by_role("button", name="New chat").click()
    expect(drawer).to_be_hidden(timeout=5_000)
    expect(page.get_by_role("heading", name="Ask your documents")).to_be_visible(timeout=TURN_TIMEOUT)
    assert not page.errors


def test_dark_mode_toggle(page, shots):
    open_ready(page)
    turn = send(page, "How much did revenue grow in Q3, and why? [fault:stop-error]")
    wait_ended(turn, "error")
    html = page.locator("html")
    dark_before = "dark" in (html.get_attribute("class") or "")
    page.get_by_role("button", name="Toggle dark mode").click()
    page.wait_for_function(f"() => document.documentElement.classList.contains('dark') === {str(not dark_before).lower()}",
                           timeout=5_000)
    if dark_before:
        page.get_by_role("button", name="Toggle dark mode").click()
        page.wait_for_function("() => document.documentElement.classList.contains('dark')", timeout=5_000)
    turn.get_by_test_id("tool-card").first.locator(".card-summary").click()
    bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(255, 255, 255)", f"dark mode left the page white: {bg}"
    page.screenshot(path=str(shots / "13-dark-mode.png"))
    assert not page.errors
