"""What the page shows of a transcript: flat, typed view models that Reflex can send and
``rx.foreach`` can render. Pure functions, so history and the live turn use the same code."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from chat_ui import transcript as t
from chat_ui.i18n.message import msg, render

# A tool card shows this many hits; a result of thousands still sends only these to the browser.
MAX_HITS = 20
MAX_ARGS_CHARS = 4000


@dataclass
class HitView:
    """One retrieved passage, read from a retrieval tool's result.

    ``number`` is the passage's place among all passages of its turn (see :func:`first_numbers`):
    the card shows it, and an answer's ``[n]`` cites it. Listing items that are not passages
    carry 0. ``row`` is its index in the raw ``results``, so the whole passage can be found again.
    """

    file: str = ""
    page: str = ""
    score: str = ""
    snippet: str = ""
    number: int = 0
    row: int = 0
    image_source: str = ""  # the passage's page screenshot (``static_fields.attachments``), if any
    image_name: str = ""


@dataclass
class BlockView:
    key: str = ""
    kind: str = "text"  # thinking | tool | text | notice
    text: str = ""
    done: bool = True
    # thinking: how long it took, in milliseconds (-1: not known); the card says it in the reader's language
    duration_ms: float = -1.0
    # tool
    tool_name: str = ""
    tool_status: str = ""  # running | done | error
    tool_args: str = ""  # pretty JSON
    tool_args_cut: str = ""  # kept message: how much of the arguments tool_args leaves out
    tool_args_short: str = ""  # one line for the card header
    has_result: bool = False  # the raw JSON itself stays on the server until asked for
    tool_summary: str = ""  # one line: "5 passages from 2 files"
    hits: list[HitView] = field(default_factory=list)  # at most MAX_HITS
    # All the result's passages, shown or not: numbers ``hits[0].number`` up to one less than that
    # plus this name a passage of this card, so an answer can cite one the card leaves out.
    passage_count: int = 0
    hits_left_out: str = ""  # "9,980 more passages are not shown here; the raw result has them all."
    has_call: bool = True
    image_source: str = ""
    image_name: str = ""
    image_key: str = ""
    image_label: str = ""
    # notice
    level: str = ""


@dataclass
class TurnView:
    key: str = ""
    prompt: str = ""
    blocks: list[BlockView] = field(default_factory=list)
    status: str = "done"  # streaming | done | error | stopped | interrupted
    error: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    turns: int = 0
    duration_ms: float = 0.0
    has_usage: bool = False  # the page writes the numbers above in the reader's language
    skipped: str = ""  # "Company handbook could not be searched: …", the indexes by name where known
    waiting: str = ""  # live only: the upstream has gone quiet, the turn says so and offers Stop


@dataclass
class IndexView:
    id: str = ""
    name: str = ""
    description: str = ""
    state: str = ""  # ready | syncing | failed | "" (the backend did not say)
    pickable: bool = True  # a syncing index has nothing to search yet: a new chat cannot pick it
    synced: str = ""  # kept messages (chat_ui.i18n.message): "Last synced 5 min ago." / "Not synced yet."
    synced_iso: str = ""
    tip: str = ""  # what its tooltip says: what it holds, and its state (a kept message once it has a state)


def index_view(index: Any, now: datetime | None = None) -> IndexView:
    """``index``: an :class:`chat_ui.api.models.Index`; syncing is what ``sync_in_progress`` says,
    failed what its build ``metadata.status`` says."""
    syncing = index.sync_in_progress is True
    state = "syncing" if syncing else "failed" if index.build_status == "failed" else "ready" if (
        index.sync_in_progress is False or index.build_status == "ready") else ""
    synced_iso = index.last_synced_at or ""
    synced = msg("index.last_synced", when=relative_time(synced_iso, now)) if synced_iso else (
        msg("index.not_synced") if state else "")
    note = {"syncing": msg("index.note_syncing"), "failed": msg("index.note_failed")}.get(state, "")
    about = index.description or index.id  # the backend's words, shown as they are
    if note and synced:
        tip = msg("index.tip_two", about=about, note=note, synced=synced)
    elif note or synced:
        tip = msg("index.tip_one", about=about, detail=note or synced)
    else:
        tip = about
    return IndexView(
        id=index.id, name=index.name or index.id, description=index.description or "", state=state,
        pickable=not syncing, synced_iso=synced_iso, synced=synced, tip=tip,
    )


@dataclass
class SessionView:
    session_id: str = ""
    title: str = ""  # "" until the chat has one: the list shows "New chat" in the reader's language
    updated: str = ""  # relative, "5 min ago", a kept message (the lists write ``updated_iso`` in the browser)
    updated_iso: str = ""
    index_ids: str = ""
    input_tokens: str = ""
    output_tokens: str = ""
    turns: str = ""
    duration: str = ""  # English, "1.5 s"; the history page writes ``duration_ms`` in the reader's units
    duration_ms: float = -1.0  # -1: not known
    is_error: bool = False
    error: str = ""
    sharing: str = ""  # what its share link grants: "Read only", "Query" (kept messages), or a newer value as it came
    group: str = ""  # "Today", "Yesterday", "Previous 7 days", "Older": the reader's own days
    group_start: bool = False  # the first chat of its group in the list: the group's heading goes above it
    generated: str = ""  # the generated title, for the rename box and for bringing it back
    pinned: bool = False


def turn_view(turn: t.Turn, key: str, *, live: bool = False) -> TurnView:
    """``live``: blocks still streaming carry no text; their text travels as client-side deltas."""
    usage = turn.usage
    names = dict(turn.names)
    firsts = first_numbers(turn.blocks)
    blocks = [block_view(b, f"{key}-b{i}", live=live, first=firsts[i], names=names) for i, b in enumerate(turn.blocks)]
    skipped = [names.get(i, i) for i in turn.skipped_index_ids]
    error = turn.error or ""
    if turn.status == "error" and skipped:  # the turn asked for every index (require_all_indexes)
        error = msg("turn.needs_every_index", names=skipped)  # kept: shown in the reader's language
    return TurnView(
        key=key,
        prompt=turn.prompt,
        blocks=blocks,
        status=turn.status,
        error=error,
        input_tokens=(usage.total_input_tokens or 0) if usage else 0,
        output_tokens=(usage.total_output_tokens or 0) if usage else 0,
        turns=(usage.turns or 0) if usage else 0,
        duration_ms=(usage.duration_ms or 0.0) if usage else 0.0,
        has_usage=usage is not None,
        skipped=msg("turn.skipped_one" if len(skipped) == 1 else "turn.skipped_many", names=skipped)
        if skipped and turn.status != "error" else "",
    )


def raw_results(turn: t.Turn, key: str) -> dict[str, Any]:
    """Tool results by block key: kept server-side, sent only when a person opens the raw view."""
    return {f"{key}-b{i}": b.result for i, b in enumerate(turn.blocks) if isinstance(b, t.ToolBlock) and b.result is not None}


def first_numbers(blocks: Sequence[t.Block]) -> list[int]:
    """The numbering rule shared by tool cards, citations and exports: a turn's passages are
    numbered 1, 2, … across its retrieval results, in the order of its blocks (the order its tool
    cards show), and within a result in the result's order. Each result counts all its passages,
    shown or not, so a number names the same passage however many a card leaves out.
    Returns, per block, the number of its first passage."""
    firsts, n = [], 1
    for block in blocks:
        firsts.append(n)
        if isinstance(block, t.ToolBlock):
            n += len(passage_rows(block.result))
    return firsts


def passage_rows(result: Any) -> list[tuple[int, dict[str, Any]]]:
    """The passages of a retrieval result (``{"results": [...]}``) with their index in it; none
    for any other result."""
    rows = result.get("results") if isinstance(result, dict) else None
    return [(i, r) for i, r in enumerate(rows) if isinstance(r, dict)] if isinstance(rows, list) else []


@dataclass(frozen=True)
class Passage:
    """One passage of a turn under its number: what an export lists as a source."""

    number: int
    block: int  # index of the tool block in the turn
    hit: HitView


def numbered_passages(turn: t.Turn) -> list[Passage]:
    """Every passage of the turn, numbered by :func:`first_numbers`."""
    out, names = [], dict(turn.names)
    for i, (block, first) in enumerate(zip(turn.blocks, first_numbers(turn.blocks))):
        if isinstance(block, t.ToolBlock):
            out.extend(Passage(first + j, i, hit_view(row, first + j, index, names))
                       for j, (index, row) in enumerate(passage_rows(block.result)))
    return out


def block_view(block: t.Block, key: str, *, live: bool = False, first: int = 1, names: dict[str, str] | None = None) -> BlockView:
    """``first``: the number of the block's first passage (see :func:`first_numbers`); ``names``:
    the turn's file names by id."""
    if isinstance(block, t.ThinkingBlock):
        return BlockView(
            key=key, kind="thinking", text="" if live and not block.done else block.text,
            done=block.done, duration_ms=block.duration_ms if block.duration_ms is not None else -1.0,
        )
    if isinstance(block, t.TextBlock):
        return BlockView(key=key, kind="text", text="" if live and not block.done else block.text, done=block.done)
    if isinstance(block, t.NoticeBlock):
        return BlockView(key=key, kind="notice", text=block.text, level=block.level)
    summary = summarize_result(block.result, first, names)
    hits = summary.hits
    image = block.image
    args, args_cut = cut(pretty(block.arguments), MAX_ARGS_CHARS)
    return BlockView(
        key=key,
        kind="tool",
        tool_name=block.name or "tool",
        tool_status=block.status,
        tool_args=args,
        tool_args_cut=args_cut,
        tool_args_short=short_args(block.arguments),
        has_result=block.result is not None,
        tool_summary=summary.line if block.result is not None else msg("tool.running_summary" if block.status == "running" else "tool.no_result"),
        hits=hits,
        hits_left_out=summary.left_out_text(),
        passage_count=summary.passages,
        has_call=block.has_call,
        image_source=image.source_id if image else "",
        image_name=image.attachment_name if image else "",
        image_key=f"{image.source_id}/{image.attachment_name}" if image else "",
        image_label=image_label(image.attachment_name, hits) if image else "",
    )


