"""Feedback on answers: one per person and turn, its reasons, and the snapshot taken when it was
given; and the review's reads of it (newest first, filtered, counted, exported a batch at a time).

The snapshot is written once, with the first rating; changing the rating, the tags or the
comment later updates only those. Withdrawing deletes the row. The snapshot is two JSON texts the
caller builds (:mod:`chat_ui.quality.snapshot`): ``record`` (the facts) and ``rendered`` (what the
page showed); lists and counts never read them.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import Connection, Select, delete, func, or_, select, tuple_, update

from chat_ui import page_token
from chat_ui.store.engine import reading, run, writing
from chat_ui.store.models import feedback, feedback_indexes, feedback_tags

RATINGS = ("good", "bad")


@dataclass(frozen=True)
class Feedback:
    id: str
    owner: str
    person: str
    email: str
    session_id: str
    ordinal: int
    rating: str
    tags: tuple[str, ...]
    comment: str
    prompt: str
    answer: str
    backend: str
    index_ids: tuple[str, ...]
    created_at: float
    updated_at: float


@dataclass(frozen=True)
class Snapshot:
    """What a new feedback stores beside its rating: built by the caller, read back by the review."""

    record: str  # JSON
    rendered: str  # JSON
    prompt: str
    answer: str
    backend: str
    index_ids: tuple[str, ...]


@dataclass(frozen=True)
class Given:
    """Who gives which rating to which turn."""

    owner: str
    session_id: str
    ordinal: int
    rating: str
    tags: tuple[str, ...] = ()
    comment: str = ""
    person: str = ""
    email: str = ""


@dataclass(frozen=True)
class FeedbackFilter:
    """The review's filters; empty fields filter nothing. Times are Unix seconds, ``until`` excluded."""

    rating: str = ""
    tag: str = ""
    index_id: str = ""
    owner: str = ""
    since: float | None = None
    until: float | None = None
    text: str = ""  # in the prompt, the answer or the comment, any case


@dataclass(frozen=True)
class Counts:
    """Good and bad per day (newest first) and per index, in the filtered set."""

    days: list[tuple[str, int, int]] = field(default_factory=list)  # (YYYY-MM-DD, good, bad)
    indexes: list[tuple[str, int, int]] = field(default_factory=list)  # (index id, good, bad)

    @property
    def good(self) -> int:
        return sum(g for _, g, _ in self.days)

    @property
    def bad(self) -> int:
        return sum(b for _, _, b in self.days)


def utc_day(when: float) -> str:
    return datetime.fromtimestamp(when, timezone.utc).strftime("%Y-%m-%d")


_COLUMNS = [c for c in feedback.c if c.name not in ("record", "rendered")]


def _rows(conn: Connection, rows) -> list[Feedback]:
    rows = list(rows)
    ids = [r.id for r in rows]
    tags: dict[str, list[str]] = {}
    indexes: dict[str, list[str]] = {}
    if ids:
        for fid, tag in conn.execute(select(feedback_tags.c.feedback_id, feedback_tags.c.tag)
                                     .where(feedback_tags.c.feedback_id.in_(ids)).order_by(feedback_tags.c.tag)):
            tags.setdefault(fid, []).append(tag)
        for fid, index_id in conn.execute(select(feedback_indexes.c.feedback_id, feedback_indexes.c.index_id)
                                          .where(feedback_indexes.c.feedback_id.in_(ids)).order_by(feedback_indexes.c.index_id)):
            indexes.setdefault(fid, []).append(index_id)
    return [
        Feedback(id=r.id, owner=r.owner, person=r.person, email=r.email, session_id=r.session_id, ordinal=int(r.ordinal),
                 rating=r.rating, tags=tuple(tags.get(r.id, ())), comment=r.comment, prompt=r.prompt, answer=r.answer,
                 backend=r.backend, index_ids=tuple(indexes.get(r.id, ())), created_at=float(r.created_at),
                 updated_at=float(r.updated_at))
        for r in rows
    ]


def _set_tags(conn: Connection, feedback_id: str, tags: Iterable[str]) -> None:
    conn.execute(delete(feedback_tags).where(feedback_tags.c.feedback_id == feedback_id))
    rows = [{"feedback_id": feedback_id, "tag": t} for t in dict.fromkeys(tags)]
    if rows:
        conn.execute(feedback_tags.insert(), rows)


def _mine(conn: Connection, owner: str, session_id: str, ordinal: int | None = None):
    query = select(*_COLUMNS).where(feedback.c.owner == owner, feedback.c.session_id == session_id)
    if ordinal is not None:
        query = query.where(feedback.c.ordinal == ordinal)
    return conn.execute(query).all()


