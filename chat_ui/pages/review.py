"""The review pages, for reviewers only (anyone else gets the page every unknown address gets):
``/review`` (feedback newest first, filters, counts, exports), ``/review/answer/<id>`` (one answer
as it streamed, from its snapshot) and ``/review/usage`` (per person and day)."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.citation import citation_dialog
from chat_ui.components.layout import header, shell
from chat_ui.components.not_found import not_found_page
from chat_ui.components.turn import turn
from chat_ui.components.typing import typing_input
from chat_ui.i18n.var import date_time, day, duration, number, percent, rel_time, tr, tr_known, tr_var
from chat_ui.quality.review import REVIEW_PATH, USAGE_PATH, CountRow, ReviewRow
from chat_ui.quality.usage import UsageRow
from chat_ui.quality.settings import TAG_KEYS
from chat_ui.state.review import ANY, USAGE_DAYS, ReviewAnswerState, ReviewState, UsageState


def _reviewers_only(allowed, checked, page: rx.Component) -> rx.Component:
    """Nothing of the page until the visitor is known; then the page, or not-found."""
    return rx.cond(
        allowed, page,
        rx.cond(checked, not_found_page(), rx.center(rx.spinner(), height="100dvh", aria_busy="true")),
    )


def _person(label, anon) -> rx.Var:
    """Who: the name or email, else a pseudonym from the owner key (a browser without an account)."""
    return rx.cond(label != "", label, rx.cond(anon != "", tr("review.anonymous_named", id=anon), tr("review.anonymous")))


def _tabs(current: str) -> rx.Component:
    def tab(label, href: str) -> rx.Component:
        if href == current:  # the page itself: not a link
            return rx.text(label, as_="span", class_name="review-tab", data_current="true", aria_current="page")
        return rx.link(label, href=href, class_name="review-tab", underline="none", color_scheme="gray")

    return rx.flex(tab(tr("review.tab_feedback"), REVIEW_PATH), tab(tr("review.tab_usage"), USAGE_PATH), spacing="4",
                   class_name="review-tabs", role="navigation", aria_label=tr("review.title"))


# ---------------------------------------------------------------------------- /review


def _select(label, name: str, value, any_label, items) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(aria_label=label),
        rx.select.content(rx.select.item(any_label, value=ANY), items),
        value=value, on_change=lambda v: ReviewState.set_filter(name, v), size="2",
    )


def _date_filter(name: str, value, label: str, aria: str) -> rx.Component:
    return rx.flex(
        rx.text(tr(label), size="2", color_scheme="gray", as_="label", html_for=f"review-{name}"),
        rx.input(type="date", value=value, on_change=lambda v: ReviewState.set_filter(name, v),
                 id=f"review-{name}", aria_label=tr(aria), size="2"),
        spacing="2", align="center",
    )


def _tag_badge(tag) -> rx.Component:
    """A feedback reason: a default one in the reader's language, a configured one as written."""
    return rx.badge(tr_known(tag, TAG_KEYS), variant="surface", color_scheme="gray")


def _filters() -> rx.Component:
    pairs = lambda var: rx.foreach(var, lambda o: rx.select.item(_person(o[1], o[2]), value=o[0]))  # noqa: E731
    plain = lambda var: rx.foreach(var, lambda o: rx.select.item(o, value=o))  # noqa: E731
    reasons = lambda var: rx.foreach(var, lambda o: rx.select.item(tr_known(o, TAG_KEYS), value=o))  # noqa: E731
    return rx.flex(
        _select(tr("review.rating"), "rating", ReviewState.rating, tr("review.any_rating"), rx.fragment(
            rx.select.item(tr("feedback.good"), value="good"), rx.select.item(tr("feedback.bad"), value="bad"))),
        _select(tr("review.reason"), "tag", ReviewState.tag, tr("review.any_reason"), reasons(ReviewState.tag_choices)),
        _select(tr("review.index"), "index_id", ReviewState.index_id, tr("review.any_index"), plain(ReviewState.index_choices)),
        _select(tr("review.person"), "person", ReviewState.person, tr("review.anyone"), pairs(ReviewState.people)),
        rx.flex(  # each label with its date: on a phone "to" and its date wrap together
            _date_filter("since", ReviewState.since, "review.from", "review.from_date"),
            _date_filter("until", ReviewState.until, "review.to", "review.to_date"),
            spacing="2", align="center", wrap="wrap",
        ),
        typing_input(rx.input.slot(rx.icon("search", size=14)), placeholder=tr("review.search_placeholder"),
                     value=ReviewState.text, on_change=ReviewState.search, debounce_ms=300,
                     aria_label=tr("review.search"), size="2", min_width="260px"),
        rx.button(tr("review.clear"), variant="ghost", color_scheme="gray", on_click=ReviewState.clear_filters,
                  aria_label=tr("review.clear_filters")),
        spacing="2", wrap="wrap", align="center", class_name="review-filters",
    )


