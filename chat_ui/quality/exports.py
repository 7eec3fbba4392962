"""The review's exports: the filtered feedback as CSV or JSON Lines, and usage as CSV.

Streamed: the store is read a batch at a time (newest first, by its keyset cursor) and each batch
is written and sent before the next is read, so an export of 100,000 rows holds one batch.
A CSV cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
return first) gets a leading apostrophe: prompts and comments are anyone's text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Iterable
from typing import Any

from chat_ui.quality.review import person_label
from chat_ui.quality.snapshot import iso
from chat_ui.quality.usage import CSV_COLUMNS as USAGE_COLUMNS
from chat_ui.quality.usage import csv_values
from chat_ui.store import feedback as store
from chat_ui.store import usage as usage_store
from chat_ui.store.feedback import Feedback, FeedbackFilter

BATCH = 200
FORMATS = {"csv": ("csv", "text/csv; charset=utf-8"), "jsonl": ("jsonl", "application/x-ndjson; charset=utf-8")}
FEEDBACK_COLUMNS = ("id", "given_at", "updated_at", "person", "email", "owner", "session_id", "turn", "rating", "tags",
                    "comment", "prompt", "answer", "cited", "indexes", "backend", "input_tokens", "output_tokens",
                    "agent_duration_ms")
_FORMULA = frozenset("=+-@\t\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA else text


def csv_lines(rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for values in rows:
        writer.writerow([safe_cell(v) for v in values])
    return out.getvalue()


def csv_line(values: Iterable[Any]) -> str:
    return csv_lines([values])


def _cited(record: dict[str, Any]) -> str:
    """``[1] q3-report.pdf p. 3; [4] handbook.md``: what the answer cited, where."""
    parts = []
    for p in record.get("cited") or []:
        where = p.get("file") or "Untitled"
        parts.append(f"[{p.get('number')}] {where}" + (f" p. {p['page']}" if p.get("page") else ""))
    return "; ".join(parts)


def feedback_values(fb: Feedback, record: dict[str, Any]) -> list[Any]:
    usage = record.get("usage") or {}
    return [fb.id, iso(fb.created_at), iso(fb.updated_at), person_label(fb.owner, fb.person, fb.email), fb.email,
            fb.owner, fb.session_id, fb.ordinal, fb.rating, "; ".join(fb.tags), fb.comment, fb.prompt, fb.answer,
            _cited(record), "; ".join(fb.index_ids), fb.backend, usage.get("input_tokens", ""),
            usage.get("output_tokens", ""), round(usage["duration_ms"]) if usage.get("duration_ms") else ""]


def feedback_json(fb: Feedback, record: dict[str, Any]) -> str:
    """One line: the feedback and its whole record (cited and other passages with their text)."""
    line = {"id": fb.id, "given_at": iso(fb.created_at), "updated_at": iso(fb.updated_at),
            "person": person_label(fb.owner, fb.person, fb.email), "email": fb.email, "owner": fb.owner,
            "session_id": fb.session_id, "turn": fb.ordinal, "rating": fb.rating, "tags": list(fb.tags),
            "comment": fb.comment, "snapshot": record}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


async def feedback_export(f: FeedbackFilter, fmt: str, batch: int = BATCH) -> AsyncIterator[bytes]:
    """The filtered feedback, newest first, as ``fmt`` ("csv" or "jsonl"), a batch at a time."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if fmt == "csv":
        yield ("\ufeff" + csv_line(FEEDBACK_COLUMNS)).encode()  # the BOM: spreadsheets then read UTF-8
    token: str | None = None
    while True:
        rows, token = await store.export_batch(f, batch, token)
        if fmt == "csv":
            chunk = csv_lines(feedback_values(fb, json.loads(rec)) for fb, rec in rows)
        else:
            chunk = "".join(feedback_json(fb, json.loads(rec)) for fb, rec in rows)
        if chunk:
            yield chunk.encode()
        if token is None:
            return


async def usage_export(since_day: str, until_day: str, owner: str = "") -> AsyncIterator[bytes]:
    """Usage per person and day as CSV (one query: a day's row per person is small)."""
    days = await usage_store.per_person_day(since_day, until_day, owner)
    yield ("\ufeff" + csv_line(USAGE_COLUMNS)).encode()
    for start in range(0, len(days), BATCH):
        yield csv_lines(csv_values(d) for d in days[start:start + BATCH]).encode()
