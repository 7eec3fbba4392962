"""Reflex wrappers for the small local React components in ``js/``.

Why these exist: Reflex resends the full value of every changed state var, so
streaming an answer through a var costs O(n^2) bytes. The server sends only new
text, as a small socket event of its own (``state/wire.py``) into a client-side
store (``js/text_wire.js``), and :func:`live_text` renders it from there. The composer counts characters and handles Enter / Shift+Enter / Esc in
the browser, so typing costs no server round trip per keystroke.

The ``.jsx`` files are linked into the build by ``js/__init__.py`` with
``rx.asset(..., shared=True)`` (into ``assets/external/...``, git-ignored).
"""

from __future__ import annotations

from typing import Any, Literal

import reflex as rx
from reflex_base.event import EventHandler, no_args_event_spec, passthrough_event_spec
from reflex_base.vars.base import Var

from chat_ui.components.js import COMPOSER as _COMPOSER
from chat_ui.components.js import FOLLOW_SCROLL as _FOLLOW_SCROLL
from chat_ui.components.js import KEEP as _KEEP
from chat_ui.components.js import LIVE_TEXT as _LIVE_TEXT
from chat_ui.components.js import SHORTCUTS as _SHORTCUTS
from chat_ui.components.js import TEXT_WIRE as _TEXT_WIRE
from chat_ui.components.js import WHEN_VISIBLE as _WHEN_VISIBLE

# Versions Reflex 0.10.1 itself pins for rx.markdown and rx.code_block, so the app
# installs one copy of each.
_MARKDOWN_DEPS = ["react-markdown@10.1.0", "remark-gfm@4.0.1", "react-syntax-highlighter@16.1.2"]


class Keep(rx.Component):
    """Renders its children once per ``version`` (see ``js/keep.jsx``)."""

    library = _KEEP
    tag = "Keep"

    version: Var[str]


class RenderProbe(rx.Component):
    """Counts the renders of what contains it in ``window.__chatUiRenders[name]``."""

    library = _KEEP
    tag = "RenderProbe"

    name: Var[str]


class TextWire(rx.Component):
    """Installs the browser's end of the live text wire (``state/wire.py``); wraps the app's root
    so it is in place before the socket connects."""

    library = _TEXT_WIRE
    tag = "TextWire"


class LiveText(rx.Component):
    """Answer text: the committed ``text`` once known, else the live stream buffer."""

    library = _LIVE_TEXT
    tag = "LiveText"
    lib_dependencies: list[str] = _MARKDOWN_DEPS

    stream_key: Var[str]
    text: Var[str]
    done: Var[bool]
    format: Var[Literal["markdown", "plain"]]
    passages: Var[list]  # the turn's passages (HitView), for the citation chips

    on_open_citation: EventHandler[passthrough_event_spec(dict)]


class Shortcuts(rx.Component):
    """The keyboard shortcuts (a listener in the browser) and the sheet listing them, with its
    header button."""

    library = _SHORTCUTS
    tag = "Shortcuts"

    on_new_chat: EventHandler[no_args_event_spec]


class Composer(rx.Component):
    """The prompt box; keeps its text in the browser and only reports sends and stops."""

    library = _COMPOSER
    tag = "Composer"

    placeholder: Var[str]
    limit: Var[int]
    streaming: Var[bool]
    disabled: Var[bool]
    disabled_reason: Var[str]
    draft: Var[str]
    draft_seq: Var[int]
    auto_focus: Var[bool]

    on_send: EventHandler[passthrough_event_spec(str)]
    on_stop: EventHandler[no_args_event_spec]


class FollowScroll(rx.Component):
    """A ``role="log"`` scroller that follows new content while the reader is at the bottom."""

    library = _FOLLOW_SCROLL
    tag = "FollowScroll"

    pin_signal: Var[int]


