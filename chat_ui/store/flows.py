"""Sign-ins under way: what the callback needs (PKCE verifier, nonce, where to go back), kept in
the database so whichever worker serves the callback finds it, and taken at most once."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import delete, select

from chat_ui.store.engine import run, writing
from chat_ui.store.models import auth_flows


def _put(state: str, data: dict[str, Any], ttl_s: float, now: float) -> None:
    with writing() as conn:
        conn.execute(delete(auth_flows).where(auth_flows.c.expires_at < now))
        conn.execute(auth_flows.insert().values(state=state, data=json.dumps(data), expires_at=now + ttl_s))


def _take(state: str, now: float) -> dict[str, Any] | None:
    with writing() as conn:
        row = conn.execute(select(auth_flows.c.data, auth_flows.c.expires_at).where(auth_flows.c.state == state)).one_or_none()
        if row is None:
            return None
        conn.execute(delete(auth_flows).where(auth_flows.c.state == state))
        return json.loads(row.data) if row.expires_at > now else None


async def put(state: str, data: dict[str, Any], ttl_s: float) -> None:
    await run(_put, state, data, ttl_s, time.time())


async def take(state: str) -> dict[str, Any] | None:
    """The flow's data, once; None for an unknown, reused or expired state."""
    if not state:
        return None
    return await run(_take, state, time.time())
