"""A slow backend call never holds up the live turn: no handler awaits the network under the tab's
state lock (DESIGN.md, "State locks"). Proved on Reflex's real event pipeline: while a turn
streams in a tab, that tab's other backend calls — the chat list, a summary, the indexes, a
screenshot, a raw result, a chat being opened — each take 3 s, and meanwhile the turn's text keeps
coming, a locked update of the same tab goes through at once, and the turn ends on time."""

from __future__ import annotations

import asyncio
import time

import pytest

from chat_ui import backends
from chat_ui.local.app import create_app
from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from chat_ui.state.raw import RawState
from chat_ui.state.screenshots import ScreenshotState
from chat_ui.state.sessions import SessionsState
from tests.conftest import local_settings
from tests.support.servers import serve
from tests.support.tabs import TextFrame

SLOW_S = 3.0
SLOW_CALLS = ("list_sessions", "get_summary", "get_session", "list_indexes", "resolve_attachment", "generate_title")


class SlowBackend:
    """The real client, with its plain calls (not the turn's stream) held for ``SLOW_S``; notes when each was in flight."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.capabilities = inner.capabilities
        self.slow = False
        self.calls: list[tuple[str, float, float]] = []  # (name, start, end), monotonic

    def stream_turn(self, *args, **kwargs):
        return self._inner.stream_turn(*args, **kwargs)

    def __getattr__(self, name):
        real = getattr(self._inner, name)
        if name not in SLOW_CALLS:
            return real

        async def call(*args, **kwargs):
            start = time.monotonic()
            if self.slow:
                await asyncio.sleep(SLOW_S)
            try:
                return await real(*args, **kwargs)
            finally:
                self.calls.append((name, start, time.monotonic()))

        return call


@pytest.fixture
def slow_backend(tmp_path, monkeypatch):
    """An answer of about 8 s (1,000 deltas 8 ms apart) from the local API over real HTTP."""
    settings = local_settings(tmp_path, answer_deltas=1000, delta_interval_s=0.008)
    made: list[SlowBackend] = []
    create = backends._create

    def wrapped():
        made.append(SlowBackend(create()))
        return made[-1]

    with serve(create_app(settings)) as url:
        monkeypatch.setenv("CHAT_UI_LOCAL_URL", url)
        monkeypatch.setattr(backends, "_create", wrapped)
        yield made


async def test_slow_backend_calls_do_not_delay_the_live_turn(slow_backend, tabs):
    a = tabs()
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send("Tell me everything about revenue"))
    live = await a.wait_for(lambda lv: any(b.kind == "text" for b in lv.blocks), what="the answer to start")
    session_id = (await a.state(ChatState)).current_id
    key = next(b.key for b in live.blocks if b.kind == "text")
    await a.wait_for(lambda lv: len(a.text().buffers.get(key, "")) > 50, what="some text")
    (backend,) = slow_backend
    backend.slow = True

    # Every backend-calling handler of the same tab, at once, while its turn streams (the indexes are
    # listed once per tab, already done here).
    t_fired = time.monotonic()
    for handler in (SessionsState.refresh, SessionsState.titled(session_id, "A title"), ChatState.open_chat,
                    ScreenshotState.resolve("src-1", "screenshots/page_1.jpg"), RawState.load(f"{key}-nope")):
        await a.fire(handler)

    # A locked update of the same tab goes through at once, while those calls are still waiting.
    await asyncio.sleep(0.5)
    t0 = time.monotonic()
    await a.run(SessionsState.set_filter("rev"), timeout=SLOW_S * 3)
    locked_update_s = time.monotonic() - t0
    assert locked_update_s < 1.0, f"a locked update waited {locked_update_s:.1f} s behind a backend call"

    done = await a.idle(timeout=30)
    assert done.turn.status == "done"
    slow = [(name, start, end) for name, start, end in backend.calls if t_fired - 0.01 <= start <= t0 and end - start >= SLOW_S]
    assert {"get_summary", "get_session", "resolve_attachment"} <= {name for name, _, _ in slow}, slow
    assert all(start < t0 < end for _, start, end in slow), "the locked update ran while every slow call was in flight"
    window = (min(s for _, s, _ in slow), max(e for _, _, e in slow))

    # The turn's text kept its cadence through the window: frames kept coming, none held back.
    frames = [at for at, tok, u in a.ns.updates if tok == a.token and isinstance(u, TextFrame) and window[0] <= at <= window[1]]
    assert len(frames) >= 10, f"only {len(frames)} text flushes while the slow calls ran"
    gaps = [b - a_ for a_, b in zip([window[0], *frames], [*frames, window[1]])]
    assert max(gaps) < 1.0, f"the live text stalled for {max(gaps):.1f} s during a slow backend call"

