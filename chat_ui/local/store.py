"""SQLite persistence of the local chat API: sessions, their events, and the signing secret.

Every call is a tiny indexed statement on a local file, so handlers call it directly; one
connection guarded by a lock serves the whole process.

Crash safety: the database is in WAL mode with full syncs, every change is one transaction, and
a turn is written as it goes (whole events at once, streamed text at checkpoints) with a row in
``open_turns`` naming the process writing it. A process that dies mid-turn (``kill -9``) leaves
that row behind; the next process to open the database (or read that session) sees the owner is
gone and closes the turn as interrupted, keeping what was written. Several processes may share
the file: writes take SQLite's write lock (``BEGIN IMMEDIATE``) and wait for each other.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chat_ui import page_token as page_tokens
from chat_ui.api.models import JobMetadata, SessionDetail, SessionSummary, Stop, Usage, event_to_json
from chat_ui.local.lease import Lease

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    index_ids TEXT,                -- JSON list, NULL for an unbound session
    generated_title TEXT,          -- a title shown at once (databases made before titles came late)
    pending_title TEXT,            -- made from the first message, shown from title_due_at on
    title_due_at TEXT,
    shared_access TEXT NOT NULL DEFAULT 'read_only',
    created_at TEXT NOT NULL,
    last_updated_at TEXT NOT NULL,
    job_metadata TEXT              -- JSON, mirrors the last turn's stop
);
CREATE INDEX IF NOT EXISTS sessions_by_update ON sessions (last_updated_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS events (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE TABLE IF NOT EXISTS open_turns (
    turn_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    owner TEXT NOT NULL,           -- the Lease token of the process writing the turn
    started_at TEXT NOT NULL,
    partial TEXT NOT NULL DEFAULT '{}'  -- JSON {"thinking"|"text": str}: streamed text not yet whole
);
CREATE INDEX IF NOT EXISTS open_turns_by_session ON open_turns (session_id);
"""
# Columns added since the first schema: a database made before them gets them on open.
_ADDED = {"sessions": (("pending_title", "TEXT"), ("title_due_at", "TEXT"))}

TITLE_CHARS = 60
BUSY_TIMEOUT_S = 30.0  # another process holding the write lock: wait this long before failing
CUT_SHORT = (
    "The answer was interrupted: the chat service stopped while writing it (it crashed or was restarted). "
    "What it had written is kept."
)


