"""What the Reflex states ask before they touch a session: who is asking, may they see it, may
they start a turn now, and which sessions to list.

The owner comes from the signed HttpOnly cookie the app's backend set, read from the headers of
the tab's websocket (server-side router data a client cannot write), never from a state var.
A session the owner does not own is treated exactly like one that does not exist.
A refusal is a kept message (:func:`chat_ui.i18n.message.msg`): shown in the reader's language.
"""

from __future__ import annotations

import asyncio
import logging
import math
from datetime import datetime, timezone

from chat_ui.access.limits import get_limiter
from chat_ui.access.settings import settings
from chat_ui.access.visitor import Visitor, visitor_of
from chat_ui import opening
from chat_ui.api import summary_cache
from chat_ui.api.backend import ChatBackend
from chat_ui.api.errors import ChatAPIError, NotFoundError
from chat_ui.api.models import SessionPage, SessionSummary
from chat_ui.i18n.message import msg
from chat_ui.store import owners, search

NOT_FOUND = msg("policy.not_found")
NO_OWNER = msg("policy.no_owner")
SIGNED_OUT = msg("policy.signed_out")
# Summaries fetched at once for one page of the list: the whole page (20), so the first rows wait
# for one round trip to the backend, not three (8 at a time did); the short-call pool holds 128.
SUMMARY_CONCURRENCY = 20

log = logging.getLogger(__name__)


def owner_of(router) -> str:
    """The store's owner key of the tab behind ``router`` (a state's ``self.router``), or ""."""
    return visitor_of(router).owner


def is_admin(visitor: Visitor) -> bool:
    """May review feedback and usage (the accounts issue defines who; nobody without accounts)."""
    return visitor.is_admin


def is_member(visitor: Visitor) -> bool:
    """Signed in to this deployment: what a link shared with "people signed in to this
    deployment" asks. Until accounts exist, anyone who passed its gate: every visitor where there
    is none, the password holder where there is one, a signed-in person where people sign in
    (oidc, header); never a guest of a public link."""
    if visitor.guest:
        return False
    return visitor.signed_in if settings().accounts else True


async def can_open(owner: str, session_id: str) -> bool:
    if not session_id:
        return False
    if not settings().private:
        return True
    return bool(owner) and await owners.owns(owner, session_id)


async def claim(owner: str, session_id: str) -> None:
    """The owner created this session."""
    if owner:
        await owners.claim(owner, session_id)


async def forget(owner: str, session_id: str) -> None:
    """The chat is gone (deleted here or upstream): out of the list and out of search."""
    summary_cache.forget(session_id)
    opening.forget(session_id)
    if owner:
        await owners.remove(owner, session_id)
        await search.forget(owner, [session_id])


def rate_limited(limit: int, wait_s: float) -> str:
    return msg("policy.rate_limited", limit=limit, count=max(1, math.ceil(wait_s)))


async def admit_turn(owner: str, session_id: str, address: str = "", signin_token: str | None = None) -> str:
    """"" when the owner may start a turn in ``session_id`` ("" for a new chat) now; otherwise
    the reason, in words for the composer. Counts the turn against the owner's rate limit.
    ``signin_token``: the tab's sign-in session (``CHAT_UI_AUTH=oidc``), checked against the store,
    so a sign-out in another tab ends this one's sending too, not only at its next connect."""
    s = settings()
    if s.accounts and not owner.startswith("acct:"):
        return SIGNED_OUT
    if s.auth == "oidc" and signin_token is not None:
        from chat_ui.access import signin_cookie

        person = await signin_cookie.person_of(signin_token)
        if person is None or person.owner != owner:
            return SIGNED_OUT
    if s.private and not owner:
        return NO_OWNER
    if session_id and not await can_open(owner, session_id):
        return NOT_FOUND
    wait = await get_limiter().hit(f"turn:{owner or address}", s.turns_per_minute, 60.0)
    if wait:
        from chat_ui.ops import observe

        observe.refused("rate_limit")
        return rate_limited(s.turns_per_minute, wait)
    if session_id and owner:
        await owners.touch(owner, session_id)
    return ""


async def session_page(backend: ChatBackend, owner: str, page_size: int, page_token: str | None) -> SessionPage:
    """One page of the chats this owner may see: their own (private), or the whole project's."""
    if not settings().private:
        return await backend.list_sessions(page_size=page_size, page_token=page_token)
    if not owner:
        return SessionPage(items=[], next_page_token=None)
    try:
        rows, next_token = await owners.page(owner, page_size, page_token)
    except ValueError:
        rows, next_token = await owners.page(owner, page_size, None)
    gate = asyncio.Semaphore(SUMMARY_CONCURRENCY)
    failed: list[ChatAPIError] = []
    read = 0

    async def summary(session_id: str, touched: float) -> SessionSummary | None:
        nonlocal read
        async with gate:
            try:
                found = await summary_cache.read(backend, session_id)
                read += 1
                return found
            except NotFoundError:
                await forget(owner, session_id)  # deleted elsewhere: stop listing it, and searching it
                return None
            except ChatAPIError as exc:
                # One slow or refused summary (429, 5xx, a timeout) costs its row its title, not
                # the whole list: the chat stays listed, openable and deletable.
                log.warning("Listing session %s without its summary: %s", session_id, exc)
                failed.append(exc)
                return unlisted_summary(session_id, touched)

    found = await asyncio.gather(*(summary(i, t) for i, t in rows))
    if failed and not read:
        raise failed[0]  # not one summary came back: the backend is away, say so
    return SessionPage(items=[s for s in found if s is not None], next_page_token=next_token)


def unlisted_summary(session_id: str, touched: float) -> SessionSummary:
    """A stand-in for a session whose summary could not be read: its id for a title, and the
    owner's last activity in it for a time, so it keeps its place in the list."""
    when = datetime.fromtimestamp(touched, timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")
    return SessionSummary(session_id=session_id, last_updated_at=when, generated_title=session_id)
