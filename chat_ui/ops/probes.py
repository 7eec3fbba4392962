"""Readiness: what this worker needs to serve a send — Redis (when configured), the store's
database and the backend — each checked within a short timeout (``CHAT_UI_READY_TIMEOUT_S``, 2 s)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable

Check = Callable[[], Awaitable[None]]


def ready_timeout_s() -> float:
    try:
        return float(os.environ.get("CHAT_UI_READY_TIMEOUT_S", "") or 2.0)
    except ValueError:
        return 2.0


async def _redis() -> None:
    from chat_ui.turns import redis_url

    url = redis_url()
    if not url:
        return
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(url, socket_connect_timeout=ready_timeout_s(), socket_timeout=ready_timeout_s())
    try:
        await client.ping()
    finally:
        await client.aclose()


async def _database() -> None:
    from chat_ui import store

    await store.ping()


def backend_url() -> str:
    from chat_ui.backends import backend_kind, local_base_url

    kind = backend_kind()
    if kind == "local":
        return local_base_url()
    if kind == "deepset":
        from chat_ui.deepset.config import DEFAULT_BASE_URL

        return (os.environ.get("DEEPSET_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    from chat_ui.api.config import ClientSettings

    return ClientSettings.from_env().base_url


async def _backend() -> None:
    """Reachable: any HTTP answer counts (a 401 or 404 is a backend that is there)."""
    import httpx

    async with httpx.AsyncClient(timeout=ready_timeout_s()) as client:
        await client.get(backend_url())


CHECKS: dict[str, Check] = {"redis": _redis, "database": _database, "backend": _backend}


async def readiness(checks: dict[str, Check] | None = None) -> dict[str, str]:
    """What failed, by name, with a short reason ({} when ready); the checks run at once."""
    checks = CHECKS if checks is None else checks
    timeout = ready_timeout_s()

    async def one(check: Check) -> str:
        try:
            await asyncio.wait_for(check(), timeout)
            return ""
        except asyncio.TimeoutError:
            return f"no answer within {timeout:g} s"
        except Exception as exc:  # noqa: BLE001 - any failure is "not ready", named
            return type(exc).__name__

    results = await asyncio.gather(*(one(c) for c in checks.values()))
    return {name: why for name, why in zip(checks, results) if why}
