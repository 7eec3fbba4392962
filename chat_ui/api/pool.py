"""Many small connection pools instead of one big one.

httpcore's pool re-scans every connection it holds — and every queued request against every
connection — each time a request starts or ends, asking each idle connection's socket whether
it is readable. With a few hundred connections (one per running answer) that is milliseconds
of CPU per request: measured, 200 requests at once cost 1–2 s of CPU through one pool of 100
connections and 0.15 s through 16 pools of 16. So requests are spread over shards, each
sent to the one with the fewest requests in flight; a shard never holds more than
``per_shard`` connections, and the shards together about their total.

httpx honours HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY only with a transport of its
own, so when the environment names a proxy the clients get httpx's pool instead (see
:func:`client_pool`): slower, but it reaches the backend.
"""

from __future__ import annotations

import logging
import math
import urllib.request
from collections.abc import AsyncIterator
from typing import Any

import httpx

from chat_ui.api.netio import use_asyncio

SHARD_SIZE = 16
KEEPALIVE_EXPIRY_S = 30.0

log = logging.getLogger(__name__)
_told_proxy = False


def env_proxy() -> bool:
    """Whether the environment names an HTTP(S) proxy, as httpx reads it (``NO_PROXY=*``: none)."""
    found = urllib.request.getproxies()
    if "*" in (host.strip() for host in found.get("no", "").split(",")):
        return False
    return any(found.get(scheme) for scheme in ("http", "https", "all"))


LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def client_pool(total: int | None, host: str = "") -> dict[str, Any]:
    """``httpx.AsyncClient`` arguments for ``total`` connections (None: no cap) to ``host``. The
    embedded backend on this machine is never reached through a proxy."""
    global _told_proxy
    if host in LOOPBACK or not env_proxy():
        return {"transport": ShardedTransport(total)}
    if not _told_proxy:
        _told_proxy = True
        log.info("A proxy is set in the environment (HTTP(S)_PROXY/ALL_PROXY): upstream calls use "
                 "httpx's own pool, which honours it and NO_PROXY, instead of the sharded one")
    return {"limits": httpx.Limits(max_connections=total, max_keepalive_connections=total,
                                   keepalive_expiry=KEEPALIVE_EXPIRY_S)}


class _Counted(httpx.AsyncByteStream):
    """A response body that gives its shard's place back once, when it is closed."""

    def __init__(self, inner: httpx.AsyncByteStream, shard: _Shard) -> None:
        self._inner = inner
        self._shard: _Shard | None = shard

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            if self._shard is not None:
                self._shard.active -= 1
                self._shard = None


class _Shard:
    def __init__(self, limits: httpx.Limits) -> None:
        self.transport = use_asyncio(httpx.AsyncHTTPTransport(limits=limits))
        self.active = 0


class ShardedTransport(httpx.AsyncBaseTransport):
    """``total`` connections (None: unbounded) in pools of at most ``per_shard``."""

    def __init__(self, total: int | None, *, per_shard: int = SHARD_SIZE,
                 keepalive_expiry: float = KEEPALIVE_EXPIRY_S) -> None:
        count = max(1, math.ceil(total / per_shard)) if total else SHARD_SIZE
        size = math.ceil(total / count) if total else None
        limits = httpx.Limits(max_connections=size, max_keepalive_connections=size or per_shard,
                              keepalive_expiry=keepalive_expiry)
        self.shards = [_Shard(limits) for _ in range(count)]

    @property
    def active(self) -> int:
        return sum(s.active for s in self.shards)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        shard = min(self.shards, key=lambda s: s.active)
        shard.active += 1
        try:
            response = await shard.transport.handle_async_request(request)
        except BaseException:
            shard.active -= 1
            raise
        response.stream = _Counted(response.stream, shard)  # type: ignore[arg-type]
        return response

    async def aclose(self) -> None:
        for shard in self.shards:
            await shard.transport.aclose()
