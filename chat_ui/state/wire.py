"""The live text's own socket event: one small message per flush, straight to the tab's socket.

Sent as a Reflex ``_call_script`` event, each flush of text cost about 140 bytes of envelope, an
``eval`` in the browser and a place in Reflex's client event queue. A socket.io event of its own,
``chat_ui_text``, on the tab's socket in this worker costs about 40 bytes, runs no code built
from text, and keeps its order with the tab's state updates (one socket, one sender). The
browser side is ``components/js/text_wire.js``.

Payload: ``{"s": {key: all text so far}, "a": {key: new text}, "r": [keys to forget]}``, each part
optional; applied in that order.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

EVENT = "chat_ui_text"


class TextChannel(Protocol):
    def sid(self, token: str) -> str | None:
        """The socket id of the tab's socket, if this worker holds it."""
        ...

    async def emit(self, event: str, data: Any, to: str) -> None: ...


class ReflexSockets:
    """The app's socket.io namespace and token manager: sockets this worker holds."""

    def __init__(self, namespace: Any) -> None:
        self.namespace = namespace

    def sid(self, token: str) -> str | None:
        manager = self.namespace._token_manager
        record = manager.token_to_socket.get(token)
        return record.sid if record is not None and record.instance_id == manager.instance_id else None

    async def emit(self, event: str, data: Any, to: str) -> None:
        """Encoded here and handed to engine.io directly: socket.io's own ``emit`` builds a packet
        object, scans the data for binary parts and starts a task per recipient, which cost more
        than everything else a flush does (measured at 200 tabs streaming)."""
        ns = self.namespace.namespace
        try:
            server = self.namespace.server
            eio_sid = server.manager.eio_sid_from_sid(to, ns)
        except AttributeError:  # a socket.io that works otherwise: its own way
            await self.namespace.emit(event, data, to=to)
            return
        if eio_sid is None:
            return  # the socket went away
        head = "2" if ns == "/" else f"2{ns},"
        await server.eio.send(eio_sid, head + json.dumps([event, data], ensure_ascii=False, separators=(",", ":")))


_override: TextChannel | None = None


def use_channel(channel: TextChannel | None) -> None:
    """Tests without a server: a stand-in that records what each tab would receive."""
    global _override
    _override = channel


def channel() -> TextChannel | None:
    if _override is not None:
        return _override
    app = getattr(sys.modules.get("chat_ui.chat_ui"), "app", None)
    namespace = getattr(app, "event_namespace", None)
    return ReflexSockets(namespace) if namespace is not None else None


def payload(
    replace: Mapping[str, str] | None = None,
    append: Mapping[str, str] | None = None,
    reset: Iterable[str] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if replace:
        out["s"] = dict(replace)
    if append:
        out["a"] = dict(append)
    if reset is not None:
        out["r"] = list(reset)
    return out


def socket_of(token: str) -> str | None:
    """The socket this worker holds for the tab, if any."""
    wire = channel()
    return wire.sid(token) if wire is not None else None


async def send_text(token: str, **parts: Any) -> bool:
    """Send text to the tab's socket if this worker holds it; False when it does not."""
    wire = channel()
    data = payload(**parts)
    if wire is None or not data:
        return False
    sid = wire.sid(token)
    if sid is None:
        return False
    await wire.emit(EVENT, data, sid)
    return True


async def close_all() -> None:
    """Close every socket this worker holds, at engine.io's level (a transport close, which the
    browser's socket.io client answers by reconnecting; a socket.io disconnect it would not).
    A draining worker does this once it accepts no more connections, so its tabs reconnect to
    another worker at once and follow their answers there, instead of sitting on a socket that
    stops carrying text when socket.io's ping lapses and only drops when the worker exits."""
    wire = channel()
    server = getattr(getattr(wire, "namespace", None), "server", None)
    eio = getattr(server, "eio", None)
    if eio is not None and eio.sockets:  # with none, engine.io's own call would wait on an empty set
        await eio.disconnect()
