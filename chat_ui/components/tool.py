"""A tool call: name, arguments, status, a readable result (retrieval hits) and the raw JSON."""

from __future__ import annotations

import reflex as rx
from reflex_components_code.code import CodeBlock

from chat_ui.components.client import when_visible
from chat_ui.components.js import RAW_JSON
from chat_ui.state.raw import RawState
from chat_ui.views import BlockView, HitView
from chat_ui.i18n.var import tr, tr_msg

# A result whose call never came, or came and was already answered (a repeated call_id).
ORPHAN = "tool.orphan"


def _status_badge(block: BlockView) -> rx.Component:
    return rx.match(
        block.tool_status,
        ("running", rx.badge(rx.spinner(size="1"), tr("tool.running"), color_scheme="blue", variant="soft", aria_label=tr("tool.running_aria"))),
        ("error", rx.badge(rx.icon("circle-x", size=12), tr("tool.error"), color_scheme="red", variant="soft", aria_label=tr("tool.failed_aria"))),
        rx.badge(rx.icon("circle-check", size=12), tr("tool.done"), color_scheme="green", variant="soft", aria_label=tr("tool.done_aria")),
    )


def _hit(hit: HitView) -> rx.Component:
    """A passage under its number in the turn, the number an answer's ``[n]`` cites."""
    return rx.box(
        rx.flex(
            rx.cond(hit.number > 0, rx.badge(hit.number, variant="surface", size="1", class_name="hit-number")),
            rx.text(hit.file, size="2", weight="medium", class_name="truncate"),
            rx.cond(hit.page != "", rx.text("p. " + hit.page, size="1", color_scheme="gray")),
            rx.spacer(),
            rx.cond(hit.score != "", rx.text(tr("citation.score", score=hit.score), size="1", color_scheme="gray", class_name="tabular")),
            spacing="2",
            align="center",
        ),
        rx.text(hit.snippet, size="1", color_scheme="gray", class_name="hit-snippet"),
        class_name="hit",
    )


def _pager(key) -> rx.Component:
    """A big raw result comes a page at a time; the rest stays on the server until asked for."""
    page = RawState.page_no.get(key, 0)
    return rx.cond(
        RawState.page_count.get(key, 1) > 1,
        rx.flex(
            rx.button(rx.icon("chevron-left", size=12), tr("common.previous"), size="1", variant="soft", color_scheme="gray",
                      disabled=page <= 0, on_click=RawState.turn_page(key, -1), aria_label=tr("tool.raw_previous")),
            rx.text(tr_msg(RawState.page_label.get(key, "")), size="1", color_scheme="gray", class_name="tabular"),
            rx.button(tr("common.next"), rx.icon("chevron-right", size=12), size="1", variant="soft", color_scheme="gray",
                      disabled=page + 1 >= RawState.page_count.get(key, 1), on_click=RawState.turn_page(key, 1),
                      aria_label=tr("tool.raw_next")),
            spacing="3", align="center", class_name="raw-pager",
        ),
    )


# A raw JSON block scrolls (max-height): it takes the keyboard focus, so it scrolls without a mouse
# (react-syntax-highlighter passes these on to its <pre>). a11y-dark in both modes: the default
# one-light's tokens went down to 3.07:1, and no light prism theme keeps every token at 4.5:1.
SCROLLS = {"custom_attrs": {"tabIndex": 0, "role": "region"}, "aria_label": tr("tool.raw_json"), "theme": rx.code_block.themes.a11y_dark}


class RawJson(CodeBlock):
    """``rx.code_block`` whose highlighter loads with the first tool card, not with the page
    (``js/raw_json.jsx``; its props are react-syntax-highlighter's)."""

    library = RAW_JSON
    tag = "RawJson"
    lib_dependencies: list[str] = ["react-syntax-highlighter@16.1.2"]


raw_json = RawJson.create


def _cut_note(note: rx.Var[str]) -> rx.Component:
    """"1,234 more characters not shown": under the JSON it belongs to, in the reader's language."""
    return rx.cond(note != "", rx.text(tr_msg(note), size="1", color_scheme="gray", class_name="text-cut",
                                       data_testid="text-cut"))


@rx.memo
def _raw_result(block_key: rx.Var[str]) -> rx.Component:
    """A component of its own: it follows RawState itself, so opening a raw result never renders
    the turn around it again. (Not ``key``: React keeps that prop to itself.)"""
    key = block_key
    return when_visible(
        rx.text(tr("tool.result"), size="1", weight="medium", color_scheme="gray"),
        rx.cond(
            RawState.shown.get(key, "") != "",
            rx.fragment(
                raw_json(tr_msg(RawState.shown.get(key, "")), language="json", wrap_long_lines=True,
                              can_copy=True, class_name="raw-json", **SCROLLS),
                _cut_note(RawState.page_cut.get(key, "")),
                _pager(key),
            ),
            rx.flex(rx.spinner(size="1"), rx.text(tr("tool.loading_result"), size="1", color_scheme="gray"),
                    spacing="2", align="center"),
        ),
        on_visible=RawState.load(key),
        reset_key=key,
    )


def tool_card(block: BlockView) -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            rx.cond(block.tool_name == "sources", rx.icon("library", size=15), rx.icon("search", size=15)),
            rx.text(block.tool_name, size="2", weight="medium", class_name="mono"),
            rx.text(tr_msg(block.tool_args_short), size="2", color_scheme="gray", class_name="truncate tool-args-short"),
            rx.spacer(),
            rx.text(tr_msg(block.tool_summary), size="1", color_scheme="gray", class_name="tool-summary"),
            _status_badge(block),
            rx.icon("chevron-down", size=14, class_name="chevron"),
            class_name="card-summary",
        ),
        rx.box(
            rx.cond(
                block.hits.length() > 0,
                # it scrolls (max-height): focusable, so the keyboard scrolls it too
                rx.box(rx.foreach(block.hits, _hit), class_name="hits", tab_index=0, role="region", aria_label=tr("tool.passages")),
                rx.cond(block.has_result, rx.text(tr_msg(block.tool_summary), size="2", color_scheme="gray")),
            ),
            rx.cond(
                block.hits_left_out != "",
                rx.text(tr_msg(block.hits_left_out), size="1", color_scheme="gray", class_name="hits-left-out",
                        data_testid="hits-left-out"),
            ),
            rx.cond(~block.has_call, rx.text(tr(ORPHAN), size="1", color_scheme="amber")),
            rx.el.details(
                rx.el.summary(rx.text(tr("tool.raw_summary"), size="1", as_="span"), class_name="raw-summary"),
                rx.text(tr("tool.arguments"), size="1", weight="medium", color_scheme="gray"),
                raw_json(block.tool_args, language="json", wrap_long_lines=True, class_name="raw-json",
                              **SCROLLS),
                _cut_note(block.tool_args_cut),
                rx.cond(block.has_result, _raw_result(block_key=block.key)),
                class_name="raw",
            ),
            class_name="card-body",
        ),
        class_name="card tool-card",
        data_status=block.tool_status,
        data_testid="tool-card",
    )
