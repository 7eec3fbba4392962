"""Messages a state keeps in a var and a page shows later (an error under the composer, a notice
in the sidebar): kept as an id and its parameters, translated where they are shown, so a change of
language changes them too and nothing English is stored.

:func:`msg` encodes ``("policy.not_found", {})`` into a ``str`` (the vars stay strings: ``!= ""``
still means "there is one"); :func:`chat_ui.i18n.var.tr_msg` shows one in the browser, in the
reader's language, and :func:`render` on the server (toasts, tests). A plain string (text from
the backend, a model's error) is shown as it is: only the app's own words are translated.
"""

from __future__ import annotations

import json
from typing import Any

from chat_ui.i18n.catalog import catalog, t_numbers

# An invisible separator, then JSON: no text a person or a backend writes starts with it.
MARK = "\u2063"


def msg(key: str, **params: Any) -> str:
    """The message ``key`` with ``params``, to keep in a var (an unknown id fails here)."""
    if key not in catalog("en"):
        raise KeyError(f"no message {key!r} in chat_ui/i18n/catalogs/en.json")
    return MARK + json.dumps([key, params], ensure_ascii=False, separators=(",", ":"))


def is_msg(value: str) -> bool:
    return isinstance(value, str) and value.startswith(MARK)


def parse(value: str) -> tuple[str, dict[str, Any]] | None:
    if not is_msg(value):
        return None
    try:
        key, params = json.loads(value[len(MARK):])
    except (ValueError, TypeError):
        return None
    return str(key), dict(params) if isinstance(params, dict) else {}


def render(lang: str, value: str) -> str:
    """``value`` for a reader of ``lang``: a kept message translated, any other text as it is."""
    found = parse(value)
    if found is None:
        return value
    key, params = found
    # A parameter may itself be a kept message ("Could not open this chat: {detail}" of a refusal).
    params = {k: render(lang, v) if is_msg(v) else v for k, v in params.items()}
    return t_numbers(lang, key, **params)
