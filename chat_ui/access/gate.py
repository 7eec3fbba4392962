"""The optional access password (``CHAT_UI_PASSWORD``).

Until it is given, every page is the sign-in page, every other request is refused, and the
event websocket is closed before it opens, so no event of the client reaches a state. Wrong
attempts and right ones alike count against a per-address limit. A right one sets the signed
gate cookie; signing out clears it (the owner cookie stays, so the same chats come back). The
password is compared in constant time and never written to a log, a page or a response.
"""

from __future__ import annotations

import hmac
import math
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, quote, urlsplit

from chat_ui.access.asgi import (
    HEALTH_PATHS, INTERNAL, ASGIApp, Receive, Scope, Send, client_address, header, is_page, is_secure,
    refuse_websocket, respond,
)
from chat_ui.access.cookies import GATE_COOKIE, GATE_MAX_AGE_S, gate_open, gate_value, set_cookie_header
from chat_ui.access.limits import get_limiter
from chat_ui.access.settings import settings
from chat_ui.access.signin_page import SIGN_IN_PATH, SIGN_OUT_PATH, sign_in_html
from chat_ui.i18n import t
from chat_ui.i18n.request import scope_lang

MAX_FORM_BYTES = 4096
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"


async def say(send: Send, status: int, lang: str, key: str, headers: list[tuple[str, str]] = (), **params) -> None:
    """A plain-text refusal in the reader's language (``key`` in the catalogs)."""
    await respond(send, status, t(lang, key, **params).encode(), TEXT, [("content-language", lang), *headers])


async def page(send: Send, status: int, lang: str, body: bytes, headers: list[tuple[str, str]] = ()) -> None:
    """One of the server's own pages, rendered in ``lang``."""
    await respond(send, status, body, HTML, [("content-language", lang), ("vary", "accept-language, cookie"), *headers])


def safe_next(value: str) -> str:
    """Only a path on this site: never another host (``//evil``, ``/\\evil``, ``https:``), nor
    anything a browser would turn into one: it drops tabs and newlines from a URL (``/<tab>/evil``
    is ``//evil``) and reads a backslash as a slash."""
    if (
        any(c < " " or c == "\x7f" for c in value) or "\\" in value
        or not value.startswith("/") or value.startswith("//") or value.startswith(("/_auth/", "/auth/"))
    ):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    # The Location header is latin-1 bytes: letters beyond ASCII go back %-encoded (UTF-8), as a browser sends them.
    return "".join(c if c.isascii() else quote(c) for c in value)


def _here(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return scope.get("path", "/") + (f"?{query}" if query else "")


async def _form(receive: Receive) -> dict[str, str] | None:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if len(body) > MAX_FORM_BYTES:
            return None
        if not message.get("more_body"):
            break
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


# Asked before the gate refuses a request: serves it itself (and says True) when something other
# than the password lets it in, such as a link shared with anyone (``chat_ui.sharing.guest.admit``).
Admit = Callable[[ASGIApp, Scope, Receive, Send], Awaitable[bool]]


class PasswordGate:
    def __init__(self, app: ASGIApp, admit: Admit | None = None) -> None:
        self.app = app
        self.admit = admit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        s = settings()
        password = s.password if s.auth == "password" else ""
        kind = scope.get("type")
        if not password or kind not in ("http", "websocket") or scope.get(INTERNAL):
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if kind == "http" and path == SIGN_IN_PATH:
            return await self._sign_in(scope, receive, send, password)
        if kind == "http" and path == SIGN_OUT_PATH:
            return await self._sign_out(scope, send)
        if path in HEALTH_PATHS or gate_open(header(scope, "cookie"), password):
            return await self.app(scope, receive, send)
        if self.admit is not None and await self.admit(self.app, scope, receive, send):
            return None
        if kind == "websocket":
            return await refuse_websocket(receive, send)
        lang = scope_lang(scope)
        if is_page(scope):
            return await page(send, 200, lang, sign_in_html(_here(scope), lang=lang))
        await say(send, 401, lang, "server.sign_in_first")

    async def _sign_in(self, scope: Scope, receive: Receive, send: Send, password: str) -> None:
        lang = scope_lang(scope)
        if scope.get("method") != "POST":
            return await page(send, 200, lang, sign_in_html("/", lang=lang))
        form = await _form(receive)
        if form is None:
            return await say(send, 413, lang, "server.too_large")
        next_path = safe_next(form.get("next", "/"))
        limit = settings().signin_per_minute
        wait = await get_limiter().hit(f"signin:{client_address(scope)}", limit, 60.0)
        if wait:
            seconds = max(1, math.ceil(wait))
            error = t(lang, "signin.too_many", count=seconds)
            return await page(send, 429, lang, sign_in_html(next_path, error, lang), [("retry-after", str(seconds))])
        if not hmac.compare_digest(form.get("password", "").encode(), password.encode()):
            return await page(send, 401, lang, sign_in_html(next_path, t(lang, "signin.wrong"), lang))
        cookie = set_cookie_header(GATE_COOKIE, gate_value(password), max_age=GATE_MAX_AGE_S, secure=is_secure(scope))
        await respond(send, 303, b"", "text/plain", [("location", next_path), ("set-cookie", cookie)])

    async def _sign_out(self, scope: Scope, send: Send) -> None:
        if scope.get("method") != "POST":  # never on a link or a prefetch
            return await respond(send, 303, b"", "text/plain", [("location", "/")])
        cookie = set_cookie_header(GATE_COOKIE, "", max_age=0, secure=is_secure(scope))
        await respond(send, 303, b"", "text/plain", [("location", "/"), ("set-cookie", cookie)])
