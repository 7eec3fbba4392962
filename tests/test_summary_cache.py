"""The list's summaries, kept a few seconds per worker: a reload reads none again from the backend,
and what changes a summary (a turn, a title, a delete) is read afresh."""

from __future__ import annotations

import asyncio

import pytest

from chat_ui.access import policy
from chat_ui.api import summary_cache
from chat_ui.api.errors import ChatAPIError
from chat_ui.api.models import SessionSummary
from chat_ui.store import owners


class CountingBackend:
    """Summaries by id; counts what it is asked."""

    def __init__(self, titles: dict[str, str]) -> None:
        self.titles = titles
        self.asked: list[str] = []
        self.fail = False

    async def get_summary(self, session_id: str) -> SessionSummary:
        self.asked.append(session_id)
        if self.fail:
            raise ChatAPIError("away")
        return SessionSummary(session_id=session_id, last_updated_at="2026-12-01T10:00:00",
                              generated_title=self.titles[session_id])


def test_a_summary_is_read_once_while_fresh_then_again(monkeypatch):
    backend = CountingBackend({"ses-1": "Leave"})
    now = [1000.0]
    monkeypatch.setattr(summary_cache, "_now", lambda: now[0])

    async def go() -> None:
        assert (await summary_cache.read(backend, "ses-1")).generated_title == "Leave"
        assert (await summary_cache.read(backend, "ses-1")).generated_title == "Leave"
        assert backend.asked == ["ses-1"]
        backend.titles["ses-1"] = "Parental leave"
        now[0] += summary_cache.TTL_S + 0.1
        assert (await summary_cache.read(backend, "ses-1")).generated_title == "Parental leave"
        assert backend.asked == ["ses-1", "ses-1"]

    asyncio.run(go())


def test_forgetting_reads_it_afresh_and_a_failure_is_not_kept():
    backend = CountingBackend({"ses-1": "Leave"})

    async def go() -> None:
        await summary_cache.read(backend, "ses-1")
        summary_cache.forget("ses-1")
        backend.fail = True
        with pytest.raises(ChatAPIError):
            await summary_cache.read(backend, "ses-1")
        backend.fail = False
        await summary_cache.read(backend, "ses-1")
        assert backend.asked == ["ses-1", "ses-1", "ses-1"]

    asyncio.run(go())


def test_the_list_read_again_asks_the_backend_for_nothing(monkeypatch):
    backend = CountingBackend({f"ses-{i}": f"Chat {i}" for i in range(5)})

    async def go() -> None:
        for i in range(5):
            await owners.claim("owner-a", f"ses-{i}")
        first = await policy.session_page(backend, "owner-a", 20, None)
        again = await policy.session_page(backend, "owner-a", 20, None)
        assert [s.session_id for s in first.items] == [s.session_id for s in again.items]
        assert sorted(backend.asked) == sorted(f"ses-{i}" for i in range(5))
        await policy.forget("owner-a", "ses-2")  # deleted: gone from the list and from the copies
        assert summary_cache.get("ses-2") is None

    asyncio.run(go())


def test_a_turn_starting_and_ending_forgets_its_summary(monkeypatch):
    from chat_ui.turns import runner

    summary_cache.put(SessionSummary(session_id="ses-9", last_updated_at="2026-12-01T10:00:00", generated_title="Old"))

    async def nothing(*_args, **_kwargs):
        return None

    monkeypatch.setattr(runner, "run_turn", nothing)
    info = runner.TurnInfo(session_id="ses-9", turn_id="t-1", prompt="hi", ordinal=1, owner="owner-a")

    async def go() -> None:
        await runner.start_turn(None, None, info, [])  # type: ignore[arg-type]

    asyncio.run(go())
    assert summary_cache.get("ses-9") is None
