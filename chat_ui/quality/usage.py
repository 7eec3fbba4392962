"""Usage: one fact per turn when it ends, and per person and day what the usage page shows.

The runner calls :func:`turn_ended` once, after its log has ended: the write happens in a task of
its own, so a slow or failing store never holds a turn's capacity slot or breaks its end.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chat_ui import transcript as t
from chat_ui.backends import backend_kind
from chat_ui.quality.review import person_label, person_view
from chat_ui.store import usage as store
from chat_ui.store.feedback import utc_day
from chat_ui.store.usage import PersonDay, TurnFact

if TYPE_CHECKING:
    from chat_ui.turns.entries import TurnInfo

log = logging.getLogger(__name__)

_writing: set[asyncio.Task] = set()  # strong references until each write is done


def turn_ended(info: TurnInfo, turn: t.Turn, *, first_token_s: float | None, duration_s: float) -> None:
    """Record how the turn went: who, when, tokens, time to first text, duration, outcome."""
    usage = turn.usage
    fact = TurnFact(
        turn_id=info.turn_id, owner=info.owner, session_id=info.session_id, ordinal=info.ordinal,
        backend=backend_kind(), outcome=turn.status, started_at=info.started_at, day=utc_day(info.started_at),
        input_tokens=(usage.total_input_tokens or 0) if usage else 0,
        output_tokens=(usage.total_output_tokens or 0) if usage else 0,
        first_token_ms=first_token_s * 1000 if first_token_s is not None else None, duration_ms=duration_s * 1000,
    )
    task = asyncio.create_task(_record(fact), name=f"usage {info.turn_id}")
    _writing.add(task)
    task.add_done_callback(_writing.discard)


async def _record(fact: TurnFact) -> None:
    try:
        await store.record(fact)
    except Exception:  # noqa: BLE001 - usage is a report; the turn it describes is done and stored
        log.exception("could not record the usage of turn %s", fact.turn_id)


async def flushed() -> None:
    """Wait for the writes under way (tests, shutdown)."""
    if _writing:
        await asyncio.gather(*list(_writing), return_exceptions=True)


def percentile(values: list[float], p: float) -> float | None:
    """Nearest rank of sorted ``values`` (``p`` in 0–100); None for none."""
    if not values:
        return None
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)]


@dataclass
class UsageRow:
    day: str = ""
    owner: str = ""
    person: str = ""  # name or email; "" for a browser without an account (then ``anon``)
    anon: str = ""
    chats: int = 0
    answers: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    errors: int = 0
    # Milliseconds, -1 when there are none; the page writes them in the reader's units.
    first_token_p50: float = -1.0
    first_token_p95: float = -1.0
    duration_p50: float = -1.0
    duration_p95: float = -1.0


def _ms(value: float | None) -> float:
    return value if value is not None else -1.0


def usage_row(day: PersonDay) -> UsageRow:
    person, anon = person_view(day.owner, day.name, day.email)
    return UsageRow(
        day=day.day, owner=day.owner, person=person, anon=anon, chats=day.chats,
        answers=day.answers, input_tokens=day.input_tokens, output_tokens=day.output_tokens,
        errors=day.errors, first_token_p50=_ms(percentile(day.first_token_ms, 50)),
        first_token_p95=_ms(percentile(day.first_token_ms, 95)), duration_p50=_ms(percentile(day.duration_ms, 50)),
        duration_p95=_ms(percentile(day.duration_ms, 95)),
    )


CSV_COLUMNS = ("day", "person", "owner", "chats", "answers", "input_tokens", "output_tokens", "errors",
               "first_token_p50_ms", "first_token_p95_ms", "duration_p50_ms", "duration_p95_ms")


def csv_values(day: PersonDay) -> Iterator[object]:
    """One CSV row of raw numbers (milliseconds, rounded), in :data:`CSV_COLUMNS` order."""

    def ms(value: float | None) -> object:
        return round(value) if value is not None else ""

    yield from (day.day, person_label(day.owner, day.name, day.email), day.owner, day.chats, day.answers,
                day.input_tokens, day.output_tokens, day.errors, ms(percentile(day.first_token_ms, 50)),
                ms(percentile(day.first_token_ms, 95)), ms(percentile(day.duration_ms, 50)),
                ms(percentile(day.duration_ms, 95)))
