"""A chat's finished turns as views, kept per worker so earlier turns load without a refetch.

A long chat renders what the reader can see: the page gets the latest turns first, and earlier
ones a window at a time as the reader scrolls up. The views of the whole history are computed
once when the chat opens; they live here, not in a tab's state (which Reflex would send, and on
Redis pickle at every change), for a few chats at a time. A worker that does not have them (its
cache dropped them, or the tab's next event reached another worker) folds the session again.
"""

from __future__ import annotations

from collections import OrderedDict

from chat_ui.views import TurnView

WINDOW = 10  # turns a chat opens with, and loads at a time as the reader scrolls up
KEEP = 16  # chats whose history views this worker keeps

_views: OrderedDict[str, list[TurnView]] = OrderedDict()


def remember(session_id: str, views: list[TurnView]) -> None:
    _views[session_id] = views
    _views.move_to_end(session_id)
    while len(_views) > KEEP:
        _views.popitem(last=False)


def recall(session_id: str) -> list[TurnView] | None:
    views = _views.get(session_id)
    if views is not None:
        _views.move_to_end(session_id)
    return views


def latest(views: list[TurnView], window: int = WINDOW) -> tuple[list[TurnView], int]:
    """The window a chat opens with, and how many turns stay above it."""
    start = max(0, len(views) - window)
    return views[start:], start


def before(views: list[TurnView], earlier: int, window: int = WINDOW) -> tuple[list[TurnView], int]:
    """The window just above the ``earlier`` turns not shown yet, and how many stay above it."""
    start = max(0, earlier - window)
    return views[start:earlier], start
