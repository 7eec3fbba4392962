"""The answer toolkit in the browser: citation chips (popover, the passage with its page, keyboard,
half-streamed markers), copying a code block, regenerate, edit and resend, exports from the header
and the history row, and keyboard shortcuts. Each state is screenshotted light, dark and at 390 px."""

from __future__ import annotations

import json
import re

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    READY_TIMEOUT,
    TURN_TIMEOUT,
    internal_token,
    no_horizontal_overflow,
    open_ready,
    send,
    session_id_of,
    wait_ended,
)

REVENUE = "How much did revenue grow in Q3, and why?"
LEAVE = "What is the parental leave policy?"


def set_dark(page: Page, dark: bool) -> None:
    if ("dark" in (page.locator("html").get_attribute("class") or "")) != dark:
        page.get_by_role("button", name="Toggle dark mode").click()
    page.wait_for_function(f"() => document.documentElement.classList.contains('dark') === {str(dark).lower()}", timeout=5_000)
    page.wait_for_timeout(200)


def shot(page: Page, path) -> None:
    """A screenshot once dialogs, menus and tooltips have finished animating in."""
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running'"
        " || a.effect?.getTiming?.().iterations === Infinity)", timeout=5_000)
    page.screenshot(path=str(path))


def card_hits(turn) -> dict[int, str]:
    """Passage number -> "file, page n" as the tool cards show them (cards are closed: read the DOM)."""
    rows = turn.locator(".hit").evaluate_all(
        "(hits) => hits.map((h) => [h.querySelector('.hit-number')?.textContent, h.querySelector('.truncate').textContent,"
        " [...h.querySelectorAll('span, p')].map((e) => e.textContent).find((t) => t.startsWith('p. ')) || ''])")
    return {int(n): f"{file}, page {page[3:]}" if page else file for n, file, page in rows if n}


