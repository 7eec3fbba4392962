"""The two cookies the app's backend sets, both signed, HttpOnly and SameSite=Lax.

``chat_ui_owner``: an anonymous, random owner id per browser; its chats are the ones it created.
``chat_ui_gate``: present once the access password was given; signed with a key that includes the
password, so changing the password signs everyone out.
"""

from __future__ import annotations

import hashlib
import secrets
from itsdangerous import BadSignature, Signer, TimestampSigner
from starlette.requests import cookie_parser

from chat_ui.access.secret import derived_key

OWNER_COOKIE = "chat_ui_owner"
GATE_COOKIE = "chat_ui_gate"
OWNER_MAX_AGE_S = 400 * 24 * 3600  # browsers cap cookie lifetimes at 400 days
GATE_MAX_AGE_S = 14 * 24 * 3600


def parse_cookies(header: str) -> dict[str, str]:
    """Lenient, as browsers are: another app's odd cookie on the same host must not hide ours."""
    return cookie_parser(header or "")


def set_cookie_header(name: str, value: str, *, max_age: int, secure: bool) -> str:
    parts = [f"{name}={value}", "Path=/", f"Max-Age={max_age}", "HttpOnly", "SameSite=Lax"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


# ---------------------------------------------------------------------------- owner


def _owner_signer() -> Signer:
    return Signer(derived_key("owner-cookie"), salt="chat_ui.owner")


def new_owner() -> tuple[str, str]:
    """A fresh owner id (128 random bits) and its cookie value."""
    owner = secrets.token_urlsafe(16)
    return owner, _owner_signer().sign(owner).decode()


def owner_from_value(value: str) -> str:
    """The owner id in a cookie value, or "" when it is missing or not signed by this app."""
    if not value:
        return ""
    try:
        return _owner_signer().unsign(value).decode()
    except BadSignature:
        return ""


def owner_from_header(cookie_header: str) -> str:
    return owner_from_value(parse_cookies(cookie_header).get(OWNER_COOKIE, ""))


# ---------------------------------------------------------------------------- gate


def _gate_signer(password: str) -> TimestampSigner:
    fingerprint = hashlib.sha256(password.encode()).hexdigest()
    return TimestampSigner(derived_key("gate-cookie:" + fingerprint), salt="chat_ui.gate")


def gate_value(password: str) -> str:
    return _gate_signer(password).sign("ok").decode()


def gate_open(cookie_header: str, password: str) -> bool:
    """True when no password is set, or the browser holds a fresh gate cookie for this password."""
    if not password:
        return True
    value = parse_cookies(cookie_header).get(GATE_COOKIE, "")
    if not value:
        return False
    try:
        _gate_signer(password).unsign(value, max_age=GATE_MAX_AGE_S)
        return True
    except BadSignature:
        return False
