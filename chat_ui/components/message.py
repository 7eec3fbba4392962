"""The person's prompt and the agent's answer text."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.client import live_text
from chat_ui.components.markdown import answer_markdown
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


def answer_text(block: BlockView) -> rx.Component:
    """Finished text renders from state; streaming text from the client-side delta store."""
    return rx.box(
        rx.cond(
            block.done,
            answer_markdown(block.text),
            live_text(block.key, block.text, block.done, format="markdown"),
        ),
        class_name="answer-text",
    )
