"""File names already looked up, by index and file id: ephemeral, so losing them costs only
lookups again. In process for one worker; in Redis (``chat_ui:fname:<index>:<file>``, expiring)
when ``REFLEX_REDIS_URL`` is set, so every worker and every tab shares one lookup per file."""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Protocol

from chat_ui.per_loop import PerLoop
from chat_ui.turns import redis_url

log = logging.getLogger(__name__)

KEY_PREFIX = "chat_ui:fname:"
MEMORY_KEEP = 50_000  # names one worker keeps (a few MB)
REDIS_TTL_S = 7 * 86400  # a renamed file shows its new name within a week

Key = tuple[str, str]  # (index id, file id)


class NameCache(Protocol):
    async def get_many(self, keys: list[Key]) -> dict[Key, str]: ...

    async def put_many(self, names: dict[Key, str]) -> None: ...


class MemoryNameCache:
    def __init__(self, keep: int = MEMORY_KEEP) -> None:
        self._names: OrderedDict[Key, str] = OrderedDict()
        self._keep = keep

    async def get_many(self, keys: list[Key]) -> dict[Key, str]:
        found = {k: self._names[k] for k in keys if k in self._names}
        for key in found:
            self._names.move_to_end(key)
        return found

    async def put_many(self, names: dict[Key, str]) -> None:
        self._names.update(names)
        for key in names:
            self._names.move_to_end(key)
        while len(self._names) > self._keep:
            self._names.popitem(last=False)


class RedisNameCache:
    """A Redis that fails makes a cache that misses (and a lookup that is made again), never a
    turn that fails."""

    def __init__(self, url: str) -> None:
        import redis.asyncio as aioredis

        self._r = aioredis.Redis.from_url(url, decode_responses=True)

    async def get_many(self, keys: list[Key]) -> dict[Key, str]:
        if not keys:
            return {}
        from redis.exceptions import RedisError

        try:
            values = await self._r.mget([_key(k) for k in keys])
        except RedisError:
            log.warning("file names: Redis read failed", exc_info=True)
            return {}
        return {k: v for k, v in zip(keys, values) if v}

    async def put_many(self, names: dict[Key, str]) -> None:
        if not names:
            return
        from redis.exceptions import RedisError

        try:
            async with self._r.pipeline(transaction=False) as pipe:
                for key, name in names.items():
                    pipe.set(_key(key), name, ex=REDIS_TTL_S)
                await pipe.execute()
        except RedisError:
            log.warning("file names: Redis write failed", exc_info=True)


def _key(key: Key) -> str:
    return f"{KEY_PREFIX}{key[0]}:{key[1]}"


_memory = MemoryNameCache()
_redis: PerLoop[RedisNameCache] = PerLoop()


def get_name_cache() -> NameCache:
    url = redis_url()
    if not url:
        return _memory
    return _redis.get(lambda: RedisNameCache(url), url)
