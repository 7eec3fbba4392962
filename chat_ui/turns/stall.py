"""When a running turn has gone quiet: what the person is told, and when the turn is given up.

Two clocks, because they answer two questions. *Nothing new to show* (no event) for
``notice_s``: the turn says it is still waiting and offers Stop; keep-alive comments do not
reset this clock, as they show nothing. *Nothing at all on the wire* (not even a keep-alive) for
``limit_s``: the upstream is gone, so the turn ends as interrupted with its partial kept.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from chat_ui.i18n.message import msg

DEFAULT_NOTICE_S = 20.0
DEFAULT_LIMIT_S = 120.0


@dataclass(frozen=True)
class StallLimits:
    notice_s: float = DEFAULT_NOTICE_S
    limit_s: float = DEFAULT_LIMIT_S

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> StallLimits:
        """``CHAT_UI_STALL_NOTICE_S`` and ``CHAT_UI_STALL_LIMIT_S`` (seconds; a bad value keeps the default)."""
        env = os.environ if environ is None else environ
        return cls(
            notice_s=_seconds(env.get("CHAT_UI_STALL_NOTICE_S"), DEFAULT_NOTICE_S),
            limit_s=_seconds(env.get("CHAT_UI_STALL_LIMIT_S"), DEFAULT_LIMIT_S),
        )

    @property
    def tick_s(self) -> float:
        """How often a quiet turn is looked at: often enough that neither limit is overshot by
        more than a quarter of the notice delay, never more than once a second."""
        return max(0.02, min(1.0, self.notice_s / 4, self.limit_s / 4))

    def waiting_notice(self) -> str:
        return msg("turn.still_waiting", span=_span(self.notice_s))  # kept: shown in the reader's language

    def stalled_message(self) -> str:
        return msg("turn.stalled", span=_span(self.limit_s))


def _seconds(raw: str | None, default: float) -> float:
    try:
        value = float(raw) if raw not in (None, "") else default
    except ValueError:
        return default
    return value if value > 0 else default


def _span(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds:.1f} s"
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = seconds / 60
    return f"{minutes:.0f} min" if minutes == int(minutes) else f"{minutes:.1f} min"
