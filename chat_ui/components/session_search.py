"""The chat list's filter at work: how far it has searched, a way to stop it, and what it found.
Shared by the sidebar and the history page, which show the same list."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.client import when_visible
from chat_ui.state.search import SearchState
from chat_ui.state.sessions import SessionsState
from chat_ui.i18n.var import day, tr, tr_msg, tr_var


def shown_title(session) -> rx.Var[str]:
    """A list row's title, or "New chat" in the reader's language while it has none (the row keeps
    "": nothing English for the filter to match, and no marker in an aria label or a dialog)."""
    return rx.cond(session.title != "", session.title, tr("chat.new"))


def group_heading(session) -> rx.Component:
    """Today, Yesterday, Previous 7 days, Older: above the first chat of each."""
    return rx.cond(
        session.group_start,
        rx.text(tr_var("group." + session.group), size="1", weight="medium", color_scheme="gray", class_name="session-group",
                role="heading", aria_level=3),
    )


def search_status() -> rx.Component:
    return rx.cond(
        SessionsState.searching,
        rx.flex(
            rx.spinner(size="1"),
            rx.text(tr_msg(SessionsState.search_progress), size="1", color_scheme="gray", class_name="tabular"),
            rx.spacer(),
            rx.button(tr("common.stop"), size="1", variant="ghost", color_scheme="gray", on_click=SessionsState.cancel_search,
                      aria_label=tr("search.stop")),
            spacing="2", align="center", class_name="search-status", role="status",
        ),
        rx.text(
            rx.cond(SessionsState.found.length() == 0, tr("search.none"), ""),
            tr_msg(SessionsState.search_progress),
            size="1", color_scheme="gray", class_name="search-status", role="status",
        ),
    )


def load_more_sentinel(*, padding: str, root_margin: str = "100px") -> rx.Component:
    """The end of the list while more chats are stored: the next page comes as it nears view
    (``root_margin`` ahead of its scroller's edge)."""
    return rx.cond(
        SessionsState.has_more,
        when_visible(
            rx.flex(rx.spinner(size="1"), rx.text(tr("common.loading_more"), size="1", color_scheme="gray"),
                    spacing="2", align="center", justify="center", padding=padding),
            on_visible=SessionsState.load_more,
            reset_key=SessionsState.sessions.length(),
            root_margin=root_margin,
            aria_label=tr("search.loading_more_aria"),
        ),
    )


# ---------------------------------------------------------------------- search inside chats


def _segment(seg) -> rx.Component:
    # Marked words are components around plain text: nothing from the chat is ever HTML.
    return rx.cond(seg.marked, rx.el.mark(seg.text, class_name="search-mark"), rx.el.span(seg.text))


def _hit(hit) -> rx.Component:
    return rx.link(
        rx.flex(
            rx.flex(
                rx.text(hit.title, size="2", weight="medium", class_name="truncate"),
                rx.spacer(),
                rx.text(day(hit.when), size="1", color_scheme="gray", class_name="tabular"),  # as the reader writes dates
                spacing="2", align="center", min_width="0",
            ),
            rx.text(rx.foreach(hit.segments, _segment), size="1", class_name="search-snippet"),
            direction="column", spacing="1", min_width="0",
        ),
        href=hit.href,
        underline="none",
        class_name="search-hit session-link",
        data_testid="search-hit",
        on_click=SessionsState.set_drawer(False),
    )


def search_hits() -> rx.Component:
    """What the filter found inside chats (prompts, answers, source names, and chat names)."""
    toggle = rx.segmented_control.root(
        rx.segmented_control.item(tr("search.newest"), value="newest"),
        rx.segmented_control.item(tr("search.best"), value="best"),
        value=SearchState.order,
        on_change=SearchState.set_order,
        size="1",
        aria_label=tr("search.order"),
    )
    return rx.box(
        rx.flex(rx.text(tr("search.in_chats"), size="1", weight="medium", color_scheme="gray", role="heading", aria_level=3,
                        class_name="session-group"),
                rx.spacer(), toggle, align="center", spacing="2"),
        rx.cond(SearchState.error != "", rx.callout(tr_msg(SearchState.error), icon="circle-alert", color_scheme="red", size="1")),
        rx.foreach(SearchState.hits, _hit),
        rx.cond(SearchState.searched & (SearchState.hits.length() == 0),
                rx.text(tr("search.no_match"), size="1", color_scheme="gray", padding="4px 8px", aria_live="polite")),
        class_name="search-hits",
        aria_label=tr("search.matches"),
    )


def index_status() -> rx.Component:
    return rx.cond(
        SearchState.indexing,
        rx.flex(rx.spinner(size="1"), rx.text(tr_msg(SearchState.index_progress), size="1", color_scheme="gray", class_name="tabular"),
                spacing="2", align="center", aria_live="polite", class_name="index-status", data_testid="index-status"),
    )


# ---------------------------------------------------------------------- rename and pin


def rename_box(session, title=None) -> rx.Component:
    """Inline: Enter saves, Escape cancels; an empty name brings back the generated title.
    ``session``: a list row, or (with ``title``) the chat's id."""
    session_id = session.session_id if title is None else session
    title = session.title if title is None else title
    return rx.form(
        rx.input(name="name", default_value=title, auto_focus=True, max_length=220, size="1",
                 aria_label=tr("rename.name"), on_key_down=SessionsState.rename_key, on_blur=SessionsState.cancel_rename,
                 data_testid="rename-input"),
        rx.el.input(type="hidden", name="session_id", value=session_id),
        on_submit=SessionsState.submit_rename,
        reset_on_submit=False,
        width="100%",
    )


def renaming(session_id, where: str):
    return (SessionsState.renaming_id == session_id) & (SessionsState.renaming_in == where)


def rename_button(session, session_id=None, where: str = "sidebar") -> rx.Component:
    return rx.icon_button(rx.icon("pencil", size=14), size="1", variant="ghost", color_scheme="gray",
                          on_click=SessionsState.start_rename(session.session_id if session_id is None else session_id, where),
                          aria_label=tr("rename.action"),
                          title=tr("rename.action"), class_name="session-rename")


def pin_button(session) -> rx.Component:
    return rx.icon_button(
        # Two static icons, not rx.icon(var): a var icon is lucide's DynamicIcon, every icon there is.
        rx.cond(session.pinned, rx.icon("pin-off", size=14), rx.icon("pin", size=14)), size="1", variant="ghost", color_scheme="gray",
        on_click=SessionsState.toggle_pin(session.session_id, ~session.pinned),
        aria_label=rx.cond(session.pinned, tr("pin.unpin"), tr("pin.pin")),
        title=rx.cond(session.pinned, tr("pin.unpin"), tr("pin.pin")), class_name="session-pin",
    )
