"""The quality loop in Chromium, on a deployment with an access password (so a link for anyone
means something), the review open to every visitor (``CHAT_UI_REVIEW=all``: nobody can be an admin
before accounts) and links for anyone offered (``CHAT_UI_PUBLIC_SHARES=1``).

Two people are two browser contexts that each gave the password (each its own owner); a guest
is a context that never did. One app for the module.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e import axe
from tests.e2e.conftest import ARTIFACTS, page_error
from tests.e2e.helpers import READY_TIMEOUT, open_ready, send, session_id_of, wait_ended
from tests.e2e.test_access import crafted, event, state_name
from tests.support.app_server import run_app

PASSWORD = "quality-Pa55word-c0de"
PROMPT_Q3 = "How much did revenue grow in Q3, and why?"
PROMPT_LEAVE = "What is the parental leave policy?"
WATCH_TIMEOUT = 15_000  # another tab's watch wakes every 5 s


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> str:
    data = tmp_path_factory.mktemp("e2e-quality")
    env = {
        "CHAT_UI_LOCAL_DB": str(data / "local.sqlite3"),
        "CHAT_UI_DATABASE_URL": f"sqlite:///{data / 'chat_ui.sqlite3'}",
        "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": "8",
        "CHAT_UI_PASSWORD": PASSWORD,
        "CHAT_UI_REVIEW": "all",
        "CHAT_UI_PUBLIC_SHARES": "1",
        "CHAT_UI_TURNS_PER_MINUTE": "0",
        "CHAT_UI_SIGNIN_PER_MINUTE": "0",
        "CHAT_UI_SECRET": "quality-e2e-secret",
        "REFLEX_TRUSTED_PROXY_HOPS": "1",
    }
    with run_app(env, log_path=ARTIFACTS / "e2e-quality-app.log", web_dir=".web-test-quality") as url:
        yield url


@pytest.fixture
def people(browser, app):
    """``people()``: a new person (a browser that gave the password); ``people(signed_in=False)`` a guest."""
    made: list[BrowserContext] = []

    def make(signed_in: bool = True, *, lang: str = "", scheme: str = "light", width: int = 1280) -> Page:
        headers = {"X-Forwarded-For": f"198.51.100.{uuid.uuid4().int % 250 + 1}"}
        if lang:
            headers["Accept-Language"] = f"{lang},{lang.split('-')[0]};q=0.9"
        context = browser.new_context(viewport={"width": width, "height": 860}, base_url=app, accept_downloads=True,
                                      color_scheme=scheme, extra_http_headers=headers, **({"locale": lang} if lang else {}))
        made.append(context)
        if signed_in:
            reply = context.request.post("/_auth/sign-in", form={"password": PASSWORD, "next": "/"}, max_redirects=0)
            assert reply.status == 303
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda exc: page_error(page.errors, str(exc), page.url))  # type: ignore[attr-defined]
        return page

    yield make
    for context in made:
        context.close()


def ask(page: Page, prompt: str):
    """A new chat with one finished answer: the turn and the session id."""
    open_ready(page, "/chat")
    expect(page.get_by_test_id("turn")).to_have_count(0)  # the chat shown before has gone
    turn = send(page, prompt)
    wait_ended(turn)
    return turn, session_id_of(page)


def rating(turn, label: str):
    return turn.get_by_role("button", name=label, exact=True)


def test_feedback_is_given_changed_and_seen_in_every_tab_and_on_the_review_page(people, shots):
    a = people()
    turn, session_id = ask(a, PROMPT_Q3)
    rating(turn, "Bad answer").click()
    form = a.get_by_role("form", name="Feedback details")
    expect(form).to_be_visible()
    form.get_by_text("Wrong source", exact=True).click()
    form.get_by_label("Comment").fill("x" * 2001)
    form.get_by_role("button", name="Save feedback").click()
    expect(form.get_by_role("alert")).to_contain_text("2,001 characters; the limit is 2,000")  # nothing stored
    form.get_by_label("Comment").fill("The growth figure is right, but the source is the Q2 summary.")
    a.screenshot(path=str(shots / "quality-feedback-open.png"))
    axe.assert_clean(a, "quality-feedback-open")
    form.get_by_role("button", name="Save feedback").click()
    expect(form).to_be_hidden()
    expect(rating(turn, "Bad answer")).to_have_attribute("aria-pressed", "true")

    # Another tab of the same person shows it, and shows it change.
    other = a.context.new_page()
    other_turn = ask_open(other, session_id)
    expect(rating(other_turn, "Bad answer")).to_have_attribute("aria-pressed", "true", timeout=READY_TIMEOUT)
    rating(turn, "Good answer").click()
    expect(rating(turn, "Good answer")).to_have_attribute("aria-pressed", "true")
    a.keyboard.press("Escape")
    expect(rating(other_turn, "Good answer")).to_have_attribute("aria-pressed", "true", timeout=WATCH_TIMEOUT)
    expect(rating(other_turn, "Bad answer")).to_have_attribute("aria-pressed", "false")
    # After a reload, too.
    a.reload()
    expect(rating(a.get_by_test_id("turn").last, "Good answer")).to_have_attribute("aria-pressed", "true", timeout=READY_TIMEOUT)
    a.screenshot(path=str(shots / "quality-feedback-given.png"))
    axe.assert_clean(a, "quality-feedback-given")

    # Someone else reviews it: the review page lists it with its reasons and comment.
    reviewer = people()
    reviewer.goto("/review")
    row = reviewer.get_by_test_id("review-row").filter(has_text="the source is the Q2 summary")
    expect(row).to_be_visible(timeout=READY_TIMEOUT)
    expect(row).to_contain_text("Good answer")
    expect(row).to_contain_text("Wrong source")
    reviewer.get_by_role("combobox", name="Rating").click()
    reviewer.get_by_role("option", name="Bad answer").click()
    expect(row).to_be_hidden()
    reviewer.get_by_role("combobox", name="Rating").click()
    reviewer.get_by_role("option", name="Good answer").click()
    expect(row).to_be_visible()
    reviewer.get_by_label("Search feedback").fill("Q2 SUMMARY")
    expect(reviewer.get_by_test_id("review-row")).to_have_count(1)
    expect(reviewer.get_by_test_id("review-totals")).to_have_text(re.compile(r"Good answers\s*1.*Bad answers\s*0.*Share of bad\s*0%"))
    reviewer.screenshot(path=str(shots / "quality-review-filtered.png"))
    axe.assert_clean(reviewer, "quality-review-filtered")

    # Exports of the filtered set, streamed from a signed link.
    with reviewer.expect_download() as got:
        reviewer.get_by_role("button", name="Export feedback").click()
        reviewer.get_by_role("menuitem", name="Export as CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(got.value.path(), encoding="utf-8-sig").read())))
    assert [(r["rating"], r["tags"], r["prompt"]) for r in rows] == [("good", "Wrong source", PROMPT_Q3)]
    assert rows[0]["cited"].startswith("[1] ") and rows[0]["session_id"] == session_id
    with reviewer.expect_download() as got:
        reviewer.get_by_role("button", name="Export feedback").click()
        reviewer.get_by_role("menuitem", name="Export as JSON Lines").click()
    [line] = open(got.value.path(), encoding="utf-8").read().splitlines()
    assert json.loads(line)["snapshot"]["cited"][0]["text"]
    assert not a.errors and not reviewer.errors


def ask_open(page: Page, session_id: str):
    page.errors = []  # type: ignore[attr-defined]
    open_ready(page, f"/chat/{session_id}")
    turn = page.get_by_test_id("turn").last
    wait_ended(turn)
    return turn


def test_an_answer_opened_from_the_review_page_as_it_streamed(people, shots):
    a = people()
    turn, _ = ask(a, PROMPT_Q3 + " Show the report's pages.")
    kinds = turn.locator(".card").evaluate_all("cards => cards.map((c) => c.className.match(/(thinking|tool|screenshot)-card/)[1])")
    rating(turn, "Bad answer").click()
    a.get_by_role("form", name="Feedback details").get_by_role("button", name="Save feedback").click()

    reviewer = people()
    reviewer.goto("/review")
    reviewer.get_by_label("Search feedback").fill("Show the report's pages")
    row = reviewer.get_by_test_id("review-row")
    expect(row).to_have_count(1, timeout=READY_TIMEOUT)
    reviewer.screenshot(path=str(shots / "quality-review.png"))
    axe.assert_clean(reviewer, "quality-review")
    row.get_by_role("link").click()
    expect(reviewer.get_by_test_id("review-meta")).to_contain_text("Bad answer", timeout=READY_TIMEOUT)
    shown = reviewer.get_by_test_id("turn")
    expect(shown).to_have_attribute("data-status", "done")
    assert shown.locator(".card").evaluate_all(
        "cards => cards.map((c) => c.className.match(/(thinking|tool|screenshot)-card/)[1])") == kinds
    expect(shown.get_by_role("button", name="Bad answer")).to_be_hidden()  # nothing here acts on a chat
    # The page screenshot is resolved through the server when it is opened.
    card = shown.get_by_test_id("screenshot-card").first
    card.locator("summary").click()
    expect(card.locator("img.screenshot-img")).to_have_js_property("complete", True, timeout=READY_TIMEOUT)
    assert card.locator("img.screenshot-img").evaluate("img => img.naturalWidth") > 100
    # A citation opens its passage, read from the snapshot.
    shown.locator(".citation-chip").first.click()
    dialog = reviewer.get_by_test_id("citation-dialog")
    expect(dialog.get_by_test_id("citation-passage")).not_to_be_empty(timeout=READY_TIMEOUT)
    expect(dialog.get_by_test_id("citation-passage")).not_to_contain_text("can no longer be read")
    reviewer.screenshot(path=str(shots / "quality-review-answer.png"))
    axe.assert_clean(reviewer, "quality-review-answer")
    assert not reviewer.errors


def test_a_link_shared_by_one_person_opened_by_another_then_stopped_while_open(people, shots):
    a = people()
    turn, session_id = ask(a, PROMPT_LEAVE)
    a.get_by_role("button", name="Share chat").click()
    dialog = a.get_by_test_id("share-dialog")
    expect(dialog).to_contain_text("People signed in to this deployment")
    dialog.get_by_role("button", name="Create link").click()
    link = dialog.get_by_role("textbox", name="Link to this chat")
    expect(link).to_have_value(re.compile(r"/shared/[A-Za-z0-9_-]{32}$"))
    url = link.input_value()
    a.screenshot(path=str(shots / "quality-share-dialog.png"))
    axe.assert_clean(a, "quality-share-dialog")

    b = people()
    b.goto(url)
    expect(b.get_by_test_id("shared-byline")).to_be_visible(timeout=READY_TIMEOUT)
    shared = b.get_by_test_id("turn")
    expect(shared).to_have_count(1)
    expect(shared.locator(".user-bubble")).to_have_text(PROMPT_LEAVE)
    expect(b.get_by_label("Message", exact=True)).to_have_count(0)  # no composer
    expect(b.locator('meta[name="robots"]')).to_have_attribute("content", re.compile("noindex"))
    b.screenshot(path=str(shots / "quality-shared-page.png"))
    axe.assert_clean(b, "quality-shared-page")

    # Sharing again keeps the link and brings the new answer.
    a.keyboard.press("Escape")
    wait_ended(send(a, "What is the travel policy?"))
    a.get_by_role("button", name="Share chat").click()
    dialog.get_by_role("button", name="Share again").click()
    expect(dialog.get_by_test_id("share-status")).to_contain_text("2 answers")
    assert link.input_value() == url
    b.reload()
    expect(b.get_by_test_id("turn")).to_have_count(2, timeout=READY_TIMEOUT)

    # A stops it from the list of shared links, in another tab; B's open page goes at once.
    links = a.context.new_page()
    links.goto("/shared")
    row = links.get_by_test_id("shared-link-row")
    expect(row).to_have_count(1, timeout=READY_TIMEOUT)
    expect(row).to_contain_text("People signed in to this deployment")
    links.screenshot(path=str(shots / "quality-shared-links.png"))
    axe.assert_clean(links, "quality-shared-links")
    row.get_by_role("button", name=re.compile("^Stop sharing")).click()
    expect(row).to_have_count(0)
    expect(b.get_by_test_id("page-not-found")).to_be_visible(timeout=WATCH_TIMEOUT)
    b.goto(url)
    expect(b.get_by_test_id("page-not-found")).to_be_visible(timeout=READY_TIMEOUT)
    b.goto("/shared/" + "Z" * 32)  # a link that never was: the same page
    expect(b.get_by_test_id("page-not-found")).to_be_visible(timeout=READY_TIMEOUT)
    b.goto("/no/such/address")
    expect(b.get_by_test_id("page-not-found")).to_be_visible(timeout=READY_TIMEOUT)
    b.screenshot(path=str(shots / "quality-not-found.png"))
    axe.assert_clean(b, "quality-not-found")
    # A crafted event from B cannot share, or rate, A's chat.
    share = state_name("chat_ui.state.shares.ShareState")
    rate = state_name("chat_ui.state.feedback.FeedbackState")
    crafted(b, [(event(f"{share}.share", f"/chat/{session_id}"), 0),
                (event(f"{rate}.rate", f"/chat/{session_id}", turn_key="h0", rating="bad"), 0)], wait_ms=2500)
    a.goto("/shared")
    expect(a.get_by_text("You have not shared any chat.")).to_be_visible(timeout=READY_TIMEOUT)
    assert not a.errors and not b.errors


def test_links_for_anyone_and_for_people_signed_in(people, shots):
    a = people()
    ask(a, PROMPT_Q3)
    a.get_by_role("button", name="Share chat").click()
    dialog = a.get_by_test_id("share-dialog")
    dialog.get_by_role("radio", name="Anyone with the link").click()
    dialog.get_by_role("button", name="Create link").click()
    expect(dialog.get_by_test_id("share-status")).to_contain_text("Anyone with the link")
    public = dialog.get_by_role("textbox", name="Link to this chat").input_value()
    a.screenshot(path=str(shots / "quality-share-dialog-anyone.png"))
    axe.assert_clean(a, "quality-share-dialog-anyone")
    a.keyboard.press("Escape")
    _, people_only_session = ask(a, PROMPT_LEAVE)
    a.get_by_role("button", name="Share chat").click()
    dialog.get_by_role("button", name="Create link").click()
    expect(dialog.get_by_test_id("share-status")).to_contain_text("People signed in to this deployment")
    people_only = dialog.get_by_role("textbox", name="Link to this chat").input_value()

    # A guest (never gave the password) opens the public link: the chat, its screenshots, nothing else.
    guest = people(signed_in=False)
    guest.goto(public)
    expect(guest.get_by_test_id("shared-byline")).to_be_visible(timeout=READY_TIMEOUT)
    card = guest.get_by_test_id("screenshot-card").first
    card.locator("summary").click()
    expect(card.locator("img.screenshot-img")).to_have_js_property("complete", True, timeout=READY_TIMEOUT)
    assert card.locator("img.screenshot-img").evaluate("img => img.naturalWidth") > 100
    guest.screenshot(path=str(shots / "quality-shared-page-guest.png"))
    axe.assert_clean(guest, "quality-shared-page-guest")
    send_event = state_name("chat_ui.state.live.LiveState")
    sent = crafted(guest, [(event(f"{send_event}.send", "/chat", prompt="a guest's prompt"), 0)], wait_ms=2500)
    assert sent["result"] == "open" and "a guest's prompt" not in "".join(sent["frames"])  # dropped unrun
    guest.goto("/chat")
    expect(guest.get_by_role("heading", name="Sign in")).to_be_visible()

    # The people-only link: sign in first, then back to the link.
    guest.goto(people_only)
    expect(guest.get_by_role("heading", name="Sign in")).to_be_visible()
    guest.get_by_label("Access password").fill(PASSWORD)
    guest.get_by_role("button", name="Sign in").click()
    expect(guest).to_have_url(people_only)
    expect(guest.get_by_test_id("turn").locator(".user-bubble")).to_have_text(PROMPT_LEAVE, timeout=READY_TIMEOUT)
    assert people_only_session not in guest.content()
    assert not guest.errors


def test_the_usage_page_after_a_few_answers_by_two_people(people, shots):
    a, b = people(), people()
    ask(a, PROMPT_Q3)
    wait_ended(send(a, PROMPT_LEAVE))
    ask(b, "What is the travel policy?")
    a.goto("/review/usage")
    rows = a.get_by_test_id("usage-row")
    expect(rows.first).to_be_visible(timeout=READY_TIMEOUT)
    texts = rows.all_inner_texts()
    assert len(texts) >= 2 and all(re.search(r"\d+ ms|\d+\.\d s", t) for t in texts)
    a.screenshot(path=str(shots / "quality-usage.png"))
    axe.assert_clean(a, "quality-usage")
    with a.expect_download() as got:
        a.get_by_role("button", name="Export usage as CSV").click()
    table = list(csv.DictReader(io.StringIO(open(got.value.path(), encoding="utf-8-sig").read())))
    assert len(table) == len(texts) and sum(int(r["answers"]) for r in table) >= 3
    assert all(r["first_token_p50_ms"] and int(r["duration_p95_ms"]) > 0 for r in table)
    assert not a.errors


def within_the_window(page: Page, selector: str) -> None:
    """Nothing that ``selector`` finds reaches past the window's right edge (the tables scroll in
    their own regions; the controls above them must wrap instead)."""
    past = page.evaluate("""(sel) => [...document.querySelectorAll(sel)]
        .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > window.innerWidth + 1)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)""", selector)
    assert not past, f"past the {page.viewport_size['width']} px window: {past[:5]}"


def test_the_review_usage_and_shared_pages_in_german_have_no_axe_violations(people, shots):
    """The quality pages in a second language, light at 1400 px and dark at 390 px: German words
    are longer, and every label, badge and table header is the catalog's."""
    a = people()
    turn, _ = ask(a, PROMPT_Q3)
    rating(turn, "Bad answer").click()
    form = a.get_by_role("form", name="Feedback details")
    form.get_by_text("Wrong source", exact=True).click()
    form.get_by_role("button", name="Save feedback").click()
    expect(form).to_be_hidden()
    a.get_by_role("button", name="Share chat").click()
    dialog = a.get_by_test_id("share-dialog")
    dialog.get_by_role("button", name="Create link").click()
    link = dialog.get_by_role("textbox", name="Link to this chat")
    expect(link).to_have_value(re.compile(r"/shared/[A-Za-z0-9_-]{32}$"))
    url = link.input_value()

    for scheme, width in (("light", 1400), ("dark", 390)):
        mode = f"German, {scheme} {width}px"
        de = people(lang="de-DE", scheme=scheme, width=width)
        de.goto("/review")
        row = de.get_by_test_id("review-row").filter(has_text=PROMPT_Q3).first
        expect(row).to_be_visible(timeout=READY_TIMEOUT)
        expect(de.locator("html")).to_have_attribute("lang", "de")
        expect(row).not_to_contain_text("Bad answer")  # the rating reads in German
        expect(row).to_contain_text("Falsche Quelle")  # so does the default reason, stored as "Wrong source"
        de.screenshot(path=str(shots / f"quality-de-review-{scheme}-{width}.png"), full_page=True)
        within_the_window(de, ".review-filters *")
        axe.assert_clean(de, f"review, {mode}")
        row.get_by_role("link").first.click()
        expect(de.get_by_test_id("review-meta")).to_be_visible(timeout=READY_TIMEOUT)
        expect(de.get_by_test_id("turn")).to_have_attribute("data-status", "done")
        axe.assert_clean(de, f"review answer, {mode}")

        de.goto("/review/usage")
        expect(de.get_by_test_id("usage-row").first).to_be_visible(timeout=READY_TIMEOUT)
        de.screenshot(path=str(shots / f"quality-de-usage-{scheme}-{width}.png"), full_page=True)
        within_the_window(de, ".history-page > .rt-Flex:first-child *")
        axe.assert_clean(de, f"usage, {mode}")

        de.goto(url)
        expect(de.get_by_test_id("shared-byline")).to_be_visible(timeout=READY_TIMEOUT)
        expect(de.get_by_test_id("turn").locator(".user-bubble")).to_have_text(PROMPT_Q3)  # the chat as written
        de.screenshot(path=str(shots / f"quality-de-shared-{scheme}-{width}.png"), full_page=True)
        axe.assert_clean(de, f"shared page, {mode}")

        de.goto("/shared")  # this reader has shared nothing: the list's empty state
        expect(de.locator("html")).to_have_attribute("lang", "de", timeout=READY_TIMEOUT)
        de.wait_for_load_state("networkidle")
        axe.assert_clean(de, f"shared links, none yet, {mode}")
        assert not de.errors
    assert not a.errors
