"""The chat list's filter at work: how far it has searched, a way to stop it, and what it found.
Shared by the sidebar and the history page, which show the same list."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.client import when_visible
from chat_ui.state.sessions import SessionsState
from chat_ui.i18n.var import tr, tr_var


def group_heading(session) -> rx.Component:
    """Today, Yesterday, Previous 7 days, Older: above the first chat of each."""
    return rx.cond(
        session.group_start,
        rx.text(tr_var("group." + session.group), size="1", weight="medium", color_scheme="gray", class_name="session-group",
                role="heading", aria_level=3),
    )


def search_status() -> rx.Component:
    return rx.cond(
        SessionsState.searching,
        rx.flex(
            rx.spinner(size="1"),
            rx.text(SessionsState.search_progress, size="1", color_scheme="gray", class_name="tabular"),
            rx.spacer(),
            rx.button(tr("common.stop"), size="1", variant="ghost", color_scheme="gray", on_click=SessionsState.cancel_search,
                      aria_label=tr("search.stop")),
            spacing="2", align="center", class_name="search-status", role="status",
        ),
        rx.text(
            rx.cond(SessionsState.found.length() == 0, tr("search.none"), ""),
            SessionsState.search_progress,
            size="1", color_scheme="gray", class_name="search-status", role="status",
        ),
    )


def load_more_sentinel(*, padding: str, root_margin: str = "100px") -> rx.Component:
    """The end of the list while more chats are stored: the next page comes as it nears view
    (``root_margin`` ahead of its scroller's edge)."""
    return rx.cond(
        SessionsState.has_more,
        when_visible(
            rx.flex(rx.spinner(size="1"), rx.text(tr("common.loading_more"), size="1", color_scheme="gray"),
                    spacing="2", align="center", justify="center", padding=padding),
            on_visible=SessionsState.load_more,
            reset_key=SessionsState.sessions.length(),
            root_margin=root_margin,
            aria_label=tr("search.loading_more_aria"),
        ),
    )
