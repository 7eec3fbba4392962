"""The access layer in front of the app, over HTTP and websockets: security headers on every
response, the owner cookie, the embedded API refused from outside, and the password gate. The
same transformers the app hands Reflex wrap the real local API and a stand-in for Reflex."""

from __future__ import annotations

import re
import warnings

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

with warnings.catch_warnings():  # Starlette 1.x would rather drive it with httpx2; httpx is what we have
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from chat_ui.access.cookies import GATE_COOKIE, OWNER_COOKIE, owner_from_header
from chat_ui.access.middleware import api_transformers
from chat_ui.access.secret import internal_api_token
from chat_ui.local.app import create_app
from tests.conftest import local_settings

PASSWORD = "s3cret-Pa55word"


def reflex_stand_in() -> Starlette:
    """Pages, a static file and the event socket, where Reflex would serve them."""

    async def page(request):
        return HTMLResponse("<html><body>the app</body></html>")

    async def asset(request):
        return JSONResponse({"asset": True})

    async def event(ws: WebSocket):
        await ws.accept()
        await ws.send_json({"cookie": ws.headers.get("cookie", "")})
        await ws.close()

    return Starlette(routes=[Route("/", page), Route("/chat/{sid}", page), Route("/assets/app.js", asset),
                             Route("/ping", page), WebSocketRoute("/_event/", event)])


def compose(transformers, inner):
    """What ``rx.App`` does with ``api_transformer``: mount into Starlette apps, wrap with the rest."""
    app = inner
    for item in transformers:
        if isinstance(item, Starlette):
            item.mount("", app)
            app = item
        else:
            app = item(app)
    return app


@pytest.fixture
def client(tmp_path):
    app = compose(api_transformers(create_app(local_settings(tmp_path))), reflex_stand_in())
    with TestClient(app, base_url="http://testserver") as c:
        yield c


def set_cookies(response) -> list[str]:
    return response.headers.get_list("set-cookie")


# ---------------------------------------------------------------------------- headers


def test_every_response_carries_the_security_headers(client):
    for response in (client.get("/"), client.get("/assets/app.js"), client.get("/api/v1/chat"), client.get("/nope"),
                     client.get("/api/v1/chat", headers={"Authorization": f"Bearer {internal_api_token()}"})):
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "'unsafe-eval'" in csp and "default-src 'self'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


# ---------------------------------------------------------------------------- owner


