"""Whether the browser tab behind a background task is still there.

A background send outlives its tab (reflex#5049): when the tab is closed, the answer should
stop upstream too instead of running to the end for nobody. A tab counts as gone only after a
grace period, so a reconnect (a sleeping laptop, a flaky network) does not stop its answer.
"""

from __future__ import annotations

import os
import sys
import time

GONE_AFTER_S = float(os.environ.get("CHAT_UI_TAB_GONE_AFTER_S", "30"))


def tab_connected(token: str) -> bool:
    """True unless this process's socket namespace says the token has no connection. Unknown
    (no app loaded, or tokens shared across workers through Redis) counts as connected."""
    app = getattr(sys.modules.get("chat_ui.chat_ui"), "app", None)
    namespace = getattr(app, "event_namespace", None)
    if namespace is None or type(getattr(namespace, "_token_manager", None)).__name__.startswith("Redis"):
        return True
    try:
        return token in namespace.token_to_sid
    except Exception:  # noqa: BLE001 - an internal API: never let it break a turn
        return True


class Presence:
    """Tracks one tab across a turn's flushes."""

    def __init__(self, token: str, gone_after_s: float | None = None) -> None:
        self.token = token
        self.gone_after_s = GONE_AFTER_S if gone_after_s is None else gone_after_s
        self._missing_since: float | None = None

    def gone(self) -> bool:
        if tab_connected(self.token):
            self._missing_since = None
            return False
        now = time.monotonic()
        self._missing_since = self._missing_since or now
        return now - self._missing_since >= self.gone_after_s
