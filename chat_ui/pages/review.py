"""The review pages, for reviewers only (anyone else gets the page every unknown address gets):
``/review`` (feedback newest first, filters, counts, exports), ``/review/answer/<id>`` (one answer
as it streamed, from its snapshot) and ``/review/usage`` (per person and day)."""

from __future__ import annotations

import reflex as rx

from chat_ui.components.citation import citation_dialog
from chat_ui.components.layout import header, shell
from chat_ui.components.not_found import not_found_page
from chat_ui.components.turn import turn
from chat_ui.quality.review import REVIEW_PATH, USAGE_PATH, CountRow, ReviewRow
from chat_ui.quality.usage import UsageRow
from chat_ui.state.review import ANY, USAGE_DAYS, ReviewAnswerState, ReviewState, UsageState


def _reviewers_only(allowed, checked, page: rx.Component) -> rx.Component:
    """Nothing of the page until the visitor is known; then the page, or not-found."""
    return rx.cond(
        allowed, page,
        rx.cond(checked, not_found_page(), rx.center(rx.spinner(), height="100dvh", aria_busy="true")),
    )


def _tabs(current: str) -> rx.Component:
    def tab(label: str, href: str) -> rx.Component:
        if href == current:  # the page itself: not a link
            return rx.text(label, as_="span", class_name="review-tab", data_current="true", aria_current="page")
        return rx.link(label, href=href, class_name="review-tab", underline="none", color_scheme="gray")

    return rx.flex(tab("Feedback", REVIEW_PATH), tab("Usage", USAGE_PATH), spacing="4", class_name="review-tabs",
                   role="navigation", aria_label="Review")


# ---------------------------------------------------------------------------- /review


def _select(label: str, name: str, value, any_label: str, items) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(aria_label=label),
        rx.select.content(rx.select.item(any_label, value=ANY), items),
        value=value, on_change=lambda v: ReviewState.set_filter(name, v), size="2",
    )


def _filters() -> rx.Component:
    pairs = lambda var: rx.foreach(var, lambda o: rx.select.item(o[1], value=o[0]))  # noqa: E731
    plain = lambda var: rx.foreach(var, lambda o: rx.select.item(o, value=o))  # noqa: E731
    return rx.flex(
        _select("Rating", "rating", ReviewState.rating, "Any rating", rx.fragment(
            rx.select.item("Good answer", value="good"), rx.select.item("Bad answer", value="bad"))),
        _select("Reason", "tag", ReviewState.tag, "Any reason", plain(ReviewState.tag_choices)),
        _select("Index", "index_id", ReviewState.index_id, "Any index", plain(ReviewState.index_choices)),
        _select("Person", "person", ReviewState.person, "Anyone", pairs(ReviewState.people)),
        rx.flex(
            rx.text("From", size="2", color_scheme="gray", as_="label", html_for="review-since"),
            rx.input(type="date", value=ReviewState.since, on_change=lambda v: ReviewState.set_filter("since", v),
                     id="review-since", aria_label="From date", size="2"),
            rx.text("to", size="2", color_scheme="gray", as_="label", html_for="review-until"),
            rx.input(type="date", value=ReviewState.until, on_change=lambda v: ReviewState.set_filter("until", v),
                     id="review-until", aria_label="To date", size="2"),
            spacing="2", align="center",
        ),
        rx.input(rx.input.slot(rx.icon("search", size=14)), placeholder="Text in prompt, answer or comment",
                 value=ReviewState.text, on_change=ReviewState.search.debounce(300),
                 aria_label="Search feedback", size="2", min_width="260px"),
        rx.button("Clear", variant="ghost", color_scheme="gray", on_click=ReviewState.clear_filters, aria_label="Clear filters"),
        spacing="2", wrap="wrap", align="center", class_name="review-filters",
    )


def _count_row(row: CountRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row.label, class_name="mono", size="1")),
        rx.table.cell(rx.text(row.good, class_name="tabular"), justify="end"),
        rx.table.cell(rx.text(row.bad, class_name="tabular"), justify="end"),
        rx.table.cell(
            rx.flex(
                rx.box(class_name="bar bar-good", width=row.good_pct.to_string() + "%"),
                rx.box(class_name="bar bar-bad", width=row.bad_pct.to_string() + "%"),
                class_name="bars", aria_hidden="true",
            ),
            min_width="96px",
        ),
        rx.table.cell(rx.text(row.bad_share, class_name="tabular"), justify="end"),
    )


