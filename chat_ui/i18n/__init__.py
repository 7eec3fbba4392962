"""The interface in the reader's language: catalogs, negotiation and locale formatting.

- :func:`t` (server) and :func:`chat_ui.i18n.var.tr` (components) look messages up by id.
- :func:`negotiate` picks the language; ``CHAT_UI_LANGUAGES`` / ``CHAT_UI_DEFAULT_LANGUAGE``.
Model output, file names and what people type are never translated.
"""

from chat_ui.i18n.catalog import NAMES, SHIPPED, catalog, t
from chat_ui.i18n.negotiate import negotiate, offered
from chat_ui.i18n.settings import language_settings

__all__ = ["NAMES", "SHIPPED", "catalog", "language_settings", "negotiate", "offered", "t"]
