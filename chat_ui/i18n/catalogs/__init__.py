"""Links the catalogs into the app build, beside ``components/js/i18n.js`` which imports them
(``rx.asset(shared=True)`` files them under this module's path: ``external/chat_ui/i18n/catalogs``)."""

import reflex as rx

from chat_ui.i18n.catalog import SHIPPED

for _lang in SHIPPED:
    rx.asset(f"{_lang}.json", shared=True)
