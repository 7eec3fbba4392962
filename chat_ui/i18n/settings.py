"""Which languages this deployment offers (``CHAT_UI_LANGUAGES``) and which one a reader gets
when nothing else decides (``CHAT_UI_DEFAULT_LANGUAGE``)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from chat_ui.i18n.catalog import SHIPPED


@dataclass(frozen=True)
class LanguageSettings:
    offered: tuple[str, ...] = SHIPPED
    default: str = "en"

    @classmethod
    def from_env(cls) -> LanguageSettings:
        raw = os.environ.get("CHAT_UI_LANGUAGES", "")
        wanted = [code.strip().lower().replace("_", "-") for code in raw.split(",") if code.strip()]
        # Unknown codes are dropped (a typo must not empty the switcher); none left: all shipped.
        offered = tuple(dict.fromkeys(code.split("-")[0] for code in wanted if code.split("-")[0] in SHIPPED))
        offered = offered or SHIPPED
        default = os.environ.get("CHAT_UI_DEFAULT_LANGUAGE", "").strip().lower().replace("_", "-").split("-")[0]
        if default not in offered:
            default = "en" if "en" in offered else offered[0]
        return cls(offered=offered, default=default)


@functools.cache
def language_settings() -> LanguageSettings:
    return LanguageSettings.from_env()
