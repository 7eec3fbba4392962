"""The app's sign-in session: a signed cookie (``chat_ui_session``) holding a random token whose
row lives in the durable store (``store.accounts``), so every worker and every restart knows it and
signing out ends it everywhere at once.

The signature refuses a tampered or foreign cookie before any query; the store says whether the
session is still open. A lookup is remembered for a few seconds in this worker only: a page load
fetches many files, each passing the gate.
"""

from __future__ import annotations

import time

from itsdangerous import BadSignature, Signer

from chat_ui.access.cookies import parse_cookies, set_cookie_header
from chat_ui.access.person import Person
from chat_ui.access.secret import derived_key
from chat_ui.store import accounts

SESSION_COOKIE = "chat_ui_session"
REMEMBER_S = 5.0
_seen: dict[str, tuple[float, Person | None]] = {}
_MAX_REMEMBERED = 4096


def _signer() -> Signer:
    return Signer(derived_key("session-cookie"), salt="chat_ui.session")


def session_value(token: str) -> str:
    return _signer().sign(token).decode()


def token_from_header(cookie_header: str) -> str:
    """The session token in the request's cookie, or "" when missing, tampered or not ours."""
    value = parse_cookies(cookie_header).get(SESSION_COOKIE, "")
    if not value:
        return ""
    try:
        return _signer().unsign(value).decode()
    except BadSignature:
        return ""


def session_cookie(token: str, max_age: int, secure: bool) -> str:
    return set_cookie_header(SESSION_COOKIE, session_value(token) if token else "", max_age=max_age, secure=secure)


async def person_of(token: str) -> Person | None:
    """The signed-in person behind a token, or None (unknown, ended, expired)."""
    if not token:
        return None
    now = time.monotonic()
    hit = _seen.get(token)
    if hit is not None and hit[0] > now:
        person = hit[1]
        return person if person is None or person.expires_at > time.time() else None
    found = await accounts.resolve_signin(token)
    person = None
    if found is not None:
        account, _id_token, expires_at = found
        person = Person(account.id, account.name or account.email, account.email, account.is_admin, expires_at)
    if len(_seen) >= _MAX_REMEMBERED:
        _seen.clear()
    _seen[token] = (now + REMEMBER_S, person)
    return person


def forget(token: str) -> None:
    """This worker stops remembering a session it just ended."""
    _seen.pop(token, None)
