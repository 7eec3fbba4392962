"""Who is asking: a person (signed in) or an anonymous browser owner, resolved in one place.

Every state handler that needs to know asks :func:`visitor_of` with its ``self.router`` and then
the policy (``can_open``, ``is_admin``) with the visitor; nothing else reads cookies or identity
headers. ``owner`` is the key the durable store files chats under: ``acct:<account id>`` for a
person, the anonymous owner id for a browser, "" for neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from chat_ui.access.cookies import owner_from_header


@dataclass(frozen=True)
class Visitor:
    owner: str = ""
    account_id: str = ""  # "" for an anonymous browser
    name: str = ""
    email: str = ""
    is_admin: bool = False

    @property
    def signed_in(self) -> bool:
        return bool(self.account_id)


ANONYMOUS = Visitor()


def visitor_of(router) -> Visitor:
    """The visitor behind a tab (``self.router`` of a state): read from the headers of the tab's
    websocket handshake, which the server records and a client cannot write."""
    try:
        cookie = router.headers.cookie or router.headers.raw_headers.get("cookie", "")
    except AttributeError:
        return ANONYMOUS
    owner = owner_from_header(cookie)
    return Visitor(owner=owner) if owner else ANONYMOUS
