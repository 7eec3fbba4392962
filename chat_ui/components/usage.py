"""Per-turn token usage and duration, when the backend reports them: in the reader's language and
number format (the turn carries the numbers, never a sentence)."""

from __future__ import annotations

import reflex as rx

from chat_ui.i18n.var import tr, usage
from chat_ui.views import TurnView


def usage_line(turn: TurnView) -> rx.Component:
    """Only backends that report usage fill ``has_usage``; the turn reads no other state."""
    return rx.cond(
        turn.has_usage,
        rx.flex(
            rx.icon("gauge", size=12),
            rx.text(usage(turn.input_tokens, turn.output_tokens, turn.turns, turn.duration_ms), size="1", class_name="tabular"),
            spacing="1",
            align="center",
            class_name="usage-line",
            aria_label=tr("usage.label"),
        ),
    )
