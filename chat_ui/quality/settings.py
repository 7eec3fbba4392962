"""The quality loop's settings, from the environment (see README): the reasons a bad answer can
be tagged with, the comment limit, and who may review."""

from __future__ import annotations

import os

from chat_ui.access.policy import is_admin, is_member
from chat_ui.access.visitor import Visitor

DEFAULT_TAGS = ("Wrong", "Incomplete", "Not in the sources", "Wrong source", "Hard to read")
# The default reasons are stored as written above (a review groups them whatever language each
# person gave them in) and shown through the catalog; reasons an operator configures are shown
# as configured.
TAG_KEYS = {"Wrong": "feedback.tag.wrong", "Incomplete": "feedback.tag.incomplete",
            "Not in the sources": "feedback.tag.not_in_sources", "Wrong source": "feedback.tag.wrong_source",
            "Hard to read": "feedback.tag.hard_to_read"}
COMMENT_LIMIT = 2000
TAG_LIMIT = 100  # characters of one configured tag (the store's column)
ACCOUNTS_MODES = ("oidc", "header")


def feedback_tags() -> tuple[str, ...]:
    """``CHAT_UI_FEEDBACK_TAGS``: comma-separated; unset or empty, the defaults."""
    raw = os.environ.get("CHAT_UI_FEEDBACK_TAGS", "")
    tags = tuple(dict.fromkeys(t.strip()[:TAG_LIMIT] for t in raw.split(",") if t.strip()))
    return tags or DEFAULT_TAGS


def review_for_all() -> bool:
    """``CHAT_UI_REVIEW=all`` opens review and usage to every visitor, where nobody can be an admin
    (``CHAT_UI_AUTH`` ``none`` or ``password``): single-user and demo setups."""
    if os.environ.get("CHAT_UI_AUTH", "").strip().lower() in ACCOUNTS_MODES:
        return False
    return os.environ.get("CHAT_UI_REVIEW", "").strip().lower() == "all"


def may_review(visitor: Visitor) -> bool:
    """May see the review and usage pages and export them: admins, or everyone past the gate when
    :func:`review_for_all`."""
    return is_admin(visitor) or (review_for_all() and is_member(visitor))
