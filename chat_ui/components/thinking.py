"""The agent's reasoning: open while it streams, folded with its duration once it ends."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.client import live_text
from chat_ui.views import BlockView
from chat_ui.i18n.var import tr, tr_msg


def thinking_card(block: BlockView) -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            rx.cond(block.done, rx.icon("brain", size=15), rx.spinner(size="1")),
            rx.text(tr_msg(block.duration), size="2", weight="medium"),
            rx.icon("chevron-down", size=14, class_name="chevron"),
            class_name="card-summary",
        ),
        rx.box(
            live_text(block.key, block.text, block.done, format="plain"),
            class_name="thinking-body",
        ),
        open=~block.done,
        class_name="card thinking-card",
        data_state=rx.cond(block.done, "done", "running"),
        aria_label=tr("thinking.label"),
    )
