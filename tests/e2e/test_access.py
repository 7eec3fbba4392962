"""A deployment put in front of a team: an access password, chats private to each browser, a turn
limit, security headers, and the embedded API closed to the outside — tried with two browsers.

One app for the module, with a password, a low turn limit, and canary secrets that no response
may carry. ``REFLEX_TRUSTED_PROXY_HOPS=1`` lets each browser context present its own client
address (``X-Forwarded-For``), as a proxy in front would, so sign-in limits stay apart.
"""

from __future__ import annotations

import itertools
import json
import re

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import ARTIFACTS, page_error
from tests.e2e.helpers import READY_TIMEOUT, TURN_TIMEOUT, internal_token, open_ready, send, session_id_of, wait_ended
from tests.support.app_server import run_app

PASSWORD = "canary-Pa55word-7f3e"
API_KEY = "llx-canary-api-key-51c2"
SECRET = "canary-server-secret-9ad0"
TURNS_PER_MINUTE = 2
PROMPT_A = "What is the parental leave policy?"
PROMPT_B = "How much did revenue grow in Q3, and why?"
CSP_BLOCKED = "Content Security Policy"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> str:
    data = tmp_path_factory.mktemp("e2e-access")
    env = {
        "CHAT_UI_LOCAL_DB": str(data / "local.sqlite3"),
        "CHAT_UI_ACCESS_DB": str(data / "access.sqlite3"),
        "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": "12",
        "CHAT_UI_PASSWORD": PASSWORD,
        "CHAT_UI_TURNS_PER_MINUTE": str(TURNS_PER_MINUTE),
        "CHAT_UI_SIGNIN_PER_MINUTE": "3",
        "CHAT_UI_SECRET": SECRET,
        "LLAMA_CLOUD_API_KEY": API_KEY,  # set, yet the embedded backend is used: it must not leak either
        "CHAT_UI_BACKEND": "local",
        "REFLEX_TRUSTED_PROXY_HOPS": "1",
    }
    with run_app(env, log_path=ARTIFACTS / "e2e-access-app.log", web_dir=".web-test-access") as url:
        yield url


_ADDRESSES = itertools.count()


def new_browser(browser, app: str) -> BrowserContext:
    """A browser of its own (own cookies), coming from its own address."""
    n = next(_ADDRESSES)  # never a random pick: two browsers on one address share its sign-in limit
    address = f"198.51.{100 + n // 250}.{n % 250 + 1}"
    return browser.new_context(viewport={"width": 1280, "height": 860}, base_url=app,
                               extra_http_headers={"X-Forwarded-For": address})


def sign_in(context: BrowserContext) -> None:
    reply = context.request.post("/_auth/sign-in", form={"password": PASSWORD, "next": "/"}, max_redirects=0)
    assert reply.status == 303


@pytest.fixture
def browsers(browser, app):
    made: list[BrowserContext] = []

    def make(signed_in: bool = True) -> Page:
        context = new_browser(browser, app)
        made.append(context)
        if signed_in:
            sign_in(context)
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda exc: page_error(page.errors, str(exc), page.url))  # type: ignore[attr-defined]
        page.on("console", lambda m: page.errors.append(m.text) if CSP_BLOCKED in m.text else None)  # type: ignore[attr-defined]
        return page

    yield make
    for context in made:
        context.close()


# A client of the event websocket written by hand, as an attacker would: it speaks Engine.IO /
# Socket.IO directly from the page (so the browser sends its own cookies) and sends crafted events.
RAW_SOCKET = """
async ({events, waitMs}) => {
  const token = crypto.randomUUID();
  const url = location.origin.replace(/^http/, "ws") + "/_event/?EIO=4&transport=websocket&token=" + token;
  const frames = [];
  const ws = new WebSocket(url);
  let opened = false;
  ws.onmessage = async (m) => {
    const d = String(m.data);
    frames.push(d);
    if (d === "2") ws.send("3");
    else if (d.startsWith("0")) ws.send("40/_event,");
    else if (d.startsWith("40/_event")) {
      for (const [event, pause] of events) {
        await new Promise((r) => setTimeout(r, pause));
        ws.send("42/_event," + JSON.stringify(["event", event]));
      }
    }
  };
  const result = await new Promise((resolve) => {
    ws.onopen = () => { opened = true; setTimeout(() => resolve("open"), waitMs); };
    ws.onclose = (e) => resolve(opened ? "open" : "refused:" + e.code);
  });
  ws.close();
  return {result, frames};
}
"""


def crafted(page: Page, events: list[tuple[dict, int]], wait_ms: int = 1500) -> dict:
    return page.evaluate(RAW_SOCKET, {"events": [[e, pause] for e, pause in events], "waitMs": wait_ms})


def event(handler: str, path: str, **payload) -> dict:
    return {"name": handler, "payload": payload, "router_data": {"pathname": path, "asPath": path, "query": {}}}


def state_name(cls_path: str) -> str:
    module, _, name = cls_path.rpartition(".")
    return getattr(__import__(module, fromlist=[name]), name).get_full_name()


