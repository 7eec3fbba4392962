"""The durable store: meta, accounts, sign-ins, sign-ins under way, chat ownership.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("issuer", sa.String(500), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("groups", sa.Text, nullable=False),
        sa.Column("is_admin", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_seen_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("issuer", "subject", name="uq_accounts_issuer_subject"),
    )
    op.create_table(
        "signins",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("id_token", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_signins"),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name="fk_signins_account_id_accounts", ondelete="CASCADE"),
    )
    op.create_index("ix_signins_account_id", "signins", ["account_id"])
    op.create_table(
        "auth_flows",
        sa.Column("state", sa.String(128), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("state", name="pk_auth_flows"),
    )
    op.create_table(
        "owned",
        sa.Column("session_id", sa.String(200), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("touched", sa.Float, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("session_id", name="pk_owned"),
    )
    op.create_index("ix_owned_owner_touched", "owned", ["owner", "touched", "session_id"])


def downgrade() -> None:
    op.drop_table("owned")
    op.drop_table("auth_flows")
    op.drop_table("signins")
    op.drop_table("accounts")
    op.drop_table("meta")
