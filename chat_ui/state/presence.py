"""Whether a browser tab is connected to *this* worker.

A tab's follower runs in the worker that holds its socket. When the tab closes, or reconnects
to another worker, the follower here should stop: it would only send updates nobody gets, or,
worse, send them twice beside the tab's new follower. A reconnect within a short grace period
(a sleeping laptop, a flaky network) keeps it.
"""

from __future__ import annotations

import time

from chat_ui.state.wire import channel, socket_of

GRACE_S = 5.0


def tab_here(token: str) -> bool:
    """True when this process holds the token's socket. Unknown (no app loaded: tests without a
    server) counts as here."""
    if channel() is None:
        return True
    try:
        return socket_of(token) is not None
    except Exception:  # noqa: BLE001 - an internal API: never let it break a follower
        return True


class Away:
    """Tracks one tab across a follower's wake-ups."""

    def __init__(self, token: str, grace_s: float = GRACE_S) -> None:
        self.token = token
        self.grace_s = grace_s
        self._missing_since: float | None = None

    def gone(self) -> bool:
        if tab_here(self.token):
            self._missing_since = None
            return False
        now = time.monotonic()
        self._missing_since = self._missing_since or now
        return now - self._missing_since >= self.grace_s
