"""Page screenshots, resolved only when their card is seen, cached until shortly before the
presigned URL expires, and resolved again after that, or once when the image fails to load: an
image that fails again is not an expired link, and the card says it could not be loaded."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from urllib.parse import urlsplit

import reflex as rx

from chat_ui.i18n.message import msg
from chat_ui.api.errors import ChatAPIError
from chat_ui.api.models import ImageAttachment
from chat_ui.backends import browser_url, get_backend

EXPIRY_MARGIN_S = 30.0
UNSAFE = msg("screenshot.unsafe")  # kept messages: shown in the reader's language
FAILED = msg("screenshot.failed")


def safe_image_url(url: str) -> str:
    """``url`` when the page may show it: http(s), or a path on this origin. Anything else
    (``javascript:``, ``data:``, a protocol-relative ``//host``) becomes ""."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    if not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return ""


def expires_in(expires_at: str, now: datetime | None = None) -> float:
    try:
        when = datetime.fromisoformat(expires_at.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (when - (now or datetime.now(timezone.utc))).total_seconds()


class ScreenshotState(rx.State):
    urls: dict[str, str] = {}
    errors: dict[str, str] = {}
    _valid_until: dict[str, float] = {}
    _resolving: set[str] = set()
    _failures: dict[str, int] = {}

    @rx.event(background=True)
    async def resolve(self, source_id: str, attachment_name: str, force: bool = False):
        key = f"{source_id}/{attachment_name}"
        async with self:
            fresh = self._valid_until.get(key, 0.0) > time.monotonic()
            if (fresh and not force) or key in self._resolving:
                return
            self._resolving.add(key)
            if key in self.errors:
                self.errors = {k: v for k, v in self.errors.items() if k != key}
        try:
            presigned = await get_backend().resolve_attachment(
                ImageAttachment(source_id=source_id, attachment_name=attachment_name)
            )
        except ChatAPIError as exc:
            async with self:
                self._resolving.discard(key)
                self.errors = {**self.errors, key: msg("screenshot.failed_detail", detail=str(exc))}
            return
        url = safe_image_url(browser_url(presigned.url))
        async with self:
            self._resolving.discard(key)
            if not url:
                self.errors = {**self.errors, key: UNSAFE}
                return
            self._valid_until[key] = time.monotonic() + expires_in(presigned.expires_at) - EXPIRY_MARGIN_S
            self.urls = {**self.urls, key: url}

    @rx.event
    def image_failed(self, source_id: str, attachment_name: str):
        """An expired URL: resolve it again, once. A second failure is not an expiry: say so."""
        key = f"{source_id}/{attachment_name}"
        self._valid_until.pop(key, None)
        self._failures[key] = self._failures.get(key, 0) + 1
        if self._failures[key] > 1:
            self.errors = {**self.errors, key: FAILED}
            return None
        return ScreenshotState.resolve(source_id, attachment_name, True)
