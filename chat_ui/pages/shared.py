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
from chat_ui.sharing.policy import AUDIENCE_LABELS, audiences
from chat_ui.state.shared import SharedViewState
from chat_ui.state.shares import SharedLinkView, SharedLinksState


def _shared_header() -> rx.Component:
    return rx.flex(
        rx.flex(rx.icon("messages-square", size=18), rx.text("chat_ui", weight="bold", size="3"), spacing="2", align="center"),
        rx.heading(SharedViewState.title, size="3", weight="medium", class_name="truncate header-title"),
        rx.spacer(),
        rx.badge(rx.icon("lock", size=11), "Read-only", variant="soft", color_scheme="gray"),
        rx.color_mode.button(variant="ghost", color_scheme="gray", aria_label="Toggle dark mode"),
        align="center", spacing="3", class_name="app-header",
    )


def _byline() -> rx.Component:
    who = rx.cond(SharedViewState.shared_by != "", "Shared by " + SharedViewState.shared_by, "Shared")
    return rx.callout(
        rx.text(who, " on ", SharedViewState.shared_at, ". A read-only copy of the chat as it was then.", size="2"),
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
                rx.flex(rx.spinner(), rx.text("Opening the shared chat…", color_scheme="gray", size="2"),
                        spacing="2", align="center", justify="center", padding="32px"),
                rx.box(rx.box(_thread(), class_name="scroller snapshot-scroller"), class_name="scroll-area"),
            ),
            citation_dialog(),
            direction="column", class_name="main-column shared-page",
        ),
    )


# ---------------------------------------------------------------------------- the person's links


def _audience_cell(link: SharedLinkView) -> rx.Component:
    choices = audiences()
    if len(choices) == 1:
        return rx.text(link.audience_label, size="2")
    return rx.select.root(
        rx.select.trigger(aria_label="Who can open " + link.title),
        rx.select.content(*[rx.select.item(AUDIENCE_LABELS[a], value=a) for a in choices]),
        value=link.audience, on_change=lambda value: SharedLinksState.set_audience(link.id, value), size="1",
    )


def _link_row(link: SharedLinkView) -> rx.Component:
    url = absolute(link.href)
    return rx.table.row(
        rx.table.cell(rx.link(link.title, href=link.href, weight="medium", is_external=False)),
        rx.table.cell(_audience_cell(link)),
        rx.table.cell(rx.tooltip(rx.text(link.updated), content=link.updated_text)),
        rx.table.cell(rx.text(link.turns, class_name="tabular"), justify="end"),
        rx.table.cell(
            rx.flex(
                rx.icon_button(rx.icon("copy", size=14), size="1", variant="ghost", color_scheme="gray",
                               on_click=[rx.set_clipboard(url), rx.toast.success("Link copied", duration=1500)],
                               aria_label="Copy link to " + link.title),
                rx.icon_button(rx.link(rx.icon("messages-square", size=14), href=link.chat_href,
                                       aria_label="Open chat " + link.title),
                               as_child=True, size="1", variant="ghost", color_scheme="gray", class_name="icon-link"),
                rx.button("Stop sharing", size="1", variant="soft", color_scheme="red",
                          on_click=SharedLinksState.stop(link.id), aria_label="Stop sharing " + link.title),
                spacing="2", align="center", class_name="shared-link-actions",
            )
        ),
        data_testid="shared-link-row",
    )


def shared_links_page() -> rx.Component:
    table = rx.table.root(
        rx.table.header(rx.table.row(
            rx.table.column_header_cell("Chat"), rx.table.column_header_cell("Who can open it"),
            rx.table.column_header_cell("Shared"), rx.table.column_header_cell("Answers", justify="end"),
            rx.table.column_header_cell(rx.el.span("Actions", class_name="sr-only")),
        )),
        rx.table.body(rx.foreach(SharedLinksState.links, _link_row)),
        variant="surface", size="2", width="100%",
    )
    return shell(
        rx.box(
            rx.text("Each link opens a read-only copy of its chat as it was when you last shared it. Stopping a link "
                    "makes it stop opening at once, for everyone.", size="2", color_scheme="gray", margin_bottom="12px"),
            rx.box(table, class_name="table-wrap"),
            rx.cond(SharedLinksState.loaded & (SharedLinksState.links.length() == 0),
                    rx.text("You have not shared any chat. Use “Share chat” at the top of a chat.", size="2",
                            color_scheme="gray", padding="16px")),
            class_name="history-page",
        ),
        top=header("Shared links"),
    )