def test_a_page_load_sets_a_signed_httponly_owner_cookie_once(client):
    first = client.get("/")
    (cookie,) = set_cookies(first)
    assert cookie.startswith(f"{OWNER_COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert owner_from_header(cookie.split(";")[0])
    assert set_cookies(client.get("/chat/x")) == []  # the browser sent it back: kept
    assert set_cookies(client.get("/assets/app.js")) == []


def test_the_development_beacon_hands_out_the_cookie(client):
    """``make dev`` serves pages from another port; one image request to the backend sets it."""
    from chat_ui.access.identity import OWNER_BEACON_PATH

    (cookie,) = set_cookies(client.get(OWNER_BEACON_PATH))
    assert cookie.startswith(f"{OWNER_COOKIE}=")


def test_a_forged_owner_cookie_is_replaced(client):
    client.cookies.set(OWNER_COOKIE, "made-up-owner")
    (cookie,) = set_cookies(client.get("/"))
    assert "made-up-owner" not in cookie and owner_from_header(cookie.split(";")[0])


def test_the_event_socket_without_a_cookie_sees_the_one_it_is_given(client):
    with client.websocket_connect("/_event/") as ws:
        seen = ws.receive_json()["cookie"]
    assert owner_from_header(seen)


# ---------------------------------------------------------------------------- embedded API


def test_the_embedded_api_refuses_requests_from_outside(client):
    created = client.post("/api/v1/chat", json={"index_ids": None}, headers={"Authorization": f"Bearer {internal_api_token()}"})
    assert created.status_code == 201
    sid = created.json()["session_id"]
    for method, path in [("GET", "/api/v1/chat"), ("POST", "/api/v1/chat"), ("GET", f"/api/v1/chat/{sid}"),
                         ("DELETE", f"/api/v1/chat/{sid}"), ("GET", f"/api/v1/chat/{sid}/summary"),
                         ("POST", f"/api/v1/chat/{sid}/messages/stream"), ("GET", "/api/v1/indexes"),
                         ("GET", "/api/v1/beta/attachments/screenshots%2Fpage_1.jpg?source_id=x")]:
        for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {internal_api_token()}x"}):
            response = client.request(method, path, headers=auth)
            assert response.status_code == 403, (method, path, auth)
            assert sid not in response.text
    assert client.get(f"/api/v1/chat/{sid}", headers={"Authorization": f"Bearer {internal_api_token()}"}).status_code == 200


def test_signed_screenshots_stay_reachable_from_the_browser(client):
    internal = {"Authorization": f"Bearer {internal_api_token()}"}
    indexes = client.get("/api/v1/indexes", headers=internal).json()["items"]
    assert indexes
    from chat_ui.local.corpus import Corpus
    from chat_ui.local.settings import DEFAULT_CORPUS

    corpus = Corpus(DEFAULT_CORPUS)
    source = next(s.source_id for s in corpus.sources.values() if s.pages)
    signed = client.get("/api/v1/beta/attachments/screenshots%2Fpage_1.jpg", params={"source_id": source}, headers=internal)
    assert signed.status_code == 200
    path = re.sub(r"^https?://[^/]+", "", signed.json()["url"])
    image = client.get(path)  # no token: the browser's request
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert client.get(path.replace("sig=", "sig=0")).status_code == 403


# ---------------------------------------------------------------------------- password


@pytest.fixture
def gated(client, monkeypatch):
    monkeypatch.setenv("CHAT_UI_PASSWORD", PASSWORD)
    monkeypatch.setenv("CHAT_UI_SIGNIN_PER_MINUTE", "3")
    return client


def sign_in(client, password: str, next_path: str = "/"):
    return client.post("/_auth/sign-in", data={"password": password, "next": next_path}, follow_redirects=False)


def test_without_the_password_every_page_is_the_sign_in_page(gated):
    for path in ("/", "/chat/ses-123", "/history"):
        response = gated.get(path)
        assert response.status_code == 200 and "Access password" in response.text and "the app" not in response.text
        assert f'value="{path}"' in response.text  # where to return after signing in
    assert gated.get("/assets/app.js").status_code == 401
    assert gated.get("/ping").status_code == 200  # health checks stay open
    with pytest.raises(WebSocketDisconnect):
        with gated.websocket_connect("/_event/") as ws:
            ws.receive_json()


def test_wrong_then_right_password_then_sign_out(gated):
    wrong = sign_in(gated, "guess")
    assert wrong.status_code == 401 and "not right" in wrong.text
    assert not any(c.startswith(GATE_COOKIE) for c in set_cookies(wrong))
    right = sign_in(gated, PASSWORD, "/chat/ses-123")
    assert right.status_code == 303 and right.headers["location"] == "/chat/ses-123"
    (gate,) = [c for c in set_cookies(right) if c.startswith(GATE_COOKIE)]
    assert "HttpOnly" in gate and "SameSite=Lax" in gate
    assert gated.get("/").text == "<html><body>the app</body></html>"
    with gated.websocket_connect("/_event/") as ws:
        assert owner_from_header(ws.receive_json()["cookie"])
    out = gated.post("/_auth/sign-out", follow_redirects=False)
    assert out.status_code == 303 and any(c.startswith(f"{GATE_COOKIE}=;") and "Max-Age=0" in c for c in set_cookies(out))
    assert "Access password" in gated.get("/").text


def test_sign_in_attempts_are_limited_per_address(gated):
    for _ in range(3):
        assert sign_in(gated, "guess").status_code == 401
    limited = sign_in(gated, PASSWORD)  # even the right one, until the window passes
    assert limited.status_code == 429 and "Try again in" in limited.text and int(limited.headers["retry-after"]) > 0
    assert "Access password" in gated.get("/").text


def test_sign_in_goes_back_only_to_this_site(gated):
    assert sign_in(gated, PASSWORD, "https://evil.example/").headers["location"] == "/"
    assert sign_in(gated, PASSWORD, "//evil.example/").headers["location"] == "/"


def raw_sign_in(client, encoded_next: str):
    """The form body exactly as a browser would send it (``encoded_next`` already %-encoded)."""
    body = f"password={PASSWORD}&next={encoded_next}"
    return client.post("/_auth/sign-in", content=body, follow_redirects=False,
                       headers={"content-type": "application/x-www-form-urlencoded"})


@pytest.mark.parametrize("encoded_next", [
    "/%09/evil.example/x",  # a browser drops the tab: //evil.example/x
    "/%0A/evil.example", "/%0D%0A/evil.example", "%09//evil.example", "/%7F/evil.example",
    "/%5Cevil.example", "%5C%5Cevil.example", "https://evil.example", "https:/evil.example",
    "javascript:alert(1)",
])
def test_sign_in_never_returns_to_a_url_a_browser_reads_as_another_host(gated, encoded_next):
    response = raw_sign_in(gated, encoded_next)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_a_tab_in_the_visited_path_does_not_lead_off_site_after_sign_in(gated):
    """The attack as a link: the sign-in page keeps the visited path to return to."""
    page = gated.get("/%09/evil.example/x")
    assert "Access password" in page.text
    kept = re.search(r'name="next" value="([^"]*)"', page.text).group(1)
    assert sign_in(gated, PASSWORD, kept).headers["location"] == "/"


def test_sign_in_keeps_a_path_on_this_site(gated):
    assert raw_sign_in(gated, "/chat/ses-1%3Fx%3D1").headers["location"] == "/chat/ses-1?x=1"


def test_sign_in_returns_to_a_path_with_letters_beyond_ascii(gated):
    """A header is bytes: the path goes back %-encoded, not as a server error after the right password."""
    page = gated.get("/chat/%E6%97%A5%C3%A9")
    kept = re.search(r'name="next" value="([^"]*)"', page.text).group(1)
    response = sign_in(gated, PASSWORD, kept)
    assert response.status_code == 303 and response.headers["location"] == "/chat/%E6%97%A5%C3%A9"


def test_the_password_never_appears_in_a_response(gated):
    bodies = [gated.get("/").text, sign_in(gated, "guess").text, sign_in(gated, PASSWORD + "x").text]
    ok = sign_in(gated, PASSWORD)
    bodies += [ok.text, *ok.headers.values(), gated.get("/").text]
    assert not any(PASSWORD in b for b in bodies)


def test_the_apps_own_client_passes_the_gate(gated):
    """The app's client carries its token, not the browser's gate cookie."""
    response = gated.get("/api/v1/indexes", headers={"Authorization": f"Bearer {internal_api_token()}"})
    assert response.status_code == 200 and response.json()["items"]
