"""Where the durable store lives: ``CHAT_UI_DATABASE_URL``, else a SQLite file under ``data/``.

One URL names the database for every use; the driver is ours to pick (a person writes
``postgresql+psycopg://…`` or ``sqlite:///…`` and means the database, not the driver).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

DEFAULT_PATH = Path("data/chat_ui.sqlite3")


def database_url() -> str:
    raw = os.environ.get("CHAT_UI_DATABASE_URL", "").strip()
    if raw:
        return raw
    return "sqlite:///" + str(DEFAULT_PATH.expanduser().resolve())


def sync_url(raw: str) -> URL:
    """The URL with the synchronous driver the store runs (in threads): pysqlite or psycopg 3."""
    url = make_url(raw)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.set(drivername="sqlite")
    if backend == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    raise ValueError(f"CHAT_UI_DATABASE_URL: unsupported database {backend!r} (use sqlite or postgresql)")


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL (None for another database, or an in-memory one)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def safe_url(raw: str) -> str:
    """The URL without its password, for logs and errors."""
    return make_url(raw).render_as_string(hide_password=True)
