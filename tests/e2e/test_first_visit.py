"""Paint before boot: the HTML the server sends for the chat page already holds its frame (composer,
empty-chat text), ``/`` is the chat page itself, and hydrating that HTML moves nothing."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from tests.e2e.helpers import READY_TIMEOUT, open_ready, send, session_id_of, wait_ended

EMPTY_TEXT = "Ask your documents"
COMPOSER = 'aria-label="Message"'

# Installed before the page's scripts: layout shifts (no input), and whether hydration failed
# (React reports a mismatch as a recoverable error and renders the page again from scratch).
PROBE = r"""
window.__shifts = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value); })
  .observe({ type: "layout-shift", buffered: true });
"""


def _served(app_url: str, path: str) -> httpx.Response:
    return httpx.get(app_url + path, follow_redirects=False, timeout=30)


def test_the_chat_routes_are_served_with_their_frame_before_any_script(app_url):
    for path in ("/chat", "/chat/ses-does-not-matter", "/"):
        reply = _served(app_url, path)
        assert reply.status_code == 200, (path, reply.status_code, reply.headers.get("location"))
        html = reply.text
        assert COMPOSER in html, f"{path}: no composer in the served HTML"
        assert EMPTY_TEXT in html, f"{path}: no empty-chat text in the served HTML"
        assert "__spa-fallback" not in html
    history = _served(app_url, "/history")
    assert history.status_code == 200 and "Filter sessions" in history.text


def test_the_page_paints_its_frame_with_javascript_off(browser, app_url):
    context = browser.new_context(java_script_enabled=False, base_url=app_url, viewport={"width": 1280, "height": 860})
    try:
        page = context.new_page()
        for path in ("/", "/chat", "/chat/ses-any"):
            page.goto(path)
            expect(page.get_by_label("Message", exact=True)).to_be_visible()
            expect(page.get_by_text(EMPTY_TEXT)).to_be_visible()
    finally:
        context.close()


def _hydrated(page) -> None:
    page.wait_for_function("() => { const b = document.querySelector('textarea[aria-label=Message]');"
                           " return b && Object.keys(b).some((k) => k.startsWith('__reactProps')); }", timeout=READY_TIMEOUT)


def test_hydration_moves_nothing_and_duplicates_nothing(browser, app_url):
    for path in ("/chat", "/"):
        context = browser.new_context(base_url=app_url, viewport={"width": 1280, "height": 860})
        context.add_init_script(PROBE)
        try:
            page = context.new_page()
            logs: list[str] = []
            page.on("console", lambda m: logs.append(m.text) if m.type == "error" else None)
            page.goto(path)
            _hydrated(page)
            expect(page.get_by_text("Enter to send, Shift+Enter for a new line.")).to_be_visible(timeout=READY_TIMEOUT)
            page.wait_for_timeout(1500)
            cls = page.evaluate("() => window.__shifts.reduce((a, b) => a + b, 0)")
            assert cls <= 0.05, (path, cls)
            expect(page.get_by_label("Message", exact=True)).to_have_count(1)
            expect(page.get_by_role("heading", name=EMPTY_TEXT)).to_have_count(1)
            assert not [m for m in logs if "ydrat" in m], logs
            assert page.url.endswith("/chat"), page.url  # "/" lands on the chat page without a second request
        finally:
            context.close()


def test_a_chat_url_shows_its_turns_without_a_jump(page, browser, app_url):
    open_ready(page)
    wait_ended(send(page, "What is the parental leave policy?"))
    sid = session_id_of(page)
    fresh = page.context.new_page()  # the same browser (its owner cookie): the chat is its own
    fresh.add_init_script(PROBE)
    try:
        fresh.goto(f"/chat/{sid}")
        expect(fresh.get_by_test_id("turn")).to_have_count(1, timeout=READY_TIMEOUT)
        expect(fresh.get_by_test_id("turn").first.locator(".user-bubble")).to_have_text("What is the parental leave policy?")
        expect(fresh.get_by_text(EMPTY_TEXT)).to_have_count(0)
        fresh.wait_for_timeout(1000)
        cls = fresh.evaluate("() => window.__shifts.reduce((a, b) => a + b, 0)")
        assert cls <= 0.05, cls
        assert fresh.url.endswith(f"/chat/{sid}")
    finally:
        fresh.close()
