"""The review pages: feedback newest first with its filters and counts (``/review``), one answer
opened from its snapshot (``/review/answer/<id>``), and usage per person and day
(``/review/usage``).

Only a reviewer (:func:`chat_ui.quality.settings.may_review`) gets anything: every handler asks,
itself, and anyone else gets the page every unknown address gets, with nothing of the review sent.
Exports are links to a streamed download (:mod:`chat_ui.quality.http`), made here for the
reviewer and the filters on the page.
"""

from __future__ import annotations

import reflex as rx

from chat_ui.access.visitor import visitor_of
from chat_ui.quality.http import export_link, feedback_params
from chat_ui.quality.review import (
    PAGE_SIZE, CountRow, ReviewRow, Totals, count_rows, feedback_id_from_path, last_days, open_feedback,
    person_view, row_view, to_filter, totals_of,
)
from chat_ui.quality.settings import feedback_tags, may_review
from chat_ui.quality.usage import UsageRow, usage_row
from chat_ui.store import feedback as store
from chat_ui.store import usage as usage_store
from chat_ui.views import TurnView

ANY = "any"  # the "no filter" choice of a select (Radix selects have no empty value)
USAGE_DAYS = ("7", "30", "90")


class ReviewState(rx.State):
    allowed: bool = False
    checked: bool = False  # the visitor was asked for; until then the page shows nothing
    rating: str = ANY
    tag: str = ANY
    index_id: str = ANY
    person: str = ANY
    since: str = ""  # YYYY-MM-DD, UTC
    until: str = ""
    text: str = ""
    filter_error: str = ""  # a message id of the catalogs, "" when the filters are fine
    rows: list[ReviewRow] = []
    next_token: str = ""
    loading: bool = False
    days: list[CountRow] = []
    indexes: list[CountRow] = []
    totals: Totals = Totals()
    people: list[list[str]] = []  # [owner, label, pseudonym]: see person_view
    index_choices: list[str] = []
    tag_choices: list[str] = []
    _query: int = 0  # counts queries, so a slow one never overwrites a later one

    def _filter(self):
        pick = lambda v: "" if v == ANY else v  # noqa: E731
        return to_filter(rating=pick(self.rating), tag=pick(self.tag), index_id=pick(self.index_id),
                         owner=pick(self.person), since=self.since, until=self.until, text=self.text)

    @rx.event(background=True)
    async def load(self):
        async with self:
            allowed = may_review(visitor_of(self.router))
            self.allowed, self.checked = allowed, True
        if not allowed:  # the not-found page sets its own title, in the reader's language
            return
        people, indexes = await store.choices()
        async with self:
            # Named people first, by name; then browsers without an account, by pseudonym.
            self.people = sorted(([o, *person_view(o, n, e)] for o, n, e in people),
                                 key=lambda p: (p[1] == "", p[1].lower(), p[2]))
            self.index_choices = indexes
            self.tag_choices = list(feedback_tags())
        await self._query_rows(reset=True)

    @rx.event(background=True)
    async def set_filter(self, name: str, value: str):
        if name not in ("rating", "tag", "index_id", "person", "since", "until", "text") or not isinstance(value, str):
            return
        async with self:
            setattr(self, name, value[:200])
        await self._query_rows(reset=True)

    @rx.event(background=True)
    async def search(self, value: str):
        """The text filter, as typed (debounced in the browser)."""
        if isinstance(value, str):
            async with self:
                self.text = value[:200]
            await self._query_rows(reset=True)

    @rx.event(background=True)
    async def clear_filters(self):
        async with self:
            self.rating = self.tag = self.index_id = self.person = ANY
            self.since = self.until = self.text = ""
        await self._query_rows(reset=True)

    @rx.event(background=True)
    async def more(self):
        await self._query_rows(reset=False)

    async def _query_rows(self, *, reset: bool) -> None:
        """``self`` is a background task's proxy: the queries run outside the lock."""
        async with self:
            if not may_review(visitor_of(self.router)):
                return
            f, error = self._filter()
            token = None if reset else (self.next_token or None)
            if not reset and token is None:
                return
            self._query += 1
            query = self._query
            self.loading, self.filter_error = True, error
        try:
            rows, next_token = await store.page(f, PAGE_SIZE, token)
        except ValueError:
            rows, next_token = [], None
        counts = await store.counts(f) if reset else None
        async with self:
            self.loading = False
            if query != self._query:
                return
            views = [row_view(r) for r in rows]
            self.rows = views if reset else [*self.rows, *views]
            self.next_token = next_token or ""
            if counts is not None:
                self.days, self.indexes, self.totals = count_rows(counts.days), count_rows(counts.indexes), totals_of(counts)

    @rx.event
    def export(self, fmt: str):
        """Download the filtered feedback (``fmt``: "csv" or "jsonl"), streamed."""
        visitor = visitor_of(self.router)
        if fmt not in ("csv", "jsonl") or not may_review(visitor):
            return None
        f, _ = self._filter()
        return rx.download(url=export_link(visitor, f"feedback.{fmt}", feedback_params(f)))


