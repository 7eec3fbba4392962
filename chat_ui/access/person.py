"""The signed-in person as the gate hands them to the app: a cookie the gate puts into the
request's own ``cookie`` header after it resolved the sign-in (``chat_ui_person``), never one a
browser sets.

Reflex records a tab's websocket handshake headers once and keeps ``cookie`` out of what it
serializes to the browser, so this is how a synchronous :func:`~chat_ui.access.visitor.visitor_of`
knows the person without asking the store on every event. The gate drops any copy a client sends;
the value is also signed with a key of its own and carries the sign-in's expiry, so a copy that
escaped would neither verify elsewhere nor outlive the session.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from itsdangerous import BadSignature, Signer

from chat_ui.access.cookies import parse_cookies
from chat_ui.access.secret import derived_key

PERSON_COOKIE = "chat_ui_person"


@dataclass(frozen=True)
class Person:
    account_id: str
    name: str
    email: str
    is_admin: bool
    expires_at: float  # the sign-in's end: past it the tab is no longer signed in

    @property
    def owner(self) -> str:
        return owner_key(self.account_id)


def owner_key(account_id: str) -> str:
    """The store's owner key of an account's chats."""
    return f"acct:{account_id}"


def _signer() -> Signer:
    return Signer(derived_key("person-cookie"), salt="chat_ui.person")


def person_value(person: Person) -> str:
    body = json.dumps([person.account_id, person.name, person.email, person.is_admin, person.expires_at],
                      separators=(",", ":"), ensure_ascii=True)
    return _signer().sign(body.encode()).decode()


def person_from_value(value: str, now: float | None = None) -> Person | None:
    """The person in a value the gate made, or None (missing, not ours, expired)."""
    if not value:
        return None
    try:
        account_id, name, email, is_admin, expires_at = json.loads(_signer().unsign(value))
    except (BadSignature, ValueError, TypeError):
        return None
    if float(expires_at) <= (time.time() if now is None else now):
        return None
    return Person(str(account_id), str(name), str(email), bool(is_admin), float(expires_at))


def person_from_header(cookie_header: str) -> Person | None:
    return person_from_value(parse_cookies(cookie_header).get(PERSON_COOKIE, ""))


def without_person(cookie_header: str) -> str:
    """The cookie header with any ``chat_ui_person`` a client sent taken out."""
    parts = [p for p in (cookie_header or "").split(";") if p.strip() and p.split("=", 1)[0].strip() != PERSON_COOKIE]
    return ";".join(parts).strip()


def with_person(cookie_header: str, person: Person | None) -> str:
    jar = without_person(cookie_header)
    if person is None:
        return jar
    extra = f"{PERSON_COOKIE}={person_value(person)}"
    return f"{jar}; {extra}" if jar else extra
