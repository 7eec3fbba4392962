"""The passage a citation chip opened, shown in one dialog on every page that shows turns.

The dialog lives outside the turns, so opening a citation renders no turn again. It opens at
once with what the chip knows (file, page, score, snippet); the whole passage and its page
screenshot are then read from the turn's raw result on the server, after the same ownership
check as any other read of the page's turns (:mod:`chat_ui.state.shown`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import reflex as rx

from chat_ui.backends import get_backend
from chat_ui.names import name_files
from chat_ui.names.refs import FileRef
from chat_ui.state.chat import ChatState
from chat_ui.state.screenshots import ScreenshotState
from chat_ui.state.shown import Results, shown_results
from chat_ui.views import HitView, cut, file_id_of, hit_view, passage_rows

PASSAGE_CHARS = 6000  # a passage is a chunk (about 700 characters locally); a runaway one is cut


def cited_view(cited: dict[str, Any]) -> HitView:
    """What the chip sent, as a view: only shown back to the same tab, and cut to size."""

    def text(name: str, limit: int = 300) -> str:
        value = cited.get(name)
        return str(value)[:limit] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""

    number = cited.get("number")
    return HitView(
        file=text("file"), page=text("page", 20), score=text("score", 20), snippet=text("snippet"),
        number=number if isinstance(number, int) and not isinstance(number, bool) and number > 0 else 0,
        image_source=text("image_source"), image_name=text("image_name"),
    )


async def find_passage(source: Results, block_key: str, row: int, offset: int = -1) -> tuple[int, dict[str, Any]] | None:
    """The raw passage of the tool result ``block_key`` at ``row`` (its index in ``results``), or,
    when ``row`` is negative, its ``offset``-th passage (a chip for a passage its card leaves out
    knows only its number), with its row; if the visitor may read the page's results."""
    if not block_key:
        return None
    found, result = await source.find(block_key)
    if not found:
        return None
    rows = passage_rows(result)
    if row < 0:
        return rows[offset] if 0 <= offset < len(rows) else None
    return next(((i, r) for i, r in rows if i == row), None)


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


class CitationState(rx.State):
    open: bool = False
    passage: HitView = HitView()
    text: str = ""  # the whole passage, once read on the server
    text_cut: str = ""  # kept message: how much of a huge passage ``text`` leaves out
    loading: bool = False
    _opened: int = 0  # counts opens, so a slow read never fills a later dialog

    @rx.event
    def set_open(self, value: bool):
        self.open = value

    @rx.event(background=True)
    async def show(self, cited: dict[str, Any]):
        """``cited``: the chip's passage, with ``block`` (its tool block's key) and ``row``; or, for
        a passage its tool card leaves out, ``row`` -1 and ``offset`` (its place among the result's
        passages)."""
        if not isinstance(cited, dict):
            return
        shown = cited_view(cited)
        block_key = cited.get("block") if isinstance(cited.get("block"), str) else ""
        row = _int(cited.get("row"), -1)
        offset = _int(cited.get("offset"), -1)
        async with self:
            self._opened += 1
            opened = self._opened
            self.passage, self.text, self.text_cut, self.loading, self.open = shown, "", "", True, True
            source = await shown_results(self)
            # a snapshot's page binds none: its files are then looked for in any index
            index_ids = list((await self.get_state(ChatState)).bound_index_ids)
        view: HitView | None = None
        text, text_cut, current = "", "", False
        try:
            found = await find_passage(source, block_key, row, offset)
            if found is not None:
                row, raw = found
                file_id = file_id_of(raw)
                # Named as its card names it: looked up once already, so the cache has it.
                names = await name_files(get_backend(), [FileRef(file_id, tuple(index_ids))]) if file_id else {}
                view = hit_view(raw, shown.number, row, names)
                text, text_cut = cut(str(raw.get("content") or "").strip(), PASSAGE_CHARS)
        finally:  # a failed read still ends the spinner
            async with self:
                current = self._opened == opened
                if current:
                    self.loading = False
                    # Unread, the passage is what the chip said, without a page image: nothing
                    # would resolve it, and "Loading page image…" would stay for good.
                    self.passage = view if view is not None else replace(shown, image_source="", image_name="")
                    self.text, self.text_cut = text, text_cut
        if current and view is not None and view.image_source and view.image_name:
            yield ScreenshotState.resolve(view.image_source, view.image_name, False)