def _count_row(row: CountRow, by_day: bool) -> rx.Component:
    label = rx.text(day(row.label), size="1", class_name="tabular") if by_day else rx.text(row.label, class_name="mono", size="1")
    return rx.table.row(
        rx.table.cell(label),
        rx.table.cell(rx.text(number(row.good), class_name="tabular"), justify="end"),
        rx.table.cell(rx.text(number(row.bad), class_name="tabular"), justify="end"),
        rx.table.cell(
            rx.flex(
                rx.box(class_name="bar bar-good", width=row.good_pct.to_string() + "%"),
                rx.box(class_name="bar bar-bad", width=row.bad_pct.to_string() + "%"),
                class_name="bars", aria_hidden="true",
            ),
            min_width="96px",
        ),
        rx.table.cell(rx.text(percent(row.bad_ratio), class_name="tabular"), justify="end"),
    )


def _counts_table(title, column, rows, by_day: bool = False) -> rx.Component:
    return rx.box(
        rx.text(title, size="2", weight="medium"),
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(column),
                rx.table.column_header_cell(tr("review.good"), justify="end"),
                rx.table.column_header_cell(tr("review.bad"), justify="end"),
                rx.table.column_header_cell(rx.el.span(tr("review.bar"), class_name="sr-only")),
                rx.table.column_header_cell(tr("review.bad_share"), justify="end"),
            )),
            rx.table.body(rx.foreach(rows, lambda row: _count_row(row, by_day))),
            size="1", variant="ghost",
        ),
        class_name="counts-table", tab_index=0, role="region", aria_label=title,  # it scrolls: the keyboard scrolls it
    )


def _counts() -> rx.Component:
    totals = ReviewState.totals
    stat = lambda label, value, color: rx.card(  # noqa: E731
        rx.text(label, size="1", color_scheme="gray"),
        rx.text(value, size="6", weight="bold", color_scheme=color, class_name="tabular", as_="div"),
        class_name="stat", size="1",
    )
    return rx.flex(
        rx.flex(stat(tr("review.good_answers"), number(totals.good), "green"), stat(tr("review.bad_answers"), number(totals.bad), "red"),
                stat(tr("review.share_of_bad"), percent(totals.bad_ratio), "gray"), spacing="3", wrap="wrap",
                data_testid="review-totals"),
        rx.flex(_counts_table(tr("review.per_day"), tr("review.day"), ReviewState.days, by_day=True),
                _counts_table(tr("review.per_index"), tr("review.index"), ReviewState.indexes),
                spacing="5", wrap="wrap"),
        direction="column", spacing="4", class_name="review-counts",
    )


def _rating_badge(rating) -> rx.Component:
    return rx.badge(
        rx.cond(rating == "good", rx.icon("thumbs-up", size=12), rx.icon("thumbs-down", size=12)),
        rx.cond(rating == "good", tr("feedback.good"), tr("feedback.bad")),
        color_scheme=rx.cond(rating == "good", "green", "red"), variant="soft",
    )


