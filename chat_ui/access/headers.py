"""Security headers on every response the app's backend sends.

The Content-Security-Policy is the strictest the Reflex app works under: Reflex evaluates
strings (``rx.call_script``, ``evalReactComponent``), so scripts need ``'unsafe-eval'``; Radix
injects styles, so styles need ``'unsafe-inline'``. The pre-rendered pages carry inline scripts
(React Router's context, React's streaming, the app's shim); they are allowed by their sha256,
read from the built pages, so an injected script still does not run. Everything else is this
origin only, and no site may frame the app (``frame-ancestors 'none'``). Screenshot images may
come from the backend's presigned https URLs, hence ``img-src https:``, and from the configured
backend's own origin whatever its scheme (a stand-in over http presigns URLs on itself).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

from chat_ui.access.asgi import ASGIApp, Message, Receive, Scope, Send, with_headers

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def inline_script_hashes(pages: Path) -> list[str]:
    """CSP source expressions for every inline script of the built pages under ``pages``."""
    found: set[str] = set()
    for page in sorted(pages.rglob("*.html")) if pages.is_dir() else []:
        for body in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8", errors="replace")):
            if body.strip():
                found.add(script_hash(body))
    return sorted(found)


def built_pages() -> Path:
    """Where Reflex serves the compiled frontend from (production, one port)."""
    from reflex.utils import prerequisites
    from reflex_base import constants
    from reflex_base.config import get_config

    return prerequisites.get_web_dir() / constants.Dirs.STATIC / get_config().frontend_path.strip("/")


def content_security_policy(script_hashes: list[str], image_origin: str = "", form_origin: str = "") -> str:
    """Without built pages (a development server serves them itself) inline scripts are allowed.
    ``form_origin``: where a form may lead besides this site (the OpenID provider: "Sign out"
    is a form POST the browser follows to its end-session endpoint, and form-action covers redirects)."""
    inline = " ".join(script_hashes) if script_hashes else "'unsafe-inline'"
    images = f"'self' data: blob: https: {image_origin}".rstrip()
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'unsafe-eval' {inline}",
        "style-src 'self' 'unsafe-inline'",
        f"img-src {images}",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action 'self' {form_origin}".rstrip(),
        "frame-ancestors 'none'",
    ])


@functools.lru_cache(maxsize=4)
def _security_headers(page_scripts: tuple[str, ...]) -> list[tuple[str, str]]:
    """Read once, at the first response: the pages are built before the server starts."""
    hashes = inline_script_hashes(built_pages())
    if hashes:  # scripts the app's components render in the browser run inline too
        hashes = sorted({*hashes, *(script_hash(body) for body in page_scripts)})
    from chat_ui.backends import image_origin

    return [("content-security-policy", content_security_policy(hashes, image_origin(), provider_origin())), *OTHER_HEADERS]


def provider_origin() -> str:
    """The OpenID provider's origin where people sign in with one (``CHAT_UI_AUTH=oidc``), else ""."""
    from urllib.parse import urlsplit

    from chat_ui.access.settings import settings

    s = settings()
    if s.auth != "oidc" or not s.oidc_issuer:
        return ""
    parts = urlsplit(s.oidc_issuer)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


OTHER_HEADERS: list[tuple[str, str]] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),  # frame-ancestors for browsers that predate it
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
    ("cross-origin-opener-policy", "same-origin"),
    ("x-robots-tag", "noindex, nofollow"),  # chats, shared links and reviews are for people, not search engines
]


class SecurityHeaders:
    """``page_scripts``: the bodies of inline scripts the app's own components render (``rx.script``)."""

    def __init__(self, app: ASGIApp, page_scripts: tuple[str, ...] = ()) -> None:
        self.app = app
        self.page_scripts = page_scripts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message.get("type") == "http.response.start":
                message = with_headers(message, _security_headers(self.page_scripts), replace=True)
            await send(message)

        await self.app(scope, receive, send_with_headers)
