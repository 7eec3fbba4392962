"""Per-turn token usage and duration, when the backend reports them."""

from __future__ import annotations

import reflex as rx

from chat_ui.views import TurnView
from chat_ui.i18n.var import tr


def usage_line(turn: TurnView) -> rx.Component:
    """Only backends that report usage fill ``has_usage``; the turn reads no other state."""
    return rx.cond(
        turn.has_usage,
        rx.flex(
            rx.icon("gauge", size=12),
            rx.text(turn.usage_text, size="1", class_name="tabular"),
            spacing="1",
            align="center",
            class_name="usage-line",
            aria_label=tr("usage.label"),
        ),
    )
