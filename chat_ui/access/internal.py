"""The embedded API, when mounted into the app, answers only the app itself.

Its routes would otherwise be public at the app's origin (list every session, delete any). The
app's own client sends a bearer token derived from the server-side secret; every ``/api/`` request
without it is refused. Only the signed screenshot images stay reachable from the browser: their
URLs carry their own HMAC signature and expiry.
"""

from __future__ import annotations

import hmac
import json

from chat_ui.access.asgi import INTERNAL, ASGIApp, Receive, Scope, Send, header, respond
from chat_ui.access.secret import internal_api_token

API_PREFIX = "/api/"
PUBLIC_PREFIX = "/api/v1/local-files/"
REFUSED = json.dumps({"detail": "Not allowed: this API serves the app only."}).encode()


class InternalOnly:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope.get("type") != "http" or not path.startswith(API_PREFIX) or path.startswith(PUBLIC_PREFIX):
            return await self.app(scope, receive, send)
        given = header(scope, "authorization")
        if not hmac.compare_digest(given.encode(), f"Bearer {internal_api_token()}".encode()):
            return await respond(send, 403, REFUSED, "application/json")
        await self.app({**scope, INTERNAL: True}, receive, send)