class ReviewAnswerState(rx.State):
    """One feedback's answer, rendered from its snapshot as it streamed."""

    checked: bool = False
    found: bool = False
    view: TurnView = TurnView()
    rating: str = ""
    tags: list[str] = []
    comment: str = ""
    person: str = ""
    anon: str = ""
    given_at: float = 0.0  # Unix seconds; the page writes the date in the reader's format
    session_id: str = ""
    indexes: str = ""
    backend: str = ""
    first_token_ms: float = -1.0  # -1: not recorded
    duration_ms: float = -1.0
    _opens: int = 0  # opens of this tab: one that is not the latest drops its result

    @rx.event(background=True)
    async def open(self):
        async with self:
            path = self.router.url.path
            visitor = visitor_of(self.router)
            self.checked = False
            self._opens += 1
            opening = self._opens
        feedback_id = feedback_id_from_path(path)
        opened = await open_feedback(feedback_id) if may_review(visitor) and feedback_id else None
        async with self:
            if self._opens != opening:  # another answer was opened meanwhile
                return
            self.checked, self.found = True, opened is not None
            if opened is None:
                self.view = TurnView()
            else:
                fb, record = opened.feedback, opened.record
                self.view = opened.view
                self.rating, self.tags, self.comment = fb.rating, list(fb.tags), fb.comment
                self.person, self.anon = person_view(fb.owner, fb.person, fb.email)
                self.given_at = fb.created_at
                self.session_id, self.indexes, self.backend = fb.session_id, ", ".join(fb.index_ids), fb.backend
                timings = record.get("timings") or {}
                self.first_token_ms, self.duration_ms = _ms(timings.get("first_token_ms")), _ms(timings.get("duration_ms"))


def _ms(value) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 else -1.0


class UsageState(rx.State):
    allowed: bool = False
    checked: bool = False
    days: str = "30"
    rows: list[UsageRow] = []
    loading: bool = False

    @rx.event(background=True)
    async def load(self):
        async with self:
            allowed = may_review(visitor_of(self.router))
            self.allowed, self.checked = allowed, True
            days = int(self.days)
            self.loading = allowed
        if not allowed:
            return
        since, until = last_days(days)
        found = await usage_store.per_person_day(since, until)
        async with self:
            self.rows = [usage_row(d) for d in found]
            self.loading = False

    @rx.event
    def set_days(self, value: str):
        if value in USAGE_DAYS:
            self.days = value
            return UsageState.load
        return None

    @rx.event
    def export(self):
        visitor = visitor_of(self.router)
        if not may_review(visitor):
            return None
        since, until = last_days(int(self.days))
        return rx.download(url=export_link(visitor, "usage.csv", {"since": since, "until": until}))


class ReviewNavState(rx.State):
    """Whether the sidebar offers the review pages to this visitor."""

    can_review: bool = False

    @rx.event
    def check(self):
        allowed = may_review(visitor_of(self.router))
        if allowed != self.can_review:
            self.can_review = allowed
