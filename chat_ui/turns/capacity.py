"""How many turns one worker runs at once.

Past its capacity a worker answers every tab late (its event loop is full) and every turn waits
for an upstream connection. So a send beyond ``CHAT_UI_MAX_TURNS_PER_WORKER`` is refused at once,
with words and the prompt kept — never queued silently. A slot is taken when a send is accepted
(before the session is created, so concurrent sends cannot overshoot) and given back when the
turn ends, or when the send stops before its turn starts.
"""

from __future__ import annotations

from chat_ui.deployment import max_turns_per_worker
from chat_ui.i18n.message import msg

FULL = msg("live.full")  # shown in the reader's language (chat_ui/i18n/message.py)


class Slot:
    """One turn's place in this worker; :meth:`release` is idempotent."""

    def __init__(self, owner: Slots) -> None:
        self._owner: Slots | None = owner

    def release(self, *_: object) -> None:
        if self._owner is not None:
            self._owner.taken -= 1
            self._owner = None


class Slots:
    """The worker's turn slots (one event loop per worker, so no lock is needed)."""

    def __init__(self) -> None:
        self.taken = 0

    def take(self, limit: int | None = None) -> Slot | None:
        from chat_ui.ops.drain import draining

        if draining():  # shutting down: a new turn goes to another worker
            return None
        limit = max_turns_per_worker() if limit is None else limit
        if limit and self.taken >= limit:
            return None
        self.taken += 1
        return Slot(self)


SLOTS = Slots()
