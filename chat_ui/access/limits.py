"""Sliding-window rate limits: at most ``limit`` hits per ``window_s`` seconds per key.

In process for one worker; in Redis (``chat_ui:rate:<key>``, one sorted set of hit times per key,
checked and updated by one Lua script) when ``REFLEX_REDIS_URL`` is set, so every worker counts
the same hits. A refused hit is not counted and says how long until one would be allowed.
"""

from __future__ import annotations

import math
import secrets
import time
from collections import deque
from typing import Protocol

from chat_ui.access.settings import settings
from chat_ui.per_loop import PerLoop

KEY_PREFIX = "chat_ui:rate:"


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int, window_s: float) -> float:
        """Count a hit and return 0, or count nothing and return the seconds to wait."""
        ...


class MemoryLimiter:
    """Keys whose hits have all left the window are swept out, at most once per window (keys are
    per owner and per address: a script that drops its cookies makes a new one per connection)."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._longest = 0.0  # the longest window asked for: a key idle that long holds no live hit
        self._swept = time.monotonic()

    def _sweep(self, now: float) -> None:
        self._swept = now
        stale = now - self._longest
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= stale]:
            del self._hits[key]

    async def hit(self, key: str, limit: int, window_s: float) -> float:
        if limit <= 0:
            return 0.0
        now = time.monotonic()
        self._longest = max(self._longest, window_s)
        if now - self._swept >= self._longest:
            self._sweep(now)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - window_s:
            hits.popleft()
        if len(hits) >= limit:
            return hits[0] + window_s - now
        hits.append(now)
        return 0.0


# KEYS[1] = the key; ARGV = now (ms), window (ms), limit, a unique member for this hit.
_LUA = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + ARGV[2] - ARGV[1]
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0
"""


class RedisLimiter:
    def __init__(self, url: str) -> None:
        import redis.asyncio as aioredis

        self._r = aioredis.Redis.from_url(url)
        self._script = self._r.register_script(_LUA)

    async def hit(self, key: str, limit: int, window_s: float) -> float:
        if limit <= 0:
            return 0.0
        # Redis's own clock, so workers whose clocks differ count one window.
        seconds, micros = await self._r.time()
        now_ms = seconds * 1000 + micros // 1000
        wait_ms = await self._script(keys=[KEY_PREFIX + key], args=[now_ms, math.ceil(window_s * 1000), limit,
                                                                   f"{now_ms}-{secrets.token_hex(4)}"])
        return max(0.0, float(wait_ms) / 1000)


_memory = MemoryLimiter()
_redis: PerLoop[RedisLimiter] = PerLoop()


def get_limiter() -> RateLimiter:
    url = settings().redis_url
    if not url:
        return _memory
    return _redis.get(lambda: RedisLimiter(url), url)
