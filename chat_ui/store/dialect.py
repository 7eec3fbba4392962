"""The one statement SQLite and PostgreSQL spell alike but SQLAlchemy builds per dialect."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def upsert(conn: Connection, table: Table, values: dict[str, Any], keys: list[str], update: list[str] | None = None) -> None:
    """Insert ``values``; on a conflict over ``keys`` set the ``update`` columns (None: keep the row)."""
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table).values(**values)
    if update:
        stmt = insert.on_conflict_do_update(index_elements=keys, set_={c: insert.excluded[c] for c in update})
    else:
        stmt = insert.on_conflict_do_nothing(index_elements=keys)
    conn.execute(stmt)


def upsert_many(conn: Connection, table: Table, rows: list[dict[str, Any]], keys: list[str], update: list[str]) -> None:
    """:func:`upsert` for many rows: one statement built once, executed for all (the search index's batches)."""
    if not rows:
        return
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)
    conn.execute(insert.on_conflict_do_update(index_elements=keys, set_={c: insert.excluded[c] for c in update}), rows)
