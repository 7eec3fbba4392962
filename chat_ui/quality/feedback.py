"""Feedback as a person gives it: checked before anything is stored.

A client can send any event with any arguments, so the rating, the tags and the comment are
checked here, whatever the page allowed: a refusal says why, and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from chat_ui.quality.settings import COMMENT_LIMIT, feedback_tags
from chat_ui.store.feedback import RATINGS

NOT_READABLE = "This answer can no longer be read, so no feedback could be stored for it. Reload the chat and try again."


def refusal(rating: Any, tags: Any, comment: Any) -> str:
    """Why this feedback cannot be stored, in words for the person; "" when it can."""
    if rating not in RATINGS:
        return "Choose “Good answer” or “Bad answer”."
    if not isinstance(tags, (list, tuple)) or not all(isinstance(t, str) for t in tags):
        return "The reasons could not be read. Choose them again."
    offered = feedback_tags()
    unknown = [t for t in tags if t not in offered]
    if unknown:
        return f"“{unknown[0][:60]}” is not one of the reasons offered here."
    if not isinstance(comment, str):
        return "The comment could not be read. Write it again."
    if len(comment) > COMMENT_LIMIT:
        return f"Your comment is {len(comment):,} characters; the limit is {COMMENT_LIMIT:,}. Shorten it to save."
    return ""
