"""``/history``: every session with its last run's metadata; a row opens it."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.export import export_menu
from chat_ui.components.layout import header, shell
from chat_ui.components.typing import FILTER_DEBOUNCE_MS, typing_input
from chat_ui.state.chat import ChatState
from chat_ui.components.session_search import (index_status, load_more_sentinel, pin_button, rename_box, renaming, rename_button,
                                                search_hits, search_status, shown_title)
from chat_ui.state.sessions import SessionsState
from chat_ui.views import SessionView
from chat_ui.i18n.var import duration, number, rel_time, tr, tr_msg


def _index_id(index_id) -> rx.Component:
    # one id never breaks at its hyphens; a list of them wraps between ids
    return rx.text(index_id, size="1", class_name="mono history-index")


def _row(session: SessionView) -> rx.Component:
    title = shown_title(session)
    return rx.table.row(
        rx.table.cell(rx.checkbox(checked=SessionsState.selected.contains(session.session_id),
                                  on_change=lambda checked: SessionsState.toggle_selected(session.session_id, checked),
                                  aria_label=tr("history.select_named", title=title))),
        rx.table.cell(rx.cond(renaming(session.session_id, "history"), rename_box(session),
                              rx.flex(rx.cond(session.pinned, rx.icon("pin", size=12, aria_hidden="true")),
                                      rx.link(title, href="/chat/" + session.session_id, weight="medium"),
                                      spacing="1", align="center"))),
        rx.table.cell(rx.tooltip(rx.text(rel_time(session.updated_iso)), content=session.updated_iso)),
        rx.table.cell(rx.flex(rx.foreach(session.index_ids.split(", "), _index_id), wrap="wrap", spacing="1")),
        rx.table.cell(rx.text(number(session.input_tokens), class_name="tabular"), justify="end"),
        rx.table.cell(rx.text(number(session.output_tokens), class_name="tabular"), justify="end"),
        rx.table.cell(rx.text(number(session.turns), class_name="tabular"), justify="end"),
        rx.table.cell(rx.text(rx.cond(session.duration_ms >= 0, duration(session.duration_ms), ""), class_name="tabular"),
                      justify="end"),
        rx.table.cell(rx.text(tr_msg(session.sharing), size="1", color_scheme="gray")),
        rx.table.cell(
            rx.cond(
                session.is_error,
                rx.tooltip(rx.badge(rx.icon("circle-x", size=12), tr("history.error"), color_scheme="red", variant="soft"),
                           content=session.error),
                rx.cond(session.turns != "", rx.badge(tr("history.ok"), color_scheme="green", variant="soft")),
            )
        ),
        rx.table.cell(
            rx.flex(
                rename_button(session, where="history"),
                pin_button(session),
                export_menu(session.session_id, tr("export.chat_named", title=title), small=True),
                rx.cond(
                    ChatState.capabilities.delete,
                    rx.icon_button(rx.icon("trash-2", size=14), size="1", variant="ghost", color_scheme="gray",
                                   on_click=SessionsState.ask_delete(session.session_id, title),
                                   aria_label=tr("sidebar.delete_named", title=title)),
                ),
                spacing="3", align="center",  # ghost buttons reach past their box: 12 px keeps 24 px targets apart
            )
        ),
        class_name="history-row",
        data_testid="history-row",
    )


def bulk_delete_dialog() -> rx.Component:
    """One confirmation for all the checked chats, saying how many."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(rx.text(tr("bulk.title", count=SessionsState.confirm_count))),
            rx.alert_dialog.description(rx.text(tr("bulk.body", count=SessionsState.confirm_count))),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(tr("common.cancel"), variant="soft", color_scheme="gray", aria_label=tr("common.cancel"))),
                rx.alert_dialog.action(
                    rx.button(rx.text(tr("bulk.confirm", count=SessionsState.confirm_count)), color_scheme="red", high_contrast=True,
                              loading=SessionsState.deleting, on_click=SessionsState.confirm_delete_selected,
                              aria_label=tr("bulk.confirm_label")),
                ),
                spacing="3", justify="end", margin_top="16px",
            ),
            max_width="420px",
        ),
        open=SessionsState.confirm_count > 0,
        on_open_change=SessionsState.set_bulk_confirm_open,
    )


def history_page() -> rx.Component:
    table = rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(rx.el.span(tr("history.select"), class_name="sr-only")),
                *[rx.table.column_header_cell(tr(key)) for key in ("history.title", "history.updated", "history.indexes")],
                *[rx.table.column_header_cell(tr(key), justify="end")
                  for key in ("history.tokens_in", "history.tokens_out", "history.turns", "history.duration")],
                rx.table.column_header_cell(tr("history.sharing")),
                rx.table.column_header_cell(tr("history.status")),
                rx.table.column_header_cell(rx.el.span(tr("history.actions"), class_name="sr-only")),
            )
        ),
        rx.table.body(rx.cond(SessionsState.filtering, rx.foreach(SessionsState.found, _row),
                              rx.fragment(rx.foreach(SessionsState.pinned, _row), rx.foreach(SessionsState.sessions, _row)))),
        variant="surface",
        size="2",
        width="100%",
    )
    return shell(
        rx.box(
            rx.flex(
                typing_input(rx.input.slot(rx.icon("search", size=14)), placeholder=tr("sidebar.search"),
                             value=SessionsState.filter_text, on_change=SessionsState.set_filter,
                             debounce_ms=FILTER_DEBOUNCE_MS, aria_label=tr("history.filter"), max_width="320px",
                             width="100%"),
                rx.spacer(),
                rx.cond(SessionsState.selected.length() > 0,
                        rx.button(rx.icon("trash-2", size=14), tr("history.delete_selected"), color_scheme="red", variant="soft",
                                  on_click=SessionsState.ask_delete_selected, aria_label=tr("history.delete_selected"))),
                rx.button(rx.icon("refresh-cw", size=14), tr("common.refresh"), variant="soft", color_scheme="gray",
                          on_click=SessionsState.refresh, aria_label=tr("common.refresh")),
                spacing="3", align="center", margin_bottom="12px",
            ),
            rx.cond(SessionsState.error != "", rx.callout(tr_msg(SessionsState.error), icon="circle-alert", color_scheme="red")),
            rx.cond(ChatState.capabilities.delete, rx.fragment(),
                    rx.callout(ChatState.capabilities.delete_unavailable_reason, icon="info", color_scheme="gray", size="1")),
            index_status(),
            rx.box(table, class_name="table-wrap"),
            bulk_delete_dialog(),
            rx.cond(
                SessionsState.filtering,
                rx.box(search_status(), search_hits(), padding="12px 4px"),
                rx.fragment(
                    rx.cond(
                        SessionsState.loaded & (SessionsState.sessions.length() == 0),
                        rx.text(tr("history.empty"), color_scheme="gray", size="2", padding="16px"),
                    ),
                    load_more_sentinel(padding="16px", root_margin="600px"),
                ),
            ),
            class_name="history-page",
        ),
        top=header(tr("nav.history")),
        title="nav.history",
    )
