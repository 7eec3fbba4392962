"""The language of what the server renders itself (the sign-in, signed-out and error pages, plain
error responses), read from the request alone: the reader's kept choice (the ``chat_ui_lang``
cookie, which :class:`chat_ui.state.lang.LangState` sets to the person's stored choice on every
page they open), else ``Accept-Language``, within ``CHAT_UI_LANGUAGES``, else
``CHAT_UI_DEFAULT_LANGUAGE``.

The store is not asked: these pages are served to anyone before they are signed in, and a
database read per unsigned request would be a cheap way to load the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from chat_ui.i18n.negotiate import negotiate
from chat_ui.i18n.settings import language_settings

LANG_COOKIE = "chat_ui_lang"


def _cookie(cookie_header: str, name: str) -> str:
    for part in cookie_header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return unquote(value.strip().strip('"')).strip().lower()
    return ""


def request_lang(cookie_header: str = "", accept_language: str = "") -> str:
    """The language for a reply to a request with these headers (never raises: a page that says
    what went wrong must not fail over the language it says it in)."""
    try:
        return negotiate(accept_language, _cookie(cookie_header or "", LANG_COOKIE))
    except Exception:  # noqa: BLE001 - a malformed header: the deployment's default
        return language_settings().default


def scope_lang(scope: Mapping[str, Any]) -> str:
    """:func:`request_lang` of an ASGI scope."""
    cookies, accept = [], []
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            cookies.append(value.decode("latin-1"))
        elif key == b"accept-language":
            accept.append(value.decode("latin-1"))
    return request_lang("; ".join(cookies), ", ".join(accept))
