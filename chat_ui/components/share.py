"""Sharing from the chat header: "Share chat" opens a dialog that makes, updates or stops the
chat's read-only link, and says who may open it."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var, VarData

from chat_ui.sharing.policy import AUDIENCE_LABELS, audiences
from chat_ui.state.shares import ShareState


def absolute(href: Var) -> Var:
    """The link as the browser would open it (this page's origin and ``href``)."""
    return Var(
        _js_expr=f"((typeof window !== 'undefined' ? window.location.origin : '') + ({href}))",
        _var_data=VarData.merge(href._get_all_var_data()),
    ).to(str)


def share_button() -> rx.Component:
    return rx.tooltip(
        rx.icon_button(rx.icon("link", size=16), variant="ghost", color_scheme="gray", size="2",
                       on_click=ShareState.show, aria_label="Share chat", class_name="share-button"),
        content="Share chat",
    )


def _audience() -> rx.Component:
    choices = audiences()
    if len(choices) == 1:
        return rx.text("Who can open it: ", rx.text.strong(AUDIENCE_LABELS[choices[0]]), ".", size="2")
    return rx.flex(
        rx.text("Who can open it", size="2", weight="medium", id="share-audience-label"),
        rx.radio_group.root(
            *[rx.radio_group.item(AUDIENCE_LABELS[a], value=a) for a in choices],
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
            rx.input(value=url, read_only=True, aria_label="Link to this chat", width="100%", class_name="mono"),
            rx.button(rx.icon("copy", size=14), "Copy link", variant="soft",
                      on_click=[rx.set_clipboard(url), rx.toast.success("Link copied", duration=1500)],
                      aria_label="Copy link"),
            spacing="2", align="center",
        ),
        rx.text("Shared ", link.updated_text, " · ", link.turns, rx.cond(link.turns == 1, " answer", " answers"), " · ",
                link.audience_label, size="1", color_scheme="gray", data_testid="share-status"),
        direction="column", spacing="2",
    )


def share_dialog() -> rx.Component:
    shared = ShareState.link.id != ""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Share chat", size="4"),
            rx.dialog.description(
                "A read-only copy of this chat up to its last finished answer, with its sources and page "
                "screenshots. Later messages are shared only when you share again; the link stays the same.",
                size="2", color_scheme="gray",
            ),
            rx.flex(
                _audience(),
                rx.cond(shared, _link()),
                rx.cond(ShareState.error != "",
                        rx.callout(ShareState.error, icon="circle-alert", color_scheme="red", size="1", role="alert")),
                rx.flex(
                    rx.link("Your shared links", href="/shared", size="2", on_click=ShareState.set_open(False)),
                    rx.spacer(),
                    rx.cond(shared, rx.button("Stop sharing", variant="soft", color_scheme="red", on_click=ShareState.stop,
                                              aria_label="Stop sharing")),
                    rx.button(rx.cond(shared, "Share again", "Create link"), loading=ShareState.busy,
                              on_click=ShareState.share, aria_label=rx.cond(shared, "Share again", "Create link")),
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
