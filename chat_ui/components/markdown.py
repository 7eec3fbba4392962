"""Model output as markdown: raw HTML off (it must never run), math off (so "$4.2M" stays money),
code blocks highlighted with a copy button."""

from __future__ import annotations

import reflex as rx


def _code_block(value, **props):
    return rx.code_block(value, can_copy=True, wrap_long_lines=True, theme=rx.code_block.themes.one_dark, **props)


def answer_markdown(text) -> rx.Component:
    return rx.markdown(
        text,
        use_raw=False,
        use_math=False,
        use_katex=False,
        component_map={"pre": _code_block},
        class_name="chat-markdown",
    )
