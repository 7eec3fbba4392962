"""Guests of a link shared with anyone, at the deployment's password gate: let through for that
link's page, the app's files and a websocket marked as a guest's, while the link is alive and
public; everything else meets the gate as before. The shared page carries noindex and the
security headers."""

from __future__ import annotations

import asyncio

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from chat_ui.access.middleware import api_transformers
from chat_ui.access.visitor import GUEST_HEADER
from chat_ui.sharing import guest
from chat_ui.store import shares
from tests.test_access_http import compose

PASSWORD = "s3cret-Pa55word"


def stand_in() -> Starlette:
    """Where Reflex would serve the pages, a static file and the event socket (which says what
    guest mark its handshake carried)."""

    async def page(request):
        return HTMLResponse(f"<html><body>the app {request.headers.get(GUEST_HEADER, '')}</body></html>")

    async def event(ws: WebSocket):
        await ws.accept()
        await ws.send_json({"guest": ws.headers.get(GUEST_HEADER, "")})
        await ws.close()

    return Starlette(routes=[Route("/chat/{sid}", page), Route("/shared/{sid}", page),
                             Route("/assets/app.js", lambda r: JSONResponse({"asset": True})),
                             WebSocketRoute("/_event/", event)])


@pytest.fixture
def links(monkeypatch):
    monkeypatch.setenv("CHAT_UI_PASSWORD", PASSWORD)
    monkeypatch.setenv("CHAT_UI_PUBLIC_SHARES", "1")

    async def make():
        public = await shares.put("o", "ses-1", audience="anyone", title="T", shared_by="", turns=1, snapshot="{}")
        people = await shares.put("o", "ses-2", audience="people", title="T", shared_by="", turns=1, snapshot="{}")
        return public.id, people.id

    return asyncio.run(make())


@pytest.fixture
def client():
    app = compose(api_transformers(None, admit=guest.admit), stand_in())
    with TestClient(app, base_url="http://testserver") as c:
        yield c


def socket_guest(client) -> str | None:
    try:
        with client.websocket_connect("/_event/", headers={GUEST_HEADER: "forged"}) as ws:
            return ws.receive_json()["guest"]
    except WebSocketDisconnect:
        return None


def test_a_public_link_lets_its_guest_through_for_that_link_alone(client, links):
    public, people = links
    assert socket_guest(client) is None and client.get("/assets/app.js").status_code == 401  # no guest yet
    page = client.get(f"/shared/{public}", headers={GUEST_HEADER: "forged"})
    assert page.status_code == 200 and f"the app {public}" in page.text
    assert "chat_ui_guest=" in page.headers["set-cookie"] and "HttpOnly" in page.headers["set-cookie"]
    assert page.headers["x-robots-tag"] == "noindex, nofollow" and "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert client.get("/assets/app.js").status_code == 200
    assert socket_guest(client) == public, "the mark is the gate's, never the client's"
    for refused in (f"/shared/{people}", "/chat/ses-1", "/shared/unknown"):
        reply = client.get(refused)
        assert reply.status_code == 200 and 'name="password"' in reply.text, refused  # the sign-in page, then back
        assert f'value="{refused}"' in reply.text
    assert client.post("/assets/app.js").status_code == 401


def test_a_stopped_or_no_longer_public_link_lets_nobody_through(client, links, monkeypatch):
    public, _ = links
    assert client.get(f"/shared/{public}").status_code == 200
    asyncio.run(shares.set_audience("o", public, "people"))
    assert socket_guest(client) is None and client.get("/assets/app.js").status_code == 401
    asyncio.run(shares.set_audience("o", public, "anyone"))
    assert socket_guest(client) == public
    monkeypatch.delenv("CHAT_UI_PUBLIC_SHARES")
    assert socket_guest(client) is None
    monkeypatch.setenv("CHAT_UI_PUBLIC_SHARES", "1")
    asyncio.run(shares.stop("o", public))
    assert socket_guest(client) is None and "password" in client.get(f"/shared/{public}").text


def test_a_forged_guest_cookie_is_no_guest(client, links):
    public, _ = links
    client.cookies.set(guest.GUEST_COOKIE, public)
    assert socket_guest(client) is None


def test_a_member_is_never_marked_a_guest(client, links):
    public, _ = links
    assert client.get(f"/shared/{public}").status_code == 200  # holds a guest cookie ...
    assert client.post("/_auth/sign-in", data={"password": PASSWORD, "next": "/"}, follow_redirects=False).status_code == 303
    assert socket_guest(client) == "forged"  # ... and passed the gate: its own header, never our mark
    assert "the app " in client.get(f"/shared/{public}").text
