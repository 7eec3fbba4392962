"""The language switcher in the sidebar, and the page's link to the reader's language
(``<html lang>``, the page title, the local React components' own strings)."""

from __future__ import annotations

import reflex as rx
from reflex_base.event import EventHandler, no_args_event_spec
from reflex_base.vars.base import Var

from chat_ui.components.js import I18N
from chat_ui.i18n import NAMES, language_settings
from chat_ui.i18n.var import tr
from chat_ui.state.lang import LangState


class LangSync(rx.Component):
    """Renders nothing; sets ``<html lang>``, ``document.title`` and the language the local React
    components read (``useT()`` in ``js/i18n.js``)."""

    library = I18N
    tag = "LangSync"

    lang: Var[str]
    fallback: Var[str]
    offered: Var[list[str]]
    title: Var[str]  # a message id; the page title is "<message> · chat_ui"
    on_catalog: EventHandler[no_args_event_spec]  # the reader's catalog arrived late


# The browser's own list of languages, the one its Accept-Language is made from. The websocket's
# handshake does not always carry it: Chromium run with an emulated locale sends its default there.
BROWSER_LANGUAGES = Var(_js_expr="(typeof navigator === 'undefined' ? '' : "
                                 "(navigator.languages || [navigator.language || '']).join(','))", _var_type=str)


def lang_sync(title: str = "") -> rx.Component:
    """One per page: negotiates the reader's language when the page mounts."""
    settings = language_settings()
    return LangSync.create(lang=LangState.lang, fallback=settings.default, offered=list(settings.offered),
                           title=title, on_mount=LangState.sync(BROWSER_LANGUAGES), on_catalog=LangState.catalog_arrived)


def language_switcher() -> rx.Component:
    """A native ``<select>``: keyboard and screen readers know it; each language in its own name."""
    settings = language_settings()
    if len(settings.offered) < 2:
        return rx.fragment()
    return rx.el.label(
        rx.icon("languages", size=14, aria_hidden="true"),
        rx.el.span(tr("lang.label"), class_name="lang-label"),
        rx.el.select(
            *[rx.el.option(NAMES[code], value=code, lang=code) for code in settings.offered],
            value=rx.cond(LangState.lang != "", LangState.lang, settings.default),
            on_change=LangState.choose,
            class_name="lang-select",
            name="language",
        ),
        class_name="lang-switcher",
    )
