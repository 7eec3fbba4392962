"""The person's prompt and the agent's answer text."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.client import live_text
from chat_ui.state.citations import CitationState
from chat_ui.views import BlockView


def user_message(prompt) -> rx.Component:
    return rx.flex(
        rx.box(
            rx.text(prompt, white_space="pre-wrap", size="3"),
            class_name="user-bubble",
        ),
        justify="end",
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
