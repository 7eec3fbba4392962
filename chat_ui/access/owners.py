"""Which chat sessions each anonymous owner created, newest activity first.

The backend cannot tell owners apart (one API key serves every visitor), so the app records it:
in a SQLite file for one worker, in Redis when ``REFLEX_REDIS_URL`` is set, so every worker
agrees. Paging reads only the owner's own records, never the whole project's session list.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol

from chat_ui import page_token
from chat_ui.access.cookies import OWNER_MAX_AGE_S
from chat_ui.access.settings import settings
from chat_ui.per_loop import PerLoop

KEY_PREFIX = "chat_ui:owner:"


class OwnerStore(Protocol):
    async def claim(self, owner: str, session_id: str) -> None:
        """Record a session the owner just created."""
        ...

    async def touch(self, owner: str, session_id: str) -> None:
        """Move an owned session to the top (a new turn); nothing if the owner does not own it."""
        ...

    async def owns(self, owner: str, session_id: str) -> bool: ...

    async def page(self, owner: str, size: int, token: str | None) -> tuple[list[tuple[str, float]], str | None]:
        """Up to ``size`` (session id, last activity as a Unix time), most recently active first,
        and the next page's token. Raises ValueError for a token this store did not make."""
        ...

    async def remove(self, owner: str, session_id: str) -> None: ...


# ---------------------------------------------------------------------------- SQLite


_SCHEMA = """
CREATE TABLE IF NOT EXISTS owned (
    owner TEXT NOT NULL,
    session_id TEXT NOT NULL,
    touched REAL NOT NULL,
    PRIMARY KEY (owner, session_id)
);
CREATE INDEX IF NOT EXISTS owned_by_activity ON owned (owner, touched DESC, session_id DESC);
"""


class SqliteOwners:
    """Tiny indexed statements on a local file, called directly (as the local API's store is)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL survives the app crashing (not the machine losing power) and does
            # not fsync every claim: each fsync blocked the worker's loop for ~0.4 ms, per new chat.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)

    def _q(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    async def claim(self, owner: str, session_id: str) -> None:
        self._q("INSERT OR REPLACE INTO owned (owner, session_id, touched) VALUES (?,?,?)", (owner, session_id, time.time()))

    async def touch(self, owner: str, session_id: str) -> None:
        self._q("UPDATE owned SET touched=? WHERE owner=? AND session_id=?", (time.time(), owner, session_id))

    async def owns(self, owner: str, session_id: str) -> bool:
        return bool(self._q("SELECT 1 FROM owned WHERE owner=? AND session_id=?", (owner, session_id)))

    async def page(self, owner: str, size: int, token: str | None) -> tuple[list[tuple[str, float]], str | None]:
        if token:
            score, sid = page_token.decode(token)
            score = float(score)
            rows = self._q(
                "SELECT session_id, touched FROM owned WHERE owner=? AND (touched < ? OR (touched = ? AND session_id < ?)) "
                "ORDER BY touched DESC, session_id DESC LIMIT ?",
                (owner, score, score, sid, size + 1),
            )
        else:
            rows = self._q(
                "SELECT session_id, touched FROM owned WHERE owner=? ORDER BY touched DESC, session_id DESC LIMIT ?",
                (owner, size + 1),
            )
        more = len(rows) > size
        rows = rows[:size]
        return [(r[0], float(r[1])) for r in rows], page_token.encode(rows[-1][1], rows[-1][0]) if more else None

    async def remove(self, owner: str, session_id: str) -> None:
        self._q("DELETE FROM owned WHERE owner=? AND session_id=?", (owner, session_id))


# ---------------------------------------------------------------------------- Redis


class RedisOwners:
    """One sorted set per owner, ``chat_ui:owner:<owner>``: session id → last activity. It
    expires with the owner cookie, so owners who never return are forgotten."""

    def __init__(self, url: str) -> None:
        import redis.asyncio as aioredis

        self._r = aioredis.Redis.from_url(url, decode_responses=True)

    async def claim(self, owner: str, session_id: str) -> None:
        key = KEY_PREFIX + owner
        async with self._r.pipeline(transaction=True) as pipe:
            await pipe.zadd(key, {session_id: time.time()}).expire(key, OWNER_MAX_AGE_S).execute()

    async def touch(self, owner: str, session_id: str) -> None:
        key = KEY_PREFIX + owner
        async with self._r.pipeline(transaction=True) as pipe:
            await pipe.zadd(key, {session_id: time.time()}, xx=True).expire(key, OWNER_MAX_AGE_S).execute()

    async def owns(self, owner: str, session_id: str) -> bool:
        return await self._r.zscore(KEY_PREFIX + owner, session_id) is not None

    async def page(self, owner: str, size: int, token: str | None) -> tuple[list[tuple[str, float]], str | None]:
        # Keyset paging below the last score seen; two sessions of one owner never share a
        # time.time() score in practice (they are created one send at a time).
        top = f"({float(page_token.decode(token)[0])!r}" if token else "+inf"
        rows = await self._r.zrange(KEY_PREFIX + owner, top, "-inf", desc=True, byscore=True,
                                    offset=0, num=size + 1, withscores=True)
        more = len(rows) > size
        rows = rows[:size]
        return [(r[0], float(r[1])) for r in rows], page_token.encode(rows[-1][1], rows[-1][0]) if more else None

    async def remove(self, owner: str, session_id: str) -> None:
        await self._r.zrem(KEY_PREFIX + owner, session_id)


# ---------------------------------------------------------------------------- which one

_sqlite: dict[Path, SqliteOwners] = {}
_sqlite_lock = threading.Lock()
# Redis connections belong to the event loop that opened them.
_redis: PerLoop[RedisOwners] = PerLoop()


def get_owners() -> OwnerStore:
    s = settings()
    if s.redis_url:
        url = s.redis_url
        return _redis.get(lambda: RedisOwners(url), url)
    with _sqlite_lock:
        store = _sqlite.get(s.db_path)
        if store is None:
            store = _sqlite[s.db_path] = SqliteOwners(s.db_path)
        return store
