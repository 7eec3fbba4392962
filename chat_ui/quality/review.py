"""The review: feedback as the review page lists, counts and opens it.

Pure views of the store's rows, the filters as the page gives them (strings from its controls)
turned into a store filter, and one feedback's snapshot read back (parsed once per worker for the
few answers last opened).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from chat_ui.quality.snapshot import view_of
from chat_ui.store import feedback as store
from chat_ui.store.feedback import Counts, Feedback, FeedbackFilter
from chat_ui.views import TurnView

REVIEW_PATH = "/review"
ANSWER_PATH = "/review/answer"
USAGE_PATH = "/review/usage"
PAGE_SIZE = 50
TEXT_LIMIT = 200  # characters of the text filter
SNIP = 160
KEEP = 8  # opened snapshots kept parsed per worker
RATINGS = ("good", "bad")


def feedback_id_from_path(path: str) -> str:
    """``/review/answer/<id>`` → ``<id>``; any other path → ""."""
    parts = [p for p in path.split("/") if p]
    return parts[2] if len(parts) == 3 and parts[:2] == ["review", "answer"] else ""


def person_label(owner: str, name: str, email: str) -> str:
    """Who, as a reviewer reads it: the name, else the email, else a pseudonym for a browser."""
    if name and email:
        return f"{name} <{email}>"
    if name or email:
        return name or email
    return f"Anonymous {owner[:8]}" if owner else "Anonymous"


def person_view(owner: str, name: str, email: str) -> tuple[str, str]:
    """Who, for the page: ``(label, pseudonym)``, the label "" for a browser without an account,
    which the page then names "Anonymous <pseudonym>" in the reader's language."""
    label = person_label(owner, name, email) if name or email else ""
    return label, "" if label else owner[:8]


_MARKS = re.compile(r"(\*\*|__|`+|^#+\s|\[(\d+(?:\s*,\s*\d+)*)\])", re.M)


def _snip(text: str, limit: int = SNIP) -> str:
    """One line of ``text`` (an answer's markdown marks and citation markers left out)."""
    one = " ".join(_MARKS.sub("", text).split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def _day_start(value: str) -> float:
    return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp()


def to_filter(*, rating: str = "", tag: str = "", index_id: str = "", owner: str = "", since: str = "",
              until: str = "", text: str = "") -> tuple[FeedbackFilter, str]:
    """The store filter for the page's controls, and what was wrong with them: a message id of the
    catalogs ("" when nothing). Dates are UTC days, both included."""
    error = ""
    start = end = None
    try:
        start = _day_start(since) if since else None
        end = _day_start(until) + 86400 if until else None
    except ValueError:
        error = "review.error_date_format"
    if start is not None and end is not None and end <= start:
        error, start, end = "review.error_date_order", None, None
    f = FeedbackFilter(
        rating=rating if rating in RATINGS else "", tag=tag[:100], index_id=index_id[:200], owner=owner[:200],
        since=start, until=end, text=text.strip()[:TEXT_LIMIT],
    )
    return f, error


@dataclass
class ReviewRow:
    id: str = ""
    href: str = ""
    when_iso: str = ""  # the page says it relative to now, in the reader's language
    when_at: float = 0.0  # Unix seconds, for the tooltip's date in the reader's format
    person: str = ""  # name or email; "" for a browser without an account (then ``anon``)
    anon: str = ""
    rating: str = ""  # good | bad
    tags: list[str] = field(default_factory=list)
    comment: str = ""
    prompt: str = ""
    answer: str = ""
    indexes: str = ""


def row_view(fb: Feedback) -> ReviewRow:
    when = datetime.fromtimestamp(fb.created_at, timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")
    person, anon = person_view(fb.owner, fb.person, fb.email)
    return ReviewRow(
        id=fb.id, href=f"{ANSWER_PATH}/{fb.id}", when_iso=when + "Z", when_at=fb.created_at,
        person=person, anon=anon, rating=fb.rating,
        tags=list(fb.tags), comment=_snip(fb.comment, 240), prompt=_snip(fb.prompt), answer=_snip(fb.answer, 240),
        indexes=", ".join(fb.index_ids),
    )


@dataclass
class CountRow:
    label: str = ""
    good: int = 0
    bad: int = 0
    bad_ratio: float = -1.0  # of the row's total (0.25); -1 when there is none. The page writes it "25 %"
    good_pct: int = 0  # of the row's total, for its bar
    bad_pct: int = 0


def share_of(part: int, total: int) -> float:
    return part / total if total else -1.0


def count_rows(rows: list[tuple[str, int, int]]) -> list[CountRow]:
    out = []
    for label, good, bad in rows:
        total = good + bad
        good_pct = round(100 * good / total) if total else 0
        out.append(CountRow(label, good, bad, share_of(bad, total), good_pct, 100 - good_pct if total else 0))
    return out


@dataclass
class Totals:
    good: int = 0
    bad: int = 0
    bad_ratio: float = -1.0


def totals_of(counts: Counts) -> Totals:
    return Totals(counts.good, counts.bad, share_of(counts.bad, counts.good + counts.bad))


def last_days(days: int, today: datetime | None = None) -> tuple[str, str]:
    """``(first, last)`` UTC days of the ``days`` days up to today."""
    today = (today or datetime.now(timezone.utc)).date()
    return (today - timedelta(days=days - 1)).isoformat(), today.isoformat()


# ---------------------------------------------------------------------------- one answer


@dataclass(frozen=True)
class Opened:
    """One feedback as its answer page shows it."""

    feedback: Feedback
    record: dict[str, Any]
    view: TurnView
    results: dict[str, Any]


def _parse(found: tuple[Feedback, str, str]) -> Opened:
    fb, record, rendered = found
    data = json.loads(rendered)
    return Opened(fb, json.loads(record), view_of(data), data.get("results") or {})


_opened: OrderedDict[tuple[str, float], Opened] = OrderedDict()


async def open_feedback(feedback_id: str) -> Opened | None:
    """The feedback and its snapshot; None when there is none (withdrawn, or never given).
    The caller has checked the reviewer may see it."""
    found = await store.get(feedback_id)
    if found is None:
        return None
    key = (found[0].id, found[0].updated_at)
    opened = _opened.get(key)
    if opened is None:
        opened = _opened[key] = await asyncio.to_thread(_parse, found)
        while len(_opened) > KEEP:
            _opened.popitem(last=False)
    _opened.move_to_end(key)
    return opened
