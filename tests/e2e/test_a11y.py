"""WCAG 2.2 AA in every state a person can reach, proved with axe-core: light and dark, at
1400 px and 390 px; plus a walk with the keyboard alone, with a visible focus at every step, and
``prefers-reduced-motion`` honoured. Every state is checked and counted; the counts are printed
and written to ``test-artifacts/a11y.json``."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from chat_ui.i18n.catalog import t
from tests.e2e import axe
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import READY_TIMEOUT, TURN_TIMEOUT, open_ready, send, session_id_of, wait_ended

REVENUE = "How much did revenue grow in Q3, and why?"
LEAVE = "What is the parental leave policy?"
MODES = [("light", 1400), ("dark", 1400), ("light", 390), ("dark", 390)]


@pytest.fixture(scope="module", autouse=True)
def _print_counts():
    yield
    (ARTIFACTS / "a11y.json").write_text(axe.summary())
    print("\naxe: state, violations\n" + "\n".join(f"{n:3d}  {s}" for s, n in axe.SEEN))


@pytest.fixture
def context_for(browser, app_url):
    made = []

    def make(scheme: str, width: int, **extra):
        ctx = browser.new_context(viewport={"width": width, "height": 900}, base_url=app_url, color_scheme=scheme, **extra)
        made.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in made:
        ctx.close()


def open_cards(turn) -> None:
    """Every card of a turn open: thinking, tools (with their raw result), screenshots."""
    closed = turn.locator("details:not([open]) > summary:visible")
    for _ in range(40):  # a card opened shows the closed raw result inside it: open until none is left
        if not closed.count():
            return
        closed.first.click()
    raise AssertionError("the cards did not open")


def sidebar_open(page: Page, width: int, lang: str = "en"):
    """The chat list: the sidebar, or on a phone the drawer it opens into."""
    if width >= 768:
        return page.locator(".sidebar")
    page.get_by_role("button", name=t(lang, "nav.open_chats")).click()
    drawer = page.get_by_role("dialog", name=t(lang, "sidebar.chats"))
    expect(drawer).to_be_visible()
    return drawer


def focus_until_popover(page, chip) -> None:
    """Focus a chip until its popover shows: the answer's last render (the title, the usage line
    landing just after the end) may replace the chip under a focus given a moment before."""
    popover = page.get_by_test_id("citation-popover")
    for _ in range(4):
        chip.blur()
        chip.focus()
        try:
            expect(popover).to_be_visible(timeout=2_000)
            return
        except AssertionError:
            continue
    expect(popover).to_be_visible()


def _label(lang: str, key: str) -> re.Pattern:
    """A label with a chat's title in it (``Delete chat {title}``), as the reader's language words it."""
    before, _, after = t(lang, key, title="\0").partition("\0")
    return re.compile("^" + re.escape(before) + ".*" + re.escape(after) + "$")


def _walk(page: Page, mode: str, width: int, lang: str = "en", shots=None) -> None:
    """Every state of a chat and the history page, each checked with axe, the page read in ``lang``."""
    L = lambda key: t(lang, key)  # noqa: E731
    open_ready(page, "/chat", lang)
    axe.assert_clean(page, f"empty chat, {mode}")

    turn = send(page, LEAVE + " [fault:slow]", lang)
    expect(turn).to_have_attribute("data-status", "streaming", timeout=TURN_TIMEOUT)
    page.wait_for_timeout(600)
    axe.assert_clean(page, f"streaming, {mode}")
    page.get_by_role("button", name=L("common.stop")).first.click()
    wait_ended(turn, "stopped")
    axe.assert_clean(page, f"stopped, {mode}")

    turn = send(page, REVENUE, lang)
    wait_ended(turn)
    open_cards(turn)
    img = turn.locator("img.screenshot-img").first
    expect(img).to_be_visible(timeout=TURN_TIMEOUT)
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=img.element_handle(), timeout=TURN_TIMEOUT)
    axe.assert_clean(page, f"finished answer, cards open, {mode}")
    if shots is not None:
        page.screenshot(path=str(shots / f"a11y-{lang}-{mode.split(', ')[-1].replace(' ', '-')}-answer.png"))
    chip = turn.locator(".citation-chip").first
    focus_until_popover(page, chip)
    axe.assert_clean(page, f"citation popover, {mode}")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("citation-dialog")).to_be_visible()
    axe.assert_clean(page, f"citation dialog, {mode}")
    page.keyboard.press("Escape")
    turn.get_by_role("button", name=L("screenshot.enlarge")).first.click()
    expect(page.get_by_role("button", name=L("screenshot.close"))).to_be_visible()
    axe.assert_clean(page, f"screenshot enlarged, {mode}")
    page.keyboard.press("Escape")

    for fault, status, name in (("http-500", "error", "upstream error"), ("stop-error", "error", "agent error"),
                                ("drop", "interrupted", "interrupted")):
        wait_ended(send(page, f"{LEAVE} [fault:{fault}]", lang), status)
        axe.assert_clean(page, f"{name}, {mode}")
    turn = send(page, LEAVE + " [fault:stall]", lang)
    expect(turn.get_by_test_id("turn-waiting")).to_be_visible(timeout=TURN_TIMEOUT)
    axe.assert_clean(page, f"stall notice, {mode}")
    wait_ended(turn)
    box = page.get_by_label(L("composer.message"), exact=True)
    box.fill("x" * 1001)
    expect(page.get_by_text(t(lang, "composer.too_long", count=1001, max=1000).split("1001", 1)[1].strip())).to_be_visible()
    axe.assert_clean(page, f"over the limit, {mode}")
    box.fill("")

    page.evaluate("() => document.activeElement?.blur()")  # "?" in the message box is a question mark
    page.keyboard.press("?")
    expect(page.get_by_test_id("shortcuts-sheet")).to_be_visible()
    axe.assert_clean(page, f"shortcuts sheet, {mode}")
    page.keyboard.press("Escape")

    session = session_id_of(page)
    chats = sidebar_open(page, width, lang)
    axe.assert_clean(page, f"sidebar, {mode}")
    chats.locator(".session-item").first.get_by_role("button", name=_label(lang, "sidebar.delete_named")).click()
    expect(page.get_by_role("alertdialog")).to_be_visible()
    axe.assert_clean(page, f"delete confirmation, {mode}")
    page.get_by_role("button", name=L("common.cancel")).click()

    page.goto("/history")
    expect(page.get_by_test_id("history-row").first).to_be_visible(timeout=READY_TIMEOUT)
    axe.assert_clean(page, f"history, {mode}")
    page.get_by_label(L("sidebar.filter")).last.fill("revenue")
    page.wait_for_timeout(400)
    axe.assert_clean(page, f"history filtered, {mode}")
    if shots is not None:
        page.screenshot(path=str(shots / f"a11y-{lang}-{mode.split(', ')[-1].replace(' ', '-')}-history.png"))

    page.goto("/chat/ses-does-not-exist")
    expect(page.get_by_test_id("not-found")).to_be_visible(timeout=READY_TIMEOUT)
    axe.assert_clean(page, f"chat not found, {mode}")
    page.goto(f"/chat/{session}")
    expect(page.get_by_test_id("turn").first).to_be_visible(timeout=READY_TIMEOUT)
    axe.assert_clean(page, f"reopened chat, {mode}")


@pytest.mark.parametrize("scheme,width", MODES, ids=[f"{s}-{w}" for s, w in MODES])
def test_every_state_has_no_axe_violations(context_for, scheme, width):
    _walk(context_for(scheme, width), f"{scheme} {width}px", width)


GERMAN_MODES = [("light", 1400), ("dark", 390)]


@pytest.mark.parametrize("scheme,width", GERMAN_MODES, ids=[f"{s}-{w}" for s, w in GERMAN_MODES])
def test_every_state_in_german_has_no_axe_violations(context_for, scheme, width, shots):
    """The same walk read in German: longer words in the same boxes, the catalog's labels."""
    page = context_for(scheme, width, locale="de-DE", extra_http_headers={"Accept-Language": "de-DE,de;q=0.9"})
    _walk(page, f"German, {scheme} {width}px", width, "de", shots)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    # A hit inside a chat is dated as German writes dates, not as the index stores them.
    drawer = page.get_by_role("dialog", name=t("de", "sidebar.chats"))  # a phone's drawer may be open still
    chats = drawer if width < 768 and drawer.is_visible() else sidebar_open(page, width, "de")
    chats.get_by_label(t("de", "sidebar.filter")).fill("revenue")
    expect(chats.get_by_test_id("search-hit").first).to_contain_text(re.compile(r"\d{2}\.\d{2}\.\d{4}"), timeout=READY_TIMEOUT)


