"""Send one plain (non-streaming) request with the retry policy, shared by every HTTP backend so
LlamaCloud and deepset behave the same under load: idempotent calls retry, POSTs never do."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from chat_ui.api.errors import APIStatusError
from chat_ui.api.replies import status_error, transport_error
from chat_ui.api.retry import RETRYABLE_METHODS, RetryPolicy

log = logging.getLogger(__name__)

# Connection failures worth another try; a malformed URL or bad TLS setup will not heal itself.
RETRYABLE_TRANSPORT = (httpx.NetworkError, httpx.TimeoutException, httpx.RemoteProtocolError)

StatusErrorFactory = Callable[[httpx.Response], APIStatusError]


async def send_with_retries(
    http: httpx.AsyncClient,
    method: str,
    path: str,
    *,
    retry: RetryPolicy,
    host: str,
    json: Any = None,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    to_error: StatusErrorFactory = status_error,
) -> httpx.Response:
    """Return a 2xx reply or raise a typed error; ``to_error`` words a non-2xx reply for its backend."""
    retryable = method in RETRYABLE_METHODS
    retries = 0
    while True:
        can_retry = retryable and retries < retry.max_retries
        try:
            response = await http.request(method, path, json=json, params=params, headers=headers)
        except httpx.TransportError as exc:
            if can_retry and isinstance(exc, RETRYABLE_TRANSPORT):
                await _wait(retry, retries, None, method, path, type(exc).__name__)
                retries += 1
                continue
            raise transport_error(exc, host) from exc
        if response.is_success:
            return response
        if can_retry and retry.should_retry_status(response):
            await _wait(retry, retries, response, method, path, f"HTTP {response.status_code}")
            retries += 1
            continue
        raise to_error(response)


async def _wait(
    retry: RetryPolicy, retries: int, response: httpx.Response | None, method: str, path: str, why: str
) -> None:
    delay = retry.delay(retries, response)
    log.info("%s %s failed (%s); retry %d in %.2fs", method, path, why, retries + 1, delay)
    await retry.sleep(delay)


def as_timeout(value: httpx.Timeout | float) -> httpx.Timeout:
    """A bare number is the read timeout; connecting never waits longer than 5 s."""
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value, connect=5.0)
