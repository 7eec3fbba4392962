"""Reach into a local API's database where a test needs a state the API reaches only with time."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def give_title(db: Path, session_id: str, title: str) -> None:
    """The title the service would make a while after the session's first turn, at once and
    without a turn (a turn would also move the session to the top of the list)."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE sessions SET generated_title=? WHERE id=?", (title, session_id))
