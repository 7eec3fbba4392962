"""A quiet upstream: the turn says it is still waiting (and stops saying so when data comes back);
keep-alive comments keep it alive; total silence past the limit ends it as interrupted with the
partial kept. Limits are shortened through the environment, as a deployment would set them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chat_ui.i18n.message import render
from chat_ui.api.client import LlamaCloudClient
from chat_ui.turns.entries import Entry, TurnInfo, new_turn_id
from chat_ui.turns.memory import MemoryHub
from chat_ui.turns.runner import run_turn
from chat_ui.turns.stall import StallLimits
from tests.support.upstream import STOP, Upstream, delta, frame, serve_upstream, sse


class RecordingHub(MemoryHub):
    """Keeps every entry published, which the log itself may trim at a snapshot."""

    def __init__(self) -> None:
        super().__init__()
        self.published: list[Entry] = []

    async def publish(self, info, entry):
        self.published.append(entry)
        await super().publish(info, entry)

    async def finish(self, info, entry):
        self.published.append(entry)
        await super().finish(info, entry)


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    yield from serve_upstream()


@pytest.fixture
def limits(monkeypatch) -> StallLimits:
    monkeypatch.setenv("CHAT_UI_STALL_NOTICE_S", "0.3")
    monkeypatch.setenv("CHAT_UI_STALL_LIMIT_S", "1.0")
    return StallLimits.from_env()


async def run(upstream: Upstream, *steps) -> tuple:
    upstream.next("stream", sse(*steps))
    hub = RecordingHub()
    info = TurnInfo(session_id=upstream.add_session(), turn_id=new_turn_id(0), prompt="What grew?")
    assert await hub.claim(info)
    async with LlamaCloudClient(None, upstream.url) as backend:
        turn = await run_turn(backend, hub, info, ["idx-1"])
    return turn, [e.view.waiting for e in hub.published if e.view is not None]


def test_limits_come_from_the_environment_with_sane_defaults():
    assert StallLimits.from_env({}) == StallLimits(20.0, 120.0)
    assert StallLimits.from_env({"CHAT_UI_STALL_NOTICE_S": "5", "CHAT_UI_STALL_LIMIT_S": "nonsense"}) == StallLimits(5.0, 120.0)
    assert StallLimits.from_env({"CHAT_UI_STALL_NOTICE_S": "-1"}).notice_s == 20.0


async def test_a_pause_shows_still_waiting_then_clears_when_data_returns(upstream, limits):
    turn, waiting = await run(upstream, delta("Revenue "), 0.9, delta("grew."), frame({"type": "text", "content": "Revenue grew."}), frame(STOP))
    assert turn.status == "done" and turn.answer == "Revenue grew."
    assert limits.waiting_notice() in waiting, "the quiet spell was never shown"
    first = waiting.index(limits.waiting_notice())
    assert "" in waiting[first:], "the notice stayed after data came back"
    assert waiting[-1] == "", "the finished turn still says it is waiting"


async def test_keep_alives_count_as_data_for_the_limit_but_not_for_the_notice(upstream, limits):
    beats = [": keep-alive\n\n", 0.15] * 12  # ~1.8 s of keep-alives only: past the 1 s limit
    turn, waiting = await run(upstream, delta("Working on it"), *beats, frame({"type": "text", "content": "Done."}), frame(STOP))
    assert turn.status == "done" and turn.answer == "Done.", "keep-alives did not keep the turn alive"
    assert limits.waiting_notice() in waiting, "nothing new to show for 1.8 s, yet no notice"


async def test_total_silence_past_the_limit_ends_the_turn_interrupted_with_the_partial(upstream, limits):
    turn, waiting = await run(upstream, delta("Revenue grew 12%"), 30.0, delta(" (never sent)"), frame(STOP))
    assert turn.status == "interrupted"
    assert turn.error == limits.stalled_message()
    shown = render("en", turn.error)  # a kept message, shown in the reader's language
    assert "nothing at all for 1 s" in shown and "What arrived so far is kept" in shown
    assert turn.answer == "Revenue grew 12%"
    assert limits.waiting_notice() in waiting and waiting[-1] == ""
