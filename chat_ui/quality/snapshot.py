"""Snapshots of answers: what a turn was, kept where the backend cannot take it away.

A snapshot is built from what the page showed (the turn's view) and the turn's raw tool results,
so a review opens the answer exactly as it streamed, citations and page screenshots included,
after the chat is gone upstream. Two parts:

- the **rendered** turn (:func:`rendered_turn`): the view and the raw results, each result kept
  whole up to :data:`RESULT_BYTES` and cut to its first passages beyond that (a 5 MB retrieval
  must not make every feedback row 5 MB); shared links keep a list of these;
- the **record** (:func:`feedback_snapshot`): the facts a reviewer filters, reads and exports:
  prompt, answer, every cited passage (number, file, page, text), the other retrieved passages,
  the tools called with their arguments, indexes, backend, usage and timings, ids, who and when.

Pure apart from the clock it is given; slow for big results, so callers run it in a thread.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

from pydantic import TypeAdapter

from chat_ui.i18n.message import parse, render
from chat_ui.access.visitor import Visitor
from chat_ui.citations import cited_numbers
from chat_ui.store.feedback import Snapshot
from chat_ui.views import TurnView, hit_view, passage_rows, thinking_label

VERSION = 1
RESULT_BYTES = 1_000_000  # a raw result kept whole up to this size (JSON)
KEPT_PASSAGES = 200  # retrieved passages the record lists beside the cited ones
PASSAGE_CHARS = 6000  # text kept per passage (a chunk is about 700 characters locally)
NOTE = "chat_ui_note"  # says what a cut result left out

_view = TypeAdapter(TurnView)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def iso(when: float) -> str:
    return datetime.fromtimestamp(when, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def answer_of(view: TurnView) -> str:
    return "\n\n".join(b.text for b in view.blocks if b.kind == "text" and b.text)


def kept_result(result: Any, limit: int = RESULT_BYTES) -> Any:
    """``result`` whole when it is small enough; else a retrieval result's first passages (their
    rows keep their places, so a citation of one still finds it) and a note of what was left out."""
    size = len(dumps(result))
    if size <= limit:
        return result
    rows = result.get("results") if isinstance(result, dict) else None
    if not isinstance(rows, list):
        return {NOTE: f"This result ({size:,} bytes) was too large to keep in the snapshot."}
    kept, total = 0, 0
    for row in rows:
        total += len(dumps(row)) + 1
        if total > limit:
            break
        kept += 1
    rest = {k: v for k, v in result.items() if k != "results"}
    return {**rest, "results": rows[:kept], NOTE: f"{len(rows) - kept:,} more passages were not kept in this snapshot."}


def rendered_turn(view: TurnView, results: dict[str, Any]) -> dict[str, Any]:
    """The turn as the page showed it, and the raw results its cards, citations and raw views read."""
    return {"view": asdict(view), "results": {key: kept_result(r) for key, r in results.items()}}


def view_of(rendered: dict[str, Any]) -> TurnView:
    view = rendered["view"]
    if any(isinstance(b, dict) and "duration" in b and "duration_ms" not in b for b in view.get("blocks") or ()):
        view = {**view, "blocks": [_thinking_ms(b) for b in view["blocks"]]}
    return _view.validate_python(view)


_THOUGHT = re.compile(r"Thought for (?:(\d+) min (\d+) s|([\d.]+) s)$")


def _thinking_ms(block: Any) -> Any:
    """A snapshot taken when a thinking block carried its English label ("Thought for 1.2 s"),
    before it carried the milliseconds: the time read back from the label."""
    if not isinstance(block, dict) or "duration_ms" in block or not isinstance(block.get("duration"), str):
        return block
    m = _THOUGHT.match(block["duration"])
    if m is None:
        return block
    ms = (int(m[1]) * 60 + int(m[2])) * 1000 if m[1] else float(m[3]) * 1000
    return {**block, "duration_ms": float(ms)}


def passages(view: TurnView, results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every passage of the turn under the number its cards and citations give it (the rule of
    :func:`chat_ui.views.first_numbers`, counted from the results themselves)."""
    out: list[dict[str, Any]] = []
    number = 1
    for block in view.blocks:
        if block.kind != "tool":
            continue
        rows = passage_rows(results.get(block.key))
        if not rows:
            number += block.passage_count  # a result not read: its numbers stay taken
            continue
        for j, (row_index, row) in enumerate(rows):
            hit = hit_view(row, number + j, row_index)
            text = str(row.get("content") or "").strip()
            out.append({
                "number": hit.number, "file": hit.file, "page": hit.page, "score": hit.score,
                "text": text[:PASSAGE_CHARS], "tool": block.key, "row": row_index,
                "image_source": hit.image_source, "image_name": hit.image_name,
            })
        number += len(rows)
    return out


def _arguments(pretty: str) -> Any:
    try:
        return json.loads(pretty)
    except ValueError:
        return pretty  # cut for the page; the cut text is what there is


def index_ids(view: TurnView, bound: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The chat's indexes and every index a tool was asked to search."""
    found = list(bound)
    for block in view.blocks:
        if block.kind == "tool":
            args = _arguments(block.tool_args)
            if isinstance(args, dict) and isinstance(args.get("index_id"), str):
                found.append(args["index_id"])
    return tuple(dict.fromkeys(i for i in found if i))


def feedback_snapshot(view: TurnView, results: dict[str, Any], *, session_id: str, ordinal: int, bound: list[str],
                      backend: str, who: Visitor, when: float, timings: dict[str, Any] | None = None) -> Snapshot:
    """What a new feedback stores: the record and the rendered turn."""
    answer = answer_of(view)
    numbered = passages(view, results)
    cited_order = cited_numbers(answer)
    by_number = {p["number"]: p for p in numbered}
    cited = [by_number[n] for n in cited_order if n in by_number]
    others = [p for p in numbered if p["number"] not in set(cited_order)]
    indexes = index_ids(view, bound)
    record = {
        "version": VERSION,
        "session_id": session_id,
        "turn": ordinal,
        "turn_key": view.key,
        "prompt": view.prompt,
        "answer": answer,
        "status": view.status,
        "error": view.error,
        "cited": cited,
        "cited_missing": [n for n in cited_order if n not in by_number],
        "passages": others[:KEPT_PASSAGES],
        "passages_left_out": max(0, len(others) - KEPT_PASSAGES),
        "thinking": [b.text for b in view.blocks if b.kind == "thinking" and b.text],
        "tools": [{"name": b.tool_name, "arguments": _arguments(b.tool_args), "status": b.tool_status,
                   "summary": render("en", b.tool_summary)} for b in view.blocks if b.kind == "tool"],
        "indexes": list(indexes),
        "skipped_indexes": _skipped(view.skipped),
        "backend": backend,
        "usage": {"input_tokens": view.input_tokens, "output_tokens": view.output_tokens, "turns": view.turns,
                  "duration_ms": view.duration_ms} if view.has_usage else None,
        "timings": {"thinking": [thinking_label(b) for b in view.blocks if b.kind == "thinking"], **(timings or {})},
        "who": {"owner": who.owner, "account_id": who.account_id, "name": who.name, "email": who.email},
        "when": iso(when),
    }
    return Snapshot(record=dumps(record), rendered=dumps(rendered_turn(view, results)), prompt=view.prompt,
                    answer=answer, backend=backend, index_ids=indexes)


def _skipped(kept: str) -> list[str]:
    """The names of the indexes a turn could not search (its kept ``turn.skipped`` message)."""
    found = parse(kept)
    names = found[1].get("names", []) if found else []
    return [str(n) for n in names] if isinstance(names, list) else []
