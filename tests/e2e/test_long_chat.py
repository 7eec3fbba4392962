"""Long chats stay instant: streaming a new answer never renders a finished turn again, and a
long chat opens at its latest turns, loading earlier ones as the reader scrolls up, in place."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import READY_TIMEOUT, add_turns, open_ready, send, session_id_of, wait_ended
from tests.e2e.turn_steps import wait_for_text

RENDERS = "() => Object.assign({}, window.__chatUiRenders || {})"


def test_streaming_an_answer_never_renders_a_finished_turn_again(page, shots):
    open_ready(page)
    for prompt in ("What is the parental leave policy?", "And the travel policy?", "What about remote work?"):
        wait_ended(send(page, prompt))
    page.reload()  # the finished turns are the opened chat's history now
    expect(page.get_by_test_id("turn")).to_have_count(3, timeout=READY_TIMEOUT)
    page.wait_for_timeout(500)  # what renders on opening has rendered
    before = page.evaluate(RENDERS)
    history = [k for k in before if k.startswith("h")]
    assert len(history) >= 2, before

    # A new answer: thinking, two tool results, text, the end — each a change of the live turn.
    # A turn finished before it moves above the new one when it starts (rendered there once).
    live = send(page, "Summarise the risks named in the quarterly report. [fault:slow]")
    wait_for_text(page, 200)
    during = page.evaluate(RENDERS)
    page.get_by_role("button", name="Stop", exact=True).click()
    wait_ended(live, "stopped")
    after = page.evaluate(RENDERS)
    for key in history:
        assert before[key] == during[key] == after[key], (key, before, during, after)
    for key in during:
        assert during[key] == after[key], ("a finished turn rendered again while the answer streamed", key, during, after)

    # Once more, with that answer now finished above the next one.
    second = send(page, "Summarise the risks named in the quarterly report. [fault:slow]")
    wait_for_text(page, 200)
    mid = page.evaluate(RENDERS)
    # The stopped turn's Retry is out of reach while the answer streams, by keyboard too.
    expect(page.get_by_role("button", name="Retry")).to_have_count(0)
    page.get_by_role("button", name="Stop", exact=True).click()
    wait_ended(second, "stopped")
    expect(page.get_by_role("button", name="Retry")).to_have_count(2)
    last = page.evaluate(RENDERS)
    assert mid == last, (mid, last)
    assert all(mid[k] == before[k] for k in history)
    assert not page.errors


def test_a_long_chat_opens_at_its_latest_turns_and_loads_earlier_ones_in_place(page, app_url, shots):
    open_ready(page)
    wait_ended(send(page, "Question 0: what is the parental leave policy?"))
    session_id = session_id_of(page)
    add_turns(app_url, session_id, [f"Question {n}: how many days of time off?" for n in range(1, 25)])

    page.goto(f"/chat/{session_id}")
    turns = page.get_by_test_id("turn")
    expect(turns).to_have_count(10, timeout=READY_TIMEOUT)  # the latest window, not 25 turns
    expect(turns.last.locator(".user-bubble")).to_contain_text("Question 24")
    expect(turns.last).to_be_in_viewport()
    page.screenshot(path=str(shots / "long-chat-opened.png"))

    # Scroll up to near the top of what is loaded (the sentinel still 200 px above the scroller's
    # edge): the window above comes in ahead of the reader, and the turn the reader was looking at
    # stays where it was.
    scroller = page.locator(".chatui-follow-scroller")
    first = turns.first
    first_prompt = first.locator(".user-bubble").inner_text()
    # Where the first turn sits is read in the same task as the scroll: read after it, the earlier
    # turns may already be in, and "the first turn" another one.
    anchor_top = scroller.evaluate("""(el) => {
      const sentinel = el.querySelector('.earlier-sentinel');
      el.scrollTop += sentinel.getBoundingClientRect().bottom - el.getBoundingClientRect().top + 200;
      return el.querySelector('[data-testid="turn"]').getBoundingClientRect().top;
    }""")
    expect(turns).to_have_count(20, timeout=READY_TIMEOUT)
    page.wait_for_timeout(300)
    same = page.get_by_test_id("turn").filter(has_text=first_prompt).first
    moved = same.evaluate("(el) => el.getBoundingClientRect().top") - anchor_top
    assert abs(moved) <= 2, f"the turn the reader saw jumped by {moved:.0f} px when earlier turns loaded"

    scroller.evaluate("(el) => { el.scrollTop = 0; }")
    expect(turns).to_have_count(25, timeout=READY_TIMEOUT)
    expect(turns.first.locator(".user-bubble")).to_contain_text("Question 0")
    expect(page.get_by_label("Earlier messages")).to_have_count(0)
    page.screenshot(path=str(shots / "long-chat-scrolled-to-top.png"))

    # Jump to latest still brings the reader back down.
    page.get_by_role("button", name="Jump to latest").click()
    expect(turns.last).to_be_in_viewport()
    assert not page.errors
