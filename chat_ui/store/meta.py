"""Small values the deployment keeps for itself: the cookie secret, marks of one-time imports."""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, select

from chat_ui.store.dialect import upsert
from chat_ui.store.engine import writing
from chat_ui.store.models import meta

SECRET_KEY = "secret"


def get(conn: Connection, key: str) -> str | None:
    return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()


def put_new(conn: Connection, key: str, value: str) -> str:
    """Set ``key`` unless it is set; the value it has afterwards (another worker's may have won)."""
    upsert(conn, meta, {"key": key, "value": value}, ["key"])
    return get(conn, key) or value


def put(conn: Connection, key: str, value: str) -> None:
    upsert(conn, meta, {"key": key, "value": value}, ["key"], ["value"])


def shared_secret() -> str:
    """The deployment's random secret, made by the first worker that asks and kept for good
    (synchronous: the cookie signers ask once per process, before any loop needs it)."""
    from chat_ui.store.migrate import ensure_migrated

    ensure_migrated()
    with writing() as conn:
        return put_new(conn, SECRET_KEY, secrets.token_hex(32))
