"""The bottom bar: which indexes to search, and the message box."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.client import composer
from chat_ui.state.chat import PROMPT_LIMIT, ChatState
from chat_ui.state.live import LiveState
from chat_ui.views import IndexView
from chat_ui.i18n.var import tr, tr_msg


def _index_chip(index: IndexView) -> rx.Component:
    """A syncing index is marked and cannot be picked (the server refuses it too); its tooltip
    says what it holds, its state and when it last synced."""
    selected = ChatState.selected_index_ids.contains(index.id)
    syncing = index.state == "syncing"
    return rx.tooltip(
        rx.el.button(
            rx.cond(syncing, rx.icon("refresh-cw", size=12, class_name="index-syncing-icon"),
                    rx.cond(selected, rx.icon("check", size=12), rx.icon("plus", size=12))),
            index.name,
            rx.cond(syncing, rx.el.span(tr("index.syncing"), class_name="index-state")),
            rx.cond(index.state == "failed", rx.el.span(tr("index.failed"), class_name="index-state")),
            on_click=ChatState.toggle_index(index.id),
            class_name="index-chip",
            data_selected=selected,
            data_state=index.state,
            aria_pressed=selected,
            aria_disabled=~index.pickable,
            aria_label=rx.cond(syncing, tr("index.named_syncing", name=index.name), tr("index.named", name=index.name)),
            type="button",
        ),
        content=tr_msg(index.tip),
    )


def _locked_chip(index_id) -> rx.Component:
    return rx.badge(rx.icon("lock", size=11), ChatState.index_names.get(index_id, index_id), variant="soft", size="2")


def index_picker() -> rx.Component:
    return rx.cond(
        ChatState.capabilities.index_binding,
        rx.flex(
            rx.cond(
                ChatState.index_locked,
                rx.flex(
                    rx.text(tr("index.searching"), size="1", color_scheme="gray"),
                    rx.foreach(ChatState.bound_index_ids, _locked_chip),
                    rx.text(tr("index.locked"), size="1", color_scheme="gray"),
                    rx.cond(ChatState.bound_syncing != "",
                            rx.text(tr_msg(ChatState.bound_syncing), size="1", color_scheme="amber", role="status")),
                    spacing="2", align="center", wrap="wrap", aria_label=tr("index.bound"),
                ),
                rx.flex(
                    rx.text(tr("index.search"), size="1", color_scheme="gray"),
                    rx.foreach(ChatState.indexes, _index_chip),
                    rx.cond(
                        ChatState.current_id == "",
                        rx.tooltip(
                            rx.flex(
                                rx.switch(checked=ChatState.bind_indexes, on_change=ChatState.set_bind_indexes,
                                          size="1", aria_label=tr("index.lock_aria")),
                                rx.text(tr("index.lock"), size="1", color_scheme="gray"),
                                spacing="1", align="center",
                            ),
                            content=tr("index.lock_tip"),
                        ),
                        rx.text(tr("index.per_message"), size="1", color_scheme="gray"),
                    ),
                    spacing="2", align="center", wrap="wrap", aria_label=tr("index.indexes"),
                ),
            ),
            rx.cond(ChatState.indexes_error != "", rx.text(tr_msg(ChatState.indexes_error), size="1", color_scheme="red")),
            rx.cond(
                ChatState.indexes_loaded & (ChatState.indexes.length() == 0) & (ChatState.indexes_error == ""),
                rx.text(tr("index.none"), size="1", color_scheme="amber"),
            ),
            spacing="2",
            align="center",
            wrap="wrap",
            class_name="index-picker",
        ),
    )


def indexes_pending():
    """True until the index list has arrived: a send before it would be refused with "pick an
    index" although the chips then show every index selected."""
    return ChatState.capabilities.index_binding & ~ChatState.indexes_loaded & (ChatState.indexes_error == "")


def composer_bar() -> rx.Component:
    return rx.box(
        rx.box(
            index_picker(),
            rx.cond(
                LiveState.send_error != "",
                rx.callout(
                    rx.flex(rx.text(tr_msg(LiveState.send_error), size="2"), rx.spacer(),
                            rx.icon_button(rx.icon("x", size=12), size="1", variant="ghost",
                                           on_click=LiveState.dismiss_error, aria_label=tr("common.dismiss")),
                            align="center", width="100%"),
                    icon="circle-alert", color_scheme="red", size="1", role="alert", class_name="send-error",
                ),
            ),
            composer(
                on_send=LiveState.send,
                on_stop=LiveState.stop,
                streaming=LiveState.streaming,
                limit=PROMPT_LIMIT,
                placeholder=tr("composer.placeholder"),
                draft=LiveState.draft,
                draft_seq=LiveState.draft_seq,
                disabled=indexes_pending(),
                disabled_reason=tr("composer.loading_indexes"),
            ),
            rx.text(tr("composer.disclaimer"),
                    size="1", color_scheme="gray", align="center", class_name="disclaimer"),
            class_name="composer-inner",
        ),
        class_name="composer-bar",
    )
