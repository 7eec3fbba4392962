"""A text box whose value the state holds, sending what is typed after one pause.

Reflex wraps every controlled input (``value`` and ``on_change``) in react-debounce-input with
its default 300 ms; an event's own ``.debounce(ms)`` then waits again after that, so a 150 ms
debounce made the search wait about 450 ms after the last key. Here the one wait is the
wrapper's, set to what the box asks for.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

FILTER_DEBOUNCE_MS = 150  # the chat filter: results come in while typing, one query per pause


def typing_input(*children: rx.Component, debounce_ms: int, **props: Any) -> rx.Component:
    box = rx.input(*children, **props)
    box.debounce_timeout = rx.Var.create(debounce_ms)  # the DebounceInput Reflex wrapped it in
    return box
