"""A person's own names for their chats, and pins.

The LlamaCloud API has no rename, so the name lives here, per owner and chat; an empty name means
"the generated title" (clearing a name brings it back). Pins keep the time they were made, which
orders them (first pinned first).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import select, update

from chat_ui.store.dialect import upsert
from chat_ui.store.engine import reading, run, writing
from chat_ui.store.folding import CONTROL, fold
from chat_ui.store.models import chat_names

MAX_NAME = 200


class NameTooLong(ValueError):
    """A name over MAX_NAME characters: refused with a message, nothing changed."""


@dataclass(frozen=True)
class ChatName:
    session_id: str
    name: str
    pinned_at: float | None


def clean(name: str) -> str:
    return " ".join(CONTROL.sub(" ", name or "").split())


def _rename(owner: str, session_id: str, name: str, now: float) -> None:
    with writing() as conn:
        upsert(conn, chat_names, {"owner": owner, "session_id": session_id, "name": name, "folded": fold(name)[:400],
                                  "pinned_at": None, "updated_at": now},
               ["owner", "session_id"], ["name", "folded", "updated_at"])


def _pin(owner: str, session_id: str, pinned: bool, now: float) -> None:
    with writing() as conn:
        changed = conn.execute(update(chat_names).where(chat_names.c.owner == owner, chat_names.c.session_id == session_id)
                               .values(pinned_at=now if pinned else None, updated_at=now)).rowcount
        if not changed and pinned:
            conn.execute(chat_names.insert().values(owner=owner, session_id=session_id, name="", folded="",
                                                    pinned_at=now, updated_at=now))


def _of(owner: str, session_ids: list[str]) -> dict[str, ChatName]:
    with reading() as conn:
        rows = conn.execute(select(chat_names).where(chat_names.c.owner == owner,
                                                     chat_names.c.session_id.in_(session_ids))).all()
        return {r.session_id: ChatName(r.session_id, r.name, r.pinned_at) for r in rows}


def _pinned(owner: str) -> list[ChatName]:
    with reading() as conn:
        rows = conn.execute(select(chat_names).where(chat_names.c.owner == owner, chat_names.c.pinned_at.is_not(None))
                            .order_by(chat_names.c.pinned_at, chat_names.c.session_id)).all()
        return [ChatName(r.session_id, r.name, r.pinned_at) for r in rows]


async def rename(owner: str, session_id: str, name: str) -> str:
    """Name the owner's chat (the caller checked ownership); '' brings back the generated title.
    Returns the name kept; raises NameTooLong over MAX_NAME characters."""
    name = clean(name)
    if len(name) > MAX_NAME:
        raise NameTooLong(f"A chat name can be at most {MAX_NAME} characters.")
    await run(_rename, owner, session_id, name, time.time())
    return name


async def pin(owner: str, session_id: str, pinned: bool = True) -> None:
    await run(_pin, owner, session_id, pinned, time.time())


async def of(owner: str, session_ids: list[str]) -> dict[str, ChatName]:
    """Names and pins of these chats of the owner (only those that have one)."""
    return await run(_of, owner, list(session_ids)) if owner and session_ids else {}


async def name_of(owner: str, session_id: str) -> str:
    found = (await of(owner, [session_id])).get(session_id)
    return found.name if found else ""


async def pinned(owner: str) -> list[ChatName]:
    """The owner's pinned chats, first pinned first."""
    return await run(_pinned, owner) if owner else []


def display(name: str, generated: str) -> str:
    """The title shown everywhere: the person's name, else the generated one."""
    return name or generated
