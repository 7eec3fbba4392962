"""The hub's contract, run against both implementations: in-process, and Redis on a real
redis-server. Readers get every entry exactly once and in order, however they attach; stop
reaches the runner; a finished turn frees its session; buffers stay bounded; and on Redis,
another worker follows, stops, and outlives a dead runner."""

from __future__ import annotations

import asyncio
import secrets
import time

import pytest

from chat_ui.turns.entries import Entry, TurnInfo, TurnSoFar, new_turn_id
from chat_ui.turns.hub import RESTARTED
from chat_ui.turns.memory import MemoryHub
from chat_ui.views import BlockView, TurnView

TICK = 0.1


class Split:
    """Two workers on one Redis seen as one hub: the runner's side on one, the tabs' on the other."""

    RUNNER = ("claim", "publish", "finish", "stop_signal", "put_results")

    def __init__(self, runner, tabs) -> None:
        self.runner, self.tabs, self._redis = runner, tabs, runner._redis

    def __getattr__(self, name):
        return getattr(self.runner if name in self.RUNNER else self.tabs, name)

    async def aclose(self) -> None:
        await self.runner.aclose()
        await self.tabs.aclose()


@pytest.fixture(params=["memory", "redis-same-worker", "redis-two-workers"])
async def hub(request):
    if request.param == "memory":
        made = MemoryHub(end_ttl_s=1.0, idle_tick_s=TICK)
    else:
        from chat_ui.turns.redis_hub import RedisHub

        url = request.getfixturevalue("redis_url")
        make = lambda: RedisHub(url, end_ttl_s=1.0, idle_tick_s=TICK, heartbeat_s=0.2, claim_ttl_s=0.6)  # noqa: E731
        made = make() if request.param == "redis-same-worker" else Split(make(), make())
    yield made
    await made.aclose()


def info(prompt: str = "q") -> TurnInfo:
    return TurnInfo(session_id="ses-" + secrets.token_hex(6), turn_id=new_turn_id(0), prompt=prompt)


def view(key: str, *, status: str = "streaming", text_done: str = "") -> TurnView:
    block = BlockView(key=f"{key}-b0", kind="text", text=text_done, done=bool(text_done))
    return TurnView(key=key, prompt="q", status=status, blocks=[block])


def snap(i: TurnInfo, seq: int, text: str) -> Entry:
    return Entry(seq, "snap", view(i.turn_id), {f"{i.turn_id}-b0": text})


def change(i: TurnInfo, seq: int, piece: str) -> Entry:
    return Entry(seq, "change", None, {f"{i.turn_id}-b0": piece})


def end(i: TurnInfo, seq: int, text: str) -> Entry:
    return Entry(seq, "end", view(i.turn_id, status="done", text_done=text))


async def collect(hub, i: TurnInfo) -> list[Entry]:
    return [e async for batch in hub.read(i) for e in batch]


def text_of(entries: list[Entry], i: TurnInfo) -> str:
    so_far = TurnSoFar()
    for e in entries:
        so_far.add(e)
    if so_far.ended:
        return so_far.view.blocks[0].text
    return so_far.text.get(f"{i.turn_id}-b0", "")


async def run_turn(hub, i: TurnInfo, pieces: list[str], pause: float = 0.0, snap_every: int = 0) -> str:
    """Publish a turn: a snapshot, one change per piece (a snapshot every ``snap_every``), the end."""
    text = ""
    await hub.publish(i, snap(i, 0, ""))
    seq = 0
    for n, piece in enumerate(pieces, 1):
        text += piece
        seq += 1
        await hub.publish(i, snap(i, seq, text) if snap_every and n % snap_every == 0 else change(i, seq, piece))
        if pause:
            await asyncio.sleep(pause)
    await hub.finish(i, end(i, seq + 1, text))
    return text


async def test_a_reader_from_the_start_gets_every_entry_once_in_order(hub):
    i = info()
    assert await hub.claim(i)
    full = await run_turn(hub, i, [f"w{n} " for n in range(50)])
    entries = await collect(hub, i)
    assert [e.seq for e in entries] == list(range(52))
    assert entries[-1].kind == "end" and text_of(entries, i) == full


