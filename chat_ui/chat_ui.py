"""The Reflex app: pages, theme, the access layer in front of it (security headers, optional
password, owner cookie), and — on the embedded backend — the local chat API mounted into this
app's own backend, so the browser reaches its screenshots on the app's origin."""

from __future__ import annotations

import contextlib

import reflex as rx

from chat_ui import deployment
from chat_ui.access.middleware import api_transformers
from chat_ui.backends import backend_kind
from chat_ui.components.client import text_wire
from chat_ui.pages.chat import chat_page
from chat_ui.pages.history import history_page
from chat_ui.state.chat import NEW_CHAT, ChatState
from chat_ui.state.sessions import SessionsState
from chat_ui.store import ensure_migrated


def _local_api():
    if backend_kind() != "local":
        return None
    from chat_ui.local.app import create_app

    return create_app()


deployment.check()
# The durable store's schema, before any worker serves (under a lock: several may start at once).
ensure_migrated()


@contextlib.asynccontextmanager
async def _turns():
    """On shutdown, turns running in this worker end as interrupted, so tabs on other workers
    learn of it at once instead of when the claim lapses."""
    yield
    from chat_ui.turns import runner

    await runner.stop_all()


app = rx.App(
    stylesheets=["/styles.css"],
    api_transformer=api_transformers(_local_api()),
    head_components=[rx.el.meta(name="description", content="Chat with your documents")],
    extra_app_wraps={(30, "ChatUiTextWire"): lambda _stateful: text_wire()},
)
app.add_page(chat_page, route="/", title="chat_ui", on_load=rx.redirect(NEW_CHAT, replace=True))
app.add_page(chat_page, route="/chat/[[session_id]]", title="chat_ui", on_load=[ChatState.open_chat, SessionsState.ensure_loaded])
app.add_page(history_page, route="/history", title="History · chat_ui", on_load=[ChatState.leave_chat, SessionsState.refresh, ChatState.load_indexes])
app.register_lifespan_task(_turns)
