"""The person's prompt and the agent's answer text."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.client import live_text
from chat_ui.state.citations import CitationState
from chat_ui.state.live import LiveState
from chat_ui.views import BlockView
from chat_ui.i18n.var import tr


def user_message(prompt) -> rx.Component:
    """The prompt, and Edit and resend: it goes back into the message box, and sending it asks
    again as a new turn at the end (a session is linear; nothing earlier is replaced)."""
    edit = rx.tooltip(
        rx.icon_button(
            rx.icon("pencil", size=14), size="1", variant="ghost", color_scheme="gray",
            on_click=LiveState.edit_prompt(prompt), aria_label=tr("message.edit"), class_name="prompt-edit",
        ),
        content=tr("message.edit_tip"),
    )
    return rx.flex(
        edit,
        rx.box(
            rx.text(prompt, white_space="pre-wrap", size="3"),
            class_name="user-bubble",
        ),
        justify="end",
        align="center",
        gap="6px",
        width="100%",
        class_name="user-row",
    )


def answer_text(block: BlockView, passages) -> rx.Component:
    """Streaming or finished, one component renders the text (from the client-side delta store
    while it streams); ``passages`` turn its citation markers into chips."""
    return rx.box(
        live_text(block.key, block.text, block.done, format="markdown", passages=passages,
                  on_open_citation=CitationState.show),
        class_name="answer-text",
    )
