"""One turn: the prompt, the agent's blocks in arrival order, and how it ended.

History and the live turn render through this same component, so a reopened session looks
exactly like it did while it streamed. Nothing in a turn reads the live turn's state (or any
state that changes while an answer streams): a finished turn renders once and never again.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var, VarData

from chat_ui.components.client import keep, render_probe
from chat_ui.components.feedback import feedback_bar
from chat_ui.components.message import answer_text, user_message
from chat_ui.components.notice import notice
from chat_ui.components.screenshot import screenshot_card
from chat_ui.components.thinking import thinking_card
from chat_ui.components.tool import tool_card
from chat_ui.components.usage import usage_line
from chat_ui.state.live import LiveState
from chat_ui.views import BlockView, TurnView
from chat_ui.i18n.var import tr, tr_msg
from chat_ui.state.lang import LangState


def block(view: BlockView, passages) -> rx.Component:
    return rx.match(
        view.kind,
        ("thinking", thinking_card(view)),
        (
            "tool",
            rx.fragment(
                tool_card(view),
                rx.cond(view.image_key != "", screenshot_card(view)),
            ),
        ),
        ("notice", notice(view)),
        answer_text(view, passages),
    )


def _still_waiting(turn: TurnView) -> rx.Component:
    """The upstream has gone quiet: say so, and offer the way out right where the person looks."""
    return rx.callout(
        rx.flex(
            rx.text(tr_msg(turn.waiting), size="2"),
            rx.flex(
                rx.button(rx.icon("square", size=12), tr("common.stop"), size="1", variant="soft", color_scheme="gray",
                          on_click=LiveState.stop, aria_label=tr("turn.stop_waiting")),
                rx.flex(rx.spinner(size="1"), rx.text(tr("turn.waiting"), size="1", color_scheme="gray"), spacing="2", align="center"),
                spacing="3", align="center",
            ),
            direction="column", spacing="2",
        ),
        icon="hourglass", color_scheme="amber", size="1", variant="surface",
        role="status", class_name="turn-waiting", data_testid="turn-waiting",
    )


def _ending(turn: TurnView) -> rx.Component:
    # Not disabled while another answer runs (that would tie every turn to the live state): the
    # thread hides it (CSS, so neither a click nor Tab+Enter reaches it), and a send then would be
    # refused with the prompt kept.
    retry = rx.button(
        rx.icon("rotate-ccw", size=14), tr("turn.retry"),
        size="1", variant="soft", on_click=LiveState.send(turn.prompt),
        aria_label=tr("turn.retry"), class_name="turn-retry",
        high_contrast=True,  # on a red or amber callout the soft button's text fell to 4.08:1
    )
    edit = rx.button(
        rx.icon("pencil", size=14), tr("turn.edit"),
        size="1", variant="ghost", on_click=LiveState.edit_prompt(turn.prompt), aria_label=tr("turn.edit_prompt"),
        high_contrast=True, class_name="turn-edit",
    )
    return rx.match(
        turn.status,
        ("streaming", rx.cond(
            turn.waiting != "",
            _still_waiting(turn),
            rx.flex(rx.spinner(size="1"), rx.text(tr("turn.answering"), size="1", color_scheme="gray"),
                    spacing="2", align="center", class_name="turn-status"),
        )),
        ("stopped", rx.flex(rx.badge(rx.icon("square", size=10), tr("turn.stopped"), color_scheme="gray", variant="soft"),
                            retry, edit, spacing="2", align="center", class_name="turn-status", data_testid="turn-stopped")),
        ("error", rx.callout(
            rx.flex(rx.text(tr_msg(turn.error), size="2"), rx.flex(retry, edit, spacing="2"), direction="column", spacing="2"),
            icon="circle-alert", color_scheme="red", size="1", role="alert", class_name="turn-error", data_testid="turn-error",
        )),
        ("interrupted", rx.callout(
            rx.flex(rx.text(tr_msg(turn.error), size="2"), rx.flex(retry, edit, spacing="2"), direction="column", spacing="2"),
            icon="unplug", color_scheme="amber", size="1", role="alert", class_name="turn-error", data_testid="turn-interrupted",
        )),
        rx.fragment(),
    )


def answer_of(blocks) -> rx.Var:
    """The answer's markdown for the copy button, joined in the browser so it is never sent twice."""
    return Var(
        _js_expr=f"({blocks}).filter((b) => b.kind === 'text' && b.text).map((b) => b.text).join('\\n\\n')",
        _var_data=VarData.merge(blocks._get_all_var_data()),
    ).to(str)


