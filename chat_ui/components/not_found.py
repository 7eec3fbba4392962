"""The page every unknown address gets, and so does anything a visitor may not see (the review
pages for someone who is not a reviewer, a shared link that is stopped, unknown or not theirs to
open): one page, so none of them can be told apart from an address that never existed."""

from __future__ import annotations

import reflex as rx

TITLE = "Page not found"


def not_found_content() -> rx.Component:
    return rx.flex(
        rx.icon("message-circle-question", size=28, color=rx.color("gray", 9)),
        rx.heading(TITLE, size="6", weight="medium"),
        rx.text("There is nothing at this address. The link may be wrong, or what it led to is no longer available.",
                size="2", color_scheme="gray", align="center", max_width="440px"),
        rx.link(rx.button(rx.icon("square-pen", size=16), "Go to your chats", variant="soft"), href="/chat"),
        direction="column", align="center", spacing="3", class_name="empty-state",
        role="status", data_testid="page-not-found",
    )


def not_found_page() -> rx.Component:
    return rx.flex(not_found_content(), direction="column", align="center", class_name="not-found-page")
