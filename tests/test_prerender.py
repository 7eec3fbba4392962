"""Which pre-rendered page answers which path, and what React Router is asked to pre-render."""

from __future__ import annotations

import asyncio
from pathlib import Path

from chat_ui.prerender import PrerenderedFrames, with_extra_paths

REFLEX_CONFIG = 'export default {"basename": "/", "future": {"unstable_optimizeDeps": true}, "ssr": false, "prerender": true, "build": "build"};'


def test_the_chat_path_is_pre_rendered_besides_the_static_routes():
    out = with_extra_paths(REFLEX_CONFIG)
    assert '"prerender": async ({ getStaticPaths }) =>' in out
    assert '["/chat"]' in out and '"ssr": false' in out and '"basename": "/"' in out
    assert '"prerender": true' not in out


def test_a_development_config_is_left_alone():
    dev = 'export default {"basename": "/", "ssr": false};'
    assert with_extra_paths(dev) == dev
    assert with_extra_paths("module.exports = 1") == "module.exports = 1"


def _served_path(tmp_path: Path, path: str, method: str = "GET") -> str:
    seen: list[str] = []

    async def app(scope, receive, send):
        seen.append(scope["path"])

    frames = PrerenderedFrames(app, static_dir=lambda: tmp_path)
    asyncio.run(frames({"type": "http", "method": method, "path": path, "raw_path": path.encode()}, None, None))
    return seen[0]


def test_chat_urls_and_the_root_are_answered_by_the_pre_rendered_chat_page(tmp_path):
    for name in ("chat.html", "history.html", "index.html"):
        (tmp_path / name).write_text("<html></html>")
    assert _served_path(tmp_path, "/chat/ses-123") == "/chat.html"
    assert _served_path(tmp_path, "/chat/ses-123/") == "/chat.html"
    assert _served_path(tmp_path, "/") == "/chat.html"
    assert _served_path(tmp_path, "/chat") == "/chat.html"
    assert _served_path(tmp_path, "/history/") == "/history.html"  # no redirect to the slash first
    # files, deeper paths, pages not pre-rendered, the backend's routes and other methods are untouched
    for path in ("/chat/app.js", "/chat/a/b", "/shared/abc", "/_event", "/ping", "/api/v1/chat"):
        assert _served_path(tmp_path, path) == path
    assert _served_path(tmp_path, "/chat/ses-123", method="POST") == "/chat/ses-123"


def test_without_a_pre_rendered_page_nothing_changes(tmp_path):
    assert _served_path(tmp_path, "/chat/ses-123") == "/chat/ses-123"
    assert _served_path(tmp_path, "/") == "/"
