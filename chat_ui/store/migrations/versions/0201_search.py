"""Search inside chats, names of one's own, pins.

Revision ID: 0201_search
Revises: 0101 (0101_quality)
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0201_search"
down_revision = "0101"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_names",
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("session_id", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("folded", sa.String(400), nullable=False),
        sa.Column("pinned_at", sa.Float, nullable=True),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("owner", "session_id", name="pk_chat_names"),
    )
    op.create_index("ix_chat_names_owner_pinned_at", "chat_names", ["owner", "pinned_at"])
    op.create_table(
        "search_turns",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("session_id", sa.String(200), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("started_at", sa.Float, nullable=False),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("folded", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_turns"),
        sa.UniqueConstraint("owner", "session_id", "ordinal", name="uq_search_turns_owner_session_id_ordinal"),
    )
    op.create_index("ix_search_turns_owner_started_at", "search_turns", ["owner", "started_at"])
    op.create_table(
        "search_chats",
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("session_id", sa.String(200), nullable=False),
        sa.Column("indexed_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("owner", "session_id", name="pk_search_chats"),
    )
    if op.get_bind().dialect.name == "postgresql":
        # The text is folded in Python; 'simple' only splits and lower-cases, so no extension is needed.
        op.execute("ALTER TABLE search_turns ADD COLUMN doc tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED")
        op.execute("CREATE INDEX ix_search_turns_doc ON search_turns USING GIN (doc)")
    else:
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_turns', content_rowid='id', "
                   "tokenize='unicode61 remove_diacritics 2', prefix='2 3')")
        op.execute("CREATE TRIGGER search_turns_ai AFTER INSERT ON search_turns BEGIN "
                   "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END")
        op.execute("CREATE TRIGGER search_turns_ad AFTER DELETE ON search_turns BEGIN "
                   "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END")
        op.execute("CREATE TRIGGER search_turns_au AFTER UPDATE ON search_turns BEGIN "
                   "INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); "
                   "INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for trigger in ("search_turns_ai", "search_turns_ad", "search_turns_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_chats")
    op.drop_table("search_turns")
    op.drop_table("chat_names")
