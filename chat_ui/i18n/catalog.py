"""The message catalogs: one JSON file per language in ``catalogs/``, keyed by id.

English (``en.json``) is the source; every other catalog has exactly its keys (tests/test_i18n.py).
A value is a string with ``{name}`` placeholders, or, for a plural, an object keyed by CLDR plural
category (``one``, ``other``, ...) chosen by the ``count`` parameter. The same files are shipped to
the browser (``components/js/i18n.js``), so a label switches language without a server round trip;
:func:`t` is the server's lookup for what the server renders itself (sign-in page, exports, errors).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

DIR = Path(__file__).parent / "catalogs"
# The languages shipped, English first. Adding one: see README "How to add a language".
SHIPPED: tuple[str, ...] = ("en", "de", "fr", "es", "ja")
NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "ja": "日本語"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")

Message = str | dict[str, str]


@functools.cache
def catalog(lang: str) -> dict[str, Message]:
    with open(DIR / f"{lang}.json", encoding="utf-8") as f:
        return json.load(f)


@functools.cache
def _plural(lang: str):
    return Locale.parse(lang).plural_form


def plural_tags(lang: str) -> set[str]:
    """The CLDR plural categories ``lang`` needs (Japanese: only ``other``)."""
    return set(_plural(lang).tags) | {"other"}


def _fill(text: str, params: dict[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), text)


def t(lang: str, key: str, **params: Any) -> str:
    """The message ``key`` in ``lang`` (English if the language or the key is missing), with its
    placeholders filled; a plural picks its form by ``count``."""
    return _fill(_text(lang, key, params.get("count", 0)), params)


def t_numbers(lang: str, key: str, **params: Any) -> str:
    """:func:`t` with whole numbers written as the reader writes them (1,000 / 1.000 / 1 000) and a
    list as the reader lists (``["A", "B"]``: "A and B", "A und B", "A、B")."""
    lang = lang if lang in SHIPPED else "en"
    shown = {k: _shown(v, lang) for k, v in params.items()}
    return _fill(_text(lang, key, params.get("count", 0)), shown)


def _shown(value: Any, lang: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return format_decimal(value, locale=lang)
    if isinstance(value, float):
        return format_decimal(value, format="#,##0.0", locale=lang)
    if isinstance(value, list):
        return format_list([str(v) for v in value], locale=lang) if value else ""
    return value


def _text(lang: str, key: str, count: Any) -> str:
    lang = lang if lang in SHIPPED else "en"
    message = catalog(lang).get(key)
    if message is None:
        lang, message = "en", catalog("en").get(key, key)
    if isinstance(message, dict):
        try:
            form = _plural(lang)(abs(count))
        except TypeError:
            form = "other"
        message = message.get(form) or message["other"]
    return message
