"""The app serves a chat page that streams an answer."""

from playwright.sync_api import expect

from tests.e2e.helpers import open_ready


def test_send_and_see_answer(page, shots):
    box = open_ready(page)
    box.fill("What is the parental leave policy?")
    box.press("Enter")
    expect(page.get_by_test_id("turn").last).to_have_attribute("data-status", "done", timeout=30_000)
    page.screenshot(path=str(shots / "smoke-done.png"))
    assert not page.errors
