"""Chat summaries the list read a moment ago, kept for a few seconds in this worker.

Every load of the same list (a reload, /chat then /history, a second tab) read the same page of
summaries again: one backend round trip each, 100-300 ms against a remote LlamaCloud, on the way
to the first rows. A summary changes when a turn runs, a title is made or the chat is deleted:
this worker forgets it then (:func:`forget`), and a change it cannot see (another worker's turn
in a chat no tab of this one follows) shows after at most ``TTL_S``. Only the list reads through
here: what needs the summary as it is now (the title a new chat waits for) asks the backend.
"""

from __future__ import annotations

import time

from chat_ui.api.backend import ChatBackend
from chat_ui.api.models import SessionSummary
from chat_ui.kept import Kept

TTL_S = 10.0
MAX_KEPT = 20_000  # a page of 20 per load: far more than a worker's readers reload within TTL_S

_now = time.monotonic
_kept: Kept[str, SessionSummary] = Kept(TTL_S, MAX_KEPT, clock=lambda: _now())


def get(session_id: str) -> SessionSummary | None:
    return _kept.get(session_id)


def put(summary: SessionSummary) -> None:
    _kept.put(summary.session_id, summary)


def forget(session_id: str) -> None:
    _kept.forget(session_id)


def clear() -> None:
    _kept.clear()


async def read(backend: ChatBackend, session_id: str) -> SessionSummary:
    """The summary, from this worker's copy while it is fresh, else from the backend (which may
    raise, as :meth:`ChatBackend.get_summary` does; a failure is not kept)."""
    found = get(session_id)
    if found is None:
        found = await backend.get_summary(session_id)
        put(found)
    return found
