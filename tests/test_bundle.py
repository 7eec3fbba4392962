"""The chat page ships only the icons it shows: no icon is named by a var (lucide's DynamicIcon
carries a lazy import of every icon, ~1,700 chunks, into the page's bundle)."""

from __future__ import annotations

from chat_ui.pages.chat import chat_page
from chat_ui.pages.history import history_page
from chat_ui.pages.shared import shared_page


def _tags(component) -> set[str]:
    found = {type(component).__name__}
    for child in getattr(component, "children", []):
        found |= _tags(child)
    return found


def test_no_page_names_an_icon_by_a_var():
    for page in (chat_page, history_page, shared_page):
        rendered = page()
        assert "DynamicIcon" not in _tags(rendered), page.__name__
        assert "DynamicIcon" not in str(rendered), page.__name__
