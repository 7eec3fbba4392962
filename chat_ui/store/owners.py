"""Who owns which chat session, most recent activity first.

The backend cannot tell visitors apart (one API key serves everyone), so the app records it. An
owner is an opaque string: an account (``acct:<id>``) or an anonymous browser's owner id. A
session has one owner. Paging reads only the owner's own rows, by an index, never the whole
project's session list.
"""

from __future__ import annotations

import time

from sqlalchemy import Connection, and_, delete, func, or_, select, update

from chat_ui import page_token
from chat_ui.kept import Kept
from chat_ui.store.dialect import upsert_many
from chat_ui.store.engine import reading, run, writing
from chat_ui.store.group import GroupWrite
from chat_ui.store.models import owned

Row = tuple[str, float]  # (session id, last activity as a Unix time)


def _claim_all(rows: list[dict]) -> None:
    rows = list({row["session_id"]: row for row in rows}.values())  # a session twice: the last claim
    with writing() as conn:
        upsert_many(conn, owned, rows, ["session_id"], ["owner", "touched"])


_claims: GroupWrite[dict] = GroupWrite(_claim_all, "owners.claim")

# Who owns a session, as this worker last read or wrote it. Every page open, rating load and send
# asks; an answer read here stays good for OWNER_TTL_S. Only "yes" is kept: a "no" is read again
# (the chat may have just been claimed or moved to this person elsewhere). What another worker
# changes meanwhile: a delete (the backend no longer has the chat, so it opens as "not found"
# anyway) or an anonymous browser's chats moving to the account it signed in to (its anonymous
# owner, no longer used by that browser, could still open them here for a few seconds).
OWNER_TTL_S = 30.0
_owner_of: Kept[str, str] = Kept(OWNER_TTL_S, 50_000)


def _touch_all(touches: list[tuple[str, str, float]]) -> None:
    with writing() as conn:
        for owner, session_id, now in touches:
            conn.execute(update(owned).where(owned.c.session_id == session_id, owned.c.owner == owner).values(touched=now))


_touches: GroupWrite[tuple[str, str, float]] = GroupWrite(_touch_all, "owners.touch")


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
    await _claims.add({"session_id": session_id, "owner": owner, "touched": now, "created_at": now})
    _owner_of.put(session_id, owner)


async def touch(owner: str, session_id: str) -> None:
    """Move an owned session to the top (a new turn); nothing if the owner does not own it."""
    await _touches.add((owner, session_id, time.time()))


async def owns(owner: str, session_id: str) -> bool:
    if not owner:
        return False
    if _owner_of.get(session_id) == owner:
        return True
    if not await run(_owns, owner, session_id):
        return False
    _owner_of.put(session_id, owner)
    return True


async def page(owner: str, size: int, token: str | None) -> tuple[list[Row], str | None]:
    """Up to ``size`` rows, most recently active first, and the next page's token. Raises
    ValueError for a token this store did not make."""
    return await run(_page, owner, size, token)


async def remove(owner: str, session_id: str) -> None:
    _owner_of.forget(session_id)
    await run(_remove, owner, session_id)


async def move_all(from_owner: str, to_owner: str) -> int:
    """Give every session of ``from_owner`` to ``to_owner`` (an anonymous browser signing in)."""
    _owner_of.forget_where(lambda owner: owner == from_owner)
    return await run(_move_all, from_owner, to_owner)


async def count(owner: str) -> int:
    return await run(_count, owner)


def forget_kept() -> None:
    """Drop this worker's copies of who owns what (tests that start over with a new store)."""
    _owner_of.clear()
