"""Where a stored session and the hub meet when a tab opens a chat.

The stored session may hold the running turn's prompt (and, upstream, part of it); the hub holds
the whole turn so far. The history shows every finished stored turn, and the hub's turn is shown
live instead of its stored part, so no turn is shown twice or lost.
"""

from __future__ import annotations

from chat_ui import transcript as t
from chat_ui.turns.hub import Current


def split_history(stored: t.Transcript, current: Current | None) -> tuple[t.Transcript, bool]:
    """``stored``: the session's events folded (a last turn may be open). Returns the history
    and whether the hub's latest turn is to be followed (replayed, if it has ended).

    The hub's turn is shown instead of its stored copy while the hub holds it: it says how the
    turn really ended (stopped on purpose, the server restarted), where the upstream only stored
    a cut connection. The session is read before the hub, so a turn that ends in between is found
    either way: running in the hub, or ended there while the stored copy is still open."""
    if current is None:
        return t.closed(stored), False
    info = current.info
    trailing_open = bool(stored) and stored[-1].is_open
    stored_last = bool(stored) and info.ordinal == len(stored) - 1 and stored[-1].prompt == info.prompt
    if trailing_open or stored_last:
        return stored[:-1], True
    if current.running or info.ordinal == len(stored):  # not stored (yet)
        return stored, True
    return t.closed(stored), False