def test_the_sign_in_page_has_no_axe_violations(context_for):
    from chat_ui.access.signin_page import sign_in_html

    for scheme in ("light", "dark"):
        for width in (1400, 390):
            page = context_for(scheme, width)
            page.set_content(sign_in_html("/chat").decode())
            axe.assert_clean(page, f"sign-in page, {scheme} {width}px")
            page.set_content(sign_in_html("/chat", "That password is not right.").decode())
            axe.assert_clean(page, f"sign-in page with an error, {scheme} {width}px")


def _focus_is_visible(page: Page, step: str) -> None:
    """The focus shows: the focused element and its surroundings look different focused and not
    (an outline, a ring, a border colour on the box around a text field: whatever the page draws)."""
    axe.settle(page)  # a dialog fading in
    page.evaluate("() => { window.__refocus = document.activeElement; }")
    what = ""
    for attempt in range(4):  # a loaded machine may paint the ring, or move the box, a frame or two late
        if attempt:
            # Look again, the focus given back by keys (Tab away and back: a keyboard interaction,
            # so the browser shows it as :focus-visible, as it did when the walk's own key moved it).
            page.evaluate("() => window.__refocus.focus({ preventScroll: true })")
            page.keyboard.press("Tab")
            page.keyboard.press("Shift+Tab")
            page.wait_for_timeout(150 * attempt)
            if not page.evaluate("() => document.activeElement === window.__refocus"):
                page.evaluate("() => window.__refocus.focus({ preventScroll: true })")
            axe.settle(page)
        # The box is read each time: a dialog whose content arrives late is centred again and moves.
        box = page.evaluate("""() => { const el = document.activeElement;
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect();
            return [r.x, r.y, r.width, r.height, `${el.tagName} ${el.getAttribute('aria-label') || el.className}`]; }""")
        assert box, f"{step}: nothing is focused"
        x, y, w, h, what = box
        pad = 8
        view = page.viewport_size
        clip = {"x": max(0, x - pad), "y": max(0, y - pad)}
        clip["width"] = min(view["width"] - clip["x"], w + 2 * pad)
        clip["height"] = min(view["height"] - clip["y"], h + 2 * pad)
        focused = page.screenshot(clip=clip, animations="disabled", caret="hide")
        page.evaluate("() => window.__refocus.blur()")
        page.wait_for_timeout(50)
        blurred = page.screenshot(clip=clip, animations="disabled", caret="hide")
        page.evaluate("() => window.__refocus.focus({ preventScroll: true })")
        if focused != blurred:
            return
    raise AssertionError(f"{step}: {what} looks the same focused as not")


