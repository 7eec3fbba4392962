"""Paint before boot: the chat page's static frame is in the HTML the server sends.

Reflex pre-renders (React Router's ``prerender``) only routes without parameters, so the chat
route, ``/chat/[[session_id]]``, was served from ``__spa-fallback.html``, an empty shell: nothing
showed until the JavaScript had booted. Two pieces fix that, neither knowing what the page holds
(it serves whatever HTML the build produced, so changed strings or translations need nothing here):

- :class:`PrerenderPlugin` adds :data:`EXTRA_PATHS` to what React Router pre-renders: ``/chat``,
  the chat route with no session, rendered from the states' defaults (layout, sidebar frame,
  header, composer, the empty chat's text).
- :class:`PrerenderedFrames`, in front of the static files, serves that file for the paths of
  :data:`SERVED_FROM`: ``/chat/<id>`` (the same route, so React hydrates it as it is) and ``/``
  (whose page lands on ``/chat``; ``assets/land.js``, a deferred script in every page's head
  (:func:`land_script`), moves the address there before the app's modules run, so React Router
  hydrates the route the HTML was rendered for: no redirect, no second page).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import reflex as rx

from chat_ui.access.asgi import ASGIApp, Receive, Scope, Send

# Paths React Router pre-renders besides the routes without parameters.
EXTRA_PATHS = ("/chat",)
# Request path pattern -> the pre-rendered page served for it.
SERVED_FROM: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^/$"), "/chat"),
    (re.compile(r"^/chat/[^/.]+/?$"), "/chat"),
)


def land_script() -> rx.Component:
    """``/`` is served the chat page's HTML, so before the app's modules run (a deferred classic
    script runs before them, and does not hold up the first paint) the address becomes the route
    that HTML was rendered for: no request, no history entry. A file, not inline: the CSP allows
    inline scripts only by the hashes of the built pages, and React escapes quotes in them."""
    return rx.el.script(src="/land.js", defer=True)

_CONFIG = "react-router.config.js"
_EXPORT = re.compile(r"^\s*export\s+default\s+(\{.*\})\s*;?\s*$", re.S)


def with_extra_paths(source: str, paths: tuple[str, ...] = EXTRA_PATHS) -> str:
    """The react-router config Reflex wrote, pre-rendering ``paths`` as well as the static routes.
    Left as it is when Reflex does not pre-render (a development server) or the file is not the
    plain JSON export this expects."""
    match = _EXPORT.match(source)
    if not match:
        return source
    config = json.loads(match.group(1))
    if config.get("prerender") is not True:
        return source
    config.pop("prerender")
    body = json.dumps(config)[:-1]
    extra = json.dumps(list(paths))
    return (f"export default {body}, \"prerender\": async ({{ getStaticPaths }}) =>"
            f" [...new Set([...getStaticPaths(), ...{extra}])]}};\n")


class PrerenderPlugin(rx.plugins.Plugin):
    """Registered in ``rxconfig.py``."""

    def pre_compile(self, **context) -> None:
        context["add_modify_task"](_CONFIG, with_extra_paths)


def _page_file(static_dir: Path, page: str) -> str | None:
    """The file the build wrote for ``page`` (``/chat`` -> ``/chat.html``), if it did."""
    name = page.strip("/")
    if not name:
        return "/index.html" if (static_dir / "index.html").is_file() else None
    return f"/{name}.html" if (static_dir / f"{name}.html").is_file() else None


class PrerenderedFrames:
    """Rewrites the path of a page request to the pre-rendered file that answers it: for the paths of
    :data:`SERVED_FROM`, the page named there; for any other page path, its own ``<page>.html``
    (served at once: the static files would first redirect ``/history`` to ``/history/``). Nothing
    changes when the build has no such file (a development build). The address the browser shows
    is untouched; only which file answers changes."""

    def __init__(self, app: ASGIApp, static_dir: Callable[[], Path] | None = None) -> None:
        self.app = app
        self._static_dir = static_dir or _built_pages
        self._files: dict[str, str | None] = {}

    def _target(self, path: str) -> str | None:
        page = next((target for pattern, target in SERVED_FROM if pattern.match(path)), None)
        if page is None:
            if path == "/" or "." in path.rsplit("/", 1)[-1] or path.startswith(("/_", "/api/")):
                return None
            page = path.rstrip("/")
        if page not in self._files:  # the build is done before the server starts
            if len(self._files) > 1000:
                self._files.clear()
            self._files[page] = _page_file(self._static_dir(), page)
        return self._files[page]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD"):
            target = self._target(scope.get("path", ""))
            if target is not None:
                scope = {**scope, "path": target, "raw_path": target.encode()}
        await self.app(scope, receive, send)


def _built_pages() -> Path:
    from chat_ui.access.headers import built_pages

    return built_pages()
