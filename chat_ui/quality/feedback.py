"""Feedback as a person gives it: checked before anything is stored.

A client can send any event with any arguments, so the rating, the tags and the comment are
checked here, whatever the page allowed: a refusal says why, and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from chat_ui.i18n.message import msg
from chat_ui.quality.settings import COMMENT_LIMIT, feedback_tags
from chat_ui.store.feedback import RATINGS

NOT_READABLE = msg("feedback.not_readable")


def refusal(rating: Any, tags: Any, comment: Any) -> str:
    """Why this feedback cannot be stored, as a kept message (shown in the reader's language); "" when it can."""
    if rating not in RATINGS:
        return msg("feedback.choose_rating")
    if not isinstance(tags, (list, tuple)) or not all(isinstance(t, str) for t in tags):
        return msg("feedback.bad_reasons")
    offered = feedback_tags()
    unknown = [t for t in tags if t not in offered]
    if unknown:
        return msg("feedback.unknown_reason", reason=unknown[0][:60])
    if not isinstance(comment, str):
        return msg("feedback.bad_comment")
    if len(comment) > COMMENT_LIMIT:
        return msg("feedback.too_long", count=len(comment), max=COMMENT_LIMIT)
    return ""
