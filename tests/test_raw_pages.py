"""A raw result is shown a page at a time: every line reachable, no page big."""

from chat_ui.i18n.message import render
from chat_ui.state.raw import PAGE_CHARS, PAGE_LINES, page_of


def test_pages_cover_every_line_once_and_say_where_they_are():
    lines = [f"line {i}" for i in range(PAGE_LINES * 2 + 7)]
    pages = [page_of(lines, n) for n in range(3)]
    assert [p.pages for p in pages] == [3, 3, 3]
    assert "\n".join(p.text for p in pages).split("\n") == lines
    assert render("en", pages[1].label) == f"Lines {PAGE_LINES + 1:,}–{PAGE_LINES * 2:,} of {len(lines):,}"
    assert page_of(lines, 99).page == 2 and page_of(lines, -5).page == 0  # out of range: clamped


def test_a_small_result_is_one_page_without_a_label():
    page = page_of(['{', '  "a": 1', '}'], 0)
    assert (page.pages, page.label, page.text) == (1, "", '{\n  "a": 1\n}')


def test_one_enormous_line_does_not_make_an_enormous_page():
    page = page_of(['"' + "x" * 1_000_000 + '"'], 0)
    assert len(page.text) == PAGE_CHARS
    assert render("en", page.cut) == f"{1_000_002 - PAGE_CHARS:,} more characters not shown"