async def test_readers_attaching_mid_turn_get_each_change_exactly_once(hub):
    i = info()
    assert await hub.claim(i)
    pieces = [f"p{n} " for n in range(120)]
    publisher = asyncio.create_task(run_turn(hub, i, pieces, pause=0.004))
    readers = []
    for _ in range(6):  # attach at different moments while entries are being published
        await asyncio.sleep(0.07)
        readers.append(asyncio.create_task(collect(hub, i)))
    full = await publisher
    for got in await asyncio.gather(*readers):
        seqs = [e.seq for e in got]
        assert seqs == sorted(set(seqs)), "an entry came twice or out of order"
        assert got[0].kind == "snap" and got[-1].kind == "end"
        # the reader's text, rebuilt from what it got, is the whole answer: nothing lost
        so_far = TurnSoFar()
        for e in got[:-1]:
            so_far.add(e)
        assert so_far.text[f"{i.turn_id}-b0"] == full


async def test_concurrent_readers_see_the_same_log(hub):
    i = info()
    assert await hub.claim(i)
    readers = [asyncio.create_task(collect(hub, i)) for _ in range(5)]
    await asyncio.sleep(0.05)
    full = await run_turn(hub, i, ["a", "b", "c"] * 20, pause=0.002)
    results = await asyncio.gather(*readers)
    assert all([e.seq for e in r] == list(range(62)) for r in results)
    assert all(text_of(r, i) == full for r in results)


async def test_one_running_turn_per_session_and_a_finished_one_frees_it(hub):
    first = info()
    assert await hub.claim(first)
    second = TurnInfo(first.session_id, new_turn_id(1), "again")
    assert not await hub.claim(second), "a second turn may not start while one runs"
    current = await hub.current(first.session_id)
    assert current.running and current.info.turn_id == first.turn_id
    waiting = asyncio.create_task(hub.wait_for_turn(first.session_id, first.turn_id, 5))
    await run_turn(hub, first, ["x"])
    assert not (await hub.current(first.session_id)).running
    assert await hub.claim(second)
    assert (await waiting).turn_id == second.turn_id  # a tab waiting on the chat learns of it at once
    await run_turn(hub, second, ["y"])


async def test_wait_for_turn_times_out_quietly(hub):
    assert await hub.wait_for_turn("ses-none-" + secrets.token_hex(4), "", 0.2) is None


async def test_stop_reaches_the_runner(hub):
    i = info()
    assert await hub.claim(i)
    stop = hub.stop_signal(i)
    assert not stop.is_set()
    assert not await hub.request_stop(i.session_id, "t9-unknown")
    assert await hub.request_stop(i.session_id, i.turn_id)
    await asyncio.wait_for(stop.wait(), 2)
    await run_turn(hub, i, [])
    assert not await hub.request_stop(i.session_id, i.turn_id), "a finished turn cannot be stopped"


async def test_buffers_stay_bounded_and_are_dropped_after_the_end(hub):
    i = info()
    assert await hub.claim(i)
    await hub.put_results(i, {f"{i.turn_id}-b1": {"results": [1, 2]}})
    full = await run_turn(hub, i, ["z"] * 1000, snap_every=100)
    entries = await collect(hub, i)
    assert len(entries) <= 102, "a late reader replays from the last snapshot, not from the start"
    assert entries[0].kind == "snap" and text_of(entries, i) == full
    assert await hub.get_result(i.session_id, i.turn_id, f"{i.turn_id}-b1") == (True, {"results": [1, 2]})
    assert await hub.get_result("ses-another", i.turn_id, f"{i.turn_id}-b1") == (False, None), "another chat's turn"
    await asyncio.sleep(2.2)  # end_ttl_s=1 (Redis expiry has one-second steps)
    assert await hub.current(i.session_id) is None
    if isinstance(hub, MemoryHub):
        assert hub.log(i.turn_id) is None
    else:
        assert not await hub._redis.exists(f"chat_ui:log:{i.turn_id}")
        assert not await hub._redis.exists(f"chat_ui:results:{i.turn_id}")


