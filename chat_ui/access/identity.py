"""Every browser gets an anonymous owner id, in a signed HttpOnly cookie set by the backend.

Set on a page load. A websocket that arrives without one (a script, or a development server that
serves the page from another port) gets a new owner put into its handshake's own headers, so
the tab's state has one; the cookie rides on the accept too, where the server sends it (uvicorn
does, Granian does not: hence the development beacon).
A Reflex ``rx.Cookie`` could not do this: it is written by JavaScript, so it cannot be HttpOnly.
"""

from __future__ import annotations

from chat_ui.access.asgi import EVENT_PATH, INTERNAL, ASGIApp, Message, Receive, Scope, Send, header, is_page, is_secure, with_headers
from chat_ui.access.cookies import OWNER_COOKIE, OWNER_MAX_AGE_S, new_owner, owner_from_header, set_cookie_header

# Requested by the page in development only (components/owner_beacon.py): it sets the cookie.
OWNER_BEACON_PATH = "/_auth/owner"


class OwnerCookie:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        socket = scope.get("type") == "websocket" and scope.get("path", "").startswith(EVENT_PATH)
        if scope.get(INTERNAL) or not (socket or is_page(scope)):
            return await self.app(scope, receive, send)
        cookies = header(scope, "cookie")
        if owner_from_header(cookies):
            return await self.app(scope, receive, send)
        _, value = new_owner()
        jar = f"{cookies}; {OWNER_COOKIE}={value}" if cookies else f"{OWNER_COOKIE}={value}"
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k != b"cookie"] + [(b"cookie", jar.encode())]}
        set_cookie = ("set-cookie", set_cookie_header(OWNER_COOKIE, value, max_age=OWNER_MAX_AGE_S, secure=is_secure(scope)))

        async def send_with_cookie(message: Message) -> None:
            if message.get("type") in ("http.response.start", "websocket.accept"):
                message = with_headers(message, [set_cookie])
            await send(message)

        await self.app(scope, receive, send_with_cookie)
