"""A turn of the local API written to the store while it runs, not only when it ends.

Whole events (thinking, a tool call, a tool result, the text) are stored as they come; streamed
text is stored at most every ``CHECKPOINT_S``. A crash then loses at most that much of the
answer, and the next process closes the turn as interrupted with everything written so far.
"""

from __future__ import annotations

import time

from chat_ui.api.models import Event
from chat_ui.local.agent import TurnRecorder
from chat_ui.local.store import Store

CHECKPOINT_S = 1.0


class TurnJournal:
    def __init__(self, store: Store, session_id: str, turn_id: str, recorder: TurnRecorder,
                 every_s: float = CHECKPOINT_S) -> None:
        self.store, self.session_id, self.turn_id, self.recorder = store, session_id, turn_id, recorder
        self.every_s = every_s
        self._saved = 0  # recorder.events already stored
        self._last = time.monotonic()

    def record(self, event: Event) -> Event:
        """Add ``event`` to the turn (returns it as sent: a stop gets its usage) and store what is due."""
        event = self.recorder.add(event)
        whole = len(self.recorder.events) > self._saved
        if event.type != "stop" and (whole or time.monotonic() - self._last >= self.every_s):
            self._checkpoint()
        return event

    def close(self, error: str | None) -> None:
        """The turn ended (however): store the rest and release it."""
        events, job = self.recorder.finish(error)
        self.store.end_turn(self.session_id, events[self._saved:], job, self.turn_id)
        self._saved = len(events)

    def _checkpoint(self) -> None:
        events = self.recorder.events
        self.store.checkpoint(self.turn_id, self.session_id, events[self._saved:], self.recorder.partial())
        self._saved = len(events)
        self._last = time.monotonic()
