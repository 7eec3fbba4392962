"""A chat as a file: Markdown to read or share, JSON to keep or process.

Pure: a stored session (and the names its ids were found to have) in, text out. The Markdown
folds the stored events with the same reducer as the page, so it says what the page shows: each prompt and answer, the sources the answer
cites with file and page (numbered as the page numbers them), and the thinking and tool calls
as collapsible ``<details>`` sections. The JSON keeps the stored events exactly as the API
returned them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping

from chat_ui import transcript as t
from chat_ui.api.models import SessionDetail
from chat_ui.citations import cited_numbers
from chat_ui.i18n.message import render
from chat_ui.names.refs import with_names
from chat_ui.views import (
    MAX_ARGS_CHARS,
    HitView,
    capped,
    first_numbers,
    numbered_passages,
    pretty,
    short_args,
    summarize_result,
    usage_text,
)

FORMATS = {"markdown": ("md", "text/markdown"), "json": ("json", "application/json")}
MAX_LISTED = 20  # passages listed per tool call in the Markdown (the JSON has them all)
STATUS_NOTE = {
    "stopped": "Stopped before the answer was finished.",
    "interrupted": "The answer was interrupted before it finished.",
    "streaming": "Still being written when this was exported.",
}


def title_of(detail: SessionDetail) -> str:
    if detail.generated_title:
        return detail.generated_title
    first = next((e.get("content") for e in detail.events if isinstance(e, dict) and e.get("type") == "user_input"), None)
    return " ".join(first.split())[:60] if isinstance(first, str) and first.strip() else "Chat"


def filename(title: str, session_id: str, fmt: str) -> str:
    """``"Q3 revenue: why?"`` → ``q3-revenue-why.md``; letters of any script are kept, anything a
    file system could stumble on is not."""
    ext = FORMATS[fmt][0]
    text = unicodedata.normalize("NFKC", title).lower()
    slug = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")[:60].strip("-_")
    return f"{slug or session_id or 'chat'}.{ext}"


def to_json(detail: SessionDetail, names: Mapping[str, str] | None = None) -> str:
    """The session and its events as the API returned them (not re-parsed, not filled in), and
    beside them the names its file and index ids were found to have."""
    return json.dumps(
        {
            "session_id": detail.session_id,
            "title": detail.generated_title,
            "index_ids": detail.index_ids,
            "last_updated_at": detail.last_updated_at,
            "events": detail.events,
            "names": dict(names or {}),
        },
        indent=2,
        ensure_ascii=False,
    ) + "\n"


def to_markdown(detail: SessionDetail, names: Mapping[str, str] | None = None) -> str:
    turns = t.fold_stored(with_names(detail.typed_events(), names or {}))
    head = [f"# {_line(title_of(detail))}", ""]
    facts = [f"- Session: `{detail.session_id}`"]
    if detail.index_ids:
        facts.append("- Indexes: " + ", ".join(f"`{i}`" for i in detail.index_ids))
    if detail.last_updated_at:
        facts.append(f"- Last updated: {detail.last_updated_at} UTC")
    facts.append(f"- Turns: {len(turns)}")
    parts = ["\n".join(head + facts)]
    parts.extend(_turn(turn, n) for n, turn in enumerate(turns, 1))
    return "\n\n---\n\n".join(parts) + "\n"


def _turn(turn: t.Turn, n: int) -> str:
    out = [f"## {n}. {_line(turn.prompt, 80) or 'Prompt'}", "", "**You:**", "", _quote(turn.prompt)]
    passages = numbered_passages(turn)
    firsts = first_numbers(turn.blocks)
    names = dict(turn.names)
    for i, block in enumerate(turn.blocks):
        if isinstance(block, t.ThinkingBlock) and block.text:
            out += ["", _details(_thinking_summary(block), block.text)]
        elif isinstance(block, t.ToolBlock):
            out += ["", _tool(block, firsts[i], names)]
        elif isinstance(block, t.NoticeBlock):
            out += ["", f"> **Note:** {_line(block.text, 500)}"]
    answer = turn.answer
    if answer:
        out += ["", "**Answer:**", "", answer.strip()]
    cited = set(cited_numbers(answer))
    sources = [p for p in passages if p.number in cited]
    if sources:  # the answer may list its sources in its own words; these are the passages themselves
        out += ["", "**Cited passages:**", ""] + [f"- [{p.number}] {_where(p.hit)}{_score(p.hit)}" for p in sources]
    if turn.status == "error":
        error = render("en", turn.error) if turn.error else "The agent reported an error."  # exports are in English
        out += ["", f"> **Error:** {_line(error, 500)}"]
    elif turn.status in STATUS_NOTE:
        out += ["", f"> {STATUS_NOTE[turn.status]}"]
    if turn.skipped_index_ids:
        out += ["", "> Some indexes could not be searched: " + ", ".join(names.get(i, i) for i in turn.skipped_index_ids)]
    if turn.usage:
        out += ["", f"_{usage_text(turn.usage)}_"]
    return "\n".join(out)


def _thinking_summary(block: t.ThinkingBlock) -> str:
    if block.duration_ms is None:
        return "Thinking"
    return f"Thinking ({block.duration_ms / 1000:.1f} s)"


def _tool(block: t.ToolBlock, first: int, names: dict[str, str]) -> str:
    summary = summarize_result(block.result, first, names) if block.result is not None else None
    head = f"Tool call: {block.name or 'tool'} {render('en', short_args(block.arguments))}".rstrip()
    if summary is not None:
        head += f" ({render('en', summary.line)})"  # an export is in English
    if block.status == "error":
        head += " (failed)"
    body = ["Arguments:", "", _fence(capped(pretty(block.arguments), MAX_ARGS_CHARS), "json")]
    if summary is not None and summary.hits:
        body += ["", "Passages:", ""]
        for hit in summary.hits[:MAX_LISTED]:
            number = f"[{hit.number}] " if hit.number else ""
            body.append(f"- {number}{_where(hit)}{_score(hit)}: {hit.snippet}")
        more = summary.left_out + max(0, len(summary.hits) - MAX_LISTED)
        if more:
            body.append(f"- … {more:,} more, in the JSON export")
    elif block.result is not None:
        body += ["", "Result:", "", _fence(capped(pretty(block.result), MAX_ARGS_CHARS), "json")]
    else:
        body += ["", "No result."]
    if block.image is not None:
        source = names.get(block.image.source_id, block.image.source_id)
        body += ["", f"Page screenshot: `{block.image.attachment_name}` of `{source}`"]
    return _details(head, "\n".join(body))


def _where(hit: HitView) -> str:
    name = hit.file or "Untitled"
    return f"{name}, page {hit.page}" if hit.page else name


def _score(hit: HitView) -> str:
    return f" (score {hit.score})" if hit.score else ""


def _details(summary: str, body: str) -> str:
    """A collapsible section (GitHub and most Markdown viewers fold it)."""
    return f"<details>\n<summary>{_html(summary)}</summary>\n\n{body.strip()}\n\n</details>"


def _fence(text: str, lang: str = "") -> str:
    """A code fence longer than any run of backticks inside, so the text cannot close it."""
    ticks = max([len(m) for m in re.findall(r"`+", text)] + [2]) + 1
    return f"{'`' * ticks}{lang}\n{text}\n{'`' * ticks}"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().split("\n"))


def _line(text: str, limit: int = 120) -> str:
    one = " ".join(str(text).split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def export(detail: SessionDetail, fmt: str, names: Mapping[str, str] | None = None) -> tuple[str, str, str]:
    """``(data, filename, mime type)`` of the chat in ``fmt`` ("markdown" or "json")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format: {fmt!r}")
    data = to_markdown(detail, names) if fmt == "markdown" else to_json(detail, names)
    return data, filename(title_of(detail), detail.session_id, fmt), FORMATS[fmt][1]
