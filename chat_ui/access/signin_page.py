"""The sign-in page: plain server-rendered HTML with one form and no script, so it works before
the app (and its websocket) may run, under the same Content-Security-Policy. Its words come from
the catalogs, in the language of the request (:func:`chat_ui.i18n.request.scope_lang`), and
``<html lang>`` says which."""

from __future__ import annotations

from html import escape

from chat_ui.i18n import t

SIGN_IN_PATH = "/_auth/sign-in"
SIGN_OUT_PATH = "/_auth/sign-out"

_STYLE = """
:root { color-scheme: light dark; --bg: #f8f9fb; --card: #fff; --text: #1c2024; --muted: #60646c;
  --border: #d9dbe2; --accent: #3e63dd; --accent-text: #fff; --error-bg: #ffefef; --error: #ce2c31; }
@media (prefers-color-scheme: dark) { :root { --bg: #111113; --card: #18191b; --text: #edeef0; --muted: #b0b4ba;
  --border: #363a3f; --accent: #3e63dd; --error-bg: #3b1219; --error: #ff9592; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 16px; }
main { width: 100%; max-width: 360px; background: var(--card); border: 1px solid var(--border); border-radius: 12px;
  padding: 28px 24px; box-shadow: 0 1px 3px rgb(0 0 0 / 6%); }
.brand { display: flex; align-items: center; gap: 8px; font-weight: 700; margin-bottom: 20px; }
.brand svg { color: var(--accent); }
h1 { font-size: 20px; font-weight: 600; margin: 0 0 4px; }
p { margin: 0 0 20px; color: var(--muted); font-size: 14px; }
label { display: block; font-size: 14px; font-weight: 500; margin-bottom: 6px; }
input { width: 100%; font: inherit; padding: 8px 10px; border: 1px solid var(--border); border-radius: 8px;
  background: transparent; color: inherit; }
input:focus { outline: 2px solid var(--accent); outline-offset: 1px; border-color: transparent; }
button { margin-top: 16px; width: 100%; font: inherit; font-weight: 500; padding: 9px 12px; border: 0; border-radius: 8px;
  background: var(--accent); color: var(--accent-text); cursor: pointer; }
button:hover { filter: brightness(1.08); }
.error { background: var(--error-bg); color: var(--error); border-radius: 8px; padding: 8px 10px; font-size: 14px;
  margin-bottom: 16px; }
"""

_ICON = (
    '<svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M14 9a2 2 0 0 1-2 2H6l-4 4V4a2 2 0 0 1 '
    '2-2h8a2 2 0 0 1 2 2z"/><path d="M18 9h2a2 2 0 0 1 2 2v11l-4-4h-6a2 2 0 0 1-2-2v-1"/></svg>'
)


def sign_in_html(next_path: str, error: str = "", lang: str = "en") -> bytes:
    """The page in ``lang``; ``error`` is our own text (never anything the visitor typed)."""
    alert = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
    return f"""<!doctype html>
<html lang="{escape(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{escape(t(lang, "signin.title"))} · chat_ui</title><style>{_STYLE}</style></head>
<body><main>
<div class="brand">{_ICON}<span>chat_ui</span></div>
<h1>{escape(t(lang, "signin.title"))}</h1>
<p>{escape(t(lang, "signin.intro"))}</p>
{alert}
<form method="post" action="{SIGN_IN_PATH}">
<input type="hidden" name="next" value="{escape(next_path)}">
<label for="password">{escape(t(lang, "signin.password"))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
<button type="submit">{escape(t(lang, "signin.submit"))}</button>
</form>
</main></body></html>
""".encode()