def test_citation_chips_open_their_passage_and_page(page, shots):
    open_ready(page)
    turn = send(page, REVENUE)
    wait_ended(turn)
    chips = turn.locator(".citation-chip")
    expect(chips.first).to_be_visible()
    # Every chip names the passage the tool cards show under its number.
    shown = card_hits(turn)
    labels = chips.evaluate_all("(cs) => cs.map((c) => [Number(c.dataset.number), c.getAttribute('aria-label')])")
    assert labels and all(label == f"Source {n}: {shown[n]}" for n, label in labels), (labels, shown)

    # Hover: the passage (file, page, score, snippet) in a popover the chip is described by.
    first = chips.first
    number = int(first.get_attribute("data-number"))
    first.hover()
    popover = page.get_by_test_id("citation-popover")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(shown[number].split(",")[0])
    expect(popover).to_contain_text("score ")
    assert first.get_attribute("aria-describedby") == popover.get_attribute("id")
    shot(page, shots / "toolkit-01-citation-popover.png")
    page.mouse.move(5, 400)
    expect(popover).to_be_hidden()

    # Keyboard: focus shows it, Enter opens the passage with its page screenshot, Esc gives focus back.
    first.focus()
    expect(popover).to_be_visible()
    page.keyboard.press("Enter")
    dialog = page.get_by_test_id("citation-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text(shown[number].split(",")[0])
    image = dialog.get_by_test_id("page-image")
    expect(image).to_be_visible(timeout=10_000)
    page.wait_for_function("() => { const i = document.querySelector('[data-testid=page-image]'); return i && i.naturalWidth > 0; }")
    passage = dialog.get_by_test_id("citation-passage").inner_text()
    assert len(passage) > 240, "the dialog shows the whole passage, not the snippet"
    shot(page, shots / "toolkit-02-citation-dialog.png")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.wait_for_function("(n) => document.activeElement?.classList.contains('citation-chip')"
                           " && document.activeElement.dataset.number === String(n)", arg=number)
    page.wait_for_timeout(300)
    expect(popover).to_have_count(0)  # focus given back shows no popover over the answer

    # Dark: the popover and the dialog.
    set_dark(page, True)
    first.hover()
    expect(popover).to_be_visible()
    shot(page, shots / "toolkit-03-citation-popover-dark.png")
    first.click()
    expect(image).to_be_visible(timeout=10_000)
    shot(page, shots / "toolkit-04-citation-dialog-dark.png")
    page.get_by_role("button", name="Close source").click()
    expect(dialog).to_be_hidden()
    page.wait_for_timeout(300)
    expect(popover).to_have_count(0)
    set_dark(page, False)

    # A phone: chips wrap with the text, the dialog fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    chips.last.scroll_into_view_if_needed()
    no_horizontal_overflow(page)
    shot(page, shots / "toolkit-05-citations-390.png")
    chips.last.click()
    expect(image).to_be_visible(timeout=10_000)
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390.5, box
    shot(page, shots / "toolkit-06-citation-dialog-390.png")
    assert not page.errors


def test_a_citation_beyond_the_hits_a_card_shows_is_a_chip_too(page, shots):
    """[fault:many]: a result of 30 passages, 20 of them in its card (and in the browser); the answer
    cites the 30th. Its chip says where the passage is, and opens it, read on the server."""
    open_ready(page)
    turn = send(page, REVENUE + " [fault:many]")
    wait_ended(turn)
    expect(turn.locator(".hits-left-out").first).to_have_count(1)
    shown = card_hits(turn)
    answer = turn.locator(".answer-text").last
    # The answer's Sources list: "- [n] file, page p", each marker a chip, shown in a card or not.
    sources = {int(n): where.strip() for n, where in (re.split(r"\s+", li.strip(), maxsplit=1) for li in answer.locator("li").all_inner_texts())}
    assert answer.locator("li .citation-chip").count() == len(sources) > 1
    high = max(sources)
    assert high > 20 and high not in shown, (sorted(shown), sources)
    chips = answer.locator(f'.citation-chip[data-number="{high}"]')
    expect(chips).to_have_count(2)  # in the text and in the Sources list
    chip = chips.first
    expect(chip).to_have_attribute("aria-label", re.compile(rf"^Source {high}: passage {high} of {high}, retrieve “.+” in idx-"))

    chip.hover()
    popover = page.get_by_test_id("citation-popover")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(f"Passage {high} of {high}")
    expect(popover).to_contain_text("in idx-quarterly-reports")
    expect(popover).to_contain_text("open it to read it")
    assert chip.get_attribute("aria-describedby") == popover.get_attribute("id")
    shot(page, shots / "toolkit-08-citation-beyond-card-popover.png")
    page.mouse.move(5, 400)
    expect(popover).to_be_hidden()

    # Keyboard: Enter opens the same dialog as any chip, filled from the server.
    file, page_no = sources[high].split(", page ")
    chip.focus()
    expect(popover).to_be_visible()
    page.keyboard.press("Enter")
    dialog = page.get_by_test_id("citation-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text(file)
    expect(dialog).to_contain_text(f"Page {page_no}")
    expect(dialog.get_by_test_id("page-image")).to_be_visible(timeout=10_000)
    page.wait_for_function("() => { const i = document.querySelector('[data-testid=page-image]'); return i && i.naturalWidth > 0; }")
    assert len(dialog.get_by_test_id("citation-passage").inner_text()) > 100
    shot(page, shots / "toolkit-09-citation-beyond-card-dialog.png")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.wait_for_function("(n) => document.activeElement?.dataset.number === String(n)", arg=high)

    # Reopened, the turn comes from the stored session: the chip still opens the passage.
    page.reload()
    expect(page.get_by_test_id("turn").last).to_have_attribute("data-status", "done", timeout=READY_TIMEOUT)
    chip = page.get_by_test_id("turn").last.locator(f'.citation-chip[data-number="{high}"]').first
    chip.click()
    expect(dialog.get_by_role("heading")).to_have_text(file)
    expect(dialog.get_by_test_id("page-image")).to_be_visible(timeout=10_000)
    assert not page.errors


def test_markers_while_streaming_and_copying_a_code_block(page, app_url, shots):
    """During a stall the streaming answer's buffer is the browser's own: text added to it shows as
    the live answer would. A half marker never shows, a marker naming nothing stays text."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    open_ready(page)
    turn = send(page, LEAVE + " [fault:stall]")
    expect(turn.get_by_test_id("turn-waiting")).to_be_visible(timeout=TURN_TIMEOUT)  # 2 s in, 2 s to go
    live = turn.locator(".chatui-live-streaming.chatui-md")
    key = live.get_attribute("data-stream-key")
    chips_before = live.locator(".citation-chip").count()

    def add(text: str) -> None:
        page.evaluate("([k, t]) => window.chatUi.append({[k]: t})", [key, text])

    add(" See [2")
    expect(live).not_to_contain_text("See [2")
    expect(live).to_contain_text("See")
    assert live.locator(".citation-chip").count() == chips_before
    add("] and [99].\n\n```python\nprint('copied')\n```\n\nMore")
    expect(live.locator(".citation-chip")).to_have_count(chips_before + 1)
    expect(live.locator('.citation-chip[data-number="2"]').last).to_have_attribute("aria-label", re.compile(r"^Source 2: "))
    expect(live).to_contain_text("and [99].")
    live.get_by_role("button", name="Copy code").click()
    expect(live.get_by_role("button", name="Code copied")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == "print('copied')"
    shot(page, shots / "toolkit-07-streaming-chip-and-code.png")
    wait_ended(turn)
    assert not page.errors


def test_regenerate_asks_again_as_a_new_turn(page, shots):
    open_ready(page)
    wait_ended(send(page, LEAVE))
    first = page.get_by_test_id("turn").first
    regenerate = page.get_by_role("button", name="Regenerate answer")
    expect(regenerate).to_have_count(1)
    expect(regenerate).to_be_visible()
    regenerate.hover()
    expect(page.get_by_role("tooltip")).to_contain_text("new turn")
    shot(page, shots / "toolkit-08-regenerate-tooltip.png")
    regenerate.click()
    turns = page.get_by_test_id("turn")
    expect(turns).to_have_count(2, timeout=TURN_TIMEOUT)
    second = turns.last
    expect(second.locator(".user-bubble")).to_have_text(LEAVE)
    expect(page.get_by_role("button", name="Regenerate answer")).to_have_count(0)  # hidden while it streams
    wait_ended(second)
    assert second.locator(".answer-text").inner_text().strip()
    assert first.locator(".answer-text").inner_text().strip(), "the first answer stays"
    # Only the last turn offers it, also once the chat is reopened (both are history then).
    visible = page.locator(".turn-regenerate:visible")
    expect(visible).to_have_count(1)
    assert second.locator(".turn-regenerate").is_visible() and not first.locator(".turn-regenerate").is_visible()
    page.reload()
    expect(page.get_by_test_id("turn")).to_have_count(2, timeout=READY_TIMEOUT)
    expect(visible).to_have_count(1)
    assert page.get_by_test_id("turn").last.locator(".turn-regenerate").is_visible()
    set_dark(page, True)
    shot(page, shots / "toolkit-09-regenerated-dark.png")
    set_dark(page, False)
    assert not page.errors


def test_edit_and_resend_an_earlier_prompt(page, shots):
    open_ready(page)
    wait_ended(send(page, LEAVE))
    wait_ended(send(page, REVENUE))
    first = page.get_by_test_id("turn").first
    first.locator(".user-row").hover()
    edit = first.get_by_role("button", name="Edit and resend")
    expect(edit).to_be_visible()
    shot(page, shots / "toolkit-10-edit-prompt.png")
    edit.click()
    box = page.get_by_label("Message")
    expect(box).to_have_value(LEAVE)
    expect(box).to_be_focused()
    box.press("End")
    box.press_sequentially(" For adoptive parents too?")
    box.press("Enter")
    turns = page.get_by_test_id("turn")
    expect(turns).to_have_count(3, timeout=TURN_TIMEOUT)
    expect(turns.last.locator(".user-bubble")).to_have_text(LEAVE + " For adoptive parents too?")
    wait_ended(turns.last)
    expect(turns.first.locator(".user-bubble")).to_have_text(LEAVE)  # nothing earlier changed
    page.set_viewport_size({"width": 390, "height": 844})
    no_horizontal_overflow(page)
    expect(turns.first.get_by_role("button", name="Edit and resend")).to_be_attached()
    shot(page, shots / "toolkit-11-edited-and-resent-390.png")
    assert not page.errors


def stored_events(app_url: str, session_id: str) -> list:
    reply = httpx.get(f"{app_url}/api/v1/chat/{session_id}", headers={"Authorization": f"Bearer {internal_token()}"}, timeout=30)
    reply.raise_for_status()
    return reply.json()["events"]


def test_export_from_the_header_and_the_history_row(page, app_url, shots):
    open_ready(page)
    turn = send(page, REVENUE)
    wait_ended(turn)
    session_id = session_id_of(page)
    shown = card_hits(turn)
    cited = sorted({int(n) for n in turn.locator(".citation-chip").evaluate_all("(cs) => cs.map((c) => c.dataset.number)")})
    answer_start = turn.locator(".answer-text p").first.inner_text().split(". ", 1)[1][:50]  # past the bold index names

    page.get_by_role("button", name="Export chat").click()
    expect(page.get_by_role("menuitem", name="Export as Markdown")).to_be_visible()
    shot(page, shots / "toolkit-12-export-menu.png")
    with page.expect_download() as got:
        page.get_by_role("menuitem", name="Export as Markdown").click()
    md_file = got.value
    assert md_file.suggested_filename.endswith(".md") and re.fullmatch(r"[\w-]+\.md", md_file.suggested_filename)
    md = open(md_file.path(), encoding="utf-8").read()
    assert md.startswith("# ") and f"> {REVENUE}" in md and answer_start in md
    assert "<summary>Thinking" in md and "<summary>Tool call: retrieve" in md
    listed = re.findall(r"^- \[(\d+)\] (.+?)(?: \(score [\d.]+\))?$", md.split("**Cited passages:**", 1)[1], re.M)
    assert [int(n) for n, _ in listed] == cited
    assert all(where == shown[int(n)] for n, where in listed), (listed, shown)

    with page.expect_download() as got:
        page.get_by_role("button", name="Export chat").click()
        page.get_by_role("menuitem", name="Export as JSON").click()
    exported = json.loads(open(got.value.path(), encoding="utf-8").read())
    assert got.value.suggested_filename == md_file.suggested_filename.replace(".md", ".json")
    assert exported["session_id"] == session_id and exported["events"] == stored_events(app_url, session_id)

    # The history row exports the same chat.
    page.goto("/history")
    row = page.get_by_test_id("history-row").filter(has=page.locator(f'a[href="/chat/{session_id}"]'))
    expect(row).to_be_visible(timeout=READY_TIMEOUT)
    row.get_by_role("button", name=re.compile("^Export chat ")).click()
    shot(page, shots / "toolkit-13-history-export.png")
    with page.expect_download() as got:
        page.get_by_role("menuitem", name="Export as JSON").click()
    again = json.loads(open(got.value.path(), encoding="utf-8").read())
    # The service titles a chat a little after its first turn: the later export may have the title.
    assert again.pop("title") in (exported.pop("title"), REVENUE) and again == exported
    set_dark(page, True)
    page.set_viewport_size({"width": 390, "height": 844})
    row.get_by_role("button", name=re.compile("^Export chat ")).click()
    expect(page.get_by_role("menuitem", name="Export as Markdown")).to_be_visible()
    shot(page, shots / "toolkit-14-history-export-dark-390.png")
    page.keyboard.press("Escape")
    set_dark(page, False)
    assert not page.errors


def test_keyboard_shortcuts(page, shots):
    box = open_ready(page)
    page.locator(".thread").click(position={"x": 5, "y": 5})  # focus out of the message box
    page.keyboard.press("?")
    sheet = page.get_by_test_id("shortcuts-sheet")
    expect(sheet).to_be_visible()
    for action in ("Start a new chat", "Focus the message box", "Stop the answer being written", "Show keyboard shortcuts"):
        expect(sheet).to_contain_text(action)
    shot(page, shots / "toolkit-15-shortcuts.png")
    page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()

    # "/" focuses the message box without typing itself; typed in the box, "?" and "/" are text.
    page.keyboard.press("/")
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    page.keyboard.type("a?/")
    expect(box).to_have_value("a?/")
    expect(sheet).to_be_hidden()
    page.get_by_label("Filter chats").first.click()
    page.keyboard.type("?/")
    expect(page.get_by_label("Filter chats").first).to_have_value("?/")
    expect(sheet).to_be_hidden()
    box.fill("")

    # Esc stops a running answer from anywhere on the page.
    turn = send(page, "Summarise the risks named in the quarterly report. [fault:slow]")
    session_id = session_id_of(page)
    page.locator(".thread").click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    wait_ended(turn, "stopped")

    # Ctrl+Shift+O: a new chat, even from the message box, typing nothing into it.
    box.click()
    page.keyboard.press("Control+Shift+O")
    expect(page).to_have_url(re.compile(r"/chat$"), timeout=TURN_TIMEOUT)
    expect(page.get_by_role("heading", name="Ask your documents")).to_be_visible(timeout=TURN_TIMEOUT)
    expect(box).to_have_value("")
    assert session_id

    set_dark(page, True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".thread").click(position={"x": 5, "y": 5})
    page.keyboard.press("?")
    expect(sheet).to_be_visible()
    box_ = sheet.bounding_box()
    assert box_["x"] >= 0 and box_["x"] + box_["width"] <= 390.5, box_
    shot(page, shots / "toolkit-16-shortcuts-dark-390.png")
    page.keyboard.press("Escape")
    set_dark(page, False)
    assert not page.errors
