"""When and how long to wait before retrying a request. Mirrors the official SDK's policy
(retry 408/409/429/5xx and connection failures, exponential backoff 0.5 s → 8 s with jitter,
honour the server's ``retry-after``) so the UI behaves like other LlamaCloud clients under load."""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

RETRYABLE_STATUS = frozenset({408, 409, 429})
# Only idempotent calls: a repeated POST could create a second session or run a turn twice.
RETRYABLE_METHODS = frozenset({"GET", "DELETE"})
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    # Injectable so tests can record the waits instead of sleeping through them.
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)

    def should_retry_status(self, response: httpx.Response) -> bool:
        # The server may override the status-based rule, as it can with the SDK.
        override = response.headers.get("x-should-retry", "").lower()
        if override == "true":
            return True
        if override == "false":
            return False
        return response.status_code in RETRYABLE_STATUS or response.status_code >= 500

    def delay(self, retries_done: int, response: httpx.Response | None = None) -> float:
        """Seconds to wait before retry number ``retries_done + 1``."""
        if response is not None:
            hinted = retry_after_seconds(response.headers)
            if hinted is not None:
                return hinted
        backoff = min(self.base_delay * 2**retries_done, self.max_delay)
        # Jitter spreads out clients that failed together so they don't retry in lockstep.
        return backoff * (1 - 0.25 * random.random())


def retry_after_seconds(headers: httpx.Headers, *, now: float | None = None) -> float | None:
    """The server's requested wait, if it gave a sane one (0–60 s); otherwise None."""
    value = requested_wait(headers, now=now)
    return value if value is not None and value <= MAX_RETRY_AFTER else None


def requested_wait(headers: httpx.Headers, *, now: float | None = None) -> float | None:
    """Seconds the server asks to wait (``retry-after-ms``, else ``retry-after`` as seconds or an
    HTTP date), however long; None when it asks nothing readable. What a person is told."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        try:
            value = float(raw_ms) / 1000
        except ValueError:
            value = None
        if value is not None and value >= 0:
            return value
    raw = headers.get("retry-after")
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        value = when.timestamp() - (time.time() if now is None else now)
    return value if value >= 0 else None


def wait_msg(seconds: float) -> str:
    """"Try again in 30 s." — when the server said how long; rounded up, never "in 0 s". A kept
    message (:mod:`chat_ui.i18n.message`), shown in the reader's language."""
    from chat_ui.i18n.message import msg

    if seconds < 90:
        return msg("api.retry_seconds", count=max(1, math.ceil(seconds)))
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return msg("api.retry_minutes", count=minutes)
    return msg("api.retry_hours", count=math.ceil(seconds / 3600))
