"""The export menu of a chat: Markdown or JSON, from the chat header and from a history row."""

from __future__ import annotations

import reflex as rx

from chat_ui.state.export import ExportState
from chat_ui.i18n.var import tr


def export_menu(session_id, label, *, small: bool = False) -> rx.Component:
    """``session_id``: "" exports the chat on the page; ``label`` names the button for screen readers."""
    return rx.dropdown_menu.root(
        rx.dropdown_menu.trigger(
            rx.icon_button(rx.icon("download", size=14 if small else 16), size="1" if small else "2", variant="ghost",
                           color_scheme="gray", aria_label=label, class_name="export-button"),
        ),
        rx.dropdown_menu.content(
            rx.dropdown_menu.item(
                rx.icon("file-text", size=14), tr("export.markdown"),
                on_select=ExportState.export_chat(session_id, "markdown"), aria_label=tr("export.markdown_aria"),
            ),
            rx.dropdown_menu.item(
                rx.icon("braces", size=14), tr("export.json"),
                on_select=ExportState.export_chat(session_id, "json"), aria_label=tr("export.json_aria"),
            ),
            align="end",
        ),
    )
