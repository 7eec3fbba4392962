"""The hub on Redis: several workers, one view of every running turn.

Per session: ``turn:{sid}`` (the latest turn and whether it runs) and ``run:{sid}`` (the claim,
refreshed every second by the runner's worker: when a worker dies, it lapses within seconds).
Per turn: ``log:{tid}``, a Stream of entries (a reader XRANGEs from the start, then XREADs after
the last id it saw: each entry exactly once by construction; a snapshot trims what it covers),
``stop:{tid}``, ``results:{sid}:{tid}``, ``viewers:{tid}``. Two channels wake other workers at once: a
turn was claimed (for tabs waiting on the chat), a stop was asked for (for the runner).

Readers in the runner's own worker read its in-process copy of the log (no Redis round trip);
the entries are the same, numbered the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import AsyncIterator
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from chat_ui.i18n.message import msg
from chat_ui.turns.entries import Entry, TurnInfo, TurnSoFar
from chat_ui.turns.heartbeat import Beat, Heartbeats
from chat_ui.turns.hub import END_TTL_S, IDLE_TICK_S, RESTARTED, Current
from chat_ui.turns.memory import MemoryHub, Waiters

log = logging.getLogger(__name__)

PREFIX = "chat_ui:"
HEARTBEAT_S = 1.0  # the runner's worker renews its claim this often (from a thread: turns/heartbeat.py)...
CLAIM_TTL_S = 3.0  # ...and a claim nobody renews lapses after this long
RUNNING_TTL_S = 6 * 3600  # a safety net: no key of a turn outlives this
VIEWER_TTL_S = 5.0
LISTEN_TIMEOUT_S = 5.0  # a send waits this long for the wake-up channel, then is refused
LOST_CLAIM = msg("turn.lost_claim")  # a kept message: shown in the reader's language

# Claim a session for a turn: only if no live claim exists.
_CLAIM = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'info', ARGV[2], 'state', 'running')
  redis.call('EXPIRE', KEYS[2], ARGV[4])
  return 1
end
return 0
"""

# Append an entry; a snapshot trims everything before it. The safety expiry is set once: an
# EXPIRE per entry made Redis announce a keyspace event per flush to every worker listening.
_PUBLISH = """
local id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[1])
if ARGV[2] == '1' then redis.call('XTRIM', KEYS[1], 'MINID', id) end
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return id
"""

# The end entry, once per turn (the runner, or a reader that found the runner dead); then the
# session is free again and every key of the turn expires a while later.
_FINISH = """
if not redis.call('SET', KEYS[5], '1', 'NX', 'EX', ARGV[3]) then return 0 end
redis.call('XADD', KEYS[1], '*', 'e', ARGV[1])
local info = redis.call('HGET', KEYS[2], 'info')
if info and string.find(info, ARGV[2], 1, true) then
  redis.call('HSET', KEYS[2], 'state', 'ended')
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
if redis.call('GET', KEYS[3]) == ARGV[2] then redis.call('DEL', KEYS[3]) end
for i = 1, #KEYS do
  if i ~= 2 and i ~= 3 then redis.call('EXPIRE', KEYS[i], ARGV[3]) end
end
return 1
"""

