"""People who signed in, and the app's sign-in sessions.

A person is the provider's subject under its issuer (``header`` for an authenticating proxy);
their email, name, groups and admin role are what the provider said at the last sign-in. The
sign-in cookie holds a random token; only its SHA-256 is stored, so the table opens no session.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from chat_ui.store.engine import reading, run, writing
from chat_ui.store.models import accounts, signins


@dataclass(frozen=True)
class Account:
    id: str
    issuer: str
    subject: str
    email: str
    name: str
    groups: tuple[str, ...]
    is_admin: bool
    created_at: float
    last_seen_at: float


def _account(row) -> Account:
    return Account(id=row.id, issuer=row.issuer, subject=row.subject, email=row.email, name=row.name,
                   groups=tuple(json.loads(row.groups or "[]")), is_admin=bool(row.is_admin),
                   created_at=float(row.created_at), last_seen_at=float(row.last_seen_at))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _sign_in(issuer: str, subject: str, email: str, name: str, groups: tuple[str, ...], is_admin: bool,
             now: float) -> Account:
    values = {"email": email, "name": name, "groups": json.dumps(list(groups)), "is_admin": is_admin, "last_seen_at": now}
    with writing() as conn:
        found = conn.execute(select(accounts.c.id).where(accounts.c.issuer == issuer, accounts.c.subject == subject)).scalar()
        if found is None:
            found = uuid.uuid4().hex
            conn.execute(accounts.insert().values(id=found, issuer=issuer, subject=subject, created_at=now, **values))
        else:
            conn.execute(update(accounts).where(accounts.c.id == found).values(**values))
        return _account(conn.execute(select(accounts).where(accounts.c.id == found)).one())


def _get(account_id: str) -> Account | None:
    with reading() as conn:
        row = conn.execute(select(accounts).where(accounts.c.id == account_id)).one_or_none()
        return _account(row) if row is not None else None


def _open(account_id: str, ttl_s: float, id_token: str, now: float) -> str:
    token = secrets.token_urlsafe(32)
    with writing() as conn:
        conn.execute(delete(signins).where(signins.c.expires_at < now))  # sweep as we go: sign-ins are rare
        conn.execute(signins.insert().values(token_hash=_hash(token), account_id=account_id, created_at=now,
                                             expires_at=now + ttl_s, id_token=id_token))
    return token


def _resolve(token: str, now: float) -> tuple[Account, str, float] | None:
    with reading() as conn:
        row = conn.execute(
            select(accounts, signins.c.id_token, signins.c.expires_at).join(signins, signins.c.account_id == accounts.c.id)
            .where(signins.c.token_hash == _hash(token), signins.c.expires_at > now)
        ).one_or_none()
        return (_account(row), row.id_token, float(row.expires_at)) if row is not None else None


def _close(token: str) -> str:
    with writing() as conn:
        id_token = conn.execute(select(signins.c.id_token).where(signins.c.token_hash == _hash(token))).scalar() or ""
        conn.execute(delete(signins).where(signins.c.token_hash == _hash(token)))
        return id_token


async def sign_in(issuer: str, subject: str, *, email: str = "", name: str = "", groups: tuple[str, ...] = (),
                  is_admin: bool = False) -> Account:
    """The account of this person, made on their first sign-in, updated (roles too) at each."""
    return await run(_sign_in, issuer, subject, email, name, tuple(groups), is_admin, time.time())


async def get(account_id: str) -> Account | None:
    return await run(_get, account_id)


async def open_signin(account_id: str, ttl_s: float, id_token: str = "") -> str:
    """A new sign-in session; the token goes into the cookie, never into a log."""
    return await run(_open, account_id, ttl_s, id_token, time.time())


async def resolve_signin(token: str) -> tuple[Account, str, float] | None:
    """The account behind a sign-in token, its ID token and when it ends, or None (unknown,
    ended, expired)."""
    if not token:
        return None
    return await run(_resolve, token, time.time())


async def close_signin(token: str) -> str:
    """End a sign-in session on every worker at once; its ID token (for the provider's logout)."""
    return await run(_close, token) if token else ""
