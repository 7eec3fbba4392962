"""That a person's feedback in a chat changed, for their other tabs showing it.

Ephemeral: a version number per person and chat, in process for one worker, in Redis when
``REFLEX_REDIS_URL`` is set (it expires; losing it only means another tab shows the change on its
next load). A tab's follower reads it when it wakes with nothing to follow, never per batch.
"""

from __future__ import annotations

import hashlib

from chat_ui.per_loop import PerLoop
from chat_ui.turns import redis_url

KEY_PREFIX = "chat_ui:feedback:"
KEPT_S = 24 * 3600
KEPT_KEYS = 10_000  # in process


def _key(owner: str, session_id: str) -> str:
    return KEY_PREFIX + hashlib.sha256(f"{owner}\0{session_id}".encode()).hexdigest()[:32]


class _Memory:
    def __init__(self) -> None:
        self.versions: dict[str, int] = {}

    async def bump(self, key: str) -> None:
        self.versions[key] = self.versions.pop(key, 0) + 1
        while len(self.versions) > KEPT_KEYS:
            del self.versions[next(iter(self.versions))]

    async def get(self, key: str) -> int:
        return self.versions.get(key, 0)


class _Redis:
    def __init__(self, url: str) -> None:
        import redis.asyncio as aioredis

        self._r = aioredis.Redis.from_url(url)

    async def bump(self, key: str) -> None:
        async with self._r.pipeline(transaction=False) as pipe:
            await pipe.incr(key).expire(key, KEPT_S).execute()

    async def get(self, key: str) -> int:
        return int(await self._r.get(key) or 0)


_memory = _Memory()
_redis: PerLoop[_Redis] = PerLoop()


def _versions() -> _Memory | _Redis:
    url = redis_url()
    return _redis.get(lambda: _Redis(url), url) if url else _memory


async def changed(owner: str, session_id: str) -> None:
    await _versions().bump(_key(owner, session_id))


async def version(owner: str, session_id: str) -> int:
    return await _versions().get(_key(owner, session_id))
