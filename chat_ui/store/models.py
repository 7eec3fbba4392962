"""The durable tables. Times are Unix seconds (floats), the same on SQLite and PostgreSQL.

Changing a table means a new migration in ``migrations/versions`` (``python -m chat_ui.store
revision -m "…"`` writes its skeleton); the metadata here is what autogenerate compares against.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

# Settings the deployment keeps for itself (the cookie secret) and one-time import marks.
meta = Table(
    "meta", metadata,
    Column("key", String(200), primary_key=True),
    Column("value", Text, nullable=False),
)

# People who signed in: the provider's subject under its issuer ("header" for a trusted proxy).
accounts = Table(
    "accounts", metadata,
    Column("id", String(64), primary_key=True),
    Column("issuer", String(500), nullable=False),
    Column("subject", String(500), nullable=False),
    Column("email", String(320), nullable=False, default=""),
    Column("name", String(200), nullable=False, default=""),
    Column("groups", Text, nullable=False, default="[]"),  # JSON list, as the provider last said
    Column("is_admin", Boolean, nullable=False, default=False),  # re-read at each sign-in
    Column("created_at", Float, nullable=False),
    Column("last_seen_at", Float, nullable=False),
    UniqueConstraint("issuer", "subject"),
)

# The app's own sign-in sessions; the cookie holds a random token, this table only its hash.
signins = Table(
    "signins", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account_id", String(64), ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("id_token", Text, nullable=False, default=""),  # for the provider's end-session hint
    Index(None, "account_id"),
)

# Sign-ins under way (OIDC state, nonce, PKCE verifier): any worker may serve the callback, once.
auth_flows = Table(
    "auth_flows", metadata,
    Column("state", String(128), primary_key=True),
    Column("data", Text, nullable=False),  # JSON
    Column("expires_at", Float, nullable=False),
)

# Who owns which chat session: an account ("acct:<id>") or an anonymous browser owner.
owned = Table(
    "owned", metadata,
    Column("session_id", String(200), primary_key=True),
    Column("owner", String(200), nullable=False),
    Column("touched", Float, nullable=False),  # last activity: the list's order
    Column("created_at", Float, nullable=False),
    Index("ix_owned_owner_touched", "owner", "touched", "session_id"),
)
