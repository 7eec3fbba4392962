"""Guests of a link shared with anyone, past a deployment's gate, for that page alone.

Where the deployment has a gate (a password, sign-in), a visitor who has not passed it may still
open a link shared with "anyone with the link" (``CHAT_UI_PUBLIC_SHARES=1``). The gate asks
:func:`admit` before it refuses a request, which lets through, and only while the link is alive
and public:

- the link's page itself (it sets a signed cookie naming the links this browser opened as a guest);
- with that cookie: the app's static files, the embedded API's signed screenshot images, and the
  event websocket, marked as a guest's (:data:`~chat_ui.access.visitor.GUEST_HEADER`, set here and
  never taken from the client).

A guest's websocket reaches only the handlers a shared page needs (:class:`GuestEvents`, an event
middleware that drops every other event before it runs), and a page screenshot only if the link
shows it. Everything the handlers read is checked again by their own policy
(:func:`chat_ui.sharing.policy.may_open`): a guest is never a member.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from itsdangerous import BadSignature, Signer
from reflex.middleware import Middleware
from reflex_base.event import Event
from reflex_base.utils.format import format_event_handler

from chat_ui.access.asgi import EVENT_PATH, ASGIApp, Message, Receive, Scope, Send, header, is_page, is_secure, with_headers
from chat_ui.access.cookies import parse_cookies, set_cookie_header
from chat_ui.access.internal import PUBLIC_PREFIX
from chat_ui.access.secret import derived_key
from chat_ui.access.visitor import GUEST_HEADER, visitor_of
from chat_ui.sharing.policy import is_public
from chat_ui.sharing.snapshot import open_share, share_id_from_path
from chat_ui.store import shares

GUEST_COOKIE = "chat_ui_guest"
GUEST_MAX_AGE_S = 30 * 24 * 3600
KEPT_LINKS = 8  # links one browser holds as a guest at once

log = logging.getLogger(__name__)


def _signer() -> Signer:
    return Signer(derived_key("guest-cookie"), salt="chat_ui.guest")


def links_of(cookie_header: str) -> list[str]:
    """The links this browser opened as a guest (its signed cookie), newest first."""
    value = parse_cookies(cookie_header).get(GUEST_COOKIE, "")
    if not value:
        return []
    try:
        return [i for i in _signer().unsign(value).decode().split(".") if i][:KEPT_LINKS]
    except BadSignature:
        return []


def _cookie(links: list[str], secure: bool) -> str:
    value = _signer().sign(".".join(links[:KEPT_LINKS])).decode()
    return set_cookie_header(GUEST_COOKIE, value, max_age=GUEST_MAX_AGE_S, secure=secure)


def _marked(scope: Scope, links: Iterable[str]) -> Scope:
    headers = [(k, v) for k, v in scope.get("headers", []) if k != GUEST_HEADER.encode()]
    return {**scope, "headers": [*headers, (GUEST_HEADER.encode(), ",".join(links).encode())]}


async def _public(share_id: str) -> bool:
    share = await shares.get(share_id)
    return share is not None and is_public(share)


def _a_file(scope: Scope) -> bool:
    """A static file of the app (its name has a dot), or a signed screenshot image."""
    path = scope.get("path", "")
    if scope.get("method") not in ("GET", "HEAD"):
        return False
    return path.startswith(PUBLIC_PREFIX) or (not path.startswith("/api/") and "." in path.rsplit("/", 1)[-1])


async def admit(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> bool:
    """Serve the request as a guest's if a public link allows it; False when it does not (the
    gate then refuses it as before). Never raises for a request it cannot place."""
    kind = scope.get("type")
    cookie = header(scope, "cookie")
    try:
        if kind == "http" and is_page(scope):
            share_id = share_id_from_path(scope.get("path", ""))
            if not share_id or not await _public(share_id):
                return False
            links = [share_id, *(i for i in links_of(cookie) if i != share_id)]
            set_cookie = ("set-cookie", _cookie(links, is_secure(scope)))

            async def send_with_cookie(message: Message) -> None:
                if message.get("type") == "http.response.start":
                    message = with_headers(message, [set_cookie])
                await send(message)

            await app(_marked(scope, links), receive, send_with_cookie)
            return True
        socket = kind == "websocket" and scope.get("path", "").startswith(EVENT_PATH)
        if not (socket or (kind == "http" and _a_file(scope))):
            return False
        links = [i for i in links_of(cookie) if await _public(i)]
    except Exception:  # noqa: BLE001 - the store away: no guest gets in, the gate answers as usual
        log.exception("could not check a shared link for a guest")
        return False
    if not links:
        return False
    await app(_marked(scope, links), receive, send)
    return True


# ---------------------------------------------------------------------------- events


def _names() -> frozenset[str]:
    """The handlers a shared page runs: Reflex's own page plumbing, the page's load and watch, the
    citation dialog, the raw view, the page screenshots."""
    import reflex as rx
    from reflex.state import FrontendEventExceptionState, OnLoadInternalState, UpdateVarsInternalState

    from chat_ui.state.citations import CitationState
    from chat_ui.state.raw import RawState
    from chat_ui.state.shared import SharedViewState

    handlers = [
        rx.State.hydrate, rx.State.hydrate_and_load, rx.State.set_is_hydrated, OnLoadInternalState.on_load_internal,
        OnLoadInternalState.set_is_hydrated, UpdateVarsInternalState.update_vars_internal,
        FrontendEventExceptionState.handle_frontend_exception,
        SharedViewState.open, SharedViewState.watch, CitationState.show, CitationState.set_open,
        RawState.load, RawState.turn_page, *_screenshot_handlers(),
    ]
    return frozenset(format_event_handler(h) for h in handlers)


def _screenshot_handlers() -> list:
    from chat_ui.state.screenshots import ScreenshotState

    return [ScreenshotState.resolve, ScreenshotState.image_failed]


class GuestEvents(Middleware):
    """Drops every event of a guest's websocket that a shared page does not send, before it runs;
    a page screenshot a guest asks for must be one its link shows."""

    def __init__(self) -> None:
        self._allowed: frozenset[str] | None = None
        self._screenshots: frozenset[str] | None = None

    async def preprocess(self, app: Any, state: Any, event: Event) -> Any:
        headers = (state.router_data or {}).get("headers") or {}
        if not headers.get(GUEST_HEADER):
            return None
        if self._allowed is None:
            self._allowed = _names()
            self._screenshots = frozenset(format_event_handler(h) for h in _screenshot_handlers())
        from reflex.state import StateUpdate

        if event.name not in self._allowed:
            log.warning("dropped a guest's event %s", event.name.rsplit(".", 1)[-1])
            return StateUpdate()
        if event.name in self._screenshots and not await self._shows(state, event.payload):
            return StateUpdate()
        return None

    @staticmethod
    async def _shows(state: Any, payload: dict[str, Any]) -> bool:
        image = (payload.get("source_id"), payload.get("attachment_name"))
        shared = await open_share(visitor_of(state.router), share_id_from_path(state.router.url.path))
        return shared is not None and image in shared.images