def _review_row(row: ReviewRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.tooltip(rx.text(rel_time(row.when_iso), size="2"), content=date_time(row.when_at))),
        rx.table.cell(_rating_badge(row.rating)),
        rx.table.cell(rx.flex(rx.foreach(row.tags, _tag_badge),
                              wrap="wrap", spacing="1")),
        rx.table.cell(
            rx.link(row.prompt, href=row.href, weight="medium", aria_label=tr("review.open_answer", prompt=row.prompt)),
            rx.text(row.answer, size="1", color_scheme="gray", class_name="review-answer"),
            rx.cond(row.comment != "", rx.text(tr("review.quoted", text=row.comment), size="1", class_name="review-comment")),
            class_name="review-main",
        ),
        rx.table.cell(rx.text(_person(row.person, row.anon), size="2")),
        rx.table.cell(rx.text(row.indexes, size="1", class_name="mono")),
        data_testid="review-row",
    )


def _exports() -> rx.Component:
    return rx.dropdown_menu.root(
        rx.dropdown_menu.trigger(rx.button(rx.icon("download", size=14), tr("review.export"), variant="soft",
                                           aria_label=tr("review.export_feedback"))),
        rx.dropdown_menu.content(
            rx.dropdown_menu.item(rx.icon("file-text", size=14), tr("review.csv"), on_select=ReviewState.export("csv"),
                                  aria_label=tr("review.csv_aria")),
            rx.dropdown_menu.item(rx.icon("braces", size=14), tr("review.jsonl"), on_select=ReviewState.export("jsonl"),
                                  aria_label=tr("review.jsonl_aria")),
            align="end",
        ),
    )


def _review_body() -> rx.Component:
    table = rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(tr(key)) for key in (
            "review.given", "review.rating", "feedback.reasons", "review.prompt_and_answer", "review.person", "history.indexes")])),
        rx.table.body(rx.foreach(ReviewState.rows, _review_row)),
        variant="surface", size="2", width="100%",
    )
    return shell(
        rx.box(
            rx.flex(_tabs(REVIEW_PATH), rx.spacer(), _exports(), align="center", margin_bottom="12px"),
            _filters(),
            rx.cond(ReviewState.filter_error != "",
                    rx.callout(tr_var(ReviewState.filter_error), icon="circle-alert", color_scheme="amber", size="1", role="alert")),
            _counts(),
            rx.box(table, class_name="table-wrap"),
            rx.cond(ReviewState.loading, rx.flex(rx.spinner(size="2"), padding="16px", justify="center")),
            rx.cond(~ReviewState.loading & (ReviewState.rows.length() == 0),
                    rx.text(tr("review.empty"), size="2", color_scheme="gray", padding="16px")),
            rx.cond(ReviewState.next_token != "",
                    rx.flex(rx.button(tr("review.more"), variant="soft", on_click=ReviewState.more,
                                      aria_label=tr("review.more_aria")),
                            justify="center", padding="16px")),
            class_name="history-page review-page",
        ),
        top=header(tr("review.title")),
        title="review.title",
    )


def review_page() -> rx.Component:
    return _reviewers_only(ReviewState.allowed, ReviewState.checked, _review_body())


# ---------------------------------------------------------------------------- /review/answer/<id>


def _answer_meta() -> rx.Component:
    a = ReviewAnswerState
    fact = lambda label, value, shown=None: rx.cond(  # noqa: E731
        value != "" if shown is None else shown,
        rx.flex(rx.text(tr(label), size="1", color_scheme="gray", min_width="72px"), rx.text(value, size="2"), spacing="2"))
    first = rx.cond(a.first_token_ms >= 0, tr("review.first_text_after", time=duration(a.first_token_ms)), "")
    answered = rx.cond(a.duration_ms >= 0, tr("review.answered_in", time=duration(a.duration_ms)), "")
    timings = rx.cond((a.first_token_ms >= 0) & (a.duration_ms >= 0), first + " · " + answered, first + answered)
    return rx.card(
        rx.flex(
            rx.flex(_rating_badge(a.rating),
                    rx.foreach(a.tags, _tag_badge),
                    wrap="wrap", spacing="2", align="center"),
            rx.cond(a.comment != "", rx.blockquote(a.comment, size="2")),
            fact("review.given_by", _person(a.person, a.anon), a.checked), fact("review.when", date_time(a.given_at), a.given_at > 0),
            fact("page.chat", a.session_id), fact("history.indexes", a.indexes), fact("review.backend", a.backend),
            fact("review.timings", timings, (a.first_token_ms >= 0) | (a.duration_ms >= 0)),
            direction="column", spacing="2",
        ),
        class_name="review-meta", data_testid="review-meta",
    )


