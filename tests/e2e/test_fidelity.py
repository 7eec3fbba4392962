"""The embedded backend is no kinder than the LlamaCloud service, in the browser: passages name
their files by id only and the tool cards, chips and dialog show the names the directories
endpoint gives; an index a turn could not search is named on the turn; an index still syncing is
marked in the picker and cannot be picked for a new chat."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import axe
from tests.e2e.conftest import SYNCING_NAME, page_error
from tests.e2e.helpers import open_ready, send, wait_ended
from tests.e2e.test_toolkit import REVENUE, card_hits, shot

FILES = ("northwind-q3-2025-report.pdf", "q2-2025-summary.md", "board-meeting-notes-q3.md")


def test_cards_and_citations_name_files_the_directories_endpoint_names(page, shots):
    open_ready(page)
    turn = send(page, REVENUE)
    wait_ended(turn)
    card = turn.get_by_test_id("tool-card").filter(has_text="idx-quarterly-reports")
    card.locator("summary").first.click()
    hits = card.locator(".hit")
    expect(hits.first).to_be_visible()
    names = [n.strip() for n in hits.locator(".truncate").all_inner_texts()]
    assert names and set(names) <= set(FILES), names  # the files' display names, never their dfl- ids
    # What the wire carried: ids only, as the service sends them.
    card.get_by_text("Arguments and raw result").click()
    raw = card.locator(".raw-json").last
    expect(raw).to_contain_text("parsed_directory_file_id", timeout=10_000)
    expect(raw).not_to_contain_text("file_name")
    expect(raw).not_to_contain_text(".pdf\"")
    card.get_by_text("Arguments and raw result").click()
    card.scroll_into_view_if_needed()
    shot(page, shots / "fidelity-01-tool-card-names.png")

    # The answer's chips, their popover and the dialog say the same names.
    shown = card_hits(turn)
    chip = turn.locator(".citation-chip").first
    number = int(chip.get_attribute("data-number"))
    assert chip.get_attribute("aria-label") == f"Source {number}: {shown[number]}"
    chip.hover()
    expect(page.get_by_test_id("citation-popover")).to_contain_text(shown[number].split(",")[0])
    chip.click()
    dialog = page.get_by_test_id("citation-dialog")
    expect(dialog.get_by_role("heading")).to_have_text(shown[number].split(",")[0])
    expect(turn.get_by_test_id("screenshot-card").first).to_contain_text(".pdf · page ")
    page.get_by_role("button", name="Close source").click()
    assert not page.errors


def test_an_index_the_turn_could_not_search_is_named_on_it(page, shots):
    open_ready(page)
    turn = send(page, "How much did revenue grow in Q3, and why? [fault:skip-index]")
    wait_ended(turn)
    notice = turn.get_by_test_id("skipped-notice")
    expect(notice).to_have_text("Company handbook could not be searched: this answer leaves out what it holds.")
    expect(turn.get_by_test_id("tool-card")).to_have_count(1)  # the other index answered
    notice.scroll_into_view_if_needed()
    shot(page, shots / "fidelity-02-skipped-index.png")
    assert not page.errors


def test_a_syncing_index_is_marked_and_cannot_be_picked(page, shots):
    open_ready(page)
    syncing = page.get_by_label(f"Index {SYNCING_NAME} (still syncing)", exact=True)
    expect(syncing).to_be_visible()
    expect(syncing).to_have_attribute("aria-disabled", "true")
    expect(syncing).to_have_attribute("aria-pressed", "false")
    expect(syncing).to_contain_text("syncing")
    ready = page.get_by_label("Index Company handbook", exact=True)
    expect(ready).to_have_attribute("aria-pressed", "true")  # the ready ones are picked for a new chat
    syncing.click(force=True)  # aria-disabled: Playwright would wait for it to be enabled
    page.wait_for_timeout(300)
    expect(syncing).to_have_attribute("aria-pressed", "false")  # a click does not pick it
    page.mouse.move(5, 5)  # a click closes a tooltip until the pointer comes back
    syncing.hover()
    tip = page.get_by_role("tooltip")
    expect(tip).to_contain_text("Still syncing")
    expect(tip).to_contain_text("Not synced yet.")
    shot(page, shots / "fidelity-03-syncing-index.png")
    page.get_by_label("Message", exact=True).focus()  # the click left the chip focused: its tooltip stays
    page.mouse.move(5, 5)
    expect(tip).to_have_count(0)
    ready.hover()
    expect(page.get_by_role("tooltip")).to_contain_text("Last synced ")
    assert not page.errors


MODES = [("light", 1400), ("dark", 1400), ("light", 390), ("dark", 390)]


@pytest.mark.parametrize("scheme,width", MODES, ids=[f"{s}-{w}" for s, w in MODES])
def test_the_states_the_service_brings_have_no_axe_violations(browser, app_url, shots, scheme, width):
    """WCAG 2.2 AA (axe-core) for what the service's realism adds: the picker with a syncing
    index (and its tooltip), a tool card naming its files, a turn that could not search an index."""
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=app_url, color_scheme=scheme)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: page_error(errors, str(exc), page.url))
        mode = f"{scheme} {width}px"
        open_ready(page)
        syncing = page.get_by_label(f"Index {SYNCING_NAME} (still syncing)", exact=True)
        expect(syncing).to_be_visible()
        axe.assert_clean(page, f"picker with a syncing index, {mode}")
        syncing.focus()
        expect(page.get_by_role("tooltip")).to_contain_text("Still syncing")
        shot(page, shots / f"fidelity-picker-{scheme}-{width}.png")
        axe.assert_clean(page, f"syncing index's tooltip, {mode}")
        page.get_by_label("Message", exact=True).focus()

        turn = send(page, REVENUE + " [fault:skip-index]")
        wait_ended(turn)
        card = turn.get_by_test_id("tool-card").first
        card.locator("summary").first.click()
        expect(card.locator(".hit").first).to_contain_text(".pdf")
        notice = turn.get_by_test_id("skipped-notice")
        expect(notice).to_be_visible()
        card.scroll_into_view_if_needed()
        shot(page, shots / f"fidelity-names-{scheme}-{width}.png")
        notice.scroll_into_view_if_needed()
        shot(page, shots / f"fidelity-skipped-{scheme}-{width}.png")
        axe.assert_clean(page, f"tool card with file names and a skipped index, {mode}")
        assert not errors, errors
    finally:
        context.close()
