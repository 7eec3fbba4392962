"""Per-turn usage facts, written once when a turn ends, and their sums per person and day.

The runner knows how a turn ended and how long it took; the backend's stored session does not say
who asked. One row per turn: who, which chat, when (UTC day), how it ended, tokens, time to the
first streamed text and the turn's whole duration.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, case, func, select

from chat_ui.store.dialect import upsert_many
from chat_ui.store.engine import reading, run, writing
from chat_ui.store.group import GroupWrite
from chat_ui.store.models import accounts, turn_facts

FAILED = ("error", "interrupted")


@dataclass(frozen=True)
class TurnFact:
    turn_id: str
    owner: str
    session_id: str
    ordinal: int
    backend: str
    outcome: str
    started_at: float
    day: str
    input_tokens: int = 0
    output_tokens: int = 0
    first_token_ms: float | None = None
    duration_ms: float = 0.0


@dataclass
class PersonDay:
    """One person's day: counts and sums, and the timings (sorted) for percentiles."""

    day: str
    owner: str
    name: str = ""
    email: str = ""
    chats: int = 0
    answers: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    errors: int = 0
    first_token_ms: list[float] = field(default_factory=list)
    duration_ms: list[float] = field(default_factory=list)


_FIELDS = list(TurnFact.__dataclass_fields__)


def _record_all(facts: list[TurnFact]) -> None:
    rows = list({f.turn_id: {k: getattr(f, k) for k in _FIELDS} for f in facts}.values())
    with writing() as conn:
        upsert_many(conn, turn_facts, rows, ["turn_id"], [k for k in _FIELDS if k != "turn_id"])


_ended: GroupWrite[TurnFact] = GroupWrite(_record_all, "usage.record")


def _of_turn(session_id: str, ordinal: int) -> TurnFact | None:
    with reading() as conn:
        row = conn.execute(select(turn_facts).where(turn_facts.c.session_id == session_id, turn_facts.c.ordinal == ordinal)
                           .order_by(turn_facts.c.started_at.desc()).limit(1)).one_or_none()
        return TurnFact(**row._asdict()) if row is not None else None


def _names(conn: Connection, owners: set[str]) -> dict[str, tuple[str, str]]:
    """Names and emails of the account owners among ``owners`` (``acct:<id>``)."""
    ids = [o.removeprefix("acct:") for o in owners if o.startswith("acct:")]
    if not ids:
        return {}
    rows = conn.execute(select(accounts.c.id, accounts.c.name, accounts.c.email).where(accounts.c.id.in_(ids)))
    return {f"acct:{i}": (n or "", e or "") for i, n, e in rows}


def _per_person_day(since_day: str, until_day: str, owner: str) -> list[PersonDay]:
    where = [turn_facts.c.day >= since_day, turn_facts.c.day <= until_day]
    if owner:
        where.append(turn_facts.c.owner == owner)
    key = (turn_facts.c.day, turn_facts.c.owner)
    with reading() as conn:
        failed = func.sum(case((turn_facts.c.outcome.in_(FAILED), 1), else_=0))
        totals = conn.execute(
            select(*key, func.count(turn_facts.c.session_id.distinct()), func.count(),
                   func.coalesce(func.sum(turn_facts.c.input_tokens), 0),
                   func.coalesce(func.sum(turn_facts.c.output_tokens), 0), failed)
            .where(*where).group_by(*key)
        ).all()
        out = {(d, o): PersonDay(d, o, chats=c, answers=a, input_tokens=int(i), output_tokens=int(t), errors=int(e or 0))
               for d, o, c, a, i, t, e in totals}
        timings = conn.execute(
            select(*key, turn_facts.c.first_token_ms, turn_facts.c.duration_ms).where(*where)
            .order_by(*key, turn_facts.c.duration_ms)
        )
        for d, o, first, duration in timings:
            row = out[(d, o)]
            row.duration_ms.append(float(duration))
            if first is not None:
                row.first_token_ms.append(float(first))
        names = _names(conn, {o for _, o in out})
    for row in out.values():
        row.first_token_ms.sort()
        row.name, row.email = names.get(row.owner, ("", ""))
    return sorted(out.values(), key=lambda r: (r.day, r.answers, r.owner), reverse=True)


async def record(fact: TurnFact) -> None:
    """Written with the facts of the turns ending meanwhile, in one transaction."""
    await _ended.add(fact)


async def of_turn(session_id: str, ordinal: int) -> TurnFact | None:
    """The latest run of the chat's turn at ``ordinal`` (its timings for a feedback snapshot)."""
    return await run(_of_turn, session_id, ordinal)


async def per_person_day(since_day: str, until_day: str, owner: str = "") -> list[PersonDay]:
    """Every person's days between the two UTC dates (both included), newest first."""
    return await run(_per_person_day, since_day, until_day, owner)
