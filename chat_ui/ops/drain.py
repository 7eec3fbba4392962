"""Drain instead of cut: a worker told to stop takes no new turn and lets its running ones end.

Granian's worker stops accepting on SIGTERM and closes its websockets (the tabs reconnect to
another worker and follow their turn there, from the hub's log on Redis); the app's lifespan then
waits here, up to ``CHAT_UI_DRAIN_S`` (default 60 s), for the turns this worker runs. Only a turn
still running at the deadline is cancelled, and ends as interrupted with its partial kept.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal

log = logging.getLogger(__name__)
DEFAULT_DRAIN_S = 60.0
SOCKETS_CLOSE_AFTER_S = 0.5
_draining = False


def drain_s() -> float:
    raw = os.environ.get("CHAT_UI_DRAIN_S", "").strip()
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_DRAIN_S
    except ValueError:
        return DEFAULT_DRAIN_S


def draining() -> bool:
    return _draining


def start_draining() -> None:
    global _draining
    if not _draining:
        log.info("draining: no new turns in this worker")
    _draining = True


async def wait_for(tasks: set[asyncio.Task], deadline_s: float | None = None) -> set[asyncio.Task]:
    """Wait for ``tasks`` to end, up to the deadline; returns the ones still running."""
    start_draining()
    pending = {t for t in tasks if not t.done()}
    if not pending:
        return set()
    timeout = drain_s() if deadline_s is None else deadline_s
    log.info("draining: waiting up to %.0f s for %d running turns", timeout, len(pending))
    _done, pending = await asyncio.wait(pending, timeout=timeout)
    return pending


async def _close_sockets() -> None:
    from chat_ui.state.wire import close_all

    try:
        await close_all()
    except Exception:  # noqa: BLE001 - the drain goes on; the sockets close when the worker exits
        log.exception("draining: could not close the sockets")


def watch_signals() -> None:
    """In a Granian worker: note SIGTERM/SIGINT as the start of the drain, beside Granian's own
    handler (Granian adds its handlers to the loop; this wraps whatever is there)."""
    import granian._signals as gs

    original = gs.set_loop_signals
    if getattr(original, "_chat_ui", False):
        return

    def set_loop_signals(loop):  # type: ignore[no-untyped-def]
        event = original(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, _both, event)
            except (NotImplementedError, RuntimeError):
                pass
        return event

    def _both(event) -> None:  # type: ignore[no-untyped-def]
        start_draining()
        event.set()
        # Once the server accepts no more connections, close this worker's sockets so their tabs
        # reconnect elsewhere (kept open, they would stop carrying text at socket.io's next ping
        # and drop only when the worker exits, long after: no live text in between).
        loop = asyncio.get_running_loop()
        loop.call_later(SOCKETS_CLOSE_AFTER_S, lambda: asyncio.ensure_future(_close_sockets()))

    set_loop_signals._chat_ui = True  # type: ignore[attr-defined]
    gs.set_loop_signals = set_loop_signals
    import granian.server.mp as mp

    if getattr(mp, "set_loop_signals", None) is not None:
        mp.set_loop_signals = set_loop_signals