# ---------------------------------------------------------------------------- password


def test_password_gate_wrong_right_sign_out_and_socket(browsers, shots):
    page = browsers(signed_in=False)
    page.goto("/chat/ses-anything")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_label("Message", exact=True)).to_have_count(0)  # not the app
    page.screenshot(path=str(shots / "access-sign-in.png"))
    # Without the gate cookie the event websocket does not open: no event reaches a state.
    assert crafted(page, [])["result"].startswith("refused")

    page.get_by_label("Access password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("That password is not right.")
    expect(page.get_by_label("Access password")).to_have_value("")  # never echoed back
    page.screenshot(path=str(shots / "access-sign-in-wrong.png"))

    page.get_by_label("Access password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/chat/ses-anything$"))  # back where the visitor was going
    expect(page.get_by_test_id("not-found")).to_be_visible(timeout=READY_TIMEOUT)
    gate = [c for c in page.context.cookies() if c["name"] == "chat_ui_gate"]
    assert gate and gate[0]["httpOnly"] and gate[0]["sameSite"] == "Lax"
    assert crafted(page, [])["result"] == "open"  # the same client, now signed in

    page.locator(".sidebar").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert crafted(page, [])["result"].startswith("refused")
    assert not page.errors


def test_sign_in_attempts_are_limited_per_address(browsers, shots):
    page = browsers(signed_in=False)
    page.goto("/")
    for _ in range(3):
        page.get_by_label("Access password").fill("guess")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_have_text("That password is not right.")
    page.get_by_label("Access password").fill(PASSWORD)  # even the right one waits now
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Too many sign-in attempts from your address. Try again in")
    page.screenshot(path=str(shots / "access-sign-in-limited.png"))
    other = browsers(signed_in=False)  # another address is not held up
    other.goto("/")
    other.get_by_label("Access password").fill(PASSWORD)
    other.get_by_role("button", name="Sign in").click()
    expect(other.get_by_label("Message", exact=True)).to_be_editable(timeout=READY_TIMEOUT)


# ---------------------------------------------------------------------------- private chats


def test_two_browsers_see_only_their_own_chats(browsers, shots):
    a, b = browsers(), browsers()
    open_ready(a)
    wait_ended(send(a, PROMPT_A))
    a_id = session_id_of(a)
    open_ready(b)
    wait_ended(send(b, PROMPT_B))
    b_id = session_id_of(b)

    for page, mine, theirs in ((a, a_id, b_id), (b, b_id, a_id)):
        sidebar = page.locator(".sidebar")
        expect(sidebar.locator(f'a[href="/chat/{mine}"]')).to_be_visible(timeout=TURN_TIMEOUT)
        expect(sidebar.locator(".session-item")).to_have_count(1)
        page.goto("/history")
        row = page.get_by_test_id("history-row")
        expect(row).to_have_count(1, timeout=READY_TIMEOUT)
        expect(row.locator(f'a[href="/chat/{mine}"]')).to_be_visible()
        expect(row.locator(".tabular").first).to_have_text(re.compile(r"\d"))  # usage as before
        assert theirs not in page.content()

    # B opens A's chat: the not-found page, exactly as for a chat that never existed.
    b.goto(f"/chat/{a_id}")
    expect(b.get_by_test_id("not-found")).to_be_visible(timeout=READY_TIMEOUT)
    expect(b.get_by_test_id("turn")).to_have_count(0)
    foreign = b.locator(".main-column").inner_text()
    b.screenshot(path=str(shots / "access-not-found.png"))
    b.goto("/chat/ses-0123456789abcdef")
    expect(b.get_by_test_id("not-found")).to_be_visible(timeout=READY_TIMEOUT)
    assert b.locator(".main-column").inner_text() == foreign
    assert PROMPT_A not in b.content()

    # A crafted client of B's browser asks for A's session over the websocket and sends into it.
    chat, live = state_name("chat_ui.state.chat.ChatState"), state_name("chat_ui.state.live.LiveState")
    path = f"/chat/{a_id}"
    reply = crafted(b, [
        (event(f"{chat}.open_chat", path), 0),
        (event(f"{live}.follow", path, session_id=a_id, follower_id="guess", skip_turn=""), 300),
        (event(f"{live}.send", path, prompt="Crafted: append this to A's chat"), 800),
    ], wait_ms=6000)
    assert reply["result"] == "open"
    frames = "\n".join(reply["frames"])
    assert '"not_found_rx_state_":true' in frames.replace(" ", "")  # the events did run, and found nothing
    assert PROMPT_A not in frames
    # A's chat is as A left it: one turn, A's own.
    a.goto(path)
    expect(a.get_by_test_id("turn")).to_have_count(1, timeout=READY_TIMEOUT)
    expect(a.get_by_test_id("turn").locator(".user-bubble")).to_have_text(PROMPT_A)
    assert not a.errors and not b.errors


