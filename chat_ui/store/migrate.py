"""Migrations, applied at start-up, once, however many workers start at the same moment.

Alembic has no lock of its own, so the upgrade runs under one: an advisory lock on PostgreSQL
(released by the server if the holder dies), an ``flock`` beside the file on SQLite. The first
worker upgrades; the others wait, then find the schema current. Then, still under the lock, the
records of earlier versions are imported once (:mod:`chat_ui.store.imports`).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from chat_ui.store.settings import database_url, safe_url, sqlite_path, sync_url

log = logging.getLogger(__name__)

PG_LOCK_KEY = 0x63686174_7569  # "chatui": one advisory lock id for every chat_ui deployment's migrations
_done: set[str] = set()
_alembic = threading.Lock()  # alembic's commands keep module globals: one upgrade per process at a time


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "chat_ui.store:migrations")
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current(conn: Connection) -> str:
    return MigrationContext.configure(conn).get_current_revision() or ""


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    lock = path.with_name(path.name + ".migrate.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_migrated(raw_url: str | None = None, *, check_only: bool = False) -> bool:
    """Bring the database to the newest schema (once per process and URL). ``check_only``: only
    say whether that was done already."""
    raw = raw_url or database_url()
    if raw in _done or check_only:
        return raw in _done
    with _alembic:
        if raw not in _done:
            upgrade(raw)
            _done.add(raw)
    return True


def upgrade(raw: str) -> bool:
    """Migrate under the lock; True when this call changed the schema (False: it was current)."""
    from chat_ui.store.engine import make_engine
    from chat_ui.store.imports import import_earlier_records

    url = sync_url(raw)
    path = sqlite_path(url)
    eng = make_engine(raw, pooled=False)
    try:
        with _file_lock(path) if path is not None else contextlib.nullcontext(), eng.connect() as conn:
            if path is None:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_LOCK_KEY})
                conn.commit()
            try:
                before = current(conn)
                conn.commit()
                changed = before != head()
                if changed:
                    cfg = alembic_config()
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    conn.commit()
                    log.info("store %s migrated %s -> %s", safe_url(raw), before or "(empty)", head())
                import_earlier_records(conn)
            finally:
                if path is None:
                    conn.rollback()
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_LOCK_KEY})
                    conn.commit()
    finally:
        eng.dispose()
    return changed


def forget_migrated() -> None:
    """Tests: the next use checks the schema again."""
    _done.clear()
