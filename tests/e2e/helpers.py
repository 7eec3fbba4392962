"""Shared steps of the browser tests: open a ready chat, send, wait for the turn to end."""

from __future__ import annotations

import os
import re

from playwright.sync_api import Locator, Page, expect

from chat_ui.i18n.catalog import t

READY_TIMEOUT = 60_000
TURN_TIMEOUT = 30_000


def open_ready(page: Page, path: str = "/", lang: str = "en") -> Locator:
    """Open a chat page and wait until a message can be sent (hydrated, indexes loaded); ``lang``:
    the language the page is read in (its labels are the catalog's)."""
    page.goto(path)
    box = page.get_by_label(t(lang, "composer.message"), exact=True)
    expect(box).to_be_editable(timeout=READY_TIMEOUT)
    expect(page.get_by_text(t(lang, "composer.hint"))).to_be_visible(timeout=READY_TIMEOUT)
    return box


def send(page: Page, prompt: str, lang: str = "en") -> Locator:
    """Type a prompt, press Enter, and return the new (last) turn."""
    before = page.get_by_test_id("turn").count()
    box = page.get_by_label(t(lang, "composer.message"), exact=True)
    box.fill(prompt)
    box.press("Enter")
    expect(page.get_by_test_id("turn")).to_have_count(before + 1, timeout=TURN_TIMEOUT)
    return page.get_by_test_id("turn").last


def wait_ended(turn: Locator, status: str = "done") -> None:
    expect(turn).to_have_attribute("data-status", status, timeout=TURN_TIMEOUT)


def session_id_of(page: Page) -> str:
    expect(page).to_have_url(re.compile(r"/chat/[^/]+$"), timeout=TURN_TIMEOUT)
    return page.url.rsplit("/chat/", 1)[1]


def no_horizontal_overflow(page: Page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px viewport"


E2E_SECRET = "e2e-server-secret"  # the browser tests' app signs with it, so a test can reach its embedded API


def internal_token(secret: str = E2E_SECRET) -> str:
    """The token the app's own client sends the embedded API (derived from the app's secret)."""
    from chat_ui.access import secret as secrets

    saved = os.environ.get("CHAT_UI_SECRET")
    os.environ["CHAT_UI_SECRET"] = secret
    try:
        return secrets.internal_api_token()
    finally:
        if saved is None:
            del os.environ["CHAT_UI_SECRET"]
        else:
            os.environ["CHAT_UI_SECRET"] = saved


def add_turns(base_url: str, session_id: str, prompts: list[str], index_ids: list[str] | None = None) -> None:
    """Run turns in an existing chat straight on the app's embedded API, as if asked long ago
    (unpaced, where the app's faults are on)."""
    import httpx

    from chat_ui.local.faults import UNPACED_HEADER

    headers = {"Authorization": f"Bearer {internal_token()}", UNPACED_HEADER: "1"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=120) as client:
        if not index_ids:  # a turn names its indexes, a bound chat's too (the API's minItems 1)
            index_ids = client.get(f"/api/v1/chat/{session_id}/summary").json()["index_ids"] or [
                i["id"] for i in client.get("/api/v1/indexes").json()["items"]]
        for prompt in prompts:
            body = {"prompt": prompt, "index_ids": index_ids}
            with client.stream("POST", f"/api/v1/chat/{session_id}/messages/stream", json=body) as reply:
                reply.raise_for_status()
                for _ in reply.iter_bytes():
                    pass