def _tab_to(page: Page, predicate: str, step: str, limit: int = 60) -> None:
    """Press Tab until ``predicate(document.activeElement)`` holds, checking the focus is seen at each stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({predicate}); }}"):
            _focus_is_visible(page, step)
            return
    raise AssertionError(f"{step}: never reached with Tab")


def test_a_keyboard_only_walk_with_visible_focus(context_for):
    page = context_for("light", 1400, reduced_motion="reduce")
    open_ready(page, "/chat")
    page.evaluate("() => document.activeElement?.blur()")  # whatever the page load focused
    page.keyboard.press("/")  # the shortcut to the message box
    _focus_is_visible(page, "message box")
    page.keyboard.type(LEAVE + " [fault:slow]")
    page.keyboard.press("Enter")
    turn = page.get_by_test_id("turn").last
    expect(turn).to_have_attribute("data-status", "streaming", timeout=TURN_TIMEOUT)
    _tab_to(page, "el.matches('.chatui-composer-btn[data-stop=\"true\"]')", "the Stop button")
    page.keyboard.press("Enter")
    wait_ended(turn, "stopped")

    page.keyboard.press("/")  # the Stop button became Send (disabled): "/" brings the focus back to the box
    _focus_is_visible(page, "message box again")
    page.keyboard.type(REVENUE)
    page.keyboard.press("Enter")
    turn = page.get_by_test_id("turn").last
    wait_ended(turn)
    _tab_to(page, "el.matches('[data-testid=tool-card] > summary')", "a tool card")
    page.keyboard.press("Enter")
    _nothing_moves(page, "a card opening")
    expect(turn.locator("[data-testid=tool-card][open]").first).to_be_visible()
    _tab_to(page, "el.classList.contains('citation-chip')", "a citation chip")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("citation-dialog")).to_be_visible()
    # The passage is read from the server after the dialog opens: the check waits for it, so the
    # dialog's last render is behind the focus it looks at.
    expect(page.get_by_test_id("citation-dialog").get_by_test_id("citation-passage")).not_to_be_empty(timeout=TURN_TIMEOUT)
    _nothing_moves(page, "the citation dialog opening")
    _focus_is_visible(page, "the citation dialog")
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("citation-dialog")).to_have_count(0)

    page.keyboard.press("Control+Shift+O")  # a new chat
    expect(page).to_have_url(f"{page.url.split('/chat')[0]}/chat", timeout=TURN_TIMEOUT)
    _tab_to(page, "el.matches('.session-link')", "a chat in the sidebar")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("turn").first).to_be_visible(timeout=READY_TIMEOUT)
    _tab_to(page, "el.matches('.session-delete')", "delete a chat")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    _tab_to(page, "el.getAttribute('aria-label') === 'Confirm delete'", "confirm delete")
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)

    _nothing_moves(page, "at the end")


def _nothing_moves(page: Page, step: str) -> None:
    """Reduced motion: nothing animates or transitions but a spinner (which says work goes on)."""
    moving = page.evaluate("""() => document.getAnimations()
        .filter(a => a.playState === 'running' && !(a.effect?.target?.closest?.('.rt-Spinner')))
        .map(a => `${a.constructor.name} ${a.animationName || a.transitionProperty || ''} on ${a.effect?.target?.className}`)""")
    assert not moving, f"{step}: {moving}"