def test_over_the_turn_limit_the_composer_keeps_the_prompt(browsers, shots):
    page = browsers()
    open_ready(page)
    for prompt in (PROMPT_A, "And the travel policy?")[:TURNS_PER_MINUTE]:
        wait_ended(send(page, prompt))
    box = page.get_by_label("Message", exact=True)
    box.fill("And what about remote work?")
    box.press("Enter")
    error = page.locator(".send-error")
    expect(error).to_contain_text(f"You can send {TURNS_PER_MINUTE} messages a minute", timeout=TURN_TIMEOUT)
    expect(error).to_contain_text(re.compile(r"try again in \d+ seconds"))
    expect(box).to_have_value("And what about remote work?")
    expect(page.get_by_test_id("turn")).to_have_count(TURNS_PER_MINUTE)
    page.screenshot(path=str(shots / "access-rate-limited.png"))
    assert not page.errors


# ---------------------------------------------------------------------------- headers, CSP, API


def test_headers_on_every_response_and_the_app_works_under_its_csp(browsers, app, shots):
    page = browsers()
    responses = []
    page.on("response", lambda r: responses.append(r))
    open_ready(page)
    turn = send(page, PROMPT_B)
    wait_ended(turn)
    card = turn.get_by_test_id("screenshot-card").first
    card.locator("summary").click()
    image = card.locator("img.screenshot-img")
    expect(image).to_be_visible(timeout=TURN_TIMEOUT)
    page.wait_for_function("(el) => el.complete && el.naturalWidth > 0", arg=image.element_handle(), timeout=TURN_TIMEOUT)
    assert image.get_attribute("src").startswith(app + "/api/v1/local-files/")
    card.get_by_role("button", name="Enlarge page screenshot").click()
    expect(page.locator(".screenshot-full")).to_be_visible()
    page.wait_for_timeout(400)  # the dialog's opening animation, for a clean picture
    page.screenshot(path=str(shots / "access-csp-screenshot-open.png"))

    served = [r for r in responses if r.url.startswith(app)]
    assert any(r.request.resource_type == "document" for r in served)
    assert any("/api/v1/local-files/" in r.url for r in served)
    for response in served:
        headers = response.all_headers()
        csp = headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "'unsafe-eval'" in csp, response.url
        assert headers.get("x-content-type-options") == "nosniff", response.url
        assert headers.get("referrer-policy") == "no-referrer", response.url
    assert not page.errors, page.errors  # no script or CSP error


def test_the_embedded_api_is_closed_to_the_outside(browsers, app):
    page = browsers()
    open_ready(page)
    wait_ended(send(page, PROMPT_A))
    sid = session_id_of(page)
    with httpx.Client(base_url=app, timeout=10) as outside:
        for method, path in [("GET", "/api/v1/chat"), ("DELETE", f"/api/v1/chat/{sid}"), ("GET", f"/api/v1/chat/{sid}"),
                             ("POST", f"/api/v1/chat/{sid}/messages/stream"), ("GET", "/api/v1/indexes")]:
            reply = outside.request(method, path, headers={"X-Forwarded-For": "203.0.113.50"})
            assert reply.status_code == 403, (method, path, reply.status_code)
            assert sid not in reply.text
    # Not from a signed-in browser either: only the app's own server has the token.
    listed = page.evaluate("async () => { const r = await fetch('/api/v1/chat'); return [r.status, await r.text()]; }")
    assert listed[0] == 403 and sid not in listed[1]
    deleted = page.evaluate(f"async () => (await fetch('/api/v1/chat/{sid}', {{method: 'DELETE'}})).status")
    assert deleted == 403
    page.reload()
    expect(page.get_by_test_id("turn")).to_have_count(1, timeout=READY_TIMEOUT)  # still there


def test_no_secret_in_any_response(browsers, app):
    page = browsers(signed_in=False)
    texts: list[str] = []

    def keep(response):
        texts.append(json.dumps(response.all_headers()))
        try:
            texts.append(response.body().decode("utf-8", "replace"))
        except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
            pass

    page.on("response", keep)
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: texts.append(str(f))))
    page.goto("/")
    page.get_by_label("Access password").fill("wrong " + PASSWORD[:8])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Access password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    box = open_ready(page, "/")
    assert box
    turn = send(page, PROMPT_B)
    wait_ended(turn)
    page.goto("/history")
    expect(page.get_by_test_id("history-row")).to_have_count(1, timeout=READY_TIMEOUT)
    page.wait_for_timeout(500)
    owner = next(c["value"] for c in page.context.cookies() if c["name"] == "chat_ui_owner")
    gate = next(c["value"] for c in page.context.cookies() if c["name"] == "chat_ui_gate")
    everything = "\n".join(texts)
    assert len(texts) > 20
    for name, canary in [("password", PASSWORD), ("API key", API_KEY), ("server secret", SECRET),
                         ("internal API token", internal_token(SECRET))]:
        assert canary not in everything, f"the {name} reached the browser"
    # The HttpOnly cookies are set once by the server and never echoed in a page or a state update.
    bodies_after_sign_in = "\n".join(t for t in texts if "set-cookie" not in t)
    assert owner not in bodies_after_sign_in and gate not in bodies_after_sign_in
