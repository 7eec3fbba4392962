"""Feedback on a finished answer: "Good answer" / "Bad answer", then reasons and a comment in a
popover under them.

A component of its own that follows FeedbackState itself (like the screenshot card), so a turn
renders once whatever feedback does; nothing it reads changes while an answer streams. The
reasons are the deployment's (``CHAT_UI_FEEDBACK_TAGS``), fixed when the app is built; the form's
fields stay in the browser until Save, so typing a comment sends nothing.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var, VarData

from chat_ui.quality.settings import COMMENT_LIMIT, TAG_KEYS, feedback_tags
from chat_ui.state.feedback import FeedbackState
from chat_ui.i18n.var import number, tr, tr_known, tr_msg


def feedback_bar(turn_key) -> rx.Component:
    return _feedback(turn_key=turn_key)


def _turn_of(turn_key: Var) -> Var:
    """The turn's place in its chat, as FeedbackState keys it: ``t3-9f2c…`` and ``h3`` → ``"3"``."""
    return Var(_js_expr=f"(({turn_key}).split('-')[0].slice(1))", _var_data=VarData.merge(turn_key._get_all_var_data())).to(str)


def _rating_button(turn_key: Var, given: Var, rating: str, label: Var, icon: str, color: str) -> rx.Component:
    chosen = given == rating
    return rx.tooltip(
        rx.icon_button(
            rx.icon(icon, size=14),
            size="1", variant=rx.cond(chosen, "soft", "ghost"), color_scheme=rx.cond(chosen, color, "gray"),
            on_click=FeedbackState.rate(turn_key, rating), aria_label=label, aria_pressed=chosen,
            class_name="feedback-rate", data_rating=rating,
        ),
        content=rx.cond(chosen, tr("feedback.chosen", label=label), label),
    )


def _tag(index: int, tag: str) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name=f"tag-{index}", default_checked=FeedbackState.draft_tags.contains(tag),
                    class_name="feedback-tag-box"),
        tr_known(tag, TAG_KEYS),
        class_name="feedback-tag",
    )


def _form(given: Var) -> rx.Component:
    return rx.form(
        rx.flex(
            rx.text(rx.cond(given == "bad", tr("feedback.what_wrong"), tr("feedback.anything")),
                    size="2", weight="medium"),
            rx.flex(*[_tag(i, tag) for i, tag in enumerate(feedback_tags())], wrap="wrap", spacing="2",
                    role="group", aria_label=tr("feedback.reasons")),
            rx.el.textarea(name="comment", default_value=FeedbackState.draft_comment, rows=3,
                           placeholder=tr("feedback.comment_placeholder"), aria_label=tr("feedback.comment"),
                           class_name="feedback-comment"),
            rx.text(tr("feedback.limit", count=COMMENT_LIMIT, limit=number(COMMENT_LIMIT)), size="1", color_scheme="gray"),
            rx.cond(FeedbackState.error != "",
                    rx.callout(tr_msg(FeedbackState.error), icon="circle-alert", color_scheme="red", size="1", role="alert")),
            rx.flex(
                rx.button(tr("feedback.withdraw"), type="button", size="1", variant="ghost", color_scheme="gray",
                          on_click=FeedbackState.withdraw, aria_label=tr("feedback.withdraw")),
                rx.spacer(),
                rx.popover.close(rx.button(tr("common.cancel"), type="button", size="1", variant="soft", color_scheme="gray",
                                           aria_label=tr("common.cancel"))),
                rx.button(tr("common.save"), type="submit", size="1", loading=FeedbackState.saving, aria_label=tr("feedback.save")),
                spacing="2", align="center",
            ),
            direction="column", spacing="2",
        ),
        on_submit=FeedbackState.save,
        reset_on_submit=False,
        key=FeedbackState.form_seq,
        aria_label=tr("feedback.details"),
    )


@rx.memo
def _feedback(turn_key: rx.Var[str]) -> rx.Component:
    """(Not ``key``: React keeps that prop to itself.)"""
    turn = _turn_of(turn_key)
    given = FeedbackState.given.get(turn, "")
    return rx.popover.root(
        rx.flex(
            # Where the popover opens; it is opened by a rating, never by a click on this.
            rx.popover.trigger(rx.el.span(class_name="feedback-anchor", aria_hidden="true", tab_index=-1)),
            _rating_button(turn_key, given, "good", tr("feedback.good"), "thumbs-up", "green"),
            _rating_button(turn_key, given, "bad", tr("feedback.bad"), "thumbs-down", "red"),
            rx.cond(
                given != "",
                rx.button(tr("feedback.more"), size="1", variant="ghost", color_scheme="gray",
                          on_click=FeedbackState.edit(turn_key), aria_label=tr("feedback.edit"),
                          class_name="feedback-edit"),
            ),
            spacing="1", align="center", class_name="feedback", data_given=given,
        ),
        rx.popover.content(
            _form(given),
            side="bottom", align="start", width="min(92vw, 380px)", aria_label=tr("feedback.details"),
        ),
        open=FeedbackState.open_turn == turn,
        on_open_change=FeedbackState.set_form_open,
    )
