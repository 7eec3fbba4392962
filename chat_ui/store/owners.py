"""Who owns which chat session, most recent activity first.

The backend cannot tell visitors apart (one API key serves everyone), so the app records it. An
owner is an opaque string: an account (``acct:<id>``) or an anonymous browser's owner id. A
session has one owner. Paging reads only the owner's own rows, by an index, never the whole
project's session list.
"""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import Connection, and_, delete, func, or_, select, update

from chat_ui import page_token
from chat_ui.per_loop import PerLoop
from chat_ui.store.dialect import upsert_many
from chat_ui.store.engine import reading, run, writing
from chat_ui.store.models import owned

Row = tuple[str, float]  # (session id, last activity as a Unix time)


def _claim_all(rows: list[dict]) -> None:
    with writing() as conn:
        upsert_many(conn, owned, rows, ["session_id"], ["owner", "touched"])


class _Claims:
    """Claims waiting for the next write transaction of this event loop (group commit): a crowd of
    new chats at once (200 sends) is a few transactions, not 200 queued on the store's threads,
    each holding SQLite's write lock in turn while its sender waits to start the turn."""

    def __init__(self) -> None:
        self.waiting: list[tuple[dict, asyncio.Future]] = []
        self.writer: asyncio.Task | None = None

    async def add(self, row: dict) -> None:
        done = asyncio.get_running_loop().create_future()
        self.waiting.append((row, done))
        if self.writer is None or self.writer.done():
            self.writer = asyncio.create_task(self._write(), name="owners.claim")
        await done

    async def _write(self) -> None:
        while self.waiting:
            taken, self.waiting = self.waiting, []
            rows = list({row["session_id"]: row for row, _ in taken}.values())  # a session twice: the last claim
            try:
                await run(_claim_all, rows)
            except BaseException as exc:  # every claim of the batch fails with it; the next batch tries anew
                for _, done in taken:
                    if not done.done():
                        done.set_exception(exc)
                if isinstance(exc, asyncio.CancelledError):
                    raise
                continue
            for _, done in taken:
                if not done.done():
                    done.set_result(None)


_claims: PerLoop[_Claims] = PerLoop()


def _touch(owner: str, session_id: str, now: float) -> None:
    with writing() as conn:
        conn.execute(update(owned).where(owned.c.session_id == session_id, owned.c.owner == owner).values(touched=now))


def _owns(owner: str, session_id: str) -> bool:
    with reading() as conn:
        return conn.execute(select(owned.c.owner).where(owned.c.session_id == session_id)).scalar_one_or_none() == owner


def page_rows(conn: Connection, owner: str, size: int, token: str | None) -> tuple[list[Row], str | None]:
    query = select(owned.c.session_id, owned.c.touched).where(owned.c.owner == owner)
    if token:
        score, sid = page_token.decode(token)
        score = float(score)
        query = query.where(or_(owned.c.touched < score, and_(owned.c.touched == score, owned.c.session_id < sid)))
    rows = conn.execute(query.order_by(owned.c.touched.desc(), owned.c.session_id.desc()).limit(size + 1)).all()
    more = len(rows) > size
    rows = rows[:size]
    next_token = page_token.encode(rows[-1][1], rows[-1][0]) if more else None
    return [(r[0], float(r[1])) for r in rows], next_token


def _page(owner: str, size: int, token: str | None) -> tuple[list[Row], str | None]:
    with reading() as conn:
        return page_rows(conn, owner, size, token)


def _remove(owner: str, session_id: str) -> None:
    with writing() as conn:
        conn.execute(delete(owned).where(owned.c.session_id == session_id, owned.c.owner == owner))


def _move_all(from_owner: str, to_owner: str) -> int:
    with writing() as conn:
        return conn.execute(update(owned).where(owned.c.owner == from_owner).values(owner=to_owner)).rowcount or 0


def _count(owner: str) -> int:
    with reading() as conn:
        return conn.execute(select(func.count()).select_from(owned).where(owned.c.owner == owner)).scalar_one()


async def claim(owner: str, session_id: str) -> None:
    """Record a session the owner just created (written with the claims made meanwhile, in one
    transaction; returns once it is committed, raises if that failed)."""
    now = time.time()
    await _claims.get(_Claims).add({"session_id": session_id, "owner": owner, "touched": now, "created_at": now})


async def touch(owner: str, session_id: str) -> None:
    """Move an owned session to the top (a new turn); nothing if the owner does not own it."""
    await run(_touch, owner, session_id, time.time())


async def owns(owner: str, session_id: str) -> bool:
    return bool(owner) and await run(_owns, owner, session_id)


async def page(owner: str, size: int, token: str | None) -> tuple[list[Row], str | None]:
    """Up to ``size`` rows, most recently active first, and the next page's token. Raises
    ValueError for a token this store did not make."""
    return await run(_page, owner, size, token)


async def remove(owner: str, session_id: str) -> None:
    await run(_remove, owner, session_id)


async def move_all(from_owner: str, to_owner: str) -> int:
    """Give every session of ``from_owner`` to ``to_owner`` (an anonymous browser signing in)."""
    return await run(_move_all, from_owner, to_owner)


async def count(owner: str) -> int:
    return await run(_count, owner)
