"""The interface in the reader's language, in Chromium: the sidebar's switcher changes every label
at once, without a reload, keeping the draft being typed; ``<html lang>`` follows; the choice
survives a reload (cookie, and the store by owner); German and Japanese pass axe at 1400 and
390 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import axe
from tests.e2e.conftest import page_error
from tests.e2e.helpers import READY_TIMEOUT, open_ready

pytestmark = pytest.mark.browser
DRAFT = "Wie hoch war der Umsatz"


@pytest.mark.parametrize("width", [1400, 390])
def test_switching_language_keeps_the_draft_and_changes_the_labels(browser, app_url, shots, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, base_url=app_url, locale="en-US")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: page_error(errors, str(exc), page.url))
    try:
        box = open_ready(page, "/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        box.fill(DRAFT)
        reloads: list[str] = []
        page.on("framenavigated", lambda frame: reloads.append(frame.url) if frame == page.main_frame else None)

        scope = page.locator(".sidebar")
        if width < 768:  # on a phone the sidebar opens as a drawer
            page.get_by_role("button", name="Open chats").click()
            scope = page.get_by_role("dialog", name="Chats")
        scope.get_by_label("Language").select_option("de")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        if width < 768:
            page.keyboard.press("Escape")
        german = page.get_by_label("Nachricht", exact=True)
        expect(german).to_have_value(DRAFT)  # the same box, the draft kept
        expect(page.get_by_role("button", name="Senden")).to_be_visible()
        expect(page.get_by_text("Enter zum Senden, Umschalt+Enter für eine neue Zeile.")).to_be_visible()
        assert not reloads, f"the page reloaded: {reloads}"
        page.screenshot(path=str(shots / f"i18n-de-{width}.png"), full_page=True)
        axe.assert_clean(page, f"i18n German {width}px")

        scope = page.locator(".sidebar")
        if width < 768:
            page.get_by_role("button", name="Chats öffnen").click()
            scope = page.get_by_role("dialog", name="Chats")
        scope.get_by_label("Sprache").select_option("ja")
        expect(page.locator("html")).to_have_attribute("lang", "ja")
        if width < 768:
            page.keyboard.press("Escape")
        expect(page.get_by_label("メッセージ", exact=True)).to_have_value(DRAFT)
        expect(page.get_by_role("button", name="送信")).to_be_visible()
        page.screenshot(path=str(shots / f"i18n-ja-{width}.png"), full_page=True)
        axe.assert_clean(page, f"i18n Japanese {width}px")

        page.reload()  # the choice is kept: the cookie for the first paint, the store for the owner
        expect(page.get_by_label("メッセージ", exact=True)).to_be_editable(timeout=READY_TIMEOUT)
        expect(page.locator("html")).to_have_attribute("lang", "ja")
        assert not errors, errors
    finally:
        ctx.close()


def test_a_new_reader_gets_their_browsers_language(browser, app_url):
    ctx = browser.new_context(base_url=app_url, locale="fr-FR", extra_http_headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    page = ctx.new_page()
    try:
        page.goto("/")
        expect(page.get_by_label("Message", exact=True)).to_be_editable(timeout=READY_TIMEOUT)
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.get_by_role("button", name="Envoyer")).to_be_visible()
    finally:
        ctx.close()


def test_a_finished_answer_reads_in_german(browser, app_url, shots):
    """The words the app puts around an answer (tool-card summaries, the screenshot's label, the
    chat's age in the sidebar) in the reader's language, not only the fixed labels."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=app_url, locale="de-DE",
                              extra_http_headers={"Accept-Language": "de-DE,de;q=0.9"})
    page = ctx.new_page()
    try:
        page.goto("/chat")
        box = page.get_by_label("Nachricht", exact=True)
        expect(box).to_be_editable(timeout=READY_TIMEOUT)
        # Ready to send once the indexes are in (the frame before them is the server's, not yet live).
        expect(page.get_by_role("button", name="Index Company handbook")).to_have_attribute(
            "aria-pressed", "true", timeout=READY_TIMEOUT)
        box.fill("How much did revenue grow in Q3?")
        box.press("Enter")
        expect(page.get_by_test_id("turn")).to_have_count(1, timeout=READY_TIMEOUT)
        turn = page.get_by_test_id("turn").last
        expect(turn).to_have_attribute("data-status", "done", timeout=READY_TIMEOUT)
        cards = turn.get_by_test_id("tool-card")
        expect(cards.first).to_contain_text(re.compile(r"\d+ Passagen? aus \d+ Dateie?n?|Keine Passagen gefunden"))
        assert "passages" not in cards.first.inner_text()
        # The query line quotes as German does; the query itself stays as the agent wrote it.
        expect(cards.first.locator(".tool-args-short")).to_have_text(re.compile(r"^„.+“( in \S+)?$"))
        expect(page.locator(".sidebar").get_by_text("gerade eben").first).to_be_visible(timeout=READY_TIMEOUT)
        shot = turn.get_by_test_id("screenshot-card")
        if shot.count():
            expect(shot.first).to_contain_text("Seite")
        page.screenshot(path=str(shots / "i18n-de-answer.png"), full_page=True)
        axe.assert_clean(page, "i18n German answer")
    finally:
        ctx.close()