def image_label(attachment_name: str, hits: list[HitView]) -> str:
    """"Q3-report.pdf · page 3" from "screenshots/page_3.jpg" and the hit on that page, a kept
    message (the card writes it in the reader's language); else the attachment's own name."""
    match = re.search(r"page[_-]?(\d+)", attachment_name)
    page = match.group(1) if match else ""
    file = next((h.file for h in hits if h.page == page and h.file), "") if page else ""
    if file and page:
        return msg("screenshot.label", file=file, page=page)
    return msg("screenshot.page", page=page) if page else attachment_name.rsplit("/", 1)[-1]


def thinking_label(block: t.ThinkingBlock | BlockView) -> str:
    """In English, for records and exports (the card writes it in the reader's language)."""
    if not block.done:
        return "Thinking…"
    if block.duration_ms is None or block.duration_ms < 0:
        return "Thought"
    seconds = block.duration_ms / 1000
    return f"Thought for {seconds:.1f} s" if seconds < 60 else f"Thought for {int(seconds // 60)} min {int(seconds % 60)} s"


def usage_text(usage: Any) -> str:
    parts = []
    if usage.total_input_tokens is not None:
        parts.append(f"{usage.total_input_tokens:,} in")
    if usage.total_output_tokens is not None:
        parts.append(f"{usage.total_output_tokens:,} out")
    if usage.turns:
        parts.append(f"{usage.turns} turn{'s' if usage.turns != 1 else ''}")
    if usage.duration_ms:
        parts.append(duration_text(usage.duration_ms))
    return " · ".join(parts)