def passages_of(blocks) -> rx.Var:
    """The turn's passages for its citation chips: its tool cards' hits (already numbered across
    the turn), gathered in the browser, so no passage is sent twice; and for a card that shows
    only some of its result's passages, the range of numbers they all have (its first hit's
    number and ``passage_count``), so a marker citing one left out is a chip too
    (``js/citations.js`` ``passageFor``)."""
    args = tr_msg(Var(_js_expr="b.tool_args_short"))  # a kept message: in the reader's language
    return Var(
        _js_expr=f"({blocks}).filter((b) => b.kind === 'tool').flatMap((b) => {{"
                 " const hits = b.hits.map((h) => ({...h, block: b.key}));"
                 " return hits.length > 0 && b.passage_count > hits.length"
                 " ? [...hits, {block: b.key, first: hits[0].number, count: b.passage_count,"
                 f" source: `${{b.tool_name}} ${{{args}}}`.trim()}}] : hits; }})",
        _var_data=VarData.merge(blocks._get_all_var_data(), args._get_all_var_data()),
    ).to(list)


def _regenerate(turn: TurnView) -> rx.Component:
    """On every finished answer, shown by CSS on the last turn only: which turn is last is the
    page's business, and no turn may read it from the live state."""
    return rx.tooltip(
        rx.icon_button(
            rx.icon("refresh-cw", size=14), size="1", variant="ghost", color_scheme="gray",
            on_click=LiveState.send(turn.prompt), aria_label=tr("turn.regenerate"), class_name="turn-regenerate",
        ),
        content=tr("turn.regenerate_tip"),
    )


def _actions(turn: TurnView, blocks) -> rx.Component:
    answer = answer_of(blocks)
    return rx.flex(
        rx.cond(
            answer != "",
            rx.tooltip(
                rx.icon_button(
                    rx.icon("copy", size=14), size="1", variant="ghost", color_scheme="gray",
                    on_click=[rx.set_clipboard(answer), rx.toast.success(tr("turn.copied"), duration=1500)],
                    aria_label=tr("turn.copy"),
                ),
                content=tr("turn.copy"),
            ),
        ),
        rx.cond(turn.status == "done", _regenerate(turn)),
        feedback_bar(turn.key),
        usage_line(turn),
        spacing="3",
        align="center",
        class_name="turn-actions",
    )


def turn(view: TurnView, blocks=None) -> rx.Component:
    """``blocks``: the live turn keeps its blocks in a var of their own."""
    blocks = view.blocks if blocks is None else blocks
    passages = passages_of(blocks)
    return rx.box(
        user_message(view.prompt),
        rx.flex(
            rx.foreach(blocks, lambda b: block(b, passages)),
            rx.cond(
                view.skipped != "",
                rx.callout(tr_msg(view.skipped), icon="triangle-alert", color_scheme="amber", size="1", variant="surface",
                           role="status", class_name="skipped-notice", data_testid="skipped-notice"),
            ),
            _ending(view),
            rx.cond(view.status != "streaming", _actions(view, blocks)),
            direction="column",
            spacing="2",
            class_name="agent-column",
        ),
        class_name="turn",
        id="turn-" + view.key,
        data_status=view.status,
        data_testid="turn",
    )


def finished_turn(view: TurnView) -> rx.Component:
    """A turn of the history (or one finished during this visit): rendered once per version, never
    again while another answer streams; its key keeps it mounted when earlier turns load above."""
    # The language too: a kept turn's labels follow a switch (a rare event; streaming never changes it).
    version = LangState.lang + "|" + view.key + "|" + view.status + "|" + view.error + "|" + view.blocks.length().to_string()
    return keep(turn(view), render_probe(view.key), version=version, key=view.key)
