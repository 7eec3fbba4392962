"""Who may open a shared link, and whether links for anyone are offered at all."""

from __future__ import annotations

import os

from chat_ui.access.policy import is_member
from chat_ui.access.visitor import Visitor
from chat_ui.store.shares import Share

PEOPLE, ANYONE = "people", "anyone"
AUDIENCE_LABELS = {PEOPLE: "People signed in to this deployment", ANYONE: "Anyone with the link"}


def public_shares() -> bool:
    """``CHAT_UI_PUBLIC_SHARES=1`` offers "anyone with the link"; unset, every link is for people
    signed in, and links made for anyone while it was on count as such."""
    return os.environ.get("CHAT_UI_PUBLIC_SHARES", "").strip() == "1"


def audiences() -> tuple[str, ...]:
    return (PEOPLE, ANYONE) if public_shares() else (PEOPLE,)


def is_public(share: Share) -> bool:
    return share.audience == ANYONE and public_shares()


def may_open(visitor: Visitor, share: Share | None) -> bool:
    return share is not None and (is_public(share) or is_member(visitor))
