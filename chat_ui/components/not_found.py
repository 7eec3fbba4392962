"""The page every unknown address gets, and so does anything a visitor may not see (the review
pages for someone who is not a reviewer, a shared link that is stopped, unknown or not theirs to
open): one page, so none of them can be told apart from an address that never existed."""

from __future__ import annotations

import reflex as rx
from chat_ui.components.lang import lang_sync
from chat_ui.i18n.var import tr

TITLE = "Page not found"  # the route's compiled title; the page sets its own in the reader's language


def not_found_content() -> rx.Component:
    return rx.flex(
        rx.icon("message-circle-question", size=28, color=rx.color("gray", 9)),
        rx.heading(tr("notfound.title"), size="6", weight="medium"),
        rx.text(tr("notfound.body"),
                size="2", color_scheme="gray", align="center", max_width="440px"),
        rx.link(rx.button(rx.icon("square-pen", size=16), tr("notfound.go"), variant="soft"), href="/chat"),
        direction="column", align="center", spacing="3", class_name="empty-state",
        role="status", data_testid="page-not-found",
    )


def not_found_page() -> rx.Component:
    return rx.flex(lang_sync("notfound.title"), not_found_content(), direction="column", align="center", class_name="not-found-page")
