"""The pages of company sign-in (oidc and header modes): a sign-in that could not finish, a
person signed out, a proxy that named nobody. Plain server-rendered HTML like the password page,
each with a way back; the words are ours, never the provider's or the visitor's."""

from __future__ import annotations

from html import escape

from chat_ui.access.signin_page import _ICON, _STYLE

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

# What a person reads for each way a sign-in can fail: (heading, explanation).
PROBLEMS: dict[str, tuple[str, str]] = {
    "denied": ("Sign-in was refused",
               "Your company's sign-in service did not let you in to this chat. If you think you should have access, "
               "ask the person who runs it."),
    "state": ("This sign-in has expired",
              "The sign-in you came back from is unknown here, was already used, or took too long. Start it again."),
    "code": ("This sign-in has expired",
             "The sign-in service no longer accepts the answer it gave (it took too long, or was already used). "
             "Start it again."),
    "token": ("Sign-in could not be verified",
              "The answer from your company's sign-in service did not pass this site's checks, so you were not "
              "signed in. Start again; if it keeps happening, tell the person who runs this chat."),
    "unreachable": ("The sign-in service cannot be reached",
                    "Your company's sign-in service did not answer. Wait a moment and try again."),
    "provider": ("Sign-in did not finish",
                 "Your company's sign-in service could not complete the sign-in. Start it again."),
    "unnamed": ("You are not signed in",
                "This chat is for your team. It learns who you are from your company's sign-in, which did not "
                "name you for this request. Reload the page to sign in again."),
}


def _page(title: str, body: str) -> bytes:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{escape(title)} · chat_ui</title><style>{_STYLE}{_LINK_STYLE}</style></head>
<body><main>
<div class="brand">{_ICON}<span>chat_ui</span></div>
{body}
</main></body></html>
""".encode()


def problem_html(kind: str, retry: str) -> bytes:
    """A sign-in that failed; ``retry`` is a path on this site (checked by the caller)."""
    heading, text = PROBLEMS.get(kind, PROBLEMS["provider"])
    label = "Try again" if kind in ("unreachable", "unnamed") else "Sign in again"
    return _page(heading, f"""<h1>{escape(heading)}</h1>
<div class="error" role="alert">{escape(text)}</div>
<a class="button" href="{escape(retry)}">{label}</a>""")


def signed_out_html() -> bytes:
    return _page("Signed out", f"""<h1>You are signed out</h1>
<p>You have left this chat. Your chats stay with your account for the next time you sign in.</p>
<a class="button" href="{SIGN_IN}">Sign in again</a>""")


def sign_in_link(next_path: str) -> str:
    from urllib.parse import quote

    return f"{SIGN_IN}?next={quote(next_path, safe='/')}" if next_path and next_path != "/" else SIGN_IN
