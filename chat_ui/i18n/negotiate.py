"""Which language a reader gets: their own choice if they made one (kept per person), else the
browser's ``Accept-Language``, else the deployment's default. Babel does the matching, so
``de-AT`` finds ``de`` and ``pt-BR;q=0.9`` is weighed by its q."""

from __future__ import annotations

from babel import negotiate_locale

from chat_ui.i18n.settings import language_settings


def _accepted(header: str) -> list[str]:
    weighted = []
    for i, part in enumerate(header.split(",")):
        code, _, params = part.strip().partition(";")
        if not code or code == "*":
            continue
        q = 1.0
        for p in params.split(";"):
            name, _, value = p.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            weighted.append((-q, i, code.strip()))
    return [code for _, _, code in sorted(weighted)]


def offered(lang: str) -> bool:
    return lang in language_settings().offered


def negotiate(accept_language: str = "", chosen: str = "") -> str:
    """The language to show: ``chosen`` when offered, else the best match of the header."""
    settings = language_settings()
    if chosen in settings.offered:
        return chosen
    wanted = [code.replace("_", "-") for code in _accepted(accept_language or "")]
    # Babel matches "de-AT" to "de" only when it is given with its base too.
    wanted = [w for code in wanted for w in (code, code.split("-")[0])]
    found = negotiate_locale(wanted, list(settings.offered), sep="-")
    return found if found in settings.offered else settings.default
