"""The export menu of a chat: Markdown or JSON, from the chat header and from a history row.

The menu is ``js/export_menu.jsx``: the button, and Radix's DropdownMenu loaded when a button first
mounts (the empty chat, where everyone lands, shows none, so it does not load it)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.event import EventHandler, no_args_event_spec
from reflex_base.vars.base import Var

from chat_ui.components.js import EXPORT_MENU
from chat_ui.state.export import ExportState
from chat_ui.i18n.var import tr


class ExportMenu(rx.Component):
    library = EXPORT_MENU
    tag = "ExportMenu"

    small: Var[bool]
    label: Var[str]
    markdown_label: Var[str]
    markdown_aria: Var[str]
    json_label: Var[str]
    json_aria: Var[str]

    on_markdown: EventHandler[no_args_event_spec]
    on_json: EventHandler[no_args_event_spec]


def export_menu(session_id: Any, label: Any, *, small: bool = False) -> rx.Component:
    """``session_id``: "" exports the chat on the page; ``label`` names the button for screen readers."""
    return ExportMenu.create(
        small=small, label=label,
        markdown_label=tr("export.markdown"), markdown_aria=tr("export.markdown_aria"),
        json_label=tr("export.json"), json_aria=tr("export.json_aria"),
        on_markdown=ExportState.export_chat(session_id, "markdown"),
        on_json=ExportState.export_chat(session_id, "json"),
    )
