"""The page shell: sidebar (a drawer on phones), header with title, totals and theme toggle."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.client import shortcuts
from chat_ui.components.export import export_menu
from chat_ui.components.lang import lang_sync
from chat_ui.components.owner_beacon import owner_beacon
from chat_ui.components.share import share_button
from chat_ui.components.session_search import rename_box, rename_button, renaming
from chat_ui.components.sidebar import delete_dialog, sidebar_content
from chat_ui.state.chat import NEW_CHAT, ChatState
from chat_ui.state.sessions import SessionsState
from chat_ui.i18n.var import tr, tr_msg, usage


def _mobile_menu() -> rx.Component:
    return rx.drawer.root(
        rx.drawer.trigger(
            rx.icon_button(rx.icon("menu", size=18), variant="ghost", color_scheme="gray", aria_label=tr("nav.open_chats"),
                           class_name="mobile-only"),
        ),
        rx.drawer.overlay(z_index="40"),
        rx.drawer.portal(
            rx.drawer.content(
                sidebar_content(),
                class_name="drawer-content",
                aria_label=tr("sidebar.chats"),
            ),
        ),
        direction="left",
        open=SessionsState.drawer_open,
        on_open_change=SessionsState.set_drawer,
    )


def header(title, right: rx.Component | None = None, title_slot: rx.Component | None = None) -> rx.Component:
    """``title_slot``: what stands in the title's place instead (the chat's title and its rename box)."""
    return rx.flex(
        _mobile_menu(),
        title_slot if title_slot is not None else rx.heading(title, size="3", weight="medium", class_name="truncate header-title"),
        rx.spacer(),
        right or rx.fragment(),
        shortcuts(on_new_chat=rx.redirect(NEW_CHAT)),
        rx.color_mode.button(variant="ghost", color_scheme="gray", aria_label=tr("header.dark_mode")),
        align="center",
        spacing="3",
        class_name="app-header",
    )


def chat_header() -> rx.Component:
    totals = rx.cond(
        ChatState.capabilities.usage & ((ChatState.total_input_tokens > 0) | (ChatState.total_output_tokens > 0)),
        rx.tooltip(
            rx.badge(rx.icon("gauge", size=12),
                     usage(ChatState.total_input_tokens, ChatState.total_output_tokens, -1, ChatState.total_duration_ms),
                     variant="surface", color_scheme="gray",
                     class_name="tabular totals", aria_label=tr("header.totals")),
            content=tr("header.totals_tip"),
        ),
    )
    title = rx.cond(ChatState.not_found, tr("chat.not_found"), rx.cond(ChatState.title != "", tr_msg(ChatState.title), tr("chat.new")))
    chat_open = (ChatState.current_id != "") & ~ChatState.not_found
    slot = rx.cond(chat_open & renaming(ChatState.current_id, "header"),
                   rx.box(rename_box(ChatState.current_id, tr_msg(ChatState.title)), class_name="header-rename", flex="1",
                          max_width="480px"),
                   rx.flex(rx.heading(title, size="3", weight="medium", class_name="truncate header-title"),
                           rx.cond(chat_open, rename_button(None, ChatState.current_id, "header")),
                           align="center", spacing="1", min_width="0"))
    return header(title, rx.fragment(totals, rx.cond(chat_open, rx.fragment(share_button(), export_menu("", tr("export.chat"))))),
                  title_slot=slot)


def shell(*content: rx.Component, top: rx.Component, title: str = "") -> rx.Component:
    return rx.flex(
        lang_sync(title),
        rx.box(sidebar_content(), class_name="sidebar desktop-only"),
        rx.flex(top, *content, direction="column", class_name="main-column"),
        delete_dialog(),
        owner_beacon(),
        class_name="app-shell",
    )