def now_iso() -> str:
    """UTC timestamp without a zone, like the real API: ``2026-04-22T12:34:41.342245``."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def make_title(first_message: str, limit: int = TITLE_CHARS) -> str:
    """The first message on one line, cut at a word boundary with an ellipsis when too long."""
    text = " ".join(first_message.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(" ,;:.-") + "…"


class Store:
    def __init__(self, db_path: Path, title_delay_s: float = 0.0) -> None:
        """``title_delay_s``: how long after its first turn ends a session shows its title."""
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self.title_delay_s = title_delay_s
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(db_path), check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        self._db.row_factory = sqlite3.Row
        with self._lock:
            (mode,) = self._db.execute("PRAGMA journal_mode=WAL").fetchone()
            if str(mode).lower() != "wal":  # e.g. a network filesystem: refuse rather than risk the data
                raise RuntimeError(f"{db_path} cannot use SQLite's WAL mode (got {mode!r}); put it on a local disk.")
            self._db.execute("PRAGMA synchronous=FULL")  # a commit is on disk before it is acknowledged
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            for table, columns in _ADDED.items():
                have = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
                for name, kind in columns:
                    if name not in have:
                        self._db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        self.lease = Lease(db_path.parent / f"{db_path.name}.owners")
        self.recover()

    def close(self) -> None:
        with self._lock:
            self._db.close()
        self.lease.release()

    def _q(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # ---------------------------------------------------------------- secret

    def signing_secret(self) -> str:
        """A random secret created on first use and kept in the db."""
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('signing_secret', ?)", (secrets.token_hex(32),)
            )
            return self._db.execute("SELECT value FROM meta WHERE key='signing_secret'").fetchone()[0]

    # ---------------------------------------------------------------- sessions

    def create_session(self, index_ids: list[str] | None, shared_access: str | None = None) -> SessionSummary:
        sid = "ses-" + secrets.token_hex(8)
        ts = now_iso()
        self._q(
            "INSERT INTO sessions (id, index_ids, shared_access, created_at, last_updated_at) VALUES (?,?,?,?,?)",
            (sid, json.dumps(index_ids) if index_ids is not None else None, shared_access or "read_only", ts, ts),
        )
        return self.get_summary(sid)  # type: ignore[return-value]

    def get_summary(self, session_id: str) -> SessionSummary | None:
        rows = self._q("SELECT * FROM sessions WHERE id=?", (session_id,))
        return _summary(rows[0]) if rows else None

    def get_detail(self, session_id: str) -> SessionDetail | None:
        if self._q("SELECT 1 FROM open_turns WHERE session_id=? LIMIT 1", (session_id,)):
            self.recover(session_id)  # a turn cut by a process that died while this one ran
        summary = self.get_summary(session_id)
        if summary is None:
            return None
        rows = self._q("SELECT data FROM events WHERE session_id=? ORDER BY seq", (session_id,))
        return SessionDetail(**summary.model_dump(), events=[json.loads(r["data"]) for r in rows])

    def list_sessions(self, page_size: int, page_token: str | None) -> tuple[list[SessionSummary], str | None]:
        """Newest first (by last update); the token is the keyset of the last item returned."""
        if page_token:
            ts, sid = page_tokens.decode(page_token)
            ts = str(ts)
            rows = self._q(
                "SELECT * FROM sessions WHERE last_updated_at < ? OR (last_updated_at = ? AND id < ?) "
                "ORDER BY last_updated_at DESC, id DESC LIMIT ?",
                (ts, ts, sid, page_size + 1),
            )
        else:
            rows = self._q("SELECT * FROM sessions ORDER BY last_updated_at DESC, id DESC LIMIT ?", (page_size + 1,))
        items = [_summary(r) for r in rows[:page_size]]
        token = None
        if len(rows) > page_size:
            last = rows[page_size - 1]
            token = page_tokens.encode(last["last_updated_at"], last["id"])
        return items, token

    def delete_session(self, session_id: str) -> bool:
        with self._transaction():  # all or nothing: never a session without its events
            self._db.execute("DELETE FROM events WHERE session_id=?", (session_id,))
            return self._db.execute("DELETE FROM sessions WHERE id=?", (session_id,)).rowcount > 0

    def has_events(self, session_id: str) -> bool:
        return bool(self._q("SELECT 1 FROM events WHERE session_id=? LIMIT 1", (session_id,)))

    # ---------------------------------------------------------------- turns

    def begin_turn(self, session_id: str, prompt: str, user_event: dict[str, Any]) -> str:
        """Make the session's title from its first message (shown once that turn has ended,
        :meth:`_title_due`), store the user's input, and open the turn in this process's name.
        A bound session's indexes were fixed when it was made; an unbound one stays unbound.
        Returns the turn's id for what follows."""
        turn_id = "turn-" + secrets.token_hex(8)
        with self._transaction():
            self._db.execute(
                "UPDATE sessions SET pending_title=COALESCE(pending_title, ?), last_updated_at=? WHERE id=?",
                (make_title(prompt), now_iso(), session_id),
            )
            self._append(session_id, [user_event])
            self._db.execute(
                "INSERT INTO open_turns (turn_id, session_id, owner, started_at) VALUES (?,?,?,?)",
                (turn_id, session_id, self.lease.token, now_iso()),
            )
        return turn_id

    def checkpoint(self, turn_id: str, session_id: str, events: list[dict[str, Any]], partial: dict[str, str]) -> None:
        """Store a running turn's new whole events and its streamed text so far."""
        with self._transaction():
            if self._db.execute("SELECT 1 FROM sessions WHERE id=?", (session_id,)).fetchone():
                self._append(session_id, events)
                self._db.execute("UPDATE open_turns SET partial=? WHERE turn_id=?", (json.dumps(partial), turn_id))

    def end_turn(self, session_id: str, events: list[dict[str, Any]], job: JobMetadata, turn_id: str | None = None) -> None:
        """Store the rest of a finished (or interrupted) turn's events and mirror its stop."""
        with self._transaction():
            exists = self._db.execute("SELECT 1 FROM sessions WHERE id=?", (session_id,)).fetchone()
            if exists:  # deleted mid-turn: nothing to keep
                self._append(session_id, events)
                self._db.execute(
                    "UPDATE sessions SET job_metadata=?, last_updated_at=? WHERE id=?",
                    (job.model_dump_json(), now_iso(), session_id),
                )
                self._title_due(session_id)
            if turn_id is not None:
                self._db.execute("DELETE FROM open_turns WHERE turn_id=?", (turn_id,))

    def recover(self, session_id: str | None = None) -> int:
        """Close, as interrupted, every open turn whose process is gone (of one session, or all);
        its streamed text becomes whole events, so nothing it wrote is lost. Returns how many."""
        where, args = ("WHERE session_id=?", (session_id,)) if session_id else ("", ())
        rows = self._q(f"SELECT turn_id, owner FROM open_turns {where}", args)
        cut = [r["turn_id"] for r in rows if not self.lease.alive(r["owner"])]
        closed = 0
        for turn_id in cut:
            with self._transaction():
                row = self._db.execute(
                    "SELECT session_id, partial, started_at FROM open_turns WHERE turn_id=?", (turn_id,)
                ).fetchone()
                if row is None:
                    continue  # another process closed it first
                partial = json.loads(row["partial"] or "{}")
                events = [{"type": kind, "content": partial[kind]} for kind in ("thinking", "text") if partial.get(kind)]
                # ``usage`` is required in a stop: what is known of the cut turn is how long it ran.
                usage = Usage(duration_ms=_ms_since(row["started_at"]), total_input_tokens=None, total_output_tokens=None)
                events.append(event_to_json(Stop(is_error=True, error=CUT_SHORT, usage=usage, skipped_index_ids=[])))
                self._append(row["session_id"], events)
                self._title_due(row["session_id"])
                job = JobMetadata(is_error=True, error=CUT_SHORT)
                self._db.execute(
                    "UPDATE sessions SET job_metadata=?, last_updated_at=? WHERE id=?",
                    (job.model_dump_json(), now_iso(), row["session_id"]),
                )
                self._db.execute("DELETE FROM open_turns WHERE turn_id=?", (turn_id,))
                closed += 1
        if session_id is None:
            self.lease.sweep()
        return closed

    def _title_due(self, session_id: str) -> None:
        """The first turn has ended: its title shows ``title_delay_s`` from now (inside a transaction)."""
        due = (datetime.now(UTC) + timedelta(seconds=self.title_delay_s)).replace(tzinfo=None).isoformat(timespec="microseconds")
        self._db.execute(
            "UPDATE sessions SET title_due_at=? WHERE id=? AND title_due_at IS NULL AND pending_title IS NOT NULL",
            (due, session_id),
        )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, taken at once (BEGIN IMMEDIATE), so two processes never
        interleave a read-then-write such as the next event number."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _append(self, session_id: str, events: list[dict[str, Any]]) -> None:
        (start,) = self._db.execute(
            "SELECT COALESCE(MAX(seq), -1) + 1 FROM events WHERE session_id=?", (session_id,)
        ).fetchone()
        self._db.executemany(
            "INSERT INTO events (session_id, seq, data) VALUES (?,?,?)",
            [(session_id, start + i, json.dumps(e)) for i, e in enumerate(events)],
        )


def _ms_since(iso: str) -> float:
    try:
        started = datetime.fromisoformat(iso).replace(tzinfo=UTC)
    except ValueError:
        return 0.0
    return round(max(0.0, (datetime.now(UTC) - started).total_seconds() * 1000), 1)


def _title(row: sqlite3.Row) -> str | None:
    """The title the service shows now: none until a little after the first turn."""
    if row["generated_title"] is not None:
        return row["generated_title"]
    due = row["title_due_at"]
    return row["pending_title"] if due is not None and due <= now_iso() else None


def _summary(row: sqlite3.Row) -> SessionSummary:
    return SessionSummary(
        session_id=row["id"],
        last_updated_at=row["last_updated_at"],
        generated_title=_title(row),
        index_ids=json.loads(row["index_ids"]) if row["index_ids"] is not None else None,
        job_metadata=JobMetadata.model_validate_json(row["job_metadata"]) if row["job_metadata"] else None,
        shared_access=row["shared_access"],
    )