def _counts_table(title: str, rows) -> rx.Component:
    return rx.box(
        rx.text(title, size="2", weight="medium"),
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(title.split(" ")[-1].capitalize()),
                rx.table.column_header_cell("Good", justify="end"), rx.table.column_header_cell("Bad", justify="end"),
                rx.table.column_header_cell(rx.el.span("Bar", class_name="sr-only")),
                rx.table.column_header_cell("Bad share", justify="end"),
            )),
            rx.table.body(rx.foreach(rows, _count_row)),
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
        rx.flex(stat("Good answers", totals.good, "green"), stat("Bad answers", totals.bad, "red"),
                stat("Share of bad", totals.bad_share, "gray"), spacing="3", wrap="wrap", data_testid="review-totals"),
        rx.flex(_counts_table("Per day", ReviewState.days), _counts_table("Per index", ReviewState.indexes),
                spacing="5", wrap="wrap"),
        direction="column", spacing="4", class_name="review-counts",
    )


def _rating_badge(rating, label) -> rx.Component:
    return rx.badge(
        rx.cond(rating == "good", rx.icon("thumbs-up", size=12), rx.icon("thumbs-down", size=12)), label,
        color_scheme=rx.cond(rating == "good", "green", "red"), variant="soft",
    )


def _review_row(row: ReviewRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.tooltip(rx.text(row.when, size="2"), content=row.when_iso)),
        rx.table.cell(_rating_badge(row.rating, row.rating_label)),
        rx.table.cell(rx.flex(rx.foreach(row.tags, lambda t: rx.badge(t, variant="surface", color_scheme="gray")),
                              wrap="wrap", spacing="1")),
        rx.table.cell(
            rx.link(row.prompt, href=row.href, weight="medium", aria_label="Open answer: " + row.prompt),
            rx.text(row.answer, size="1", color_scheme="gray", class_name="review-answer"),
            rx.cond(row.comment != "", rx.text("“", row.comment, "”", size="1", class_name="review-comment")),
            class_name="review-main",
        ),
        rx.table.cell(rx.text(row.person, size="2")),
        rx.table.cell(rx.text(row.indexes, size="1", class_name="mono")),
        data_testid="review-row",
    )


def _exports() -> rx.Component:
    return rx.dropdown_menu.root(
        rx.dropdown_menu.trigger(rx.button(rx.icon("download", size=14), "Export", variant="soft", aria_label="Export feedback")),
        rx.dropdown_menu.content(
            rx.dropdown_menu.item(rx.icon("file-text", size=14), "CSV (.csv)", on_select=ReviewState.export("csv"),
                                  aria_label="Export as CSV"),
            rx.dropdown_menu.item(rx.icon("braces", size=14), "JSON Lines (.jsonl)", on_select=ReviewState.export("jsonl"),
                                  aria_label="Export as JSON Lines"),
            align="end",
        ),
    )


def _review_body() -> rx.Component:
    table = rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(n) for n in
                                       ("Given", "Rating", "Reasons", "Prompt and answer", "Person", "Indexes")])),
        rx.table.body(rx.foreach(ReviewState.rows, _review_row)),
        variant="surface", size="2", width="100%",
    )
    return shell(
        rx.box(
            rx.flex(_tabs(REVIEW_PATH), rx.spacer(), _exports(), align="center", margin_bottom="12px"),
            _filters(),
            rx.cond(ReviewState.filter_error != "",
                    rx.callout(ReviewState.filter_error, icon="circle-alert", color_scheme="amber", size="1", role="alert")),
            _counts(),
            rx.box(table, class_name="table-wrap"),
            rx.cond(ReviewState.loading, rx.flex(rx.spinner(size="2"), padding="16px", justify="center")),
            rx.cond(~ReviewState.loading & (ReviewState.rows.length() == 0),
                    rx.text("No feedback matches.", size="2", color_scheme="gray", padding="16px")),
            rx.cond(ReviewState.next_token != "",
                    rx.flex(rx.button("Show more", variant="soft", on_click=ReviewState.more, aria_label="Show more feedback"),
                            justify="center", padding="16px")),
            class_name="history-page review-page",
        ),
        top=header("Review"),
    )


def review_page() -> rx.Component:
    return _reviewers_only(ReviewState.allowed, ReviewState.checked, _review_body())


# ---------------------------------------------------------------------------- /review/answer/<id>


