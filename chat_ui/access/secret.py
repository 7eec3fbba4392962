"""The server-side secret every worker shares, and the keys derived from it.

``CHAT_UI_SECRET`` when given; else a random one created once and kept where all workers look:
in Redis (``chat_ui:secret``) when ``REFLEX_REDIS_URL`` is set, otherwise in the access SQLite
file. It signs the owner and sign-in cookies and yields the token the app's own client shows the
embedded API. It never leaves the server.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import secrets
import sqlite3
from pathlib import Path

from chat_ui.access.settings import settings

REDIS_KEY = "chat_ui:secret"


def app_secret() -> bytes:
    s = settings()
    return _load(os.environ.get("CHAT_UI_SECRET", ""), s.redis_url, str(s.db_path))


@functools.lru_cache(maxsize=8)
def _load(given: str, redis_url: str, db_path: str) -> bytes:
    if given:
        return given.encode()
    if redis_url:
        import redis

        client = redis.Redis.from_url(redis_url)
        try:
            client.set(REDIS_KEY, secrets.token_hex(32), nx=True)
            return client.get(REDIS_KEY)  # type: ignore[return-value]
        finally:
            client.close()
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:  # autocommit: closing is all it needs
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('secret', ?)", (secrets.token_hex(32),))
        return db.execute("SELECT value FROM meta WHERE key='secret'").fetchone()[0].encode()


def derived_key(purpose: str) -> bytes:
    """One key per use, so a value signed for one purpose never verifies for another."""
    return hmac.new(app_secret(), purpose.encode(), hashlib.sha256).digest()


def internal_api_token() -> str:
    """What the app's own client sends the mounted local API; nobody else knows it."""
    return derived_key("local-api-token").hex()
