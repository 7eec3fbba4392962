"""Warnings (skipped indexes) and events this client does not know, shown, never dropped. Their
text is the backend's own (not translated); what the page adds goes through the catalogs."""

from __future__ import annotations

import reflex as rx

from chat_ui.i18n.var import tr, tr_msg
from chat_ui.views import BlockView


def notice(block: BlockView) -> rx.Component:
    # Two static icons, not ``icon=rx.cond(...)``: an icon named by a var is lucide's DynamicIcon,
    # whose map of every icon's lazy import (and ~1,700 icon chunks) would ship with the chat page.
    warning = block.level == "warning"
    return rx.callout.root(
        rx.callout.icon(rx.cond(warning, rx.icon("triangle-alert"), rx.icon("info"))),
        # The icon says warning or note to the eye; a screen reader hears it said first.
        rx.callout.text(rx.el.span(rx.cond(warning, tr("notice.warning"), tr("notice.info")), class_name="sr-only"),
                        " ", tr_msg(block.text)),
        color_scheme=rx.cond(warning, "amber", "gray"),
        size="1",
        variant="surface",
        class_name="notice",
    )