class WhenVisible(rx.Component):
    """A div that fires ``on_visible`` once when it first becomes visible."""

    library = _WHEN_VISIBLE
    tag = "WhenVisible"

    reset_key: Var[str | int]
    root_margin: Var[str]

    on_visible: EventHandler[no_args_event_spec]


def live_text(
    stream_key: Var[str] | str,
    text: Var[str] | str = "",
    done: Var[bool] | bool = False,
    format: Literal["markdown", "plain"] | Var[str] = "markdown",
    **props: Any,
) -> rx.Component:
    """Render a block's text, streaming or finished, without sending streamed text through state.

    While the answer streams, the server leaves ``text`` empty and appends to
    ``window.chatUi`` under ``stream_key``; once ``done`` (or ``text`` is set),
    the committed ``text`` is shown. ``format="markdown"`` renders GFM with raw
    HTML skipped (model output never runs as HTML), no math (so "$4.2M" stays
    money), links opening in a new tab, code blocks with a copy button, and
    citation markers as chips for ``passages`` (``on_open_citation`` gets the
    chip's passage); ``"plain"`` keeps whitespace (for thinking).
    """
    return LiveText.create(stream_key=stream_key, text=text, done=done, format=format, **props)


def shortcuts(on_new_chat: Any) -> rx.Component:
    """Keyboard shortcuts for the page (``?`` lists them); ``on_new_chat`` for Ctrl/Cmd+Shift+O."""
    return Shortcuts.create(on_new_chat=on_new_chat)


def composer(
    on_send: Any,
    on_stop: Any = None,
    *,
    streaming: Var[bool] | bool = False,
    limit: Var[int] | int = 1000,
    placeholder: Var[str] | str = "",  # the caller passes tr("composer.placeholder")
    disabled: Var[bool] | bool = False,
    disabled_reason: Var[str] | str = "",
    draft: Var[str] | str = "",
    draft_seq: Var[int] | int = 0,
    **props: Any,
) -> rx.Component:
    """The prompt box: Enter sends, Shift+Enter is a newline, Esc stops.

    ``on_send`` gets the text (never empty, never over ``limit`` code points);
    ``on_stop`` fires from the Stop button or Esc while ``streaming``. Bump
    ``draft_seq`` to put ``draft`` back into the box (edit and resend).
    ``disabled`` blocks sending (typing still works) and shows ``disabled_reason``.
    """
    if on_stop is not None:
        props["on_stop"] = on_stop
    return Composer.create(
        on_send=on_send,
        streaming=streaming,
        limit=limit,
        placeholder=placeholder,
        disabled=disabled,
        disabled_reason=disabled_reason,
        draft=draft,
        draft_seq=draft_seq,
        **props,
    )


def follow_scroll(*children: Any, pin_signal: Var[int] | int = 0, **props: Any) -> rx.Component:
    """A scroller that stays at the bottom while content grows, unless the reader scrolled up.

    It fills its parent (give the parent a height). Change ``pin_signal``
    (e.g. count sent prompts) to scroll down and follow again.
    """
    return FollowScroll.create(*children, pin_signal=pin_signal, **props)


def when_visible(
    *children: Any,
    on_visible: Any,
    reset_key: Var[str] | Var[int] | str | int = 0,
    **props: Any,
) -> rx.Component:
    """Fire ``on_visible`` once, when the children first show on screen.

    For lazy loading: inside a closed ``<details>`` it waits until it is opened.
    A new ``reset_key`` arms it again.
    """
    return WhenVisible.create(*children, on_visible=on_visible, reset_key=reset_key, **props)


def text_wire() -> rx.Component:
    """The app wrap that installs the live text's socket handler and store."""
    return TextWire.create()


def keep(*children: Any, version: Var[str] | str, **props: Any) -> rx.Component:
    """Render ``children`` again only when ``version`` changes, whatever its parent does."""
    return Keep.create(*children, version=version, **props)


def render_probe(name: Var[str] | str) -> rx.Component:
    return RenderProbe.create(name=name)
