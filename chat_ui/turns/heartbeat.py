"""The claims of the turns a worker runs, renewed from a thread of its own.

Another worker's reader takes a turn whose claim lapsed for one whose worker died, and ends it as
interrupted. Renewed from the event loop, a claim lapsed whenever the loop ran late by more than
its lifetime: under load (20 tabs hydrating at once on two cores) the loop fell seconds behind and
living turns were ended as "lost". A thread renews on time while the loop is merely busy, and stops
with the process, so a dead worker is still found within the claim's lifetime. A loop that has
not run at all for ``LOOP_STALL_S`` counts as dead too: its claims are left to lapse.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

LOOP_STALL_S = 30.0


@dataclass
class Beat:
    """One claim being renewed; ``cancel`` stops renewing it (the turn ended, or a test's dead worker)."""

    keys: list[str]
    args: list
    on_answer: Callable[[int], None]  # called on the loop with the script's answer when it is not 0
    beats: Heartbeats

    def cancel(self) -> None:
        self.beats.discard(self)


class Heartbeats:
    """``script``: the Lua source that renews one claim (0 go on, 1 stop asked, 2 claim lost)."""

    def __init__(self, url: str, script: str, every_s: float) -> None:
        self.url, self.script, self.every_s = url, script, every_s
        self._beats: dict[int, Beat] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_seen = time.monotonic()
        self._ticker: asyncio.Task | None = None

    def add(self, keys: list[str], args: list, on_answer: Callable[[int], None]) -> Beat:
        beat = Beat(keys, args, on_answer, self)
        with self._lock:
            self._beats[id(beat)] = beat
        self._start()
        return beat

    def discard(self, beat: Beat) -> None:
        with self._lock:
            self._beats.pop(id(beat), None)

    def close(self) -> None:
        self._closed.set()
        if self._ticker is not None:
            self._ticker.cancel()

    def _start(self) -> None:
        if self._thread is not None:
            return
        self._loop = asyncio.get_running_loop()
        self._ticker = asyncio.create_task(self._tick(), name="heartbeat loop check")
        self._thread = threading.Thread(target=self._run, name="chat_ui-heartbeat", daemon=True)
        self._thread.start()

    async def _tick(self) -> None:
        while True:
            self._loop_seen = time.monotonic()
            await asyncio.sleep(self.every_s)

    def _run(self) -> None:
        client = redis.Redis.from_url(self.url, socket_timeout=max(1.0, self.every_s * 2),
                                      socket_connect_timeout=max(1.0, self.every_s * 2))
        renew = client.register_script(self.script)
        renewed = time.monotonic()  # the last renewal, or the last moment there was none to make
        wedged = False
        try:
            while not self._closed.wait(self.every_s):
                stalled = time.monotonic() - self._loop_seen
                if stalled > LOOP_STALL_S:
                    if not wedged:
                        log.warning("heartbeat: the event loop has not run for %.0f s; its turns' claims lapse", stalled)
                    wedged = True
                    renewed = time.monotonic()
                    continue  # the loop is wedged: let its claims lapse, as a dead worker's would
                wedged = False
                with self._lock:
                    beats = list(self._beats.values())
                if not beats:
                    renewed = time.monotonic()  # nothing was due: the next renewal is not late
                    continue
                try:
                    with client.pipeline(transaction=False) as pipe:
                        for beat in beats:
                            renew(keys=beat.keys, args=beat.args, client=pipe)
                        answers = pipe.execute()
                except RedisError as exc:
                    log.warning("heartbeat of %d turns failed: %s", len(beats), exc)
                    continue
                late = time.monotonic() - renewed
                renewed = time.monotonic()
                if late > self.every_s * 2.5:
                    log.warning("heartbeat: %d claims renewed %.1f s after the last time (every %.1f s asked)",
                                len(beats), late, self.every_s)
                for beat, answer in zip(beats, answers, strict=True):
                    if answer and self._loop is not None:
                        try:
                            self._loop.call_soon_threadsafe(beat.on_answer, int(answer))
                        except RuntimeError:  # the loop closed meanwhile: its turns are gone with it
                            return
        finally:
            client.close()
