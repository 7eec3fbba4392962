"""The chat page: ``/`` starts a new chat, ``/chat/[session_id]`` reopens one."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.citation import citation_dialog
from chat_ui.components.client import follow_scroll, when_visible
from chat_ui.components.composer_bar import composer_bar, indexes_pending
from chat_ui.components.layout import chat_header, shell
from chat_ui.components.share import share_dialog
from chat_ui.components.turn import finished_turn, turn
from chat_ui.state.chat import NEW_CHAT, ChatState
from chat_ui.state.live import LiveState
from chat_ui.i18n.var import tr, tr_msg

# Example prompts, in the reader's language: the agent answers in the language it is asked in.
EXAMPLES = ["chat.example_revenue", "chat.example_leave", "chat.example_risks"]


def _empty_state() -> rx.Component:
    return rx.flex(
        rx.icon("sparkles", size=28, color=rx.color("accent", 9)),
        rx.heading(tr("chat.empty_title"), size="6", weight="medium"),
        rx.text(tr("chat.empty_body"),
                size="2", color_scheme="gray", align="center", max_width="440px"),
        rx.flex(
            *[rx.button(tr(example), variant="surface", color_scheme="gray", size="2", on_click=LiveState.send(tr(example)),
                        disabled=indexes_pending(), class_name="example-prompt", aria_label=tr("chat.ask", prompt=tr(example))) for example in EXAMPLES],
            direction="column", spacing="2", width="100%", max_width="440px",
        ),
        direction="column",
        align="center",
        spacing="3",
        class_name="empty-state",
    )


def _not_found() -> rx.Component:
    """One view for a chat that never existed, was deleted, or belongs to another browser: the
    page cannot tell them apart, so neither can the reader."""
    return rx.flex(
        rx.icon("message-circle-question", size=28, color=rx.color("gray", 9)),
        rx.heading(tr("chat.not_found"), size="6", weight="medium"),
        rx.text(tr("chat.not_found_body"),
                size="2", color_scheme="gray", align="center", max_width="440px"),
        rx.link(rx.button(rx.icon("square-pen", size=16), tr("chat.start_new"), variant="soft"), href=NEW_CHAT),
        direction="column",
        align="center",
        spacing="3",
        class_name="empty-state",
        role="status",
        data_testid="not-found",
    )


def _thread() -> rx.Component:
    return rx.box(
        rx.cond(ChatState.not_found, _not_found()),
        rx.cond(
            ChatState.load_error != "",
            rx.callout(
                rx.flex(rx.text(tr_msg(ChatState.load_error)), rx.link(tr("chat.start_new"), href=NEW_CHAT), direction="column", spacing="1"),
                icon="circle-alert", color_scheme="red", role="alert",
            ),
        ),
        rx.cond(ChatState.loading, rx.flex(rx.spinner(), rx.text(tr("chat.opening"), color_scheme="gray", size="2"),
                                           spacing="2", align="center", justify="center", padding="32px")),
        rx.cond(
            (ChatState.turns.length() == 0) & (LiveState.recent.length() == 0) & (LiveState.turn.key == "")
            & ~ChatState.loading & (ChatState.load_error == "") & ~ChatState.not_found,
            _empty_state(),
        ),
        rx.cond(
            ChatState.earlier > 0,
            when_visible(  # the reader reached the top of what is loaded: the turns above come in
                rx.flex(rx.spinner(size="1"), rx.text(tr("chat.loading_earlier"), size="1", color_scheme="gray"),
                        spacing="2", align="center", justify="center"),
                on_visible=ChatState.show_earlier,
                reset_key=ChatState.earlier,
                root_margin="400px 0px 0px 0px",
                class_name="earlier-sentinel",
                aria_label=tr("chat.earlier"),
            ),
        ),
        rx.foreach(ChatState.turns, finished_turn),
        rx.foreach(LiveState.recent, finished_turn),
        rx.cond(LiveState.turn.key != "", turn(LiveState.turn, LiveState.blocks)),
        class_name="thread",
        data_streaming=LiveState.streaming,
    )


def chat_page() -> rx.Component:
    return shell(
        rx.box(follow_scroll(_thread(), pin_signal=LiveState.pin_signal, class_name="scroller"), class_name="scroll-area"),
        rx.cond(ChatState.not_found, rx.fragment(), composer_bar()),
        rx.el.div(tr_msg(LiveState.announcement), aria_live="polite", role="status", class_name="sr-only"),
        citation_dialog(),
        share_dialog(),
        top=chat_header(),
        title="page.chat",
    )