def duration_text(ms: float) -> str:
    if ms < 1000:
        return f"{ms:.0f} ms"
    if ms < 60_000:
        return f"{ms / 1000:.1f} s"
    return f"{int(ms // 60_000)} min {int(ms % 60_000 // 1000)} s"


def pretty(value: Any) -> str:
    try:
        return json.dumps(value, indent=2, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def short_args(arguments: dict[str, Any]) -> str:
    """The query, and which index it searched: two retrieve calls read apart at a glance. A kept
    message where the app words it (the quotes and "in" are the reader's), else the arguments."""
    index = arguments.get("index_id")
    for key in ("query", "pattern", "file_name", "file_name_contains", "q"):
        if isinstance(arguments.get(key), str):
            if isinstance(index, str):
                return msg("tool.args_query_in", query=arguments[key], index=index)
            return msg("tool.args_query", query=arguments[key])
    text = ", ".join(f"{k}={v}" for k, v in arguments.items())
    return text if len(text) <= 80 else text[:79] + "…"


@dataclass(frozen=True)
class ResultSummary:
    """What a tool card shows of a result: at most ``MAX_HITS`` hits, and how many were left out.
    ``line`` and :meth:`left_out_text` are kept messages (chat_ui.i18n.message) where the app
    words them, the result's own text where it has one: an export renders them in English."""

    hits: list[HitView]
    line: str
    left_out: int = 0
    noun: str = "passages"

    @property
    def passages(self) -> int:
        """Passages in the whole result, shown or not (a listing's items are not passages)."""
        return len(self.hits) + self.left_out if self.noun == "passages" else 0

    def left_out_text(self) -> str:
        if not self.left_out:
            return ""
        return msg("tool.left_out_passages" if self.noun == "passages" else "tool.left_out_items", count=self.left_out)


def summarize_result(result: Any, first: int = 1, names: dict[str, str] | None = None) -> ResultSummary:
    """Retrieval results read as passages (file, page, score, snippet), numbered from ``first``,
    their files named by ``names`` (id → name); anything else as JSON. A result can be megabytes
    (thousands of hits): only the first ``MAX_HITS`` become views, so what reaches the browser
    stays small whatever the agent returned."""
    if isinstance(result, dict):
        rows = result.get("results")
        if isinstance(rows, list):
            numbered = passage_rows(result)
            dict_rows = [r for _, r in numbered]
            if not dict_rows:
                return ResultSummary([], msg("tool.no_passages"))
            hits = [hit_view(r, first + j, index, names) for j, (index, r) in enumerate(numbered[:MAX_HITS])]
            files = {f for f in map(_file_key, dict_rows) if f}
            total = len(dict_rows)
            passages = msg("tool.passage_count", count=total)
            line = msg("tool.passages_from", passages=passages, files=msg("tool.file_count", count=len(files))) if files else passages
            return ResultSummary(hits, line, total - len(hits))
        items = result.get("items")
        if isinstance(items, list):
            dict_items = [i for i in items if isinstance(i, dict)]
            hits = [HitView(file=str(i.get("file_name") or i.get("file_id") or ""), snippet=_snip(i.get("content")))
                    for i in dict_items[:MAX_HITS]]
            return ResultSummary(hits, msg("tool.item_count", count=len(items)), len(dict_items) - len(hits), "items")
        if isinstance(result.get("content"), str):
            return ResultSummary([], _snip(result["content"], 120))
        if isinstance(result.get("error"), str):
            return ResultSummary([], _snip(result["error"], 240))
    if isinstance(result, str):
        return ResultSummary([], _snip(result, 120))
    if isinstance(result, list):
        return ResultSummary([], msg("tool.item_count", count=len(result)))
    return ResultSummary([], msg("tool.result"))


def cut(text: str, limit: int) -> tuple[str, str]:
    """``text`` cut at ``limit`` characters, and a kept message saying how much was cut ("" when
    nothing was): shown under the text, in the reader's language, not written into it."""
    if len(text) <= limit:
        return text, ""
    return text[:limit], msg("text.more_chars", count=len(text) - limit)


def capped(text: str, limit: int) -> str:
    """``text`` cut at ``limit`` characters with the note in it, for an export (in English)."""
    shown, note = cut(text, limit)
    return f"{shown}\n… ({render('en', note)})" if note else shown


def file_id_of(row: dict[str, Any]) -> str:
    """The id a passage names its file by (LlamaCloud's ``parsed_directory_file_id``), or ""."""
    static = row.get("static_fields") if isinstance(row.get("static_fields"), dict) else {}
    file_id = static.get("parsed_directory_file_id")
    return file_id if isinstance(file_id, str) else ""


def _file_key(row: dict[str, Any]) -> str:
    """What tells a passage's file from another's: its id, else the name its metadata gives."""
    meta = row.get("metadata") if isinstance(row.get("metadata"), dict) else {}
    return file_id_of(row) or str(meta.get("file_name") or meta.get("name") or "")


def _file_of(row: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """The name a person knows the file by: the looked-up one, else what the index's metadata
    (or deepset's document) says, else the bare id (the lookup failed)."""
    meta = row.get("metadata") if isinstance(row.get("metadata"), dict) else {}
    file_id = file_id_of(row)
    return str((names or {}).get(file_id) or meta.get("file_name") or meta.get("name") or file_id)


def hit_view(row: dict[str, Any], number: int = 0, index: int = 0, names: dict[str, str] | None = None) -> HitView:
    meta = row.get("metadata") if isinstance(row.get("metadata"), dict) else {}
    static = row.get("static_fields") if isinstance(row.get("static_fields"), dict) else {}
    file = _file_of(row, names)
    page = meta.get("page") or static.get("page_range_start") or ""
    score = row.get("rerank_score") if row.get("rerank_score") is not None else row.get("score")
    source, name = screenshot_of(static)
    return HitView(
        file=str(file),
        page=str(page) if page not in ("", None) else "",
        score=f"{score:.2f}" if isinstance(score, (int, float)) and not isinstance(score, bool) else "",
        snippet=_snip(row.get("content")),
        number=number,
        row=index,
        image_source=source,
        image_name=name,
    )


def screenshot_of(static_fields: dict[str, Any]) -> tuple[str, str]:
    """``(source_id, attachment_name)`` of the passage's page screenshot, from the attachment
    references LlamaCloud puts in ``static_fields.attachments``; ``("", "")`` without one."""
    attachments = static_fields.get("attachments")
    for ref in attachments if isinstance(attachments, list) else []:
        if not isinstance(ref, dict) or ref.get("type") != "screenshot":
            continue
        source, name = ref.get("source_id"), ref.get("attachment_name")
        if isinstance(source, str) and isinstance(name, str) and source and name:
            return source, name
    return "", ""


def _snip(text: Any, limit: int = 240) -> str:
    if not isinstance(text, str):
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _utc(iso: str) -> datetime | None:
    """The API's timestamps carry no zone; they are UTC."""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def relative_time(iso: str, now: datetime | None = None) -> str:
    """"5 min ago", a kept message (chat_ui.i18n.message) for the reader's language; a time that
    is not one comes back as it is."""
    when = _utc(iso)
    if when is None:
        return iso
    seconds = ((now or datetime.now(timezone.utc)) - when).total_seconds()
    if seconds < 45:
        return msg("time.just_now")
    for size, unit in ((86400 * 365, "y"), (86400 * 30, "mo"), (86400 * 7, "w"), (86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return msg(f"time.{unit}_ago", count=int(seconds // size))
    return msg("time.just_now")


GROUPS = ("Today", "Yesterday", "Previous 7 days", "Older")


def day_group(iso: str, utc_offset_min: int = 0, now: datetime | None = None) -> str:
    """Which group a chat updated at ``iso`` falls in, by the reader's calendar days.
    ``utc_offset_min`` is the browser's ``Date.getTimezoneOffset()``: minutes *behind* UTC."""
    when = _utc(iso)
    if when is None:
        return GROUPS[-1]
    shift = timedelta(minutes=-utc_offset_min)
    days = ((now or datetime.now(timezone.utc)) + shift).date() - (when + shift).date()
    if days.days <= 0:
        return GROUPS[0]
    if days.days == 1:
        return GROUPS[1]
    return GROUPS[2] if days.days <= 7 else GROUPS[3]


def grouped(views: list[SessionView], after: SessionView | None = None, utc_offset_min: int = 0,
            now: datetime | None = None) -> list[SessionView]:
    """Copies of ``views`` (newest first, following ``after``) with their day groups; a group's
    heading goes above its first chat. Copies: one view may sit in two lists (the loaded chats and
    the filter's matches), each with its own first of a group."""
    previous = after.group if after is not None else None
    out = []
    for view in views:
        group = day_group(view.updated_iso, utc_offset_min, now)
        out.append(replace(view, group=group, group_start=group != previous))
        previous = group
    return out


# ``shared_access`` values known in SDK 2.19 (kept messages); the enum grows, and a newer value shows as it is.
SHARING = {"read_only": msg("history.shared_read_only"), "query": msg("history.shared_query")}


def derive_title(prompt: str) -> str:
    """A chat's title until the backend has made one: its first message, on one line."""
    words = " ".join(prompt.split())
    return words if len(words) <= 60 else words[:59].rsplit(" ", 1)[0] + "…"


def session_view(summary: Any, now: datetime | None = None) -> SessionView:
    job = summary.job_metadata
    return SessionView(
        session_id=summary.session_id,
        title=summary.generated_title or "",  # no title yet: the list writes "New chat" (tr("chat.new"))
        updated=relative_time(summary.last_updated_at, now),
        updated_iso=summary.last_updated_at,
        index_ids=", ".join(summary.index_ids or []),
        input_tokens=f"{job.total_input_tokens:,}" if job and job.total_input_tokens is not None else "",
        output_tokens=f"{job.total_output_tokens:,}" if job and job.total_output_tokens is not None else "",
        turns=str(job.turns) if job and job.turns is not None else "",
        duration=duration_text(job.duration_ms) if job and job.duration_ms else "",
        duration_ms=float(job.duration_ms) if job and job.duration_ms else -1.0,
        is_error=bool(job and job.is_error),
        error=(job.error or "") if job else "",
        sharing=SHARING.get(summary.shared_access or "", summary.shared_access or ""),
    )

