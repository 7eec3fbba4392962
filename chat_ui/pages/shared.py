"""``/shared/<id>``: a shared chat, read-only; ``/shared``: the links a person has shared.

The shared page renders its turns with the chat's own components (cards, citations, page
screenshots resolved through the server when seen) and has no composer and no sidebar: a guest
of a link shared with anyone sees that chat and nothing else of the deployment. Controls that
would act on a chat (retry, edit, regenerate, feedback) are not shown (``.snapshot-thread``).
"""

from __future__ import annotations

import reflex as rx

from chat_ui.components.citation import citation_dialog
from chat_ui.components.layout import header, shell
from chat_ui.components.not_found import not_found_page
from chat_ui.components.share import absolute
from chat_ui.components.turn import finished_turn
from chat_ui.components.share import AUDIENCE_KEYS
from chat_ui.sharing.policy import audiences
from chat_ui.state.shared import SharedViewState
from chat_ui.state.shares import SharedLinkView, SharedLinksState
from chat_ui.components.lang import lang_sync
from chat_ui.i18n.var import date_time, number, rel_time, tr, tr_var


def _shared_header() -> rx.Component:
    return rx.flex(
        rx.flex(rx.icon("messages-square", size=18), rx.text("chat_ui", weight="bold", size="3"), spacing="2", align="center"),
        rx.heading(SharedViewState.title, size="3", weight="medium", class_name="truncate header-title"),
        rx.spacer(),
        rx.badge(rx.icon("lock", size=11), tr("shared.read_only"), variant="soft", color_scheme="gray"),
        rx.color_mode.button(variant="ghost", color_scheme="gray", aria_label=tr("header.dark_mode")),
        align="center", spacing="3", class_name="app-header",
    )


def _byline() -> rx.Component:
    text = rx.cond(SharedViewState.shared_by != "",
                   tr("shared.byline_by", who=SharedViewState.shared_by, when=SharedViewState.shared_at),
                   tr("shared.byline", when=SharedViewState.shared_at))
    return rx.callout(
        rx.text(text, size="2"),
        icon="info", color_scheme="gray", variant="surface", size="1", class_name="shared-byline",
        data_testid="shared-byline",
    )


def _thread() -> rx.Component:
    return rx.box(
        _byline(),
        rx.foreach(SharedViewState.turns, finished_turn),
        class_name="thread snapshot-thread",
        data_testid="shared-thread",
    )


def shared_page() -> rx.Component:
    return rx.cond(
        SharedViewState.not_found,
        not_found_page(),
        rx.flex(
            _shared_header(),
            rx.cond(
                SharedViewState.loading,
                rx.flex(rx.spinner(), rx.text(tr("shared.opening"), color_scheme="gray", size="2"),
                        spacing="2", align="center", justify="center", padding="32px"),
                rx.box(rx.box(_thread(), class_name="scroller snapshot-scroller"), class_name="scroll-area"),
            ),
            citation_dialog(),
            lang_sync("shared.title"),
            direction="column", class_name="main-column shared-page",
        ),
    )


# ---------------------------------------------------------------------------- the person's links


def _audience_cell(link: SharedLinkView) -> rx.Component:
    choices = audiences()
    if len(choices) == 1:
        return rx.text(tr_var("share.audience_" + link.audience), size="2")
    return rx.select.root(
        rx.select.trigger(aria_label=tr("shared.who_named", title=link.title)),
        rx.select.content(*[rx.select.item(tr(AUDIENCE_KEYS[a]), value=a) for a in choices]),
        value=link.audience, on_change=lambda value: SharedLinksState.set_audience(link.id, value), size="1",
    )


def _link_row(link: SharedLinkView) -> rx.Component:
    url = absolute(link.href)
    return rx.table.row(
        rx.table.cell(rx.link(link.title, href=link.href, weight="medium", is_external=False)),
        rx.table.cell(_audience_cell(link)),
        rx.table.cell(rx.tooltip(rx.text(rel_time(link.updated_iso)), content=date_time(link.updated_at))),
        rx.table.cell(rx.text(number(link.turns), class_name="tabular"), justify="end"),
        rx.table.cell(
            rx.flex(
                rx.icon_button(rx.icon("copy", size=14), size="1", variant="ghost", color_scheme="gray",
                               on_click=[rx.set_clipboard(url), rx.toast.success(tr("share.copied"), duration=1500)],
                               aria_label=tr("shared.copy_named", title=link.title)),
                rx.icon_button(rx.link(rx.icon("messages-square", size=14), href=link.chat_href,
                                       aria_label=tr("shared.open_named", title=link.title)),
                               as_child=True, size="1", variant="ghost", color_scheme="gray", class_name="icon-link"),
                rx.button(tr("share.stop"), size="1", variant="soft", color_scheme="red",
                          on_click=SharedLinksState.stop(link.id), aria_label=tr("shared.stop_named", title=link.title)),
                spacing="2", align="center", class_name="shared-link-actions",
            )
        ),
        data_testid="shared-link-row",
    )


def shared_links_page() -> rx.Component:
    table = rx.table.root(
        rx.table.header(rx.table.row(
            rx.table.column_header_cell(tr("shared.col_chat")), rx.table.column_header_cell(tr("share.audience")),
            rx.table.column_header_cell(tr("shared.col_shared")), rx.table.column_header_cell(tr("shared.col_answers"), justify="end"),
            rx.table.column_header_cell(rx.el.span(tr("history.actions"), class_name="sr-only")),
        )),
        rx.table.body(rx.foreach(SharedLinksState.links, _link_row)),
        variant="surface", size="2", width="100%",
    )
    return shell(
        rx.box(
            rx.text(tr("shared.intro"), size="2", color_scheme="gray", margin_bottom="12px"),
            rx.box(table, class_name="table-wrap"),
            rx.cond(SharedLinksState.loaded & (SharedLinksState.links.length() == 0),
                    rx.text(tr("shared.empty"), size="2",
                            color_scheme="gray", padding="16px")),
            class_name="history-page",
        ),
        top=header(tr("nav.shared")),
        title="nav.shared",
    )