async def test_viewers_count_the_readers(hub):
    i = info()
    assert await hub.claim(i)
    assert await hub.viewers(i) == 0
    reader = asyncio.create_task(collect(hub, i))
    await asyncio.sleep(0.3)
    assert await hub.viewers(i) == 1
    await run_turn(hub, i, ["x"])
    await reader


# ---------------------------------------------------------------------------- across workers (Redis)


@pytest.fixture
async def workers(redis_url):
    from chat_ui.turns.redis_hub import RedisHub

    a, b = (RedisHub(redis_url, end_ttl_s=2.0, idle_tick_s=TICK, heartbeat_s=0.2, claim_ttl_s=0.6) for _ in range(2))
    yield a, b
    await a.aclose()
    await b.aclose()


async def test_another_worker_follows_and_stops_a_turn(workers):
    a, b = workers
    i = info()
    waiting = asyncio.create_task(b.wait_for_turn(i.session_id, "", 5))
    await asyncio.sleep(0.1)
    assert await a.claim(i)
    assert (await waiting).turn_id == i.turn_id
    reader = asyncio.create_task(collect(b, i))
    publisher = asyncio.create_task(run_turn(a, i, [f"{n} " for n in range(40)], pause=0.01))
    full = await publisher
    got = await reader
    assert [e.seq for e in got] == list(range(42)) and text_of(got, i) == full

    j = info()
    assert await a.claim(j)
    assert await b.request_stop(j.session_id, j.turn_id)
    await asyncio.wait_for(a.stop_signal(j).wait(), 2)
    await run_turn(a, j, [])


async def test_a_dead_runner_ends_as_interrupted_for_every_reader_with_the_text_kept(workers):
    a, b = workers
    i = info()
    assert await a.claim(i)
    await a.publish(i, snap(i, 0, ""))
    await a.publish(i, change(i, 1, "half an "))
    await a.publish(i, change(i, 2, "answer"))
    readers = [asyncio.create_task(collect(b, i)) for _ in range(3)]
    await asyncio.sleep(0.2)
    for task in a._beats.values():  # the worker dies: nothing renews its claim any more
        task.cancel()
    a._local = MemoryHub()  # ...and its in-process log is gone with it
    got = await asyncio.wait_for(asyncio.gather(*readers), 5)
    ends = [r[-1] for r in got]
    assert all(e.kind == "end" and e.view.status == "interrupted" and e.view.error == RESTARTED for e in ends)
    assert all(e.view.blocks[0].text == "half an answer" and e.view.blocks[0].done for e in ends)
    assert len({e.to_json() for e in ends}) == 1, "every reader sees the same end"
    assert not (await b.current(i.session_id)).running
    assert await b.claim(TurnInfo(i.session_id, new_turn_id(1), "again")), "the chat is free again"


async def test_a_busy_worker_keeps_its_turns_while_its_loop_runs_late(workers):
    """The runner's loop held for longer than a claim lives (a crowd of tabs at once on two cores):
    its claim is renewed from a thread meanwhile, so the other worker's reader does not take the
    turn for dead, and the answer ends done."""
    a, b = workers
    i = info()
    assert await a.claim(i)
    await a.publish(i, snap(i, 0, ""))
    await a.publish(i, change(i, 1, "half an "))
    reader = asyncio.create_task(collect(b, i))
    await asyncio.sleep(0.2)
    time.sleep(1.5)  # the loop is busy: 2.5 claim lifetimes without a turn of it
    await asyncio.sleep(0.3)  # the reader looks again, finds nothing new and asks whether the runner lives
    await a.publish(i, change(i, 2, "answer"))
    await a.finish(i, end(i, 3, "half an answer"))
    got = await asyncio.wait_for(reader, 5)
    assert got[-1].kind == "end" and got[-1].view.status == "done" and text_of(got, i) == "half an answer"


