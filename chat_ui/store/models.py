"""The durable tables. Times are Unix seconds (floats), the same on SQLite and PostgreSQL.

Changing a table means a new migration in ``migrations/versions`` (``python -m chat_ui.store
revision -m "…"`` writes its skeleton); the metadata here is what autogenerate compares against.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

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

# Feedback on answers, one per person and turn, with the snapshot taken when it was given: the
# facts (``record``, JSON: prompt, answer, cited and other passages, tools, indexes, usage, who) and
# what the page showed (``rendered``, JSON: the turn's view and its raw results, capped), so the
# review reads it after the chat is gone upstream. ``day`` is the UTC date it was given.
feedback = Table(
    "feedback", metadata,
    Column("id", String(32), primary_key=True),
    Column("owner", String(200), nullable=False),
    Column("person", String(200), nullable=False, default=""),  # the name shown, as it was then
    Column("email", String(320), nullable=False, default=""),
    Column("session_id", String(200), nullable=False),
    Column("ordinal", Integer, nullable=False),  # the turn's place in its chat
    Column("rating", String(8), nullable=False),  # good | bad
    Column("comment", Text, nullable=False, default=""),
    Column("prompt", Text, nullable=False, default=""),
    Column("answer", Text, nullable=False, default=""),
    Column("backend", String(40), nullable=False, default=""),
    Column("record", Text, nullable=False),
    Column("rendered", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("day", String(10), nullable=False),
    UniqueConstraint("owner", "session_id", "ordinal"),
    Index("ix_feedback_created_at_id", "created_at", "id"),
    Index("ix_feedback_day", "day"),
)

# A feedback's reason tags and the indexes its answer searched: one row each, for the filters and
# the counts per index.
feedback_tags = Table(
    "feedback_tags", metadata,
    Column("feedback_id", String(32), ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(100), primary_key=True),
    Index(None, "tag"),
)
feedback_indexes = Table(
    "feedback_indexes", metadata,
    Column("feedback_id", String(32), ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True),
    Column("index_id", String(200), primary_key=True),
    Index(None, "index_id"),
)

# Read-only links to a snapshot of a chat, one per owner and chat: sharing again replaces the
# snapshot and keeps the id; stopping deletes the row, so the link is dead for every worker at once.
shares = Table(
    "shares", metadata,
    Column("id", String(64), primary_key=True),  # random, at least 128 bits
    Column("owner", String(200), nullable=False),
    Column("session_id", String(200), nullable=False),
    Column("audience", String(16), nullable=False),  # people | anyone
    Column("title", Text, nullable=False, default=""),
    Column("shared_by", String(200), nullable=False, default=""),
    Column("turns", Integer, nullable=False, default=0),
    Column("snapshot", Text, nullable=False),  # JSON
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    UniqueConstraint("owner", "session_id"),
    Index("ix_shares_owner_updated_at", "owner", "updated_at"),
)

# One row per turn this deployment ran, written when it ended: the usage pages add them up.
turn_facts = Table(
    "turn_facts", metadata,
    Column("turn_id", String(64), primary_key=True),
    Column("owner", String(200), nullable=False, default=""),
    Column("session_id", String(200), nullable=False),
    Column("ordinal", Integer, nullable=False, default=0),
    Column("backend", String(40), nullable=False, default=""),
    Column("outcome", String(16), nullable=False),  # done | stopped | error | interrupted
    Column("started_at", Float, nullable=False),
    Column("day", String(10), nullable=False),  # UTC date it started
    Column("input_tokens", Integer, nullable=False, default=0),
    Column("output_tokens", Integer, nullable=False, default=0),
    Column("first_token_ms", Float, nullable=True),  # None: no text ever came
    Column("duration_ms", Float, nullable=False),
    Index("ix_turn_facts_day_owner", "day", "owner"),
)

# The person's own name for a chat and its pin, per owner and chat. An empty name means "the
# generated title"; ``pinned_at`` orders the pinned chats (first pinned first), NULL when not pinned.
chat_names = Table(
    "chat_names", metadata,
    Column("owner", String(200), primary_key=True),
    Column("session_id", String(200), primary_key=True),
    Column("name", String(200), nullable=False, default=""),
    Column("folded", String(400), nullable=False, default=""),  # the name folded for search
    Column("pinned_at", Float, nullable=True),
    Column("updated_at", Float, nullable=False),
    Index("ix_chat_names_owner_pinned_at", "owner", "pinned_at"),
)

# One row per finished turn, for search: the text as written (snippets) and folded (case and
# diacritics removed, in Python, so SQLite and PostgreSQL match alike). On SQLite a contentless FTS5
# table (``search_fts``, kept by triggers) indexes ``folded`` and the owner as one token, and ``id``
# is a time key (:func:`chat_ui.store.search.time_key`); on PostgreSQL a ``tsvector`` column ``doc``
# under a GIN index does (made by migrations 0201_search and 0401_search_fast only).
search_turns = Table(
    "search_turns", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(200), nullable=False),
    Column("session_id", String(200), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("started_at", Float, nullable=False),
    Column("prompt", Text, nullable=False, default=""),
    Column("answer", Text, nullable=False, default=""),
    Column("sources", Text, nullable=False, default=""),  # file names, one a line
    Column("folded", Text, nullable=False, default=""),
    UniqueConstraint("owner", "session_id", "ordinal"),
    Index("ix_search_turns_owner_started_at", "owner", "started_at"),
)

# The chats whose whole history is in the index (the background indexer's mark).
search_chats = Table(
    "search_chats", metadata,
    Column("owner", String(200), primary_key=True),
    Column("session_id", String(200), primary_key=True),
    Column("indexed_at", Float, nullable=False),
)


def outside_metadata(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's include_object: False for the search index's dialect-only objects (the FTS5 table
    and its shadow tables on SQLite, the generated ``doc`` column and its GIN index on PostgreSQL),
    which migration 0201_search makes by hand."""
    if type_ == "table" and str(name).startswith("search_fts"):
        return False
    if type_ == "column" and name == "doc" and getattr(getattr(obj, "table", None), "name", "") == "search_turns":
        return False
    if type_ == "index" and name == "ix_search_turns_doc":
        return False
    return True

# What a person chose for themselves, keyed by the owner key (``acct:<id>`` or an anonymous
# browser's owner id), so it follows an account across browsers and a browser without one.
preferences = Table(
    "preferences", metadata,
    Column("owner", String(200), primary_key=True),
    Column("language", String(16), nullable=False, default=""),
    Column("updated_at", Float, nullable=False),
)
