"""A turn as a person sees it: text that grows while it streams, the thinking card, tool cards,
a screenshot fetched only once its card is opened, usage, and the same turn after a reload."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from tests.e2e.helpers import TURN_TIMEOUT, open_ready, send, session_id_of, wait_ended

IMAGE_PATHS = ("/api/v1/beta/attachments/", "/api/v1/local-files/")
REVENUE = "How much did revenue grow in Q3, and why?"


def _answer_length(turn) -> int:
    return turn.evaluate("(el) => [...el.querySelectorAll('.answer-text')].map((a) => a.innerText).join('').length")


def test_answer_streams_with_thinking_tools_screenshot_and_usage(page, shots):
    image_requests: list[str] = []
    page.on("request", lambda r: image_requests.append(r.url) if any(p in r.url for p in IMAGE_PATHS) else None)
    open_ready(page)
    expect(page.get_by_role("heading", name="Ask your documents")).to_be_visible()
    page.screenshot(path=str(shots / "01-empty-chat.png"))

    turn = send(page, REVENUE)
    expect(turn.locator(".user-bubble")).to_have_text(REVENUE)

    # Thinking: open, with a spinner, while it runs.
    thinking = turn.locator(".thinking-card")
    expect(thinking).to_have_count(1, timeout=TURN_TIMEOUT)
    # State and fold read in one look: read apart, the thinking could end (and fold) in between.
    running, folded = thinking.evaluate("(el) => [el.getAttribute('data-state') === 'running', !el.open]")
    if running:
        assert not folded, "the thinking card is folded while it runs"
        page.screenshot(path=str(shots / "02-streaming-thinking.png"))

    # The answer text grows while the turn streams.
    lengths: list[int] = []
    deadline = time.monotonic() + TURN_TIMEOUT / 1000
    while time.monotonic() < deadline and turn.get_attribute("data-status") == "streaming":
        lengths.append(_answer_length(turn))
        if len(lengths) == 3:
            page.screenshot(path=str(shots / "03-streaming-answer.png"))
        time.sleep(0.08)
    growing = [n for n in lengths if n > 0]
    assert len(set(growing)) >= 3 and growing == sorted(growing), f"answer did not grow while streaming: {lengths}"
    wait_ended(turn)
    assert _answer_length(turn) >= max(growing)  # the last sample may already hold the full text

    # Thinking folds once done and says how long it took.
    expect(thinking).to_have_attribute("data-state", "done")
    expect(thinking).to_contain_text("Thought")
    assert not thinking.evaluate("(el) => el.open"), "the thinking card stays open after thinking ended"

    # One retrieval tool card per index, finished; raw JSON one click away.
    tools = turn.get_by_test_id("tool-card")
    expect(tools).to_have_count(2)
    for i in range(2):
        expect(tools.nth(i)).to_have_attribute("data-status", "done")
    reports = tools.filter(has_text="quarterly-reports")
    reports.locator(".card-summary").click()
    expect(reports.locator(".hit").first).to_be_visible()
    reports.get_by_text("Arguments and raw result").click()
    expect(reports.locator(".raw-json").first).to_contain_text('"top_k"')

    # Usage for the answer, and totals for the chat.
    expect(turn.get_by_label("Usage for this answer")).to_contain_text("in")
    expect(page.get_by_label("Session totals")).to_be_visible()

    # The screenshot: nothing fetched until its card opens.
    card = turn.get_by_test_id("screenshot-card")
    expect(card).to_have_count(1)
    card.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # give a wrongly eager loader the chance to fire
    assert image_requests == [], f"the screenshot was fetched before its card was opened: {image_requests}"
    card.locator(".card-summary").click()
    img = card.locator("img.screenshot-img")
    expect(img).to_be_visible(timeout=10_000)
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=img.element_handle(), timeout=10_000)
    assert image_requests, "opening the screenshot card fetched no image"
    tools.first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "04-answer-tools-screenshot.png"))
    turn.get_by_label("Usage for this answer").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "04b-answer-end-usage.png"))

    # Clicking the screenshot enlarges it.
    card.get_by_role("button", name="Enlarge page screenshot").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    big = dialog.locator("img")
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=big.element_handle(), timeout=10_000)
    assert big.bounding_box()["width"] > img.bounding_box()["width"]
    page.screenshot(path=str(shots / "05-screenshot-enlarged.png"))
    dialog.get_by_role("button", name="Close screenshot").click()
    expect(dialog).to_be_hidden()

    # Reloading /chat/<id> shows the same turn, folded from the stored events.
    session_id = session_id_of(page)
    answer_before = turn.locator(".answer-text").inner_text()
    page.goto(f"/chat/{session_id}")
    reopened = page.get_by_test_id("turn")
    expect(reopened).to_have_count(1, timeout=TURN_TIMEOUT)
    expect(reopened).to_have_attribute("data-status", "done")
    expect(reopened.locator(".user-bubble")).to_have_text(REVENUE)
    expect(reopened.get_by_test_id("tool-card")).to_have_count(2)
    expect(reopened.get_by_test_id("screenshot-card")).to_have_count(1)
    expect(reopened.locator(".thinking-card")).to_contain_text("Thought")
    expect(reopened.locator(".answer-text")).to_have_text(answer_before)
    expect(reopened.get_by_label("Usage for this answer")).to_be_visible()
    assert not page.errors


def test_composer_keys_and_limit(page):
    box = open_ready(page)
    # Shift+Enter is a new line, not a send.
    box.fill("first line")
    box.press("Shift+Enter")
    box.press_sequentially("second line")
    expect(box).to_have_value("first line\nsecond line")
    expect(page.get_by_test_id("turn")).to_have_count(0)

    # Over the limit: refused, the text stays, the reason is shown.
    long_text = "x" * 1005
    box.fill(long_text)
    expect(page.get_by_text("the limit is 1000")).to_be_visible()
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_disabled()
    box.press("Enter")
    page.wait_for_timeout(200)
    expect(box).to_have_value(long_text)
    expect(page.get_by_test_id("turn")).to_have_count(0)

    # Enter sends and clears the box.
    box.fill("What is the parental leave policy?")
    box.press("Enter")
    expect(box).to_have_value("")
    turn = page.get_by_test_id("turn").last
    expect(turn).to_contain_text("What is the parental leave policy?", timeout=TURN_TIMEOUT)
    expect(page.get_by_role("button", name="Stop", exact=True)).to_be_visible()
    wait_ended(turn)
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()
    assert not page.errors


def test_jump_to_latest_when_scrolled_up(page, shots):
    page.set_viewport_size({"width": 1000, "height": 560})
    open_ready(page)
    wait_ended(send(page, "What is the parental leave policy?"))
    turn = send(page, REVENUE)
    expect(turn).to_have_attribute("data-status", "streaming")
    log = page.get_by_role("log")
    log.hover()
    page.mouse.wheel(0, -1500)
    jump = page.get_by_role("button", name="Jump to latest")
    expect(jump).to_be_visible(timeout=5_000)
    page.screenshot(path=str(shots / "06-jump-to-latest.png"))
    wait_ended(turn)
    jump.click()
    expect(jump).to_be_hidden()
    page.wait_for_function(
        "() => { const el = document.querySelector('[role=log]'); return el.scrollHeight - el.scrollTop - el.clientHeight < 40 }",
        timeout=5_000,
    )
    assert not page.errors
