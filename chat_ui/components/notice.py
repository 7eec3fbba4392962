"""Warnings (skipped indexes) and events this client does not know, shown, never dropped."""

from __future__ import annotations

import reflex as rx

from chat_ui.views import BlockView


def notice(block: BlockView) -> rx.Component:
    return rx.callout(
        block.text,
        icon=rx.cond(block.level == "warning", "triangle-alert", "info"),
        color_scheme=rx.cond(block.level == "warning", "amber", "gray"),
        size="1",
        variant="surface",
        class_name="notice",
    )
