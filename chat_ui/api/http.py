"""The HTTP plumbing every backend client shares: one httpx pool, retried reads, and opening a
turn's event stream (never retried) with errors raised before the first event."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import httpx

from chat_ui.api.activity import StreamActivity, watch
from chat_ui.api.errors import APIStatusError
from chat_ui.api.pool import client_pool
from chat_ui.api.replies import status_error, transport_error
from chat_ui.api.retry import RetryPolicy
from chat_ui.api.sending import as_timeout, send_with_retries
from chat_ui.deployment import max_turns_per_worker
from chat_ui.ops import tracing

USER_AGENT = "chat-ui/0.1 (httpx)"

# Short calls: many at once when a crowd of turns ends together (titles, lists); kept alive, so
# a burst does not reconnect.
CALL_CONNECTIONS = 128
# Turn streams beyond the worker's turn cap are refused before they ask for a connection; a few
# spare ones cover a stream closing while its turn's slot is still held.
STREAM_SPARE = 16
# Waiting for a free stream connection would be a silent queue: give up soon, with words.
STREAM_POOL_TIMEOUT_S = 10.0


def stream_connections() -> int | None:
    """One connection per turn this worker may run (``CHAT_UI_MAX_TURNS_PER_WORKER``); None: no cap."""
    cap = max_turns_per_worker()
    return cap + STREAM_SPARE if cap else None


class HttpClient:
    """One ``httpx.AsyncClient`` per object; call :meth:`aclose` when done (or ``async with``)."""

    def __init__(
        self,
        base_url: str,
        *,
        headers: Mapping[str, str],
        params: Mapping[str, str] | None,
        max_retries: int,
        timeout: httpx.Timeout | float,
        stream_timeout: httpx.Timeout | float,
        retry_policy: RetryPolicy | None,
        transport: httpx.AsyncBaseTransport | None,
        to_error: Callable[[httpx.Response], APIStatusError] = status_error,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._host = httpx.URL(self.base_url).host or self.base_url
        self._retry = retry_policy or RetryPolicy(max_retries=max_retries)
        given = as_timeout(stream_timeout)
        self._stream_timeout = httpx.Timeout(
            connect=given.connect, read=given.read, write=given.write,
            pool=min(given.pool or STREAM_POOL_TIMEOUT_S, STREAM_POOL_TIMEOUT_S),
        )
        self._to_error = to_error
        common: dict[str, Any] = dict(
            base_url=self.base_url,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT, **headers},
            params=dict(params or {}),
        )
        # Turns have a pool of their own: a running answer holds its connection for its whole
        # length, and short calls (a list, a title) must never wait behind them. Both are sharded
        # (:mod:`chat_ui.api.pool`): one big httpcore pool costs milliseconds per request. Behind a
        # proxy named in the environment both are httpx's own pools, which honour it.
        self._http = httpx.AsyncClient(timeout=as_timeout(timeout), **common,
                                       **({"transport": transport} if transport is not None else client_pool(CALL_CONNECTIONS, self._host)))
        self._streams = httpx.AsyncClient(timeout=self._stream_timeout, **common,
                                          **({"transport": transport} if transport is not None else client_pool(stream_connections(), self._host)))

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._streams.aclose()

    async def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        to_error: Callable[[httpx.Response], APIStatusError] | None = None,
    ) -> httpx.Response:
        """Send with retries for idempotent methods; return a 2xx reply or raise a typed error."""
        return await send_with_retries(
            self._http, method, path, retry=self._retry, host=self._host, json=json, params=params,
            headers=headers, to_error=to_error or self._to_error,
        )

    @contextlib.asynccontextmanager
    async def _open_stream(
        self,
        path: str,
        *,
        json: Any,
        to_error: Callable[[httpx.Response], APIStatusError] | None = None,
        activity: StreamActivity | None = None,
    ) -> AsyncIterator[httpx.Response]:
        """A 2xx streaming response, closed on exit. Never retried: a repeated POST would run the
        turn twice. ``activity`` learns of every byte received, keep-alive comments included."""
        request = self._streams.build_request(
            "POST", path, json=json,
            # W3C traceparent when tracing is on, so a trace continues into a backend that reads it.
            headers=tracing.inject({"Accept": "text/event-stream", "Cache-Control": "no-store"}),
            timeout=self._stream_timeout,
        )
        try:
            response = await self._streams.send(request, stream=True)
        except httpx.TransportError as exc:
            raise transport_error(exc, self._host) from exc
        if activity is not None:
            watch(response, activity)
        try:
            if not response.is_success:
                try:
                    await response.aread()
                except httpx.TransportError as exc:
                    raise transport_error(exc, self._host) from exc
                raise (to_error or self._to_error)(response)
            yield response
        finally:
            await response.aclose()