def _answer_body() -> rx.Component:
    return shell(
        rx.box(
            rx.box(
                rx.link(rx.flex(rx.icon("chevron-left", size=14), tr("review.back"), align="center", spacing="1"),
                        href=REVIEW_PATH, size="2"),
                _answer_meta(),
                rx.text(tr("review.snapshot_note"), size="1", color_scheme="gray"),
                turn(ReviewAnswerState.view),
                class_name="thread snapshot-thread",
            ),
            class_name="scroller snapshot-scroller",
        ),
        citation_dialog(),
        top=header(tr("review.answer_title")),
        title="review.answer_title",
    )


def review_answer_page() -> rx.Component:
    return _reviewers_only(ReviewAnswerState.found, ReviewAnswerState.checked, _answer_body())


# ---------------------------------------------------------------------------- /review/usage


def _usage_row(row: UsageRow) -> rx.Component:
    num = lambda v: rx.table.cell(rx.text(v, class_name="tabular"), justify="end")  # noqa: E731
    return rx.table.row(
        rx.table.cell(rx.text(day(row.day), class_name="tabular")), rx.table.cell(rx.text(_person(row.person, row.anon))),
        num(number(row.chats)), num(number(row.answers)), num(number(row.input_tokens)), num(number(row.output_tokens)),
        num(number(row.errors)), num(duration(row.first_token_p50) + " / " + duration(row.first_token_p95)),
        num(duration(row.duration_p50) + " / " + duration(row.duration_p95)),
        data_testid="usage-row",
    )


def _usage_body() -> rx.Component:
    heads = ["review.day_utc", "review.person"]
    nums = ["review.chats", "shared.col_answers", "history.tokens_in", "history.tokens_out", "review.errors",
            "review.first_text_pct", "review.answer_pct"]
    table = rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(tr(h)) for h in heads],
                                     *[rx.table.column_header_cell(tr(h), justify="end") for h in nums])),
        rx.table.body(rx.foreach(UsageState.rows, _usage_row)),
        variant="surface", size="1", width="100%", class_name="usage-table",
    )
    return shell(
        rx.box(
            rx.flex(
                _tabs(USAGE_PATH), rx.spacer(),
                rx.select.root(
                    rx.select.trigger(aria_label=tr("review.days")),
                    rx.select.content(*[rx.select.item(tr("review.last_days", count=int(d)), value=d) for d in USAGE_DAYS]),
                    value=UsageState.days, on_change=UsageState.set_days, size="2",
                ),
                rx.button(rx.icon("download", size=14), tr("review.export_csv"), variant="soft", on_click=UsageState.export,
                          aria_label=tr("review.export_usage")),
                align="center", spacing="3", margin_bottom="12px", wrap="wrap",
            ),
            rx.text(tr("review.usage_intro"), size="2", color_scheme="gray", margin_bottom="12px"),
            # The box scrolls the table, not the table's own scroll area: a box can take the focus,
            # so the keyboard scrolls it too (the rows hold nothing focusable).
            rx.box(table, class_name="table-wrap usage-wrap", tab_index=0, role="region", aria_label=tr("review.usage_region")),
            rx.cond(UsageState.loading, rx.flex(rx.spinner(size="2"), padding="16px", justify="center")),
            rx.cond(~UsageState.loading & (UsageState.rows.length() == 0),
                    rx.text(tr("review.usage_empty"), size="2", color_scheme="gray", padding="16px")),
            class_name="history-page",
        ),
        top=header(tr("review.usage_title")),
        title="review.usage_title",
    )


def usage_page() -> rx.Component:
    return _reviewers_only(UsageState.allowed, UsageState.checked, _usage_body())
