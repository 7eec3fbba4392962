"""A simulated browser tab: the app's Reflex websocket protocol, spoken by hand, and nothing else.

It does what the page does for a chat, and no more: loads ``/chat`` over HTTP for its owner
cookie, opens the Socket.IO websocket with the hydrate event in the CONNECT packet, waits for the
indexes, sends a prompt, follows the redirect to the new chat's address as the router would
(``on_load_internal``), keeps a copy of the page's live-text store fed by ``chat_ui_text`` events,
and notes when the turn ends and what it committed. Every text piece the upstream stamped
(``[i t] ``, see ``paced_upstream.py``) is timed on arrival.

Engine.IO 4 over a bare websocket: ``0`` open, ``2``/``3`` ping/pong, ``40`` connect,
``42`` event. No socket.io client library: a tab costs little, so hundreds fit in one process.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import websockets

ROOT_STATE = "reflex___state____state"
CHAT = f"{ROOT_STATE}.chat_ui___state___chat____chat_state"
LIVE = f"{ROOT_STATE}.chat_ui___state___live____live_state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
ON_LOAD = f"{ROOT_STATE}.reflex___state____on_load_internal_state.on_load_internal"
SEND = f"{LIVE}.send"
NS = "/_event"
STAMP = re.compile(r"\[(\d+) (\d+\.\d+)\] ")
ENDED = ("done", "error", "stopped", "interrupted")


@dataclass
class Turn:
    """One turn as this tab saw it."""

    prompt: str
    t_send: float  # wall clock
    t_accepted: float | None = None  # the turn showed as running
    t_end: float | None = None
    status: str = ""  # done | error | stopped | interrupted | refused | lost
    error: str = ""
    latencies: list[float] = field(default_factory=list)  # seconds each stamped piece took to arrive
    late_by_index: dict[int, float] = field(default_factory=dict)  # the same, by the piece's index
    stream_start: float | None = None  # stamp of piece 0: when the upstream began the stream
    t_first_text: float | None = None
    live_texts: dict[str, str] = field(default_factory=dict)  # per key, the store's text when the page let go of it
    committed: str = ""  # the answer text the turn's end committed
    text_frames: int = 0
    draft_seq: int = 0  # the composer's refusal counter when the prompt was sent

    @property
    def live_text(self) -> str:
        return "".join(self.live_texts.values())

    def stamps(self, text: str) -> list[int]:
        return [int(m.group(1)) for m in STAMP.finditer(text)]


class SimTab:
    def __init__(self, base_url: str, *, cookie: str = "", name: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        self.cookie = cookie
        self.name = name
        self.token = str(uuid.uuid4())
        self.path = "/chat"
        self.chat: dict[str, Any] = {}
        self.live: dict[str, Any] = {}
        self.buffers: dict[str, str] = {}
        self.turn: Turn | None = None
        self.turns: list[Turn] = []
        self.errors: list[str] = []
        self._seen: set[int] = set()
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._changed = asyncio.Event()
        self._connected = asyncio.Event()

    # ------------------------------------------------------------------ connection

    async def get_cookie(self, http: httpx.AsyncClient) -> None:
        """Load the page once, as a browser does, for the owner cookie the server sets."""
        response = await http.get(self.base_url + "/chat")
        jar = [c.split(";", 1)[0] for c in response.headers.get_list("set-cookie")]
        self.cookie = "; ".join(jar)

    async def connect(self, timeout: float = 60) -> None:
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        url = f"{scheme}://{parts.netloc}/_event/?token={self.token}&EIO=4&transport=websocket"
        headers = {"Cookie": self.cookie} if self.cookie else {}
        headers["Origin"] = self.base_url
        self._ws = await websockets.connect(url, additional_headers=headers, max_size=None, open_timeout=timeout,
                                            ping_interval=None)
        self._reader = asyncio.create_task(self._read(), name=f"tab {self.name}")
        boot = {"event": {"name": HYDRATE, "payload": {}, "router_data": self._router()}}
        await self._ws.send(f"40{NS}," + json.dumps(boot))
        await asyncio.wait_for(self._connected.wait(), timeout)

    async def ready(self, timeout: float = 60) -> None:
        """Hydrated and the indexes listed: what the composer waits for before it sends."""
        await self.wait(lambda: self.chat.get("indexes_loaded") and self.chat.get("selected_index_ids"), timeout, "indexes")

    async def close(self) -> None:
        if self._ws is not None:
            try:
                await self._ws.close()
            except Exception:  # noqa: BLE001 - closing a dead socket
                pass
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)

    def _router(self) -> dict[str, Any]:
        return {"pathname": self.path, "asPath": self.path}

    async def emit(self, name: str, payload: dict[str, Any] | None = None) -> None:
        event = {"name": name, "payload": payload or {}, "router_data": self._router()}
        await self._ws.send(f"42{NS}," + json.dumps(["event", event]))

    async def navigate(self, path: str) -> None:
        """What the browser's router does on a redirect or a link: a new path, then its on_load."""
        self.path = path
        await self.emit(ON_LOAD)

    # ------------------------------------------------------------------ turns

    async def send(self, prompt: str) -> Turn:
        """Send a prompt; returns at once with the turn being recorded (see :meth:`finish`)."""
        self.turn = Turn(prompt=prompt, t_send=time.time(), draft_seq=int(self.live.get("draft_seq") or 0))
        self._seen = set()
        self.turns.append(self.turn)
        await self.emit(SEND, {"prompt": prompt})
        return self.turn

    async def finish(self, timeout: float) -> Turn:
        """Wait until the sent turn ends (or is refused, or not at all: then it counts as lost)."""
        turn = self.turn
        assert turn is not None
        try:
            await self.wait(lambda: turn.status != "", timeout, "the turn to end")
        except TimeoutError:
            turn.status = "lost"
        return turn

    async def wait(self, predicate, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0 or (self._reader is not None and self._reader.done()):
                raise TimeoutError(f"tab {self.name}: no {what} within {timeout:.0f} s")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(left, 1.0))
            except TimeoutError:
                pass

    # ------------------------------------------------------------------ reading

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                now = time.time()
                if raw == "2":
                    await self._ws.send("3")
                    continue
                if raw.startswith(f"42{NS},"):
                    name, data = json.loads(raw[len(NS) + 3:])[:2]
                    if name == "chat_ui_text":
                        self._text(data, now)
                    elif name == "event":
                        await self._update(data, now)
                elif raw.startswith(f"40{NS}"):
                    self._connected.set()
                elif raw.startswith(f"44{NS}"):
                    self.errors.append("connect refused: " + raw[:200])
                    return
                self._changed.set()
        except websockets.ConnectionClosed as exc:
            if exc.rcvd is None or exc.rcvd.code != 1000:
                self.errors.append(f"socket closed: {exc}")
        finally:
            self._changed.set()

    def _text(self, data: dict[str, Any], now: float) -> None:
        for key, text in (data.get("s") or {}).items():
            self.buffers[key] = text
            self._stamp(text, now)
        for key, text in (data.get("a") or {}).items():
            self.buffers[key] = self.buffers.get(key, "") + text
            self._stamp(text, now)
        for key in data.get("r") or []:
            text = self.buffers.pop(key, "")
            if self.turn is not None and text:
                # A follower that starts again (a page load after the turn ended) replays the turn:
                # the page shows that text once, so the last copy is what counts.
                self.turn.live_texts[key] = text
        if self.turn is not None:
            self.turn.text_frames += 1

    def _stamp(self, text: str, now: float) -> None:
        turn = self.turn
        if turn is None:
            return
        if turn.t_first_text is None and text:
            turn.t_first_text = now
        for m in STAMP.finditer(text):
            i = int(m.group(1))
            if i in self._seen:
                continue
            self._seen.add(i)
            emitted = float(m.group(2))
            turn.latencies.append(now - emitted)
            turn.late_by_index[i] = now - emitted
            if i == 0:
                turn.stream_start = emitted

    async def _update(self, data: dict[str, Any], now: float) -> None:
        delta = data.get("delta") or {}
        for key, store in ((CHAT, self.chat), (LIVE, self.live)):
            for var, value in (delta.get(key) or {}).items():
                store[var.removesuffix("_rx_state_")] = value
        if LIVE in delta:
            self._turn_state(now)
        for event in data.get("events") or []:
            if event.get("name") == "_redirect":
                path = (event.get("payload") or {}).get("path")
                if path:
                    await self.navigate(path)

    def _turn_state(self, now: float) -> None:
        turn = self.turn
        if turn is None or turn.status:
            return
        if int(self.live.get("draft_seq") or 0) > turn.draft_seq and self.live.get("send_error"):
            turn.status, turn.error, turn.t_end = "refused", self.live["send_error"], now
            return
        view = self.live.get("turn") or {}
        if view.get("prompt") != turn.prompt:
            return
        if self.live.get("streaming") and turn.t_accepted is None:
            turn.t_accepted = now
        if view.get("status") in ENDED and not self.live.get("streaming") and turn.t_accepted is not None:
            turn.status, turn.error, turn.t_end = view["status"], view.get("error", ""), now
            blocks = self.live.get("blocks") or []
            turn.committed = "\n\n".join(b.get("text", "") for b in blocks if b.get("kind") == "text")
            self._stamp(turn.committed, now)  # pieces that came only with the end (the last batch)
