"""The Reflex app: pages, theme, the access layer in front of it (security headers, optional
password, owner cookie), and — on the embedded backend — the local chat API mounted into this
app's own backend, so the browser reaches its screenshots on the app's origin."""

from __future__ import annotations

import reflex as rx

from chat_ui import deployment
from chat_ui.access.middleware import api_transformers
from chat_ui.backends import backend_kind
from chat_ui.components.client import text_wire
from chat_ui.components.not_found import TITLE as NOT_FOUND
from chat_ui.components.not_found import not_found_page
from chat_ui.pages.chat import chat_page
from chat_ui.pages.history import history_page
from chat_ui.pages.review import review_answer_page, review_page, usage_page
from chat_ui.prerender import land_script
from chat_ui.pages.shared import shared_links_page, shared_page
from chat_ui.ops import drain, logs
from chat_ui.ops.http import ops_app
from chat_ui.ops.lifespan import worker_life
from chat_ui.quality.http import export_app
from chat_ui.sharing.guest import GuestEvents
from chat_ui.sharing.guest import admit as admit_guest
from chat_ui.state.chat import NEW_CHAT, ChatState
from chat_ui.state.feedback import FeedbackState
from chat_ui.state.review import ReviewAnswerState, ReviewNavState, ReviewState, UsageState
from chat_ui.state.sessions import SessionsState
from chat_ui.state.shared import SharedViewState
from chat_ui.state.shares import SharedLinksState
from chat_ui.store import ensure_migrated


def _local_api():
    if backend_kind() != "local":
        return None
    from chat_ui.local.app import create_app

    return create_app()


deployment.check()
# The durable store's schema, before any worker serves (under a lock: several may start at once).
ensure_migrated()


# A worker told to stop drains: it takes no new turn and lets its running ones end (up to
# CHAT_UI_DRAIN_S); a turn still running then ends as interrupted, so tabs on other workers learn
# of it at once instead of when the claim lapses. Registered after the app, so (lifespan exits run
# last-in first-out) the drain runs before Reflex stops its event processor.
logs.configure()
drain.watch_signals()


app = rx.App(
    stylesheets=["/styles.css"],
    api_transformer=api_transformers(_local_api(), apps=(ops_app(), export_app()), admit=admit_guest),
    head_components=[rx.el.meta(name="description", content="Chat with your documents"), land_script()],
    extra_app_wraps={(30, "ChatUiTextWire"): lambda _stateful: text_wire()},
)
app.add_middleware(GuestEvents())
# Kept out of search engines: shared chats and review pages above all, but nothing here is for them.
NOINDEX = [{"name": "robots", "content": "noindex, nofollow"}]
app.add_page(chat_page, route="/", title="chat_ui", on_load=rx.redirect(NEW_CHAT, replace=True))
app.add_page(chat_page, route="/chat/[[session_id]]", title="chat_ui",
             on_load=[ChatState.open_chat, SessionsState.ensure_loaded, FeedbackState.load, ReviewNavState.check])
app.add_page(history_page, route="/history", title="History · chat_ui",
             on_load=[ChatState.leave_chat, SessionsState.refresh, ChatState.load_indexes, ReviewNavState.check])
app.add_page(shared_page, route="/shared/[share_id]", title="Shared chat · chat_ui", meta=NOINDEX,
             on_load=SharedViewState.open)
app.add_page(shared_links_page, route="/shared", title="Shared links · chat_ui", meta=NOINDEX,
             on_load=[ChatState.leave_chat, SharedLinksState.load, SessionsState.ensure_loaded, ReviewNavState.check])
app.add_page(review_page, route="/review", title="Review · chat_ui", meta=NOINDEX,
             on_load=[ChatState.leave_chat, ReviewState.load, SessionsState.ensure_loaded, ReviewNavState.check])
app.add_page(review_answer_page, route="/review/answer/[feedback_id]", title="Review · chat_ui", meta=NOINDEX,
             on_load=[ChatState.leave_chat, ReviewAnswerState.open, SessionsState.ensure_loaded, ReviewNavState.check])
app.add_page(usage_page, route="/review/usage", title="Usage · chat_ui", meta=NOINDEX,
             on_load=[ChatState.leave_chat, UsageState.load, SessionsState.ensure_loaded, ReviewNavState.check])
app.add_page(not_found_page, route="404", title=f"{NOT_FOUND} · chat_ui", meta=NOINDEX)
app.register_lifespan_task(worker_life)