async def test_a_wedged_loop_lets_its_claims_lapse(workers, monkeypatch):
    from chat_ui.turns import heartbeat

    monkeypatch.setattr(heartbeat, "LOOP_STALL_S", 0.3)
    a, b = workers
    i = info()
    assert await a.claim(i)
    await a.publish(i, snap(i, 0, "half"))
    reader = asyncio.create_task(collect(b, i))
    await asyncio.sleep(0.2)
    time.sleep(1.5)  # past the stall limit and the claim: the thread stops renewing
    got = await asyncio.wait_for(reader, 5)
    assert got[-1].kind == "end" and got[-1].view.status == "interrupted" and got[-1].view.error == RESTARTED


async def test_a_stale_local_turn_ends_with_its_text_when_the_session_is_claimed_again(workers):
    """Redis let the claim lapse (the worker stalled past it) while the turn's log here still ran:
    the next claim ends that log as interrupted, with its view and text, so its readers stop."""
    from chat_ui.turns.redis_hub import LOST_CLAIM

    a, _ = workers
    i = info()
    assert await a.claim(i)
    await a.publish(i, snap(i, 0, ""))
    await a.publish(i, change(i, 1, "half an answer"))
    a._beats.pop(i.turn_id).cancel()
    await asyncio.sleep(0.8)  # past the claim's 0.6 s
    reader = asyncio.create_task(collect(a, i))
    assert await a.claim(TurnInfo(i.session_id, new_turn_id(1), "again"))
    got = await asyncio.wait_for(reader, 2)
    last = got[-1]
    assert last.kind == "end" and last.seq == 2 and last.view is not None
    assert last.view.status == "interrupted" and last.view.error == LOST_CLAIM
    assert last.view.blocks[0].text == "half an answer" and last.view.blocks[0].done


async def test_each_raw_result_is_written_to_redis_once(workers):
    a, _ = workers
    i = info()
    assert await a.claim(i)
    key = f"chat_ui:results:{i.session_id}:{i.turn_id}"
    first = {f"{i.turn_id}-b1": {"results": list(range(1000))}}
    await a.put_results(i, first)
    await a._redis.hset(key, f"{i.turn_id}-b1", '"written once"')
    await a.put_results(i, {**first, f"{i.turn_id}-b3": {"results": [1]}})
    assert await a._redis.hget(key, f"{i.turn_id}-b1") == b'"written once"'
    assert await a._redis.hget(key, f"{i.turn_id}-b3") == b'{"results": [1]}'
    await run_turn(a, i, [])


async def test_the_log_ends_even_when_storing_the_raw_results_fails():
    """Otherwise every tab waits on a turn that will never end, and the session stays claimed."""
    from chat_ui import transcript as t
    from chat_ui.turns.runner import Publisher

    class Failing(MemoryHub):
        async def put_results(self, info, results):
            raise ConnectionError("redis went away")

    hub = Failing()
    i = info()
    assert await hub.claim(i)
    turn = t.apply(t.apply((), t.TurnStarted("q")), t.TurnEnded("done"))[-1]
    publisher = Publisher(hub, i)
    publisher.results = {"stale": 1}  # so the end tries to store the (now empty) results
    with pytest.raises(ConnectionError):
        await publisher.end(turn)
    assert not (await hub.current(i.session_id)).running
    await hub.aclose()


async def test_the_first_renewal_after_an_idle_spell_is_not_reported_late(redis_url, caplog):
    from chat_ui.turns.heartbeat import Heartbeats
    from chat_ui.turns.redis_hub import _HEARTBEAT

    beats = Heartbeats(redis_url, _HEARTBEAT, 0.1)
    try:
        first = beats.add(["chat_ui:run:ses-idle", "chat_ui:stop:t-idle"], ["t-idle", 1000], lambda _answer: None)
        await asyncio.sleep(0.3)
        first.cancel()
        await asyncio.sleep(1.0)  # no claims to renew for ten rounds
        with caplog.at_level("WARNING", logger="chat_ui.turns.heartbeat"):
            beats.add(["chat_ui:run:ses-idle", "chat_ui:stop:t-idle"], ["t-idle", 1000], lambda _answer: None)
            await asyncio.sleep(0.4)
        assert not [r for r in caplog.records if "renewed" in r.getMessage()]
    finally:
        beats.close()