def _update(given: Given, now: float) -> Feedback | None:
    with writing() as conn:
        found = _mine(conn, given.owner, given.session_id, given.ordinal)
        if not found:
            return None
        fid = found[0].id
        conn.execute(update(feedback).where(feedback.c.id == fid).values(
            rating=given.rating, comment=given.comment, updated_at=now))
        _set_tags(conn, fid, given.tags)
        return _rows(conn, _mine(conn, given.owner, given.session_id, given.ordinal))[0]


def _rate(owner: str, session_id: str, ordinal: int, rating: str, now: float) -> Feedback | None:
    with writing() as conn:
        changed = conn.execute(update(feedback).where(
            feedback.c.owner == owner, feedback.c.session_id == session_id, feedback.c.ordinal == ordinal,
        ).values(rating=rating, updated_at=now)).rowcount
        return _rows(conn, _mine(conn, owner, session_id, ordinal))[0] if changed else None


def _create(given: Given, snap: Snapshot, now: float) -> Feedback:
    with writing() as conn:
        found = _mine(conn, given.owner, given.session_id, given.ordinal)
        if found:  # another tab of the same person was first: its snapshot stays, this rating wins
            fid = found[0].id
            conn.execute(update(feedback).where(feedback.c.id == fid).values(
                rating=given.rating, comment=given.comment, updated_at=now))
        else:
            fid = secrets.token_hex(16)
            conn.execute(feedback.insert().values(
                id=fid, owner=given.owner, person=given.person, email=given.email, session_id=given.session_id,
                ordinal=given.ordinal, rating=given.rating, comment=given.comment, prompt=snap.prompt,
                answer=snap.answer, backend=snap.backend, record=snap.record, rendered=snap.rendered,
                created_at=now, updated_at=now, day=utc_day(now)))
            rows = [{"feedback_id": fid, "index_id": i} for i in dict.fromkeys(snap.index_ids)]
            if rows:
                conn.execute(feedback_indexes.insert(), rows)
        _set_tags(conn, fid, given.tags)
        return _rows(conn, _mine(conn, given.owner, given.session_id, given.ordinal))[0]


def _withdraw(owner: str, session_id: str, ordinal: int) -> bool:
    with writing() as conn:
        return bool(conn.execute(delete(feedback).where(
            feedback.c.owner == owner, feedback.c.session_id == session_id, feedback.c.ordinal == ordinal)).rowcount)


def _of_session(owner: str, session_id: str) -> dict[int, Feedback]:
    with reading() as conn:
        return {f.ordinal: f for f in _rows(conn, _mine(conn, owner, session_id))}


def _ratings(owner: str, session_id: str) -> dict[int, str]:
    with reading() as conn:
        return dict(conn.execute(select(feedback.c.ordinal, feedback.c.rating)
                                 .where(feedback.c.owner == owner, feedback.c.session_id == session_id)).all())


def _get(feedback_id: str) -> tuple[Feedback, str, str] | None:
    with reading() as conn:
        row = conn.execute(select(*_COLUMNS, feedback.c.record, feedback.c.rendered)
                           .where(feedback.c.id == feedback_id)).one_or_none()
        return (_rows(conn, [row])[0], row.record, row.rendered) if row is not None else None


# ---------------------------------------------------------------------------- review


def _filtered(query: Select, f: FeedbackFilter) -> Select:
    if f.rating in RATINGS:
        query = query.where(feedback.c.rating == f.rating)
    if f.tag:
        query = query.where(feedback.c.id.in_(select(feedback_tags.c.feedback_id).where(feedback_tags.c.tag == f.tag)))
    if f.index_id:
        query = query.where(feedback.c.id.in_(
            select(feedback_indexes.c.feedback_id).where(feedback_indexes.c.index_id == f.index_id)))
    if f.owner:
        query = query.where(feedback.c.owner == f.owner)
    if f.since is not None:
        query = query.where(feedback.c.created_at >= f.since)
    if f.until is not None:
        query = query.where(feedback.c.created_at < f.until)
    text = f.text.strip()
    if text:
        query = query.where(or_(*(c.icontains(text, autoescape=True)
                                  for c in (feedback.c.prompt, feedback.c.answer, feedback.c.comment))))
    return query


def _after(query: Select, token: str | None) -> Select:
    if token:
        when, fid = page_token.decode(token)
        when = float(when)
        # A row value, which both databases read off the (created_at, id) index in one range scan.
        query = query.where(tuple_(feedback.c.created_at, feedback.c.id) < tuple_(when, fid))
    return query.order_by(feedback.c.created_at.desc(), feedback.c.id.desc())


