"""Per-person preferences: the interface language a person chose.

Revision ID: 0301_i18n
Revises: 0101
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0301_i18n"
down_revision = "0201_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "preferences",
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("owner", name="pk_preferences"),
    )


def downgrade() -> None:
    op.drop_table("preferences")
