"""Steps shared by the browser tests of turns that outlive their tab (one worker, and the cluster
behind nginx): a slow answer, a reload mid-answer, a second tab, stop from the second tab."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.helpers import READY_TIMEOUT, TURN_TIMEOUT, open_ready, send, session_id_of, wait_ended

SLOW = "Summarise the risks named in the quarterly report. [fault:slow]"

# Installed before the page's scripts: when the last turn's answer first shows at least
# `window.__want` characters, on the page's own clock (ms since navigation started).
TEXT_PROBE = r"""
(() => {
  window.__want = Infinity; window.__textAt = null;
  const check = () => {
    if (window.__textAt !== null) return;
    const turns = document.querySelectorAll("[data-testid=turn]");
    const turn = turns[turns.length - 1];
    if (!turn) return;
    let n = 0;
    for (const el of turn.querySelectorAll(".answer-text")) n += el.innerText.length;
    if (n >= window.__want) window.__textAt = performance.now();
  };
  const start = () => new MutationObserver(check).observe(document.body, {subtree: true, childList: true, characterData: true});
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
"""


def answer_text(page: Page) -> str:
    return page.get_by_test_id("turn").last.evaluate(
        "(el) => [...el.querySelectorAll('.answer-text')].map((a) => a.innerText).join('\\n')")


def wait_for_text(page: Page, at_least: int, timeout: float = TURN_TIMEOUT) -> None:
    page.wait_for_function(
        "(n) => { const t = document.querySelectorAll('[data-testid=turn]'); const l = t[t.length - 1];"
        " return l && [...l.querySelectorAll('.answer-text')].map((a) => a.innerText).join('').length >= n; }",
        arg=at_least, timeout=timeout)


def start_slow_answer(page: Page) -> str:
    """Send a slow prompt in a new chat; returns the chat's path once text is flowing."""
    open_ready(page)
    send(page, SLOW)
    path = "/chat/" + session_id_of(page)
    wait_for_text(page, 120)
    return path


def reload_mid_answer(page: Page, shots=None, name: str = "turn-reloaded") -> tuple[float, str]:
    """Reload while the answer streams. Returns (ms from the load event until the text that was
    there before the reload shows again, the answer once done)."""
    before = len(answer_text(page))
    page.add_init_script(TEXT_PROBE)
    page.reload()
    page.evaluate("(n) => { window.__want = n; }", before)
    page.wait_for_function("() => window.__textAt !== null", timeout=10_000)
    delay = page.evaluate("() => window.__textAt - performance.getEntriesByType('navigation')[0].loadEventStart")
    turn = page.get_by_test_id("turn").last
    expect(turn).to_have_attribute("data-status", "streaming")
    if shots is not None:
        page.screenshot(path=str(shots / f"{name}.png"))
    wait_ended(turn)
    return delay, answer_text(page)


def stored_answer(browser: Browser, base_url: str, path: str, same_browser: BrowserContext | None = None) -> str:
    """The answer as a fresh tab shows the finished chat. Chats are private to the browser that
    made them, so the fresh tab carries ``same_browser``'s cookies."""
    state = same_browser.storage_state() if same_browser is not None else None
    context = browser.new_context(base_url=base_url, storage_state=state)
    try:
        page = context.new_page()
        page.goto(path)
        turn = page.get_by_test_id("turn").last
        expect(turn).to_have_attribute("data-status", "done", timeout=READY_TIMEOUT)
        return answer_text(page)
    finally:
        context.close()


def second_tab_follows_and_stops(page: Page, other: Page, path: str, shots=None, prefix: str = "") -> None:
    """``other`` opens the running chat, follows it live, and stops it: both show it stopped."""
    other.goto(path)
    other_turn = other.get_by_test_id("turn").last
    expect(other_turn).to_have_attribute("data-status", "streaming", timeout=READY_TIMEOUT)
    expect(other.get_by_role("button", name="Stop", exact=True)).to_be_visible()  # its composer knows
    grown = len(answer_text(other))
    wait_for_text(other, grown + 40)  # it follows live
    if shots is not None:
        other.screenshot(path=str(shots / f"{prefix}second-tab-following.png"))
    other.get_by_role("button", name="Stop", exact=True).click()
    for p in (page, other):
        wait_ended(p.get_by_test_id("turn").last, "stopped")
    kept = answer_text(page)
    assert kept and kept == answer_text(other), "both tabs keep the same partial answer"
    if shots is not None:
        page.screenshot(path=str(shots / f"{prefix}stopped-from-second-tab.png"))