def _page(f: FeedbackFilter, size: int, token: str | None) -> tuple[list[Feedback], str | None]:
    with reading() as conn:
        rows = conn.execute(_after(_filtered(select(*_COLUMNS), f), token).limit(size + 1)).all()
        more = len(rows) > size
        page = _rows(conn, rows[:size])
    return page, (page_token.encode(page[-1].created_at, page[-1].id) if more and page else None)


def _export_batch(f: FeedbackFilter, size: int, token: str | None) -> tuple[list[tuple[Feedback, str]], str | None]:
    with reading() as conn:
        rows = conn.execute(_after(_filtered(select(*_COLUMNS, feedback.c.record), f), token).limit(size)).all()
        found = _rows(conn, rows)
    batch = [(fb, row.record) for fb, row in zip(found, rows)]
    return batch, (page_token.encode(found[-1].created_at, found[-1].id) if len(rows) == size else None)


def _counts(f: FeedbackFilter) -> Counts:
    with reading() as conn:
        per_day: dict[str, list[int]] = {}
        query = _filtered(select(feedback.c.day, feedback.c.rating, func.count()), f).group_by(feedback.c.day, feedback.c.rating)
        for day, rating, n in conn.execute(query):
            per_day.setdefault(day, [0, 0])[0 if rating == "good" else 1] += n
        per_index: dict[str, list[int]] = {}
        query = _filtered(
            select(feedback_indexes.c.index_id, feedback.c.rating, func.count())
            .select_from(feedback.join(feedback_indexes, feedback_indexes.c.feedback_id == feedback.c.id)), f,
        ).group_by(feedback_indexes.c.index_id, feedback.c.rating)
        for index_id, rating, n in conn.execute(query):
            per_index.setdefault(index_id, [0, 0])[0 if rating == "good" else 1] += n
    return Counts(
        days=[(d, g, b) for d, (g, b) in sorted(per_day.items(), reverse=True)],
        indexes=[(i, g, b) for i, (g, b) in sorted(per_index.items(), key=lambda kv: (-sum(kv[1]), kv[0]))],
    )


def _choices() -> tuple[list[tuple[str, str, str]], list[str]]:
    with reading() as conn:
        people = conn.execute(select(feedback.c.owner, func.max(feedback.c.person), func.max(feedback.c.email))
                              .group_by(feedback.c.owner)).all()
        indexes = conn.execute(select(feedback_indexes.c.index_id).distinct().order_by(feedback_indexes.c.index_id)).scalars().all()
    return [(o, p or "", e or "") for o, p, e in people], list(indexes)


# ---------------------------------------------------------------------------- async surface


async def update_given(given: Given) -> Feedback | None:
    """Change the rating, tags and comment of feedback already given; None when there is none yet
    (the caller then takes a snapshot and calls :func:`create`)."""
    return await run(_update, given, time.time())


async def rate(owner: str, session_id: str, ordinal: int, rating: str) -> Feedback | None:
    """Change only the rating of feedback already given (its reasons stay); None when there is none."""
    return await run(_rate, owner, session_id, ordinal, rating, time.time())


async def create(given: Given, snapshot: Snapshot) -> Feedback:
    return await run(_create, given, snapshot, time.time())


async def withdraw(owner: str, session_id: str, ordinal: int) -> bool:
    return await run(_withdraw, owner, session_id, ordinal)


async def of_session(owner: str, session_id: str) -> dict[int, Feedback]:
    """This person's feedback in one chat, by turn."""
    return await run(_of_session, owner, session_id)


async def ratings(owner: str, session_id: str) -> dict[int, str]:
    """This person's rating of each turn of one chat: what the chat page shows, read at each open
    without the texts, tags and indexes :func:`of_session` reads too."""
    return await run(_ratings, owner, session_id)


async def get(feedback_id: str) -> tuple[Feedback, str, str] | None:
    """One feedback with its snapshot's ``record`` and ``rendered`` JSON."""
    return await run(_get, feedback_id) if feedback_id else None


async def page(f: FeedbackFilter, size: int, token: str | None = None) -> tuple[list[Feedback], str | None]:
    """Newest first; raises ValueError for a token this store did not make."""
    return await run(_page, f, size, token)


async def export_batch(f: FeedbackFilter, size: int, token: str | None = None) -> tuple[list[tuple[Feedback, str]], str | None]:
    """The next ``size`` rows with their ``record`` JSON, and the token of the batch after them."""
    return await run(_export_batch, f, size, token)


async def counts(f: FeedbackFilter) -> Counts:
    return await run(_counts, f)


async def choices() -> tuple[list[tuple[str, str, str]], list[str]]:
    """Who gave feedback ``(owner, name, email)`` and the indexes it covers: the filters' options."""
    return await run(_choices)
