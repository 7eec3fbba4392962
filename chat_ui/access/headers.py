"""Security headers on every response the app's backend sends.

The Content-Security-Policy is the strictest the Reflex app works under: Reflex evaluates
strings (``rx.call_script``, ``evalReactComponent``), so scripts need ``'unsafe-eval'``; Radix
injects styles, so styles need ``'unsafe-inline'``. Everything else is this origin only, and no
site may frame the app (``frame-ancestors 'none'``). Screenshot images may come from the
backend's presigned https URLs, hence ``img-src https:``.
"""

from __future__ import annotations

from chat_ui.access.asgi import ASGIApp, Message, Receive, Scope, Send, with_headers

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS: list[tuple[str, str]] = [
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),  # frame-ancestors for browsers that predate it
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
    ("cross-origin-opener-policy", "same-origin"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message.get("type") == "http.response.start":
                message = with_headers(message, SECURITY_HEADERS, replace=True)
            await send(message)

        await self.app(scope, receive, send_with_headers)
