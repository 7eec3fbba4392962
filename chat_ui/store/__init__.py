"""The durable store: everything that must survive a restart and a lost Redis — accounts and
sign-ins, who owns which chat, the cookie secret, and (from later rooms) feedback, shares, names,
pins and the search index. One SQL database, through this room only: a SQLite file by default
(``data/chat_ui.sqlite3``, WAL, shared by the workers of one host), PostgreSQL with
``CHAT_UI_DATABASE_URL=postgresql+psycopg://…`` for clusters across hosts. Migrations are applied
at start-up under a lock (:mod:`chat_ui.store.migrate`).

Other rooms call the typed functions of the modules here (``owners``, ``accounts``, ``flows``,
``meta``); none of them writes SQL.
"""

from __future__ import annotations

from sqlalchemy import text

from chat_ui.store.engine import dispose, reading, run
from chat_ui.store.migrate import ensure_migrated

__all__ = ["dispose", "ensure_migrated", "ping"]


def _ping() -> None:
    with reading() as conn:
        conn.execute(text("SELECT 1"))


async def ping() -> None:
    """Raises when the database cannot be reached (readiness checks)."""
    await run(_ping)
