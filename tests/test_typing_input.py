"""The search boxes wait once after typing: Reflex's own wrapper of a controlled input (300 ms by
default) set to the box's pause, and no second debounce on the event behind it (before, the chat
filter waited 300 + 150 ms after the last key)."""

from __future__ import annotations

from reflex_components_core.core.debounce import DebounceInput

from chat_ui.components.sidebar import sidebar_content
from chat_ui.components.typing import FILTER_DEBOUNCE_MS
from chat_ui.pages.history import history_page
from chat_ui.pages.review import review_page


def _debounced(component) -> list[DebounceInput]:
    found = [component] if isinstance(component, DebounceInput) else []
    for child in getattr(component, "children", ()):
        found += _debounced(child)
    return found


def _sends(box: DebounceInput) -> tuple[str, dict]:
    chain = box.event_triggers["on_change"]
    (spec,) = chain.events
    return spec.handler.fn.__qualname__, dict(chain.event_actions or {}) | dict(spec.event_actions or {})


def test_the_chat_filter_history_search_and_review_search_wait_once():
    for page, handler, ms in ((sidebar_content(), "SessionsState.set_filter", FILTER_DEBOUNCE_MS),
                              (history_page(), "SessionsState.set_filter", FILTER_DEBOUNCE_MS),
                              (review_page(), "ReviewState.search", 300)):
        boxes = [b for b in _debounced(page) if _sends(b)[0] == handler]
        assert boxes, f"no box sends {handler}"
        for box in boxes:
            assert str(box.debounce_timeout) == str(ms)
            assert "debounce" not in _sends(box)[1]
