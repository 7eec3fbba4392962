"""Faults as a person sees them in the browser: a quiet agent (the turn says it is still waiting
and offers Stop) and a 5 MB tool result (a capped card; the raw JSON a page at a time, never
sent whole over the socket)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import TURN_TIMEOUT, open_ready, send, wait_ended


def test_a_quiet_agent_shows_still_waiting_with_stop_then_carries_on(page, shots):
    open_ready(page)
    turn = send(page, "What is the parental leave policy? [fault:stall]")
    waiting = turn.get_by_test_id("turn-waiting")
    expect(waiting).to_be_visible(timeout=TURN_TIMEOUT)
    expect(waiting).to_contain_text("Still waiting for the agent: nothing new has arrived for 2 s.")
    expect(waiting.get_by_role("button", name="Stop waiting")).to_be_enabled()
    assert turn.locator(".answer-text").last.inner_text().strip(), "the text so far is not shown while waiting"
    page.screenshot(path=str(shots / "20-still-waiting.png"))
    # The agent comes back: the notice goes and the answer finishes.
    wait_ended(turn, "done")
    expect(waiting).to_have_count(0)
    assert not page.errors


def test_stop_while_waiting_keeps_the_partial(page):
    open_ready(page)
    turn = send(page, "What is the travel policy? [fault:stall]")
    waiting = turn.get_by_test_id("turn-waiting")
    expect(waiting).to_be_visible(timeout=TURN_TIMEOUT)
    waiting.get_by_role("button", name="Stop waiting").click()
    wait_ended(turn, "stopped")
    assert turn.locator(".answer-text").last.inner_text().strip(), "stopping lost the partial answer"
    assert not page.errors


def test_a_5_mb_tool_result_shows_a_capped_card_and_pages_of_raw_json(page, shots):
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    open_ready(page)
    turn = send(page, "What is the parental leave policy? [fault:huge]")
    wait_ended(turn, "done")
    card = turn.get_by_test_id("tool-card").first
    expect(card).to_contain_text(re.compile(r"\d,\d{3} passages"))
    card.locator("summary").first.click()
    expect(card.locator(".hit")).to_have_count(20)
    expect(card.get_by_test_id("hits-left-out")).to_have_text(
        re.compile(r"^\d,\d{3} more passages are not shown here; the raw result has them all\.$"))
    card.screenshot(path=str(shots / "21-capped-tool-card.png"))
    card.locator(".raw-summary").click()
    card.locator(".raw-summary").evaluate("el => el.scrollIntoView({block: 'start'})")  # the result loads when seen
    pager = card.locator(".raw-pager")
    expect(pager).to_contain_text("Lines 1–400 of ", timeout=TURN_TIMEOUT)
    card.get_by_role("button", name="Next page of the raw result").click()
    expect(pager).to_contain_text("Lines 401–800 of ", timeout=TURN_TIMEOUT)
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "22-raw-result-pages.png"))
    assert frames and max(frames) < 300_000, f"a {max(frames):,}-byte frame reached the browser"
    assert not page.errors
