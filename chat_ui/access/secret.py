"""The server-side secret every worker shares, and the keys derived from it.

``CHAT_UI_SECRET`` when given; else a random one created once and kept in the durable store,
where every worker (and every restart) finds the same one. It signs the owner and sign-in
cookies and yields the token the app's own client shows the embedded API. It never leaves the
server.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os

from chat_ui.store.settings import database_url


def app_secret() -> bytes:
    return _load(os.environ.get("CHAT_UI_SECRET", ""), database_url())


@functools.lru_cache(maxsize=8)
def _load(given: str, _database: str) -> bytes:
    if given:
        return given.encode()
    from chat_ui.store.meta import shared_secret

    return shared_secret().encode()


def derived_key(purpose: str) -> bytes:
    """One key per use, so a value signed for one purpose never verifies for another."""
    return hmac.new(app_secret(), purpose.encode(), hashlib.sha256).digest()


def internal_api_token() -> str:
    """What the app's own client sends the mounted local API; nobody else knows it."""
    return derived_key("local-api-token").hex()
