"""Shared links: a read-only snapshot of a chat under a random id, one per owner and chat.

Sharing again replaces the snapshot and keeps the id, so the link people have stays good.
Stopping deletes the row: every worker reads the store on every open, so the link is dead at once
everywhere. A new share after that gets a new id; the old link never comes back.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from chat_ui.store.engine import reading, run, writing
from chat_ui.store.models import shares

AUDIENCES = ("people", "anyone")
ID_BYTES = 24  # 192 random bits


@dataclass(frozen=True)
class Share:
    id: str
    owner: str
    session_id: str
    audience: str
    title: str
    shared_by: str
    turns: int
    created_at: float
    updated_at: float


_COLUMNS = [c for c in shares.c if c.name != "snapshot"]


def _share(row) -> Share:
    return Share(id=row.id, owner=row.owner, session_id=row.session_id, audience=row.audience, title=row.title,
                 shared_by=row.shared_by, turns=int(row.turns), created_at=float(row.created_at),
                 updated_at=float(row.updated_at))


def _put(owner: str, session_id: str, audience: str, title: str, shared_by: str, turns: int, snapshot: str,
         now: float) -> Share:
    values = {"audience": audience, "title": title, "shared_by": shared_by, "turns": turns, "snapshot": snapshot,
              "updated_at": now}
    with writing() as conn:
        found = conn.execute(select(shares.c.id).where(shares.c.owner == owner, shares.c.session_id == session_id)).scalar()
        if found is None:
            found = secrets.token_urlsafe(ID_BYTES)
            conn.execute(shares.insert().values(id=found, owner=owner, session_id=session_id, created_at=now, **values))
        else:
            conn.execute(update(shares).where(shares.c.id == found).values(**values))
        return _share(conn.execute(select(*_COLUMNS).where(shares.c.id == found)).one())


def _set_audience(owner: str, share_id: str, audience: str, now: float) -> Share | None:
    with writing() as conn:
        changed = conn.execute(update(shares).where(shares.c.id == share_id, shares.c.owner == owner)
                               .values(audience=audience, updated_at=now)).rowcount
        row = conn.execute(select(*_COLUMNS).where(shares.c.id == share_id)).one_or_none() if changed else None
        return _share(row) if row is not None else None


def _stop(owner: str, share_id: str) -> bool:
    with writing() as conn:
        return bool(conn.execute(delete(shares).where(shares.c.id == share_id, shares.c.owner == owner)).rowcount)


def _get(share_id: str) -> Share | None:
    with reading() as conn:
        row = conn.execute(select(*_COLUMNS).where(shares.c.id == share_id)).one_or_none()
        return _share(row) if row is not None else None


def _snapshot(share_id: str, updated_at: float) -> str | None:
    with reading() as conn:
        return conn.execute(select(shares.c.snapshot).where(shares.c.id == share_id,
                                                            shares.c.updated_at == updated_at)).scalar()


def _of_chat(owner: str, session_id: str) -> Share | None:
    with reading() as conn:
        row = conn.execute(select(*_COLUMNS).where(shares.c.owner == owner, shares.c.session_id == session_id)).one_or_none()
        return _share(row) if row is not None else None


def _mine(owner: str) -> list[Share]:
    with reading() as conn:
        rows = conn.execute(select(*_COLUMNS).where(shares.c.owner == owner)
                            .order_by(shares.c.updated_at.desc(), shares.c.id)).all()
        return [_share(r) for r in rows]


async def put(owner: str, session_id: str, *, audience: str, title: str, shared_by: str, turns: int, snapshot: str) -> Share:
    """Share the chat, or share it again: a new snapshot under the same id."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return await run(_put, owner, session_id, audience, title, shared_by, turns, snapshot, time.time())


async def set_audience(owner: str, share_id: str, audience: str) -> Share | None:
    """Change who may open the owner's link; None when it is not theirs (or gone)."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return await run(_set_audience, owner, share_id, audience, time.time())


async def stop(owner: str, share_id: str) -> bool:
    """Kill the owner's link; False when it was not theirs (or already gone)."""
    return await run(_stop, owner, share_id)


async def get(share_id: str) -> Share | None:
    return await run(_get, share_id) if share_id else None


async def snapshot(share: Share) -> str | None:
    """The snapshot JSON of exactly this version of the share (None if it changed or went since)."""
    return await run(_snapshot, share.id, share.updated_at)


async def of_chat(owner: str, session_id: str) -> Share | None:
    return await run(_of_chat, owner, session_id) if owner and session_id else None


async def mine(owner: str) -> list[Share]:
    """The owner's links, the most recently shared first."""
    return await run(_mine, owner) if owner else []
