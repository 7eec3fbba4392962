"""A worker runs at most ``CHAT_UI_MAX_TURNS_PER_WORKER`` turns at once: past it a send is refused
at once, in words, with the prompt kept; the slot comes back when a turn ends or a send stops
before its turn starts. Turn streams have an upstream pool of their own, sized to the cap."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from chat_ui.i18n.message import render
from chat_ui.api.client import LlamaCloudClient
from chat_ui.api.http import STREAM_SPARE, stream_connections
from chat_ui.api.pool import ShardedTransport
from chat_ui.deployment import DEFAULT_MAX_TURNS, max_turns_per_worker
from chat_ui.local.app import create_app
from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from chat_ui.turns.capacity import FULL, SLOTS, Slots
from tests.conftest import local_settings
from tests.support.servers import serve


def test_the_cap_setting():
    assert max_turns_per_worker({}) == DEFAULT_MAX_TURNS
    assert max_turns_per_worker({"CHAT_UI_MAX_TURNS_PER_WORKER": "7"}) == 7
    assert max_turns_per_worker({"CHAT_UI_MAX_TURNS_PER_WORKER": "0"}) == 0  # no cap
    assert max_turns_per_worker({"CHAT_UI_MAX_TURNS_PER_WORKER": "lots"}) == DEFAULT_MAX_TURNS


def test_slots_are_taken_up_to_the_limit_and_given_back_once():
    slots = Slots()
    first, second = slots.take(2), slots.take(2)
    assert first and second and slots.take(2) is None
    first.release()
    first.release()  # idempotent: a slot is given back once
    assert slots.taken == 1
    assert slots.take(0) is not None  # 0: no cap


def test_turn_streams_have_a_pool_of_their_own_sized_to_the_cap(monkeypatch):
    monkeypatch.setenv("CHAT_UI_MAX_TURNS_PER_WORKER", "300")
    assert stream_connections() == 300 + STREAM_SPARE  # httpx's default (100) made turn 101 wait
    client = LlamaCloudClient(api_key="k", base_url="http://127.0.0.1:9")
    streams = client._streams._transport
    assert isinstance(streams, ShardedTransport) and client._streams is not client._http  # short calls never wait behind answers
    assert sum(s.transport._pool._max_connections for s in streams.shards) >= 300 + STREAM_SPARE
    assert max(s.transport._pool._max_connections for s in streams.shards) <= 16  # small pools stay cheap
    assert client._stream_timeout.pool is not None and client._stream_timeout.pool <= 10
    monkeypatch.setenv("CHAT_UI_MAX_TURNS_PER_WORKER", "0")
    assert stream_connections() is None


async def test_sharded_pools_spread_requests_and_count_them_back():
    seen: list[int] = []

    transport = ShardedTransport(64, per_shard=16)
    assert len(transport.shards) == 4
    for shard in transport.shards:
        shard.transport = httpx.MockTransport(lambda request: httpx.Response(200, content=b"x" * 10))
    responses = []
    for _ in range(8):
        responses.append(await transport.handle_async_request(httpx.Request("GET", "http://upstream/")))
        seen.append(transport.active)
    assert seen == list(range(1, 9)) and {s.active for s in transport.shards} == {2}  # least busy first
    for response in responses:
        await response.stream.aclose()  # what httpx does when the response is closed
        await response.stream.aclose()  # counted back once
    assert transport.active == 0


async def test_a_stream_that_cannot_get_a_connection_says_so(monkeypatch):
    from chat_ui.api.errors import APITimeoutError
    from chat_ui.api.replies import transport_error

    err = transport_error(httpx.PoolTimeout("no connection"), "api.example")
    assert isinstance(err, APITimeoutError) and "too many answers" in render("en", str(err))


@pytest.fixture
def slow_api(tmp_path, monkeypatch):
    settings = local_settings(tmp_path, answer_deltas=300, delta_interval_s=0.005)
    with serve(create_app(settings)) as url:
        monkeypatch.setenv("CHAT_UI_LOCAL_URL", url)
        yield url


async def test_a_send_past_the_cap_is_refused_at_once_with_the_prompt_kept(slow_api, tabs, monkeypatch):
    monkeypatch.setenv("CHAT_UI_MAX_TURNS_PER_WORKER", "1")
    assert SLOTS.taken == 0
    a, b = tabs(), tabs(browser="B")
    for tab in (a, b):
        await tab.run(ChatState.load_indexes)
    await a.run(LiveState.send("The first question"))
    await a.wait_for(lambda lv: lv.streaming, what="a's turn to run")

    await b.run(LiveState.send("The second question"))
    live_b = await b.live()
    assert live_b.send_error == FULL and live_b.draft == "The second question"
    assert not live_b.streaming and live_b.turn.key == "", "a refused send leaves nothing behind"
    assert (await b.state(ChatState)).current_id == "", "no session is created for a refused send"

    assert (await a.idle()).turn.status == "done"
    await slots_free()  # the slot comes back when the turn ends
    await b.run(LiveState.send("The second question"))
    assert (await b.idle()).turn.status == "done"
    await slots_free()


async def test_a_send_refused_later_gives_its_slot_back(slow_api, tabs, monkeypatch):
    monkeypatch.setenv("CHAT_UI_MAX_TURNS_PER_WORKER", "1")
    monkeypatch.setenv("CHAT_UI_TURNS_PER_MINUTE", "1")
    a = tabs()
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send("One"))
    assert (await a.idle()).turn.status == "done"
    await a.run(LiveState.send("Two"))  # the rate limit refuses it after the slot was taken
    live = await a.live()
    assert live.send_error and live.draft == "Two"
    await slots_free()


async def slots_free() -> None:
    """The runner gives its slot back as its task completes, just after the tab saw the end."""
    for _ in range(100):
        if SLOTS.taken == 0:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{SLOTS.taken} turn slot(s) never given back")
