"""Sharing from the chat header: "Share chat" opens a dialog that makes, updates or stops the
chat's read-only link, and says who may open it."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var, VarData

from chat_ui.sharing.policy import ANYONE, PEOPLE, audiences
from chat_ui.state.shares import ShareState
from chat_ui.i18n.var import date_time, tr, tr_msg, tr_var


def absolute(href: Var) -> Var:
    """The link as the browser would open it (this page's origin and ``href``)."""
    return Var(
        _js_expr=f"((typeof window !== 'undefined' ? window.location.origin : '') + ({href}))",
        _var_data=VarData.merge(href._get_all_var_data()),
    ).to(str)


def share_button() -> rx.Component:
    return rx.tooltip(
        rx.icon_button(rx.icon("link", size=16), variant="ghost", color_scheme="gray", size="2",
                       on_click=ShareState.show, aria_label=tr("share.title"), class_name="share-button"),
        content=tr("share.title"),
    )


AUDIENCE_KEYS = {PEOPLE: "share.audience_people", ANYONE: "share.audience_anyone"}


def _audience() -> rx.Component:
    choices = audiences()
    if len(choices) == 1:
        return rx.text(tr("share.audience_only", audience=tr(AUDIENCE_KEYS[choices[0]])), size="2")
    return rx.flex(
        rx.text(tr("share.audience"), size="2", weight="medium", id="share-audience-label"),
        rx.radio_group.root(
            *[rx.radio_group.item(tr(AUDIENCE_KEYS[a]), value=a) for a in choices],
            value=ShareState.audience, on_change=ShareState.set_audience, direction="column", spacing="2",
            aria_labelledby="share-audience-label",
        ),
        direction="column", spacing="2",
    )


def _link() -> rx.Component:
    link = ShareState.link
    url = absolute(link.href)
    return rx.flex(
        rx.flex(
            rx.input(value=url, read_only=True, aria_label=tr("share.link"), width="100%", class_name="mono"),
            rx.button(rx.icon("copy", size=14), tr("share.copy"), variant="soft",
                      on_click=[rx.set_clipboard(url), rx.toast.success(tr("share.copied"), duration=1500)],
                      aria_label=tr("share.copy")),
            spacing="2", align="center",
        ),
        rx.text(tr("share.status", when=date_time(link.updated_at), count=link.turns,
                   audience=tr_var("share.audience_" + link.audience)), size="1", color_scheme="gray", data_testid="share-status"),
        direction="column", spacing="2",
    )


def share_dialog() -> rx.Component:
    shared = ShareState.link.id != ""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(tr("share.title"), size="4"),
            rx.dialog.description(
                tr("share.description"),
                size="2", color_scheme="gray",
            ),
            rx.flex(
                _audience(),
                rx.cond(shared, _link()),
                rx.cond(ShareState.error != "",
                        rx.callout(tr_msg(ShareState.error), icon="circle-alert", color_scheme="red", size="1", role="alert")),
                rx.flex(
                    rx.link(tr("share.yours"), href="/shared", size="2", on_click=ShareState.set_open(False)),
                    rx.spacer(),
                    rx.cond(shared, rx.button(tr("share.stop"), variant="soft", color_scheme="red", on_click=ShareState.stop,
                                              aria_label=tr("share.stop"))),
                    rx.button(rx.cond(shared, tr("share.again"), tr("share.create")), loading=ShareState.busy,
                              on_click=ShareState.share, aria_label=rx.cond(shared, tr("share.again"), tr("share.create"))),
                    spacing="3", align="center", wrap="wrap",
                ),
                direction="column", spacing="4", margin_top="16px",
            ),
            max_width="min(96vw, 520px)",
            data_testid="share-dialog",
        ),
        open=ShareState.open,
        on_open_change=ShareState.set_open,
    )