def _answer_meta() -> rx.Component:
    a = ReviewAnswerState
    fact = lambda label, value: rx.cond(  # noqa: E731
        value != "", rx.flex(rx.text(label, size="1", color_scheme="gray", min_width="72px"), rx.text(value, size="2"), spacing="2"))
    return rx.card(
        rx.flex(
            rx.flex(_rating_badge(a.rating, rx.cond(a.rating == "good", "Good answer", "Bad answer")),
                    rx.foreach(a.tags, lambda t: rx.badge(t, variant="surface", color_scheme="gray")),
                    wrap="wrap", spacing="2", align="center"),
            rx.cond(a.comment != "", rx.blockquote(a.comment, size="2")),
            fact("Given by", a.person), fact("When", a.given), fact("Chat", a.session_id), fact("Indexes", a.indexes),
            fact("Backend", a.backend), fact("Timings", a.timings),
            direction="column", spacing="2",
        ),
        class_name="review-meta", data_testid="review-meta",
    )


def _answer_body() -> rx.Component:
    return shell(
        rx.box(
            rx.box(
                rx.link(rx.flex(rx.icon("chevron-left", size=14), "Back to the review", align="center", spacing="1"),
                        href=REVIEW_PATH, size="2"),
                _answer_meta(),
                rx.text("The answer as it streamed, from the snapshot taken when the feedback was given.",
                        size="1", color_scheme="gray"),
                turn(ReviewAnswerState.view),
                class_name="thread snapshot-thread",
            ),
            class_name="scroller snapshot-scroller",
        ),
        citation_dialog(),
        top=header("Review · answer"),
    )


def review_answer_page() -> rx.Component:
    return _reviewers_only(ReviewAnswerState.found, ReviewAnswerState.checked, _answer_body())


# ---------------------------------------------------------------------------- /review/usage


def _usage_row(row: UsageRow) -> rx.Component:
    num = lambda v: rx.table.cell(rx.text(v, class_name="tabular"), justify="end")  # noqa: E731
    return rx.table.row(
        rx.table.cell(rx.text(row.day, class_name="tabular")), rx.table.cell(rx.text(row.person)),
        num(row.chats), num(row.answers), num(row.input_tokens), num(row.output_tokens), num(row.errors),
        num(row.first_token_p50 + " / " + row.first_token_p95), num(row.duration_p50 + " / " + row.duration_p95),
        data_testid="usage-row",
    )


def _usage_body() -> rx.Component:
    heads = ["Day (UTC)", "Person"]
    nums = ["Chats", "Answers", "Tokens in", "Tokens out", "Errors", "First text p50 / p95", "Answer p50 / p95"]
    table = rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in heads],
                                     *[rx.table.column_header_cell(h, justify="end") for h in nums])),
        rx.table.body(rx.foreach(UsageState.rows, _usage_row)),
        variant="surface", size="1", width="100%", class_name="usage-table",
    )
    return shell(
        rx.box(
            rx.flex(
                _tabs(USAGE_PATH), rx.spacer(),
                rx.select.root(
                    rx.select.trigger(aria_label="Days"),
                    rx.select.content(*[rx.select.item(f"Last {d} days", value=d) for d in USAGE_DAYS]),
                    value=UsageState.days, on_change=UsageState.set_days, size="2",
                ),
                rx.button(rx.icon("download", size=14), "Export CSV", variant="soft", on_click=UsageState.export,
                          aria_label="Export usage as CSV"),
                align="center", spacing="3", margin_bottom="12px",
            ),
            rx.text("Every answer this deployment ran, per person and day: first text is the time from the question to "
                    "the first streamed text; answer is the whole answer's time.", size="2", color_scheme="gray",
                    margin_bottom="12px"),
            # The box scrolls the table, not the table's own scroll area: a box can take the focus,
            # so the keyboard scrolls it too (the rows hold nothing focusable).
            rx.box(table, class_name="table-wrap usage-wrap", tab_index=0, role="region", aria_label="Usage per person and day"),
            rx.cond(UsageState.loading, rx.flex(rx.spinner(size="2"), padding="16px", justify="center")),
            rx.cond(~UsageState.loading & (UsageState.rows.length() == 0),
                    rx.text("No answers in these days.", size="2", color_scheme="gray", padding="16px")),
            class_name="history-page",
        ),
        top=header("Usage"),
    )


def usage_page() -> rx.Component:
    return _reviewers_only(UsageState.allowed, UsageState.checked, _usage_body())
