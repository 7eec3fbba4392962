"""Turns that do not end well: an upstream error shown in the turn with the prompt kept, a stop
that keeps the partial answer, a dropped stream, and retry re-sending the prompt."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import TURN_TIMEOUT, open_ready, send, wait_ended


def test_upstream_error_keeps_prompt_and_retry_resends(page, shots):
    open_ready(page)
    prompt = "What is the travel policy? [fault:http-500]"
    turn = send(page, prompt)
    wait_ended(turn, "error")
    expect(turn.locator(".user-bubble")).to_have_text(prompt)
    error = turn.get_by_test_id("turn-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Simulated upstream failure")
    expect(error).to_have_attribute("role", "alert")
    page.screenshot(path=str(shots / "07-error-turn.png"))

    # "Edit" puts the prompt back into the composer.
    error.get_by_role("button", name="Edit prompt").click()
    expect(page.get_by_label("Message", exact=True)).to_have_value(prompt)

    # "Retry" sends the same prompt again as a new turn (which fails the same way here).
    error.get_by_role("button", name="Retry").click()
    turns = page.get_by_test_id("turn")
    expect(turns).to_have_count(2, timeout=TURN_TIMEOUT)
    expect(turns.last.locator(".user-bubble")).to_have_text(prompt)
    wait_ended(turns.last, "error")
    assert not page.errors


def test_agent_error_after_partial_text_keeps_it(page):
    open_ready(page)
    turn = send(page, "What is the parental leave policy? [fault:stop-error]")
    wait_ended(turn, "error")
    expect(turn.get_by_test_id("turn-error")).to_contain_text("Simulated agent error")
    assert turn.locator(".answer-text").inner_text().strip(), "the partial answer was lost"
    assert not page.errors


def test_dropped_stream_is_shown_as_interrupted(page):
    open_ready(page)
    turn = send(page, "What is the parental leave policy? [fault:drop]")
    wait_ended(turn, "interrupted")
    expect(turn.get_by_test_id("turn-interrupted")).to_be_visible()
    expect(turn.get_by_role("button", name="Retry")).to_be_enabled()
    assert turn.locator(".answer-text").inner_text().strip(), "the partial answer was lost"
    assert not page.errors


def test_stop_mid_stream_keeps_partial_and_survives_reload(page, shots):
    open_ready(page)
    turn = send(page, "Summarise the risks named in the quarterly report.")
    answer = turn.locator(".answer-text")
    page.wait_for_function(
        "(el) => el.querySelector('.answer-text') && el.querySelector('.answer-text').innerText.length > 40",
        arg=turn.element_handle(), timeout=TURN_TIMEOUT,
    )
    page.get_by_role("button", name="Stop", exact=True).click()
    wait_ended(turn, "stopped")
    expect(turn.get_by_test_id("turn-stopped")).to_be_visible()
    partial = answer.last.inner_text().strip()
    assert partial, "stopping lost the partial answer"
    page.screenshot(path=str(shots / "08-stopped-turn.png"))

    # The composer is usable again, and the partial answer is kept: a reload still shows it, and
    # still as stopped (the upstream stored only a closed connection; the turn hub remembers why).
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()
    page.reload()
    reopened = page.get_by_test_id("turn")
    expect(reopened).to_have_count(1, timeout=TURN_TIMEOUT)
    expect(reopened).to_have_attribute("data-status", "stopped")
    assert reopened.locator(".answer-text").last.inner_text().strip().startswith(partial[:30])
    assert not page.errors
