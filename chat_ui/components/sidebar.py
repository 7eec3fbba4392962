"""The session list: newest first, filter, infinite paging, delete with confirmation."""

from __future__ import annotations

import reflex as rx

from chat_ui.access.settings import settings
from chat_ui.components.lang import language_switcher
from chat_ui.components.sign_out import sign_out
from chat_ui.components.typing import FILTER_DEBOUNCE_MS, typing_input
from chat_ui.quality.review import REVIEW_PATH
from chat_ui.state.chat import NEW_CHAT, ChatState
from chat_ui.components.session_search import (group_heading, index_status, load_more_sentinel, pin_button, rename_box,
                                                renaming, rename_button, search_hits, search_status, shown_title)
from chat_ui.state.review import ReviewNavState
from chat_ui.state.sessions import SessionsState
from chat_ui.views import SessionView
from chat_ui.i18n.var import rel_time, tr, tr_msg


def _nav(icon: str, label, href: str, tip) -> rx.Component:
    # The link is the button (an icon button inside a link was two nested targets, the link's
    # only 16 px wide): 32 px square, as the other icon buttons.
    return rx.tooltip(
        rx.icon_button(rx.link(rx.icon(icon, size=16), href=href, aria_label=label), as_child=True, variant="ghost",
                       color_scheme="gray", class_name="icon-link"),
        content=tip,
    )


def _session_item(session: SessionView) -> rx.Component:
    current = ChatState.current_id == session.session_id
    return rx.cond(renaming(session.session_id, "sidebar"),
                   rx.flex(rename_box(session), class_name="session-item", align="center"),
                   _session_line(session, current))


def _session_line(session: SessionView, current) -> rx.Component:
    title = shown_title(session)
    return rx.flex(
        rx.link(
            rx.flex(
                rx.text(title, size="2", weight=rx.cond(current, "medium", "regular"), class_name="truncate"),
                rx.text(rel_time(session.updated_iso), size="1", color_scheme="gray"),
                direction="column",
                min_width="0",
            ),
            href="/chat/" + session.session_id,
            underline="none",
            class_name="session-link",
            aria_current=rx.cond(current, "page", "false"),
            on_click=SessionsState.set_drawer(False),
        ),
        rx.flex(
            rename_button(session),
            pin_button(session),
            rx.cond(
                ChatState.capabilities.delete,
                rx.icon_button(
                    rx.icon("trash-2", size=14),
                    size="1", variant="ghost", color_scheme="gray",
                    on_click=SessionsState.ask_delete(session.session_id, title),
                    aria_label=tr("sidebar.delete_named", title=title),
                    class_name="session-delete",
                ),
            ),
            spacing="3", align="center",  # ghost buttons reach past their box: 12 px keeps 24 px targets apart
        ),
        class_name="session-item",
        data_current=current,
        align="center",
    )


def _session_row(session: SessionView) -> rx.Component:
    return rx.fragment(group_heading(session), _session_item(session))


def delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(tr("delete.title")),
            rx.alert_dialog.description(
                rx.text(tr("delete.body", title=SessionsState.confirm_title))
            ),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(tr("common.cancel"), variant="soft", color_scheme="gray", aria_label=tr("common.cancel"))),
                rx.alert_dialog.action(
                    # high contrast: white on Radix's solid red is 3.9:1
                    rx.button(tr("common.delete"), color_scheme="red", high_contrast=True, loading=SessionsState.deleting,
                              on_click=SessionsState.confirm_delete, aria_label=tr("delete.confirm")),
                ),
                spacing="3", justify="end", margin_top="16px",
            ),
            max_width="420px",
        ),
        open=SessionsState.confirm_id != "",
        on_open_change=SessionsState.set_confirm_open,
    )


def sidebar_content() -> rx.Component:
    return rx.flex(
        rx.flex(
            rx.flex(rx.icon("messages-square", size=18), rx.text("chat_ui", weight="bold", size="3"), spacing="2", align="center"),
            rx.spacer(),
            rx.flex(
                rx.cond(ReviewNavState.can_review, _nav("thumbs-up", tr("nav.review"), REVIEW_PATH, tr("nav.review_tip"))),
                _nav("link", tr("nav.shared"), "/shared", tr("nav.shared_tip")),
                _nav("history", tr("nav.history"), "/history", tr("nav.history_tip_private") if settings().private else tr("nav.history_tip_all")),
                spacing="1", align="center", class_name="sidebar-nav",
            ),
            align="center",
            padding="4px 4px 0 4px",
        ),
        rx.link(
            rx.button(rx.icon("square-pen", size=16), tr("chat.new"), width="100%", variant="soft", aria_label=tr("chat.new")),
            href=NEW_CHAT,
            on_click=SessionsState.set_drawer(False),
            width="100%",
        ),
        typing_input(
            rx.input.slot(rx.icon("search", size=14)),
            placeholder=tr("sidebar.search"),
            value=SessionsState.filter_text,
            on_change=SessionsState.set_filter,
            debounce_ms=FILTER_DEBOUNCE_MS,
            aria_label=tr("sidebar.filter"),
            size="2",
        ),
        rx.box(
            rx.cond(SessionsState.error != "", rx.callout(tr_msg(SessionsState.error), icon="circle-alert", color_scheme="red", size="1")),
            index_status(),
            rx.cond(
                SessionsState.filtering,
                rx.fragment(rx.foreach(SessionsState.found, _session_row), search_status(), search_hits()),
                rx.fragment(
                    rx.cond(SessionsState.pinned.length() > 0,
                            rx.text(tr("sidebar.pinned"), size="1", weight="medium", color_scheme="gray", class_name="session-group",
                                    role="heading", aria_level=3)),
                    rx.foreach(SessionsState.pinned, _session_item),
                    rx.foreach(SessionsState.sessions, _session_row),
                    rx.cond(
                        SessionsState.loaded & (SessionsState.sessions.length() == 0) & (SessionsState.pinned.length() == 0),
                        rx.text(tr("sidebar.empty"), size="1", color_scheme="gray", padding="8px"),
                    ),
                    load_more_sentinel(padding="8px"),
                ),
            ),
            class_name="session-list",
            aria_label=tr("sidebar.chats"),
        ),
        language_switcher(),
        sign_out(),
        direction="column",
        spacing="3",
        height="100%",
        class_name="sidebar-inner",
    )
