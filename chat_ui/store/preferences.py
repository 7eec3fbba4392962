"""What a person chose for themselves (today: the interface language), by owner key."""

from __future__ import annotations

import time

from sqlalchemy import select

from chat_ui.store.dialect import upsert
from chat_ui.store.engine import reading, run, writing
from chat_ui.store.models import preferences


def _language(owner: str) -> str:
    with reading() as conn:
        return conn.execute(select(preferences.c.language).where(preferences.c.owner == owner)).scalar_one_or_none() or ""


def _set_language(owner: str, language: str) -> None:
    with writing() as conn:
        upsert(conn, preferences, {"owner": owner, "language": language, "updated_at": time.time()},
               ["owner"], ["language", "updated_at"])


async def language(owner: str) -> str:
    """The language ``owner`` chose, "" if none (or no owner)."""
    return await run(_language, owner) if owner else ""


async def set_language(owner: str, language: str) -> None:
    if owner:
        await run(_set_language, owner, language)
