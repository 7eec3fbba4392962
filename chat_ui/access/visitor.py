"""Who is asking: a person (signed in) or an anonymous browser owner, resolved in one place.

Every state handler that needs to know asks :func:`visitor_of` with its ``self.router`` and then
the policy (``can_open``, ``is_admin``) with the visitor; nothing else reads cookies or identity
headers. ``owner`` is the key the durable store files chats under: ``acct:<account id>`` for a
person, the anonymous owner id for a browser, "" for neither.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from chat_ui.access.cookies import owner_from_header
from chat_ui.access.person import person_from_header

# Put on a request by the deployment's gate when it let the visitor in for a public shared link
# only (:mod:`chat_ui.sharing.guest`), replacing any the client sent. A client that sends it past
# the gate only makes itself a guest: the mark takes rights away, never gives any.
GUEST_HEADER = "x-chat-ui-guest"


@dataclass(frozen=True)
class Visitor:
    owner: str = ""
    account_id: str = ""  # "" for an anonymous browser
    name: str = ""
    email: str = ""
    is_admin: bool = False
    guest: bool = False  # past no gate: let in by a link shared with anyone, and for it alone

    @property
    def signed_in(self) -> bool:
        return bool(self.account_id)


ANONYMOUS = Visitor()


def _handshake(router) -> tuple[str, Mapping[str, str]] | None:
    """The cookie and the headers of the tab's websocket handshake, or None without a router."""
    try:
        headers = router.headers.raw_headers
        return router.headers.cookie or headers.get("cookie", ""), headers
    except AttributeError:
        return None


def visitor_of(router) -> Visitor:
    """The visitor behind a tab (``self.router`` of a state): read from the headers of the tab's
    websocket handshake, which the server records and a client cannot write."""
    found = _handshake(router)
    if found is None:
        return ANONYMOUS
    cookie, headers = found
    return _visitor(cookie, headers.get(GUEST_HEADER, ""))


def signin_token_of(router) -> str:
    """The sign-in session token of the tab's handshake cookie ("" when none): whether that
    sign-in is still open is the store's to say (it ends everywhere at a sign-out)."""
    from chat_ui.access.signin_cookie import token_from_header

    found = _handshake(router)
    return token_from_header(found[0]) if found is not None else ""


def visitor_from_headers(headers: Mapping[str, str]) -> Visitor:
    """The visitor behind an HTTP request to the app's own backend (an export link), from the
    request's headers as they passed the deployment's gate."""
    return _visitor(headers.get("cookie", ""), headers.get(GUEST_HEADER, ""))


def _visitor(cookie: str, guest: str) -> Visitor:
    from chat_ui.access.settings import settings

    if settings().accounts:
        # People sign in: a tab is a person (put there by the gate) or nobody, never a browser.
        person = person_from_header(cookie)
        if person is not None:
            return Visitor(owner=person.owner, account_id=person.account_id, name=person.name, email=person.email,
                           is_admin=person.is_admin)
        return Visitor(guest=True) if guest else ANONYMOUS
    owner = owner_from_header(cookie)
    return Visitor(owner=owner, guest=bool(guest)) if owner or guest else ANONYMOUS
