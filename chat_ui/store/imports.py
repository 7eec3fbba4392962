"""Records of earlier versions, imported once on the first start of this one, so upgrading loses
nothing: the access SQLite file (``CHAT_UI_ACCESS_DB``, default ``data/access.sqlite3``: who owns
which chat, the cookie secret) and, with ``REFLEX_REDIS_URL``, the owner sets and the secret that
several workers kept in Redis. The old secret is adopted, so every cookie stays valid.

Each source is marked done in ``meta`` only when it was read whole; one that cannot be read now
(Redis away) is tried again at the next start. The sources are left as they were.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Connection

from chat_ui.store import meta as meta_repo
from chat_ui.store.dialect import upsert
from chat_ui.store.models import owned

log = logging.getLogger(__name__)

OLD_OWNER_PREFIX = "chat_ui:owner:"
OLD_SECRET_KEY = "chat_ui:secret"
BATCH = 1000


def _old_access_db() -> Path:
    return Path(os.environ.get("CHAT_UI_ACCESS_DB") or "data/access.sqlite3").expanduser().resolve()


def _add_owned(conn: Connection, rows: list[tuple[str, str, float]]) -> None:
    """(owner, session id, touched): a session already recorded keeps its owner."""
    for owner, session_id, touched in rows:
        upsert(conn, owned, {"session_id": session_id, "owner": owner, "touched": touched, "created_at": touched},
               ["session_id"])


def import_access_sqlite(conn: Connection, path: Path) -> int:
    mark = f"imported:access-sqlite:{path}"
    if not path.is_file() or meta_repo.get(conn, mark):
        return 0
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as old:
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = old.execute("SELECT owner, session_id, touched FROM owned").fetchall() if "owned" in tables else []
        secret = old.execute("SELECT value FROM meta WHERE key='secret'").fetchone() if "meta" in tables else None
    _add_owned(conn, [(o, s, float(t)) for o, s, t in rows])
    if secret:
        meta_repo.put_new(conn, meta_repo.SECRET_KEY, secret[0])
    meta_repo.put(conn, mark, str(time.time()))
    conn.commit()
    log.info("imported %d owner records from %s", len(rows), path)
    return len(rows)


def import_redis(conn: Connection, url: str) -> int:
    mark = f"imported:redis:{url}"
    if meta_repo.get(conn, mark):
        return 0
    import redis

    client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5, socket_connect_timeout=5)
    count = 0
    try:
        secret = client.get(OLD_SECRET_KEY)
        for key in client.scan_iter(match=OLD_OWNER_PREFIX + "*", count=BATCH):
            owner = key[len(OLD_OWNER_PREFIX):]
            rows = client.zrange(key, 0, -1, withscores=True)
            _add_owned(conn, [(owner, session_id, float(score)) for session_id, score in rows])
            count += len(rows)
    finally:
        client.close()
    if secret:
        meta_repo.put_new(conn, meta_repo.SECRET_KEY, secret)
    meta_repo.put(conn, mark, str(time.time()))
    conn.commit()
    log.info("imported %d owner records from Redis", count)
    return count


def import_earlier_records(conn: Connection) -> None:
    try:
        import_access_sqlite(conn, _old_access_db())
    except sqlite3.Error as exc:
        conn.rollback()
        log.warning("could not import %s (tried again at the next start): %s", _old_access_db(), exc)
    url = os.environ.get("REFLEX_REDIS_URL", "").strip()
    if url:
        try:
            import_redis(conn, url)
        except Exception as exc:  # noqa: BLE001 - Redis away: the import waits for a later start
            conn.rollback()
            log.warning("could not import the owner records from Redis (tried again at the next start): %s", exc)
