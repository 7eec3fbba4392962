"""A turn belongs to its chat, not to the tab: reload it, watch it from a second tab, stop it from
there, close every tab — on one worker (the cluster behind nginx: test_cluster.py)."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from tests.e2e.helpers import READY_TIMEOUT, TURN_TIMEOUT, wait_ended
from tests.e2e.turn_steps import (
    answer_text,
    reload_mid_answer,
    second_tab_follows_and_stops,
    start_slow_answer,
    stored_answer,
    wait_for_text,
)


def test_reload_mid_answer_shows_the_turn_so_far_at_once_then_the_whole_answer_once(page, browser, app_url, shots):
    path = start_slow_answer(page)
    delay, answer = reload_mid_answer(page, shots, "turn-reloaded-mid-answer")
    # The text so far comes back while the answer still streams, not at its end (the figure itself is
    # a benchmark's: on a loaded CI machine a second is not a behaviour).
    assert delay <= 5000, f"the text so far came back {delay:.0f} ms after the page loaded"
    turn = page.get_by_test_id("turn").last
    expect(turn.locator(".thinking-card")).to_have_count(1)  # the whole turn: thinking, tools, text
    expect(turn.get_by_test_id("tool-card")).to_have_count(2)
    assert answer == stored_answer(browser, app_url, path, page.context), "the answer after a reload differs from the stored one"
    assert not page.errors


def test_a_second_tab_follows_live_and_can_stop_the_turn_for_both(page, browser, app_url, shots):
    path = start_slow_answer(page)
    other = page.context.new_page()  # a new tab: its own Reflex token, the same browser
    second_tab_follows_and_stops(page, other, path, shots)
    # After a reload the turn still reads as stopped (the hub keeps how it ended for a while).
    page.reload()
    wait_ended(page.get_by_test_id("turn").last, "stopped")
    assert not page.errors


def test_a_turn_finishes_after_every_tab_is_closed(browser, app_url):
    context = browser.new_context(base_url=app_url)
    page = context.new_page()
    path = start_slow_answer(page)
    cookies = context.storage_state()  # the same browser comes back later (chats are private to it)
    context.close()  # every tab of the chat is gone mid-answer
    time.sleep(1.0)
    later = browser.new_context(base_url=app_url, storage_state=cookies)
    try:
        page = later.new_page()
        page.goto(path)
        turn = page.get_by_test_id("turn").last
        expect(turn).to_have_attribute("data-status", "streaming", timeout=READY_TIMEOUT)  # still running
        wait_ended(turn, "done")
        assert len(answer_text(page)) > 1000
    finally:
        later.close()


def test_the_second_tab_cannot_start_a_turn_while_one_runs(page, shots):
    path = start_slow_answer(page)
    other = page.context.new_page()
    other.goto(path)
    expect(other.get_by_test_id("turn").last).to_have_attribute("data-status", "streaming", timeout=READY_TIMEOUT)
    box = other.get_by_label("Message", exact=True)
    expect(box).to_be_editable(timeout=READY_TIMEOUT)
    box.fill("And what about costs?")
    box.press("Enter")  # the composer knows a turn is running: nothing is sent, the text stays
    expect(other.get_by_text("Answering… press Esc to stop.")).to_be_visible()
    expect(box).to_have_value("And what about costs?")
    expect(other.get_by_test_id("turn")).to_have_count(1)
    wait_for_text(other, 200)
    other.get_by_role("button", name="Stop", exact=True).click()
    wait_ended(page.get_by_test_id("turn").last, "stopped")
    expect(box).to_have_value("And what about costs?", timeout=TURN_TIMEOUT)
