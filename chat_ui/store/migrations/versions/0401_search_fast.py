"""Search that stops early: on SQLite the turn's id follows its time and the FTS table knows the owner.

Newest-first search read every matching turn of the person (nearly all of them for a two-letter
prefix), joined each to ``search_turns`` for its owner and sorted them all by time: over a second
with 100,000 turns. Now, on SQLite:

- ``search_turns.id`` is a time key, ``(milliseconds of started_at) << 20 | slot``
  (:func:`chat_ui.store.search.time_key`), so the FTS rowid order is time order and
  ``ORDER BY rowid DESC LIMIT n`` stops after n hits;
- ``search_fts`` is contentless with two columns: ``who`` (one token, ``hex(owner)``) and
  ``folded``, so the owner is matched inside the FTS query and the rank only sees the person's
  turns. Its rank is ``bm25(0, 1)``: the owner token weighs nothing.

PostgreSQL keeps its schema (the ``(owner, started_at)`` index already lets it stop early).

Revision ID: 0401_search_fast
Revises: 0301_i18n
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0401_search_fast"
down_revision = "0301_i18n"
branch_labels = None
depends_on = None

SLOT_BITS = 20  # as chat_ui.store.search.SLOT_BITS (a migration does not import app code that may change)
TRIGGERS = ("search_turns_ai", "search_turns_ad", "search_turns_au")
TOKENIZE = "tokenize='unicode61 remove_diacritics 2', prefix='2 3'"


def _drop_index_objects() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS search_fts")


def _renumber(conn) -> None:
    """Every turn's id becomes its time key (slots in (time, old id) order within a millisecond)."""
    rows = conn.execute(text("SELECT id, started_at FROM search_turns ORDER BY started_at, id")).all()
    if not rows:
        return
    last: dict[int, int] = {}
    pairs = []
    for old, at in rows:
        base = round(float(at) * 1000) << SLOT_BITS
        key = last.get(base, base - 1) + 1
        last[base] = key
        pairs.append({"old": int(old), "new": key})
    conn.execute(text("CREATE TEMP TABLE search_remap (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)"))
    conn.execute(text("INSERT INTO search_remap (old, new) VALUES (:old, :new)"), pairs)
    conn.execute(text("UPDATE search_turns SET id = -id"))  # out of the way of the new keys first
    conn.execute(text("UPDATE search_turns SET id = (SELECT new FROM search_remap WHERE old = -search_turns.id)"))
    conn.execute(text("DROP TABLE search_remap"))


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        return
    _drop_index_objects()
    _renumber(conn)
    op.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5(who, folded, content='', {TOKENIZE})")
    op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(0.0, 1.0)')")
    op.execute("INSERT INTO search_fts(rowid, who, folded) SELECT id, hex(owner), folded FROM search_turns")
    # Contentless: a delete names the values that were indexed, which the trigger has.
    op.execute("CREATE TRIGGER search_turns_ai AFTER INSERT ON search_turns BEGIN "
               "INSERT INTO search_fts(rowid, who, folded) VALUES (new.id, hex(new.owner), new.folded); END")
    op.execute("CREATE TRIGGER search_turns_ad AFTER DELETE ON search_turns BEGIN "
               "INSERT INTO search_fts(search_fts, rowid, who, folded) VALUES ('delete', old.id, hex(old.owner), old.folded); END")
    op.execute("CREATE TRIGGER search_turns_au AFTER UPDATE ON search_turns BEGIN "
               "INSERT INTO search_fts(search_fts, rowid, who, folded) VALUES ('delete', old.id, hex(old.owner), old.folded); "
               "INSERT INTO search_fts(rowid, who, folded) VALUES (new.id, hex(new.owner), new.folded); END")


def downgrade() -> None:
    """Back to 0201's external-content table (the ids stay time keys: they are only keys)."""
    if op.get_bind().dialect.name == "postgresql":
        return
    _drop_index_objects()
    op.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_turns', content_rowid='id', {TOKENIZE})")
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    op.execute("CREATE TRIGGER search_turns_ai AFTER INSERT ON search_turns BEGIN "
               "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END")
    op.execute("CREATE TRIGGER search_turns_ad AFTER DELETE ON search_turns BEGIN "
               "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END")
    op.execute("CREATE TRIGGER search_turns_au AFTER UPDATE ON search_turns BEGIN "
               "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); "
               "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END")
