"""The quality loop: feedback on answers with their snapshots, shared links, per-turn usage facts.

Revision ID: 0101
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0101"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("session_id", sa.String(200), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("rating", sa.String(8), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("backend", sa.String(40), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("rendered", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
        sa.UniqueConstraint("owner", "session_id", "ordinal", name="uq_feedback_owner_session_id_ordinal"),
    )
    op.create_index("ix_feedback_created_at_id", "feedback", ["created_at", "id"])
    op.create_index("ix_feedback_day", "feedback", ["day"])
    op.create_table(
        "feedback_tags",
        sa.Column("feedback_id", sa.String(32), nullable=False),
        sa.Column("tag", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("feedback_id", "tag", name="pk_feedback_tags"),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"], name="fk_feedback_tags_feedback_id_feedback",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_feedback_tags_tag", "feedback_tags", ["tag"])
    op.create_table(
        "feedback_indexes",
        sa.Column("feedback_id", sa.String(32), nullable=False),
        sa.Column("index_id", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("feedback_id", "index_id", name="pk_feedback_indexes"),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"], name="fk_feedback_indexes_feedback_id_feedback",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_feedback_indexes_index_id", "feedback_indexes", ["index_id"])
    op.create_table(
        "shares",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("session_id", sa.String(200), nullable=False),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("shared_by", sa.String(200), nullable=False),
        sa.Column("turns", sa.Integer, nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_shares"),
        sa.UniqueConstraint("owner", "session_id", name="uq_shares_owner_session_id"),
    )
    op.create_index("ix_shares_owner_updated_at", "shares", ["owner", "updated_at"])
    op.create_table(
        "turn_facts",
        sa.Column("turn_id", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("session_id", sa.String(200), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("backend", sa.String(40), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("started_at", sa.Float, nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("input_tokens", sa.Integer, nullable=False),
        sa.Column("output_tokens", sa.Integer, nullable=False),
        sa.Column("first_token_ms", sa.Float, nullable=True),
        sa.Column("duration_ms", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("turn_id", name="pk_turn_facts"),
    )
    op.create_index("ix_turn_facts_day_owner", "turn_facts", ["day", "owner"])


def downgrade() -> None:
    op.drop_table("turn_facts")
    op.drop_table("shares")
    op.drop_table("feedback_indexes")
    op.drop_table("feedback_tags")
    op.drop_table("feedback")
