"""A sign-in that ends under an open tab, in real Chromium against a real OpenID provider: the
person typed a message, the app's session expired meanwhile (``CHAT_UI_SESSION_HOURS`` at its
shortest, 36 s), and pressing Enter leads through sign-in and back to the same chat, the typed
message still in the box and nothing sent while signed out."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import READY_TIMEOUT, open_ready, send, session_id_of, wait_ended
from tests.e2e.oidc_app import serve

pytestmark = [pytest.mark.browser]

SESSION_S = 36  # CHAT_UI_SESSION_HOURS=0.01, the shortest the app allows


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    yield from serve(tmp_path_factory, "expiry", {"CHAT_UI_SESSION_HOURS": "0.01", "CHAT_UI_SECRET": "e2e-expiry-secret"})


def _provider_form_if_asked(page, who: str) -> None:
    """The provider's form, unless its own session (longer than the app's) signs the person in at once."""
    login = page.locator('input[name="login"]')
    try:
        login.wait_for(state="visible", timeout=5_000)
    except Exception:  # noqa: BLE001 - no form: the provider went straight back
        return
    page.fill('input[name="login"]', who)
    page.fill('input[name="password"]', "any")
    page.get_by_role("button", name="Sign-in").click()


def test_an_expired_sign_in_returns_to_the_chat_with_the_typed_message(browser, app, shots):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=app)
    try:
        page = context.new_page()
        page.goto("/chat")
        expect(page.locator('input[name="login"]')).to_be_visible(timeout=READY_TIMEOUT)
        page.fill('input[name="login"]', "bob")
        page.fill('input[name="password"]', "any")
        page.get_by_role("button", name="Sign-in").click()
        signed_in_at = time.monotonic()
        expect(page).to_have_url(re.compile(r"/chat$"), timeout=READY_TIMEOUT)
        open_ready(page)
        wait_ended(send(page, "What is the travel policy?"))
        chat_id = session_id_of(page)

        draft = "And who approves travel over budget?"
        box = page.get_by_label("Message", exact=True)
        box.fill(draft)
        left = SESSION_S + 2 - (time.monotonic() - signed_in_at)
        if left > 0:
            page.wait_for_timeout(left * 1000)  # the app's session ends while the message sits typed

        box.press("Enter")
        # Nothing is sent signed out: the next page is the provider's (or straight back from it).
        _provider_form_if_asked(page, "bob")
        expect(page).to_have_url(re.compile(rf"/chat/{chat_id}$"), timeout=READY_TIMEOUT)
        box = page.get_by_label("Message", exact=True)
        expect(box).to_have_value(draft, timeout=READY_TIMEOUT)
        expect(page.get_by_test_id("turn")).to_have_count(1, timeout=READY_TIMEOUT)
        expect(page.locator(".sidebar").get_by_text("Bob Builder")).to_be_visible()
        expect(page.get_by_text("Your sign-in has ended")).to_have_count(0)  # signed in again: said no more
        page.screenshot(path=str(shots / "identity-expired-draft-kept.png"))

        box.press("Enter")  # signed in again: the kept message goes as it was typed
        turn = page.get_by_test_id("turn").nth(1)
        expect(turn.locator(".user-bubble")).to_have_text(draft, timeout=READY_TIMEOUT)
        wait_ended(turn)
    finally:
        context.close()
