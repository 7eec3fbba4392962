"""People signing in, over HTTP, in front of a stand-in for Reflex: company sign-in against a real
OpenID provider (npm ``oidc-provider``, its own login form driven programmatically), and an
authenticating proxy's header from a trusted and an untrusted address. The same transformers the
app hands Reflex; the stand-in answers with the visitor the app would resolve."""

from __future__ import annotations

import re
import time
import warnings
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from chat_ui.access.cookies import OWNER_COOKIE, new_owner
from chat_ui.access.middleware import api_transformers
from chat_ui.access.person import PERSON_COOKIE, Person, person_value
from chat_ui.access.signin_cookie import SESSION_COOKIE
from chat_ui.access.visitor import visitor_from_headers
from chat_ui.store import accounts, owners
from tests.support.oidc_op import CLIENT_ID, CLIENT_SECRET, available, run_provider
from tests.test_access_http import compose

APP = "http://app.test"


def stand_in() -> Starlette:
    """Pages and the event socket, answering with who the app takes the visitor for."""

    def who(headers) -> dict:
        v = visitor_from_headers(headers)
        return {"owner": v.owner, "account": v.account_id, "name": v.name, "email": v.email, "admin": v.is_admin}

    async def page(request):
        return HTMLResponse("<html><body>the app</body></html>")

    async def whoami(request):
        return JSONResponse(who(request.headers))

    async def event(ws: WebSocket):
        await ws.accept()
        await ws.send_json(who(ws.headers))
        await ws.close()

    return Starlette(routes=[Route("/", page), Route("/chat/{sid}", page), Route("/whoami", whoami),
                             Route("/ping", page), WebSocketRoute("/_event/", event)])


def app_client(address: str = "testclient") -> TestClient:
    return TestClient(compose(api_transformers(None), stand_in()), base_url=APP, follow_redirects=False,
                      client=(address, 50000))


# ---------------------------------------------------------------------------- oidc


@pytest.fixture(scope="module")
def op():
    reason = available()
    if reason:
        pytest.skip(reason)
    with run_provider([APP + "/auth/callback"], [APP + "/auth/signed-out"]) as provider:
        yield provider


