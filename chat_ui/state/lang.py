"""The reader's language: negotiated when a page opens, changed by the sidebar's switcher.

Order: the person's own choice kept in the durable store by owner key (an account's, else the
browser's), then the ``chat_ui_lang`` cookie (the same choice, for the first paint and for a
visitor without an owner yet), then the browser's languages (``navigator.languages``, sent by the
page; the socket's ``Accept-Language`` when it sends none), then ``CHAT_UI_DEFAULT_LANGUAGE``.
``lang`` is the only var; it is on a state of its own, so no streaming batch ever carries it.
Words a state composes are kept as message ids (:mod:`chat_ui.i18n.message`) and translated where
they are shown; a toast, gone in seconds, is translated when it is sent (:func:`toast`).
"""

from __future__ import annotations

import logging

import reflex as rx

from chat_ui.access.visitor import visitor_of
from chat_ui.i18n import language_settings, negotiate, offered
from chat_ui.i18n.message import render
from chat_ui.store import preferences

log = logging.getLogger(__name__)
YEAR_S = 365 * 86400
LANGUAGES_MAX = 500  # characters of the browser's list read


class LangState(rx.State):
    lang: str = ""  # "" until negotiated: the browser then goes by the cookie and its own languages
    chosen: str = rx.Cookie("", name="chat_ui_lang", max_age=YEAR_S, same_site="lax", path="/")
    catalog_rev: int = 0  # changed when the browser's catalog for ``lang`` arrived after ``lang`` did

    @rx.event
    def catalog_arrived(self):
        """The labels rendered in English while the reader's catalog loaded render again."""
        self.catalog_rev += 1

    @rx.event(background=True)
    async def sync(self, languages: str = ""):
        """A page opened: the language this reader gets (the store read outside the lock).
        ``languages``: the browser's own list, comma-separated (any text a client sends is only
        matched against the offered languages)."""
        async with self:
            owner = visitor_of(self.router).owner
            accept = (languages if isinstance(languages, str) else "").strip()[:LANGUAGES_MAX] \
                or self.router.headers.accept_language
            cookie = self.chosen
        try:
            kept = await preferences.language(owner)
        except Exception:  # the store down must not blank the page: the cookie still knows
            log.exception("could not read the language preference")
            kept = ""
        lang = negotiate(accept, kept if offered(kept) else cookie)
        async with self:
            self.lang = lang
            if offered(kept) and kept != self.chosen:
                self.chosen = kept  # another browser of the same account chose it

    @rx.event(background=True)
    async def choose(self, lang: str):
        """The switcher: at once on the page, then kept for this person."""
        if not offered(lang):
            return
        async with self:
            self.lang = lang
            self.chosen = lang
            owner = visitor_of(self.router).owner
        try:
            await preferences.set_language(owner, lang)
        except Exception:  # the cookie keeps it for this browser meanwhile
            log.exception("could not keep the language preference")


async def lang_of(state: rx.State) -> str:
    """The reader's language, for words the server composes itself (a toast). In a background
    task, call it inside ``async with self``; before the page negotiated, the deployment's default."""
    lang = (await state.get_state(LangState)).lang
    return lang if offered(lang) else language_settings().default


def toast(lang: str, level: str, message: str, **props) -> rx.event.EventSpec:
    """``rx.toast.<level>`` of a kept message (:func:`chat_ui.i18n.message.msg`) in ``lang``; a
    toast is gone in seconds, so it is translated once, when it is sent."""
    return getattr(rx.toast, level)(render(lang, message), **props)
