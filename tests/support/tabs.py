"""Browser tabs without a browser: Reflex's real event pipeline (processor, state manager) with a
stand-in for the socket namespace that records what each tab would receive — Reflex's updates and
the live text's own socket event — and a copy of the client-side text store fed by it."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from reflex.istate.manager.token import BaseStateToken
from reflex_base.event import Event

# Every state of the app, as the app itself imports them: a tab's state tree is built from the
# states defined when it is first used, and a handler may reach any of them.
import chat_ui.state.citations  # noqa: F401
import chat_ui.state.export  # noqa: F401
import chat_ui.state.feedback  # noqa: F401
import chat_ui.state.raw  # noqa: F401
import chat_ui.state.screenshots  # noqa: F401
import chat_ui.state.review  # noqa: F401
import chat_ui.state.sessions  # noqa: F401
import chat_ui.state.shared  # noqa: F401
import chat_ui.state.shares  # noqa: F401
from chat_ui.state.live import FOLLOWERS, LiveState
from chat_ui.state.wire import EVENT


@dataclass
class TextFrame:
    """One ``chat_ui_text`` socket event (it has no state delta and no Reflex events)."""

    payload: dict[str, Any]
    delta: dict[str, Any] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)


class Namespace:
    """Stands in for the socket.io namespace (and the live text's channel): records what would go
    to each tab, and when."""

    def __init__(self) -> None:
        self.updates: list[tuple[float, str, Any]] = []
        self.tabs: dict[str, Tab] = {}
        self._navigations: set[asyncio.Task] = set()

    async def emit_update(self, update, token):
        self.updates.append((time.monotonic(), token, update))
        tab = self.tabs.get(token)
        for ev in update.events:
            if ev.name == "_redirect" and tab is not None:  # the browser's router navigates
                task = asyncio.create_task(tab.open(ev.payload["path"]))
                self._navigations.add(task)
                task.add_done_callback(self._navigations.discard)

    def sid(self, token: str) -> str | None:
        tab = self.tabs.get(token)
        return f"{token}#{tab.page}" if tab is not None else None  # a reload is a new socket

    async def emit(self, event: str, data: Any, to: str) -> None:
        assert event == EVENT, event
        token, _, page = to.rpartition("#")
        if page == str(self.tabs[token].page):  # a socket of a page that was reloaded is gone
            self.updates.append((time.monotonic(), token, TextFrame(data)))

    def of(self, token: str) -> list[Any]:
        return [u for _, tok, u in self.updates if tok == token]


def text_ops(update) -> list[tuple[str, Any]]:
    """The text-store calls of one update, in order: ("set"|"append", {key: text}) or ("reset", keys)."""
    if not isinstance(update, TextFrame):
        return []
    p = update.payload
    return [(op, p[k]) for k, op in (("s", "set"), ("a", "append"), ("r", "reset")) if k in p]


def appended(update) -> dict[str, str]:
    """New text this update adds per key (a ``set`` counts as the text it sets)."""
    out: dict[str, str] = {}
    for op, arg in text_ops(update):
        if op in ("set", "append"):
            for key, text in arg.items():
                out[key] = out.get(key, "") + text
    return out


class TextStore:
    """What the browser's ``window.chatUi`` holds after a list of updates."""

    def __init__(self) -> None:
        self.buffers: dict[str, str] = defaultdict(str)
        self.ever: dict[str, str] = {}  # the longest text each key held (survives reset)

    def feed(self, updates) -> TextStore:
        for update in updates:
            for op, arg in text_ops(update):
                if op == "set":
                    self.buffers.update(arg)
                elif op == "append":
                    for key, text in arg.items():
                        self.buffers[key] += text
                else:
                    for key in (arg if arg is not None else list(self.buffers)):
                        self.buffers.pop(key, None)
                for key, text in self.buffers.items():
                    if len(text) >= len(self.ever.get(key, "")):
                        self.ever[key] = text
        return self


def event(handler, token: str, path: str = "/", cookie: str = "", headers: dict[str, str] | None = None) -> Event:
    """An event as the server sees it: the headers are the tab's websocket handshake's (the
    browser's cookies, and what the deployment's gate put there), which the server adds and a
    client cannot write."""
    sent = {**({"cookie": cookie} if cookie else {}), **(headers or {})}
    router = {"token": token, "pathname": path, "asPath": path, "query": {}, "headers": sent}
    return Event.from_event_type(handler, router_data=router)[0]


class Tab:
    def __init__(self, ep, ns: Namespace, sm, token: str, cookie: str = "", headers: dict[str, str] | None = None) -> None:
        self.ep, self.ns, self.sm, self.token, self.cookie = ep, ns, sm, token, cookie
        self.headers = headers or {}
        self.path = "/"
        self.page = 0  # which page load of this tab (a reload opens a new socket)
        self._hydrated = False
        ns.tabs[token] = self

    async def fire(self, handler):
        """Enqueue an event; does not wait (a follower it starts runs as long as the tab shows the chat)."""
        if not self._hydrated:
            # A page's first event is its hydrate: it stores the route without running on_load,
            # which needs a registered app.
            import reflex as rx

            self._hydrated = True
            fut = await self.ep.enqueue(self.token, event(rx.State.hydrate, self.token, self.path, self.cookie, self.headers))
            await asyncio.wait_for(fut, 10)
        return await self.ep.enqueue(self.token, event(handler, self.token, self.path, self.cookie, self.headers))

    async def run(self, handler, timeout: float = 30):
        """Enqueue an event and wait for it (not for the events it chains: a follower it starts
        runs as long as the tab shows the chat)."""
        fut = await self.fire(handler)
        await asyncio.wait_for(fut, timeout)

    @property
    def owner(self) -> str:
        from chat_ui.access.cookies import owner_from_header

        return owner_from_header(self.cookie)

    async def claim(self, session_id: str) -> None:
        """Record ``session_id`` as created by this tab's browser (one made straight on the API)."""
        from chat_ui.access.policy import claim

        await claim(self.owner, session_id)

    async def state(self, cls):
        root = await self.sm.get_state(BaseStateToken(ident=self.token, cls=cls))
        return await root.get_state(cls)

    async def live(self) -> LiveState:
        return await self.state(LiveState)

    async def open(self, path: str, *, reload: bool = False):
        """What the page's on_load runs on a navigation within the page (a redirect, a link), or
        with ``reload`` on a new page load: a new socket, the text store empty."""
        from chat_ui.state.chat import ChatState

        self.path = path
        if reload:
            self.page += 1
        await self.run(ChatState.open_chat)

    async def wait_for(self, predicate, timeout: float = 30, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            live = await self.live()
            if predicate(live):
                return live
            await asyncio.sleep(0.02)
        raise AssertionError(f"tab {self.token}: timed out waiting for {what}")

    async def idle(self, timeout: float = 30) -> LiveState:
        """The shown turn has ended."""
        return await self.wait_for(lambda lv: lv.turn.key and not lv.streaming and lv.turn.status != "streaming",
                                   timeout, "the turn to end")

    def text(self) -> TextStore:
        return TextStore().feed(self.ns.of(self.token))

    def following(self) -> bool:
        return self.token in FOLLOWERS


def answer_of(live) -> str:
    return "\n\n".join(b.text for b in live.blocks if b.kind == "text" and b.text)


async def make_chat(tab: Tab, turns: int) -> str:
    """A stored chat of ``turns`` answered questions ("Question {n} about time off"), owned by ``tab``."""
    from chat_ui.backends import get_backend

    backend = get_backend()
    session = await backend.create_session(["idx-handbook"])
    for n in range(turns):
        async for _ in backend.stream_turn(session.session_id, f"Question {n} about time off", ["idx-handbook"]):
            pass
    await tab.claim(session.session_id)
    return session.session_id