@pytest.fixture
def oidc_env(op, monkeypatch):
    monkeypatch.setenv("CHAT_UI_AUTH", "oidc")
    monkeypatch.setenv("CHAT_UI_OIDC_ISSUER", op.issuer)
    monkeypatch.setenv("CHAT_UI_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("CHAT_UI_OIDC_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("CHAT_UI_OIDC_SCOPES", "openid email profile groups")
    monkeypatch.setenv("CHAT_UI_PUBLIC_URL", APP)
    monkeypatch.setenv("CHAT_UI_ADMIN_GROUPS", "chat-admins")
    op.set_code_ttl(60)
    op.serve_wrong_keys(False)
    return op


def at_provider(authorize_url: str, who: str, *, cancel: bool = False) -> str:
    """A person at the provider's own login form: the URL it sends the browser back to."""
    with httpx.Client(follow_redirects=False, timeout=10) as browser:
        r = browser.get(authorize_url)
        while r.status_code in (302, 303) and not r.headers["location"].startswith(APP):
            r = browser.get(httpx.URL(str(r.url)).join(r.headers["location"]))
        form = re.search(r'action="([^"]+)"', r.text).group(1)
        if cancel:  # the form's "[ Cancel ]": the person refuses
            abort = re.search(r'href="([^"]*abort[^"]*)"', r.text).group(1)
            r = browser.get(httpx.URL(str(r.url)).join(abort))
        else:
            r = browser.post(httpx.URL(str(r.url)).join(form), data={"prompt": "login", "login": who, "password": "x"})
        while not r.headers.get("location", "").startswith(APP):
            assert r.status_code in (302, 303), r.text[:500]
            r = browser.get(httpx.URL(str(r.url)).join(r.headers["location"]))
        return r.headers["location"]


def start(client: TestClient, next_path: str = "/") -> str:
    r = client.get("/auth/sign-in", params={"next": next_path})
    assert r.status_code == 303, r.text
    return r.headers["location"]


def sign_in(client: TestClient, who: str, next_path: str = "/") -> httpx.Response:
    back = at_provider(start(client, next_path), who)
    return client.get(back.removeprefix(APP))


def not_signed_in(client: TestClient) -> bool:
    """A page load goes to sign-in, as for anyone the gate does not know."""
    r = client.get("/whoami")
    return r.status_code == 303 and r.headers["location"].startswith("/auth/sign-in")


def whoami(client: TestClient) -> dict:
    r = client.get("/whoami")
    assert r.status_code == 200, (r.status_code, r.text[:200])
    return r.json()


def test_the_authorization_request_uses_pkce_s256_state_and_nonce(oidc_env):
    with app_client() as c:
        query = parse_qs(urlsplit(start(c)).query)
    assert query["response_type"] == ["code"] and query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == [APP + "/auth/callback"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert set(query["scope"][0].split()) == {"openid", "email", "profile", "groups"}


def test_two_people_are_two_accounts_and_one_person_in_two_browsers_is_one(oidc_env):
    with app_client() as a, app_client() as b, app_client() as a2:
        back = sign_in(a, "alice", "/chat/s-1")
        assert back.status_code == 303 and back.headers["location"] == "/chat/s-1"
        assert any(c.startswith(SESSION_COOKIE + "=") and "HttpOnly" in c for c in back.headers.get_list("set-cookie"))
        sign_in(b, "bob")
        sign_in(a2, "alice")
        alice, bob, alice2 = whoami(a), whoami(b), whoami(a2)
    assert alice["owner"] == f"acct:{alice['account']}" == alice2["owner"] != bob["owner"]
    assert (alice["name"], alice["email"], alice["admin"]) == ("Alice Admin", "alice@example.test", True)
    assert (bob["name"], bob["email"], bob["admin"]) == ("Bob Builder", "bob@example.test", False)


def test_unsigned_visitors_are_sent_to_sign_in_and_their_socket_is_refused(oidc_env):
    with app_client() as c:
        r = c.get("/chat/abc?x=1")
        assert r.status_code == 303 and r.headers["location"] == "/auth/sign-in?next=/chat/abc%3Fx%3D1"
        assert not_signed_in(c) and c.get("/assets/x.js").status_code == 401
        assert c.get("/ping").status_code == 200  # health checks stay open
        with pytest.raises(WebSocketDisconnect):
            with c.websocket_connect("/_event/"):
                pass
        sign_in(c, "bob")
        # (the test client's websocket does not send its cookie jar: the browser's cookie, by hand)
        jar = "; ".join(f"{k}={v}" for k, v in c.cookies.items())
        with c.websocket_connect("/_event/", headers={"cookie": jar}) as ws:
            assert ws.receive_json()["email"] == "bob@example.test"


def _no_session(r: httpx.Response) -> bool:
    return not any(c.startswith(SESSION_COOKIE + "=") and not c.startswith(SESSION_COOKIE + "=;")
                   for c in r.headers.get_list("set-cookie"))


def test_a_reused_or_unknown_state_is_a_page_with_a_way_back(oidc_env):
    with app_client() as c:
        back = at_provider(start(c, "/chat/s-9"), "alice").removeprefix(APP)
        assert c.get(back).status_code == 303
        c.cookies.clear()
        again = c.get(back)  # the same callback once more (a reload, or a stolen link)
        assert again.status_code == 400 and "This sign-in has expired" in again.text and _no_session(again)
        assert 'href="/auth/sign-in' in again.text
        unknown = c.get("/auth/callback", params={"state": "nope", "code": "x"})
        assert unknown.status_code == 400 and "expired" in unknown.text and _no_session(unknown)


def test_a_callback_started_in_another_browser_is_refused(oidc_env):
    with app_client() as attacker, app_client() as victim:
        back = at_provider(start(attacker), "bob").removeprefix(APP)
        r = victim.get(back)  # login CSRF: the attacker's code in the victim's browser
        assert r.status_code == 400 and _no_session(r)
        assert attacker.get(back).status_code == 303  # still good for the browser that started it


def test_the_provider_refusing_is_a_page_and_no_session(oidc_env):
    with app_client() as c:
        back = at_provider(start(c, "/chat/s-2"), "alice", cancel=True)
        assert "error=access_denied" in back
        r = c.get(back.removeprefix(APP))
        assert r.status_code == 403 and "Sign-in was refused" in r.text and _no_session(r)
        assert 'href="/auth/sign-in?next=/chat/s-2"' in r.text
        assert not_signed_in(c)


def test_an_expired_code_is_a_page_and_no_session(oidc_env):
    oidc_env.set_code_ttl(1)
    with app_client() as c:
        back = at_provider(start(c), "alice")
        time.sleep(2.2)
        r = c.get(back.removeprefix(APP))
    assert r.status_code == 400 and "no longer accepts" in r.text and _no_session(r)


def test_a_token_signed_by_other_keys_fails_validation(oidc_env):
    oidc_env.serve_wrong_keys(True)
    with app_client() as c:
        r = sign_in(c, "alice")
        assert r.status_code == 400 and "could not be verified" in r.text and _no_session(r)
        assert not_signed_in(c)


def test_the_provider_away_is_a_page_and_people_signed_in_go_on(oidc_env, monkeypatch):
    with app_client() as signed, app_client() as newcomer:
        sign_in(signed, "alice")
        from chat_ui.access import oidc
        from tests.support.servers import free_port

        oidc.forget_provider()
        monkeypatch.setenv("CHAT_UI_OIDC_ISSUER", f"http://127.0.0.1:{free_port()}")
        r = newcomer.get("/auth/sign-in", params={"next": "/chat/s-3"})
        assert r.status_code == 503 and "cannot be reached" in r.text and 'href="/auth/sign-in?next=/chat/s-3"' in r.text
        assert whoami(signed)["email"] == "alice@example.test"


def test_a_tampered_or_foreign_session_cookie_is_refused(oidc_env):
    with app_client() as c:
        sign_in(c, "alice")
        value = c.cookies[SESSION_COOKIE]
        c.cookies.set(SESSION_COOKIE, value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
        assert not_signed_in(c)
        c.cookies.set(SESSION_COOKIE, "bm90LW91cnM.c2lnbmVk")  # signed by someone else
        assert not_signed_in(c)


def test_a_forged_person_cookie_never_names_anyone(oidc_env, monkeypatch):
    forged = person_value(Person("someone", "Someone", "s@x.test", True, time.time() + 600))
    with app_client() as c:
        c.cookies.set(PERSON_COOKIE, forged)
        assert not_signed_in(c)  # oidc: the gate drops it, nobody is signed in
    monkeypatch.setenv("CHAT_UI_AUTH", "none")
    with app_client() as c:
        c.cookies.set(PERSON_COOKIE, forged)
        assert whoami(c)["account"] == ""


async def test_sign_out_ends_the_session_and_uses_the_providers_end_session(oidc_env):
    with app_client() as c, app_client() as other:
        sign_in(c, "alice")
        sign_in(other, "alice")
        kept = c.cookies[SESSION_COOKIE]
        assert c.get("/auth/sign-out").status_code == 303 and whoami(c)["email"]  # a link or prefetch: nothing
        r = c.post("/auth/sign-out")
        assert r.status_code == 303
        end = urlsplit(r.headers["location"])
        assert f"{end.scheme}://{end.netloc}{end.path}" == oidc_env.issuer + "/session/end"
        query = parse_qs(end.query)
        assert query["post_logout_redirect_uri"] == [APP + "/auth/signed-out"] and query["id_token_hint"][0].count(".") == 2
        assert not_signed_in(c)
        c.cookies.set(SESSION_COOKIE, kept)  # the old cookie, replayed: its session is gone
        assert not_signed_in(c)
        assert whoami(other)["email"] == "alice@example.test"  # her other browser's own session
        page = c.get("/auth/signed-out")
        assert page.status_code == 200 and "You are signed out" in page.text


async def test_a_browsers_anonymous_chats_move_to_the_first_account_once(oidc_env):
    anonymous, value = new_owner()
    await owners.claim(anonymous, "s-anon")
    with app_client() as c:
        c.cookies.set(OWNER_COOKIE, value)
        sign_in(c, "alice")
        alice = whoami(c)
        assert await owners.owns(alice["owner"], "s-anon") and not await owners.owns(anonymous, "s-anon")
        c.post("/auth/sign-out")
        sign_in(c, "bob")
        bob = whoami(c)
    assert await owners.count(bob["owner"]) == 0 and await owners.owns(alice["owner"], "s-anon")


async def test_the_admin_role_is_read_again_at_each_sign_in(oidc_env, monkeypatch):
    with app_client() as c:
        sign_in(c, "alice")
        assert whoami(c)["admin"] is True
    monkeypatch.setenv("CHAT_UI_ADMIN_GROUPS", "")
    monkeypatch.setenv("CHAT_UI_ADMIN_EMAILS", "bob@example.test")
    with app_client() as c, app_client() as b:
        sign_in(c, "alice")
        sign_in(b, "bob")
        alice, bob = whoami(c), whoami(b)
    assert alice["admin"] is False and bob["admin"] is True
    assert (await accounts.get(alice["account"])).is_admin is False


# ---------------------------------------------------------------------------- header


@pytest.fixture
def header_env(monkeypatch):
    monkeypatch.setenv("CHAT_UI_AUTH", "header")
    monkeypatch.setenv("CHAT_UI_AUTH_NAME_HEADER", "X-Auth-Request-User")
    monkeypatch.setenv("CHAT_UI_AUTH_GROUPS_HEADER", "X-Auth-Request-Groups")
    monkeypatch.setenv("CHAT_UI_ADMIN_GROUPS", "chat-admins")


NAMED = {"X-Auth-Request-Email": "Dana@Example.test", "X-Auth-Request-User": "Dana Diaz",
         "X-Auth-Request-Groups": "staff,chat-admins"}


def test_a_trusted_proxy_names_the_person(header_env):
    with app_client("127.0.0.1") as c:
        dana = c.get("/whoami", headers=NAMED).json()
        with c.websocket_connect("/_event/", headers=NAMED) as ws:
            assert ws.receive_json() == dana
        again = c.get("/whoami", headers={"X-Auth-Request-Email": "dana@example.test"}).json()
    assert dana["owner"] == f"acct:{dana['account']}" == again["owner"]
    assert (dana["name"], dana["email"], dana["admin"]) == ("Dana Diaz", "dana@example.test", True)
    assert again["admin"] is False  # the groups the proxy sends now: the role is read again


def test_a_header_from_an_untrusted_address_is_ignored(header_env):
    with app_client("10.9.9.9") as c:
        r = c.get("/chat/x", headers=NAMED)
        assert r.status_code == 401 and "You are not signed in" in r.text and 'href="/chat/x"' in r.text
        assert c.get("/whoami", headers=NAMED).status_code == 401
        with pytest.raises(WebSocketDisconnect):
            with c.websocket_connect("/_event/", headers=NAMED):
                pass


def test_trusted_proxies_are_the_configured_cidrs(header_env, monkeypatch):
    monkeypatch.setenv("CHAT_UI_TRUSTED_PROXIES", "10.0.0.0/8")
    with app_client("10.9.9.9") as inside, app_client("127.0.0.1") as loopback:
        assert inside.get("/whoami", headers=NAMED).json()["email"] == "dana@example.test"
        assert loopback.get("/whoami", headers=NAMED).status_code == 401


def test_header_sign_out_goes_to_the_proxy(header_env):
    with app_client("127.0.0.1") as c:
        r = c.post("/auth/sign-out", headers=NAMED)
    assert r.status_code == 303 and r.headers["location"] == "/oauth2/sign_out"
