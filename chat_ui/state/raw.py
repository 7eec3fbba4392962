"""A tool's raw JSON result, sent to the browser only when someone opens it, and then one page
at a time: retrieval results can be megabytes, and neither the socket nor the browser's code
highlighter should carry them whole.

Nothing raw is kept in a tab's state. A turn still held by the hub answers from there; any other
from the stored session, folded by the same reducer, where the key names the turn's place. The
pretty-printed lines of the few results last opened are kept in this process, so turning a page
does not fetch and print the whole result again.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import reflex as rx

from chat_ui import transcript as t
from chat_ui.i18n.message import msg
from chat_ui.api.errors import ChatAPIError
from chat_ui.backends import get_backend
from chat_ui.state.shown import Results, shown_results
from chat_ui.turns import get_hub
from chat_ui.turns.entries import ordinal_of
from chat_ui.views import cut, pretty, raw_results

KEEP = 4  # raw views held at once per tab, and printed results held per process
GONE = msg("tool.raw_gone")  # a kept message: shown in the reader's language
PAGE_LINES = 400
PAGE_CHARS = 60_000  # one very long line (a huge string) must not make a page huge either

_printed: OrderedDict[tuple[str, str], list[str]] = OrderedDict()


@dataclass(frozen=True)
class RawPage:
    text: str
    page: int  # 0-based
    pages: int
    label: str  # "Lines 401–800 of 152,340"; "" when the result fits one page
    cut: str = ""  # kept message: how much of one huge page ``text`` leaves out


async def find_result(session_id: str, key: str) -> tuple[bool, Any]:
    turn_key = key.rsplit("-b", 1)[0]
    found, result = await get_hub().get_result(session_id, turn_key, key)
    if found or not session_id:
        return found, result
    results = await _stored_results(session_id, turn_key)
    return (key in results), results.get(key)


async def turn_results(session_id: str, turn_key: str, keys: list[str]) -> dict[str, Any]:
    """The raw results of one turn's tool blocks ``keys``: from the hub while it holds them, else
    from the stored session, read once for all of them."""
    out: dict[str, Any] = {}
    for key in keys:
        found, result = await get_hub().get_result(session_id, turn_key, key)
        if found:
            out[key] = result
    missing = [k for k in keys if k not in out]
    if missing and session_id:
        stored = await _stored_results(session_id, turn_key)
        out.update({k: stored[k] for k in missing if k in stored})
    return out


async def _stored_results(session_id: str, turn_key: str) -> dict[str, Any]:
    """A stored turn's raw results, found by the place in the session its key names."""
    ordinal = ordinal_of(turn_key)
    if ordinal is None:
        return {}
    try:
        detail = await get_backend().get_session(session_id)
    except ChatAPIError:
        return {}
    turns = t.fold_stored(detail.typed_events())
    return raw_results(turns[ordinal], turn_key) if ordinal < len(turns) else {}


async def result_lines(source: Results, key: str) -> list[str] | None:
    """The result pretty-printed, as lines; None when it cannot be found (or no longer read by
    this visitor: the check is the source's, before the cache is looked at)."""
    if not await source.allowed():
        return None
    cached = _printed.get((source.name, key))
    if cached is not None:
        _printed.move_to_end((source.name, key))
        return cached
    found, result = await source.find(key)
    if not found:
        return None
    # Printing megabytes takes a while; the event loop keeps serving other tabs meanwhile.
    lines = (await asyncio.to_thread(pretty, result)).split("\n")
    _printed[(source.name, key)] = lines
    while len(_printed) > KEEP:
        _printed.popitem(last=False)
    return lines


def page_of(lines: list[str], page: int) -> RawPage:
    pages = max(1, -(-len(lines) // PAGE_LINES))
    page = min(max(0, page), pages - 1)
    start = page * PAGE_LINES
    chunk = lines[start:start + PAGE_LINES]
    text, more = cut("\n".join(chunk), PAGE_CHARS)
    label = msg("tool.raw_lines", first=start + 1, last=start + len(chunk), count=len(lines)) if pages > 1 else ""
    return RawPage(text, page, pages, label, more)


class RawState(rx.State):
    shown: dict[str, str] = {}  # key -> the page shown
    page_label: dict[str, str] = {}
    page_cut: dict[str, str] = {}
    page_no: dict[str, int] = {}
    page_count: dict[str, int] = {}

    @rx.event(background=True)
    async def load(self, key: str):
        async with self:
            if key in self.shown:
                return
        await self._show(key, 0)

    @rx.event(background=True)
    async def turn_page(self, key: str, step: int):
        """``step``: +1 for the next page, -1 for the previous one."""
        async with self:
            page = self.page_no.get(key, 0) + step
        await self._show(key, page)

    async def _show(self, key: str, page: int) -> None:
        """``self`` is a background task's proxy: the result is found and printed outside the lock."""
        async with self:
            source = await shown_results(self)
        lines = await result_lines(source, key)
        shown = page_of(lines, page) if lines is not None else RawPage(GONE, 0, 1, "")
        async with self:
            kept = [k for k in self.shown if k != key][-(KEEP - 1):]
            self.shown = {**{k: self.shown[k] for k in kept}, key: shown.text}
            self.page_label = {**{k: self.page_label.get(k, "") for k in kept}, key: shown.label}
            self.page_cut = {**{k: self.page_cut[k] for k in kept if k in self.page_cut}, **({key: shown.cut} if shown.cut else {})}
            self.page_no = {**{k: self.page_no.get(k, 0) for k in kept}, key: shown.page}
            self.page_count = {**{k: self.page_count.get(k, 1) for k in kept}, key: shown.pages}