# Keep a claim alive. 0: go on; 1: a stop was asked for; 2: the claim is lost (the runner was
# taken for dead and its turn ended by a reader), so stop too.
_HEARTBEAT = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 2 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('EXISTS', KEYS[2])
"""


def _k(*parts: str) -> str:
    return PREFIX + ":".join(parts)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class RedisHub:
    def __init__(
        self,
        url: str,
        *,
        end_ttl_s: float = END_TTL_S,
        idle_tick_s: float = IDLE_TICK_S,
        heartbeat_s: float = HEARTBEAT_S,
        claim_ttl_s: float = CLAIM_TTL_S,
    ) -> None:
        self.end_ttl_s = end_ttl_s
        self.idle_tick_s = idle_tick_s
        self.claim_ttl_s = claim_ttl_s
        self._redis = aioredis.Redis.from_url(url, health_check_interval=30)
        self._local = MemoryHub(end_ttl_s=end_ttl_s, idle_tick_s=idle_tick_s)
        self._claim = self._redis.register_script(_CLAIM)
        self._publish = self._redis.register_script(_PUBLISH)
        self._finish = self._redis.register_script(_FINISH)
        self._heartbeats = Heartbeats(url, _HEARTBEAT, heartbeat_s)
        self._beats: dict[str, Beat] = {}  # turn id -> heartbeat of a turn run here
        self._claimed = Waiters()  # by session: any worker claimed a turn
        self._listener: asyncio.Task | None = None
        self._listening = asyncio.Event()

    # ------------------------------------------------------------------ runner side

    async def claim(self, info: TurnInfo) -> bool:
        sid = info.session_id
        await self._ensure_listener()  # first: a channel that never connects refuses the send, holds nothing
        won = await self._claim(
            keys=[_k("run", sid), _k("turn", sid)],
            args=[info.turn_id, info.to_json(), int(self.claim_ttl_s * 1000), int(RUNNING_TTL_S)],
        )
        if not won:
            return False
        current = await self._local.current(sid)
        if current is not None and current.running:  # a stale copy: Redis is the judge
            stale = self._local.log(current.info.turn_id)
            so_far = TurnSoFar()
            for entry in stale.entries if stale is not None else ():
                so_far.add(entry)
            await self._local.finish(current.info, so_far.interrupted(LOST_CLAIM))
        await self._local.claim(info)
        await self._redis.publish(_k("turns", sid), info.turn_id)
        # Last: if anything above failed, no heartbeat renews the claim, which lapses by itself.
        self._beats[info.turn_id] = self._beat(info)
        return True

    def _beat(self, info: TurnInfo) -> Beat:
        stop = self._local.stop_signal(info)

        def answered(asked: int) -> None:
            if asked == 2:
                log.warning("turn %s lost its claim; stopping it", info.turn_id)
            stop.set()

        return self._heartbeats.add([_k("run", info.session_id), _k("stop", info.turn_id)],
                                    [info.turn_id, int(self.claim_ttl_s * 1000)], answered)

    async def publish(self, info: TurnInfo, entry: Entry) -> None:
        await self._local.publish(info, entry)
        await self._publish(
            keys=[_k("log", info.turn_id)],
            args=[entry.to_json(), "1" if entry.kind == "snap" else "0", int(RUNNING_TTL_S)],
        )

    async def finish(self, info: TurnInfo, entry: Entry) -> None:
        beat = self._beats.pop(info.turn_id, None)
        if beat is not None:
            beat.cancel()
        await self._local.finish(info, entry)
        await self._write_end(info, entry)

    async def _write_end(self, info: TurnInfo, entry: Entry) -> bool:
        tid, sid = info.turn_id, info.session_id
        return bool(await self._finish(
            keys=[_k("log", tid), _k("turn", sid), _k("run", sid), _k("stop", tid),
                  _k("ended", tid), _k("results", sid, tid), _k("viewers", tid)],
            args=[entry.to_json(), tid, int(self.end_ttl_s)],
        ))

    def stop_signal(self, info: TurnInfo) -> asyncio.Event:
        return self._local.stop_signal(info)

    async def put_results(self, info: TurnInfo, results: dict[str, Any]) -> None:
        log_ = self._local.log(info.turn_id)
        known = log_.results.keys() if log_ is not None else set()
        # Only what Redis does not hold yet: a turn with several large results writes each once.
        new = {k: v for k, v in results.items() if k not in known}
        await self._local.put_results(info, results)
        if new:
            key = _k("results", info.session_id, info.turn_id)
            async with self._redis.pipeline(transaction=False) as pipe:
                pipe.hset(key, mapping={k: json.dumps(v, ensure_ascii=False, default=str) for k, v in new.items()})
                pipe.expire(key, int(RUNNING_TTL_S))
                await pipe.execute()

    # ------------------------------------------------------------------ tab side

    async def current(self, session_id: str) -> Current | None:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hgetall(_k("turn", session_id))
            pipe.get(_k("run", session_id))
            record, claim = await pipe.execute()
        if not record or b"info" not in record:
            return None
        info = TurnInfo.from_json(record[b"info"])
        running = record.get(b"state") == b"running" and claim is not None and _text(claim) == info.turn_id
        return Current(info, running)

    async def wait_for_turn(self, session_id: str, not_turn: str, timeout: float) -> TurnInfo | None:
        try:
            await self._ensure_listener()
        except TimeoutError:
            return None  # Redis is unreachable: the follower looks again at its next tick
        claimed = self._claimed.arm(session_id)  # before looking: no lost wake-up
        current = await self.current(session_id)
        if current is not None and current.info.turn_id != not_turn:
            self._claimed.disarm(session_id, claimed)
            return current.info
        await self._claimed.wait(session_id, claimed, timeout)
        current = await self.current(session_id)
        return current.info if current is not None and current.info.turn_id != not_turn else None

    async def read(self, info: TurnInfo, after: int = -1) -> AsyncIterator[list[Entry]]:
        if self._local.log(info.turn_id) is not None:  # the runner is in this worker
            async for batch in self._local.read(info, after):
                yield batch
            return
        async for batch in self._read_remote(info, after):
            yield batch

    async def _read_remote(self, info: TurnInfo, after: int) -> AsyncIterator[list[Entry]]:
        key = _k("log", info.turn_id)
        viewers = _k("viewers", info.turn_id)
        reader = secrets.token_hex(6)
        so_far = TurnSoFar(seq=after)
        last_id = "0-0"
        seen_at = 0.0
        try:
            while True:
                if time.monotonic() - seen_at >= VIEWER_TTL_S / 2:
                    seen_at = time.monotonic()
                    await self._redis.zadd(viewers, {reader: time.time()})
                    await self._redis.expire(viewers, int(RUNNING_TTL_S))
                reply = await self._redis.xread({key: last_id}, count=500, block=int(self.idle_tick_s * 1000))
                batch: list[Entry] = []
                for _stream, rows in reply or []:
                    for entry_id, fields in rows:
                        last_id = _text(entry_id)
                        entry = Entry.from_json(fields[b"e"])
                        if entry.seq <= so_far.seq:
                            continue  # delivered already (a reader that starts past its snapshot)
                        if entry.seq > so_far.seq + 1 and entry.kind != "snap":
                            continue  # a gap no snapshot covers: wait for the next snapshot
                        so_far.add(entry)
                        batch.append(entry)
                if batch:
                    yield batch
                    if so_far.ended:
                        return
                    continue
                if not await self._alive(info):
                    yield [await self._declare_dead(info, so_far)]
                    return
                yield []
        finally:
            with contextlib.suppress(RedisError, RuntimeError):
                await self._redis.zrem(viewers, reader)

    async def _alive(self, info: TurnInfo) -> bool:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.get(_k("run", info.session_id))
            pipe.exists(_k("ended", info.turn_id))
            claim, ended = await pipe.execute()
        return ended or (claim is not None and _text(claim) == info.turn_id)

    async def _declare_dead(self, info: TurnInfo, so_far: TurnSoFar) -> Entry:
        """The runner's worker died: end the turn as interrupted, for every reader the same way."""
        end = so_far.interrupted(RESTARTED)
        if await self._write_end(info, end):
            return end
        rows = await self._redis.xrevrange(_k("log", info.turn_id), count=1)  # another reader was first
        for _entry_id, fields in rows:
            theirs = Entry.from_json(fields[b"e"])
            if theirs.kind == "end":
                return theirs
        return end

    async def request_stop(self, session_id: str, turn_id: str) -> bool:
        if await self._local.request_stop(session_id, turn_id):
            await self._redis.set(_k("stop", turn_id), "1", ex=int(self.end_ttl_s))
            return True
        claim = await self._redis.get(_k("run", session_id))
        if claim is None or _text(claim) != turn_id:
            return False
        await self._redis.set(_k("stop", turn_id), "1", ex=int(self.end_ttl_s))
        await self._redis.publish(_k("stop"), turn_id)
        return True

    async def viewers(self, info: TurnInfo) -> int:
        here = await self._local.viewers(info)
        remote = await self._redis.zcount(_k("viewers", info.turn_id), time.time() - VIEWER_TTL_S, "+inf")
        return here + int(remote)

    async def get_result(self, session_id: str, turn_id: str, key: str) -> tuple[bool, Any]:
        found, value = await self._local.get_result(session_id, turn_id, key)
        if found:
            return found, value
        raw = await self._redis.hget(_k("results", session_id, turn_id), key)
        return (True, json.loads(raw)) if raw is not None else (False, None)

    # ------------------------------------------------------------------ wake-ups

    async def _ensure_listener(self) -> None:
        if self._listener is None or self._listener.done():
            self._listening = asyncio.Event()
            self._listener = asyncio.create_task(self._listen(), name="turn hub listener")
        await asyncio.wait_for(self._listening.wait(), LISTEN_TIMEOUT_S)

    async def _listen(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe(_k("turns", "*"))
                    await pubsub.subscribe(_k("stop"))
                    confirmed = 0
                    async for message in pubsub.listen():
                        if message.get("type") in ("psubscribe", "subscribe"):
                            confirmed += 1
                            if confirmed == 2:  # now no publish can slip past us
                                self._listening.set()
                            continue
                        self._dispatch(message)
            except asyncio.CancelledError:
                raise
            except RedisError as exc:
                log.warning("turn hub listener lost Redis (%s); reconnecting", exc)
                self._claimed.wake_all()  # let waiters look again for themselves
                await asyncio.sleep(0.5)

    def _dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        channel = _text(message.get("channel", b""))
        if kind == "pmessage" and channel.startswith(_k("turns", "")):
            self._claimed.wake(channel[len(_k("turns", "")):])
        elif kind == "message" and channel == _k("stop"):
            turn_id = _text(message["data"])
            log_ = self._local.log(turn_id)
            if log_ is not None:
                log_.stop.set()

    async def aclose(self) -> None:
        self._heartbeats.close()
        if self._listener is not None:
            self._listener.cancel()
        await self._local.aclose()
        await self._redis.aclose()
