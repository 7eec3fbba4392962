"""People signing in with the company's OpenID provider, in real Chromium: a real provider (npm
``oidc-provider``) on a free port, its own login form walked by Playwright. Two people in two
browsers see only their own chats; one person in two browsers sees the same chats; the provider
refusing is a page with a way back; signing out leaves. The quality loop between real people:
feedback one person gives is reviewed by an administrator (by the provider's groups claim) and not
by another person; a link one person shares is opened by another, and a visitor not signed in is
sent to sign in and back to it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.helpers import READY_TIMEOUT, open_ready, send, session_id_of, wait_ended
from tests.e2e.oidc_app import serve

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    yield from serve(tmp_path_factory, "identity", {
        "CHAT_UI_OIDC_SCOPES": "openid email profile groups",
        "CHAT_UI_ADMIN_GROUPS": "chat-admins",
        "CHAT_UI_SECRET": "e2e-identity-secret",
    })


@pytest.fixture
def contexts(browser, app):
    made: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=app)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def sign_in(page: Page, who: str, path: str = "/chat") -> None:
    """Open a page, land on the provider's form, sign in, come back to the page. (Not ``/``: it
    serves the chat page and moves the address to ``/chat``, so a wait for ``/`` would race.)"""
    page.goto(path)
    expect(page.locator('input[name="login"]')).to_be_visible(timeout=READY_TIMEOUT)
    page.fill('input[name="login"]', who)
    page.fill('input[name="password"]', "any")
    page.get_by_role("button", name="Sign-in").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"), timeout=READY_TIMEOUT)


def test_two_people_and_one_person_in_two_browsers(contexts, shots):
    alice = contexts().new_page()
    sign_in(alice, "alice")
    open_ready(alice)
    sidebar = alice.locator(".sidebar")
    expect(sidebar.get_by_text("Alice Admin")).to_be_visible(timeout=READY_TIMEOUT)
    expect(sidebar.get_by_text("alice@example.test")).to_be_visible()
    expect(sidebar.get_by_role("button", name="Sign out")).to_be_visible()
    wait_ended(send(alice, "What is the parental leave policy?"))
    expect(alice).to_have_url(re.compile(r"/chat/[^/]+$"))
    chat_path = "/chat/" + alice.url.rsplit("/chat/", 1)[1]
    alice.screenshot(path=str(shots / "identity-signed-in.png"))

    bob = contexts().new_page()  # another person, another browser
    sign_in(bob, "bob", chat_path)
    expect(bob.get_by_test_id("not-found")).to_be_visible(timeout=READY_TIMEOUT)
    expect(bob.locator(".sidebar").get_by_text("Bob Builder")).to_be_visible()
    expect(bob.locator(".session-item")).to_have_count(0)

    phone = contexts().new_page()  # Alice again, on another device
    sign_in(phone, "alice", chat_path)
    expect(phone.get_by_text("What is the parental leave policy?").first).to_be_visible(timeout=READY_TIMEOUT)
    expect(phone.locator(".session-item")).to_have_count(1, timeout=READY_TIMEOUT)

    alice.locator(".sidebar").get_by_role("button", name="Sign out").click()
    # The provider's own sign-out confirmation, then back to the app's signed-out page.
    alice.get_by_role("button", name=re.compile("Yes, sign me out")).click()
    expect(alice.get_by_role("heading", name="You are signed out")).to_be_visible(timeout=READY_TIMEOUT)
    alice.screenshot(path=str(shots / "identity-signed-out.png"))
    alice.goto(chat_path)  # signed out: back to the provider's form
    expect(alice.locator('input[name="login"]')).to_be_visible(timeout=READY_TIMEOUT)


def test_the_provider_refusing_is_a_page_with_a_way_back(contexts, shots):
    page = contexts().new_page()
    page.goto("/chat/somewhere")
    expect(page.locator('input[name="login"]')).to_be_visible(timeout=READY_TIMEOUT)
    page.get_by_role("link", name=re.compile("Cancel")).click()
    expect(page.get_by_role("heading", name="Sign-in was refused")).to_be_visible(timeout=READY_TIMEOUT)
    expect(page.get_by_role("alert")).to_be_visible()
    page.screenshot(path=str(shots / "identity-refused.png"))
    assert not [c for c in page.context.cookies() if c["name"] == "chat_ui_session"]
    page.get_by_role("link", name="Sign in again").click()
    page.fill('input[name="login"]', "carol")
    page.fill('input[name="password"]', "any")
    page.get_by_role("button", name="Sign-in").click()
    expect(page).to_have_url(re.compile(r"/chat/somewhere$"), timeout=READY_TIMEOUT)
    expect(page.locator(".sidebar").get_by_text("Carol Chen")).to_be_visible(timeout=READY_TIMEOUT)


def test_a_reused_callback_is_a_page_with_a_way_back(contexts, shots):
    page = contexts().new_page()
    callbacks: list[str] = []
    page.on("request", lambda r: callbacks.append(r.url) if "/auth/callback" in r.url else None)
    sign_in(page, "bob")
    page.goto(callbacks[0])
    expect(page.get_by_role("heading", name="This sign-in has expired")).to_be_visible(timeout=READY_TIMEOUT)
    page.screenshot(path=str(shots / "identity-expired.png"))
    expect(page.get_by_role("link", name="Sign in again")).to_have_attribute("href", re.compile("^/auth/sign-in"))


def test_feedback_reviewed_by_an_admin_and_a_link_shared_between_people(contexts, shots):
    bob = contexts().new_page()
    sign_in(bob, "bob")
    open_ready(bob, "/chat")
    turn = send(bob, "How much did revenue grow in Q3, and why?")
    wait_ended(turn)
    session_id = session_id_of(bob)
    turn.get_by_role("button", name="Bad answer", exact=True).click()
    form = bob.get_by_role("form", name="Feedback details")
    form.get_by_label("Comment").fill("Bob's canary comment: the Q3 figure needs its source.")
    form.get_by_role("button", name="Save feedback").click()
    expect(form).to_be_hidden()
    expect(turn.get_by_role("button", name="Bad answer", exact=True)).to_have_attribute("aria-pressed", "true")

    # Bob is no administrator: the review page is the page any unknown address gets.
    bob.goto("/review")
    expect(bob.get_by_test_id("page-not-found")).to_be_visible(timeout=READY_TIMEOUT)
    bob.goto("/review/usage")
    expect(bob.get_by_test_id("page-not-found")).to_be_visible(timeout=READY_TIMEOUT)

    # Alice is one (the chat-admins group): she sees Bob's feedback, named as his.
    alice = contexts().new_page()
    sign_in(alice, "alice", "/review")
    row = alice.get_by_test_id("review-row").filter(has_text="Bob's canary comment")
    expect(row).to_be_visible(timeout=READY_TIMEOUT)
    expect(row).to_contain_text("Bad answer")
    expect(row).to_contain_text(re.compile("bob", re.IGNORECASE))
    alice.screenshot(path=str(shots / "identity-review-by-admin.png"))
    alice.goto("/review/usage")
    expect(alice.get_by_text(re.compile("bob@example.test|Bob Builder")).first).to_be_visible(timeout=READY_TIMEOUT)

    # Bob shares the chat; Carol opens the link; a browser not signed in signs in first, then lands on it.
    open_ready(bob, f"/chat/{session_id}")
    bob.get_by_role("button", name="Share chat").click()
    dialog = bob.get_by_test_id("share-dialog")
    dialog.get_by_role("button", name="Create link").click()
    link = dialog.get_by_role("textbox", name="Link to this chat")
    expect(link).to_have_value(re.compile(r"/shared/[A-Za-z0-9_-]{32}$"))
    path = "/shared/" + link.input_value().rsplit("/shared/", 1)[1]
    carol = contexts().new_page()
    sign_in(carol, "carol", path)
    expect(carol.get_by_test_id("shared-byline")).to_contain_text(re.compile("Bob Builder|bob@example.test"),
                                                                  timeout=READY_TIMEOUT)
    expect(carol.get_by_test_id("turn")).to_have_count(1)
    expect(carol.get_by_label("Message", exact=True)).to_have_count(0)
    carol.screenshot(path=str(shots / "identity-shared-to-carol.png"))
