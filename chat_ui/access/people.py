"""A person signing in: their account (made at the first sign-in, its role re-read at each), the
chats this browser made before anyone signed in on it, and a new sign-in session.

The anonymous browser's chats move to the first account that signs in on it, once: the move empties
the browser's owner, so another person signing in there later finds nothing to take.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable

from chat_ui.access.person import owner_key
from chat_ui.access.settings import AccessSettings
from chat_ui.store import accounts, owners

HEADER_ISSUER = "header"  # the issuer of people an authenticating proxy names

log = logging.getLogger(__name__)


def is_admin(s: AccessSettings, email: str, groups: Iterable[str]) -> bool:
    """``CHAT_UI_ADMIN_EMAILS`` (any case) or one of ``CHAT_UI_ADMIN_GROUPS``."""
    if email and email.strip().lower() in s.admin_emails:
        return True
    return bool(set(groups) & set(s.admin_groups))


async def sign_in(s: AccessSettings, issuer: str, subject: str, *, email: str, name: str, groups: tuple[str, ...],
                  browser_owner: str = "") -> accounts.Account:
    account = await accounts.sign_in(issuer, subject, email=email, name=name, groups=groups,
                                     is_admin=is_admin(s, email, groups))
    if browser_owner and not browser_owner.startswith("acct:"):
        moved = await owners.move_all(browser_owner, owner_key(account.id))
        if moved:
            log.info("moved %d anonymous chats of a browser to account %s", moved, account.id)
    return account


def trusted(s: AccessSettings, address: str) -> bool:
    """The direct peer is one of ``CHAT_UI_TRUSTED_PROXIES``."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for cidr in s.trusted_proxies:
        try:
            if ip in ipaddress.ip_network(cidr, strict=False):
                return True
        except ValueError:
            continue
    return False
