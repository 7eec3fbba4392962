"""The pages of company sign-in (oidc and header modes): a sign-in that could not finish, a
person signed out, a proxy that named nobody. Plain server-rendered HTML like the password page,
each with a way back; the words are ours (from the catalogs, in the request's language), never the
provider's or the visitor's."""

from __future__ import annotations

from html import escape

from chat_ui.access.signin_page import _ICON, _STYLE
from chat_ui.i18n import t

SIGN_IN = "/auth/sign-in"
CALLBACK = "/auth/callback"
SIGN_OUT = "/auth/sign-out"
SIGNED_OUT = "/auth/signed-out"
AUTH_PATHS = frozenset({SIGN_IN, CALLBACK, SIGN_OUT, SIGNED_OUT})

_LINK_STYLE = """
a.button { display: block; text-align: center; text-decoration: none; margin-top: 16px; width: 100%; font-weight: 500;
  padding: 9px 12px; border-radius: 8px; background: var(--accent); color: var(--accent-text); }
a.button:hover { filter: brightness(1.08); }
a.button:focus-visible { outline: 2px solid var(--text); outline-offset: 2px; }
"""

# The ways a sign-in can fail; what a person reads for each is ``auth.problem_<kind>.title`` and
# ``.body`` in the catalogs.
PROBLEMS = ("denied", "state", "code", "token", "unreachable", "provider", "unnamed")


def _page(title: str, body: str, lang: str) -> bytes:
    return f"""<!doctype html>
<html lang="{escape(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{escape(title)} · chat_ui</title><style>{_STYLE}{_LINK_STYLE}</style></head>
<body><main>
<div class="brand">{_ICON}<span>chat_ui</span></div>
{body}
</main></body></html>
""".encode()


def problem_html(kind: str, retry: str, lang: str = "en") -> bytes:
    """A sign-in that failed, in ``lang``; ``retry`` is a path on this site (checked by the caller)."""
    kind = kind if kind in PROBLEMS else "provider"
    heading, text = t(lang, f"auth.problem_{kind}.title"), t(lang, f"auth.problem_{kind}.body")
    label = t(lang, "auth.try_again" if kind in ("unreachable", "unnamed") else "auth.sign_in_again")
    return _page(heading, f"""<h1>{escape(heading)}</h1>
<div class="error" role="alert">{escape(text)}</div>
<a class="button" href="{escape(retry)}">{escape(label)}</a>""", lang)


def signed_out_html(lang: str = "en") -> bytes:
    return _page(t(lang, "auth.signed_out_title"), f"""<h1>{escape(t(lang, "auth.signed_out_heading"))}</h1>
<p>{escape(t(lang, "auth.signed_out_body"))}</p>
<a class="button" href="{SIGN_IN}">{escape(t(lang, "auth.sign_in_again"))}</a>""", lang)


def sign_in_link(next_path: str) -> str:
    from urllib.parse import quote

    return f"{SIGN_IN}?next={quote(next_path, safe='/')}" if next_path and next_path != "/" else SIGN_IN
