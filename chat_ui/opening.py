"""A stored chat read for a page: fetched, named and folded once, begun by the page request.

Opening ``/chat/<id>`` used to wait for the whole boot before reading the session: the HTML, the
scripts, the socket, the hydrate, the page's on_load, and only then the backend round trip, the
fold and the views (about 250 ms for 200 turns here, plus the round trip to a remote LlamaCloud).
The page request already says which chat the tab is about to open, a second before its socket
asks: :class:`ReadOnPageRequest` starts the read then, and the tab's open takes it, done or under
way (:func:`take`). It is one read, the one the page would have made.

What it holds is no one's but its owner's: it is kept by (owner, chat), begun only for an owner
the store says may open the chat, and :func:`take` is asked only after the open has checked
that again. A copy lives a few seconds and serves one open; a turn that starts or ends, a
rename or a delete in this worker forgets it (:func:`forget`). What the hub holds is read at the
open, as before, and :func:`chat_ui.turns.reconcile.split_history` joins the two either way.

Only where the page and its socket reach the same process: with one worker (the in-process
hub). A cluster's page request may reach another worker than its socket, which would make one
read nobody takes; there the open reads as it did.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field

from chat_ui import transcript as t
from chat_ui.access.asgi import ASGIApp, Receive, Scope, Send, header
from chat_ui.api.models import SessionDetail
from chat_ui.views import TurnView, turn_view

log = logging.getLogger(__name__)

TTL_S = 5.0  # from the page request to its socket's open: about a second; 5 on a loaded machine
MOST = 8  # reads begun by page requests at once per worker; more pages wait for their socket

_CHAT_PAGE = re.compile(r"^/chat/([A-Za-z0-9_-]{1,128})/?$")


@dataclass
class Opened:
    """A chat as a page shows it: the session (with its owner's name for it), its turns folded,
    and the views of those turns with any open last turn closed."""

    detail: SessionDetail
    stored: t.Transcript
    _views: list[TurnView] | None = field(default=None, repr=False)

    def views(self, turns: int) -> list[TurnView]:
        """The views of the first ``turns`` turns: the history that ``split_history`` left. Its
        only open turn can be the last, which the history then leaves out or shows closed."""
        if self._views is None:
            self._views = [turn_view(turn, f"h{i}") for i, turn in enumerate(t.closed(self.stored))]
        return self._views[:turns]


async def read(owner: str, session_id: str) -> Opened:
    """Read the chat from the backend now (raises :class:`~chat_ui.api.errors.ChatAPIError`)."""
    from chat_ui.backends import get_backend
    from chat_ui.names import stored_names
    from chat_ui.names.refs import with_names
    from chat_ui.search.naming import named

    backend = get_backend()
    detail = await named(owner, await backend.get_session(session_id))
    events = detail.typed_events()
    names = await stored_names(backend, detail, events)
    return Opened(detail, t.fold(with_names(events, names)))


@dataclass
class _Begun:
    task: asyncio.Task[Opened]
    until: float


_begun: dict[tuple[str, str], _Begun] = {}
_now = time.monotonic


def _fresh(key: tuple[str, str]) -> _Begun | None:
    begun = _begun.get(key)
    if begun is None:
        return None
    if begun.until <= _now() or begun.task.get_loop() is not asyncio.get_running_loop():
        del _begun[key]
        return None
    return begun


def _seen(task: asyncio.Task[Opened]) -> None:
    if not task.cancelled():
        task.exception()  # a failed read that nobody takes is not "never retrieved"


def begin(owner: str, session_id: str) -> bool:
    """Start reading the chat for ``owner`` in the background, unless a read is under way or
    ``MOST`` are. The owner is checked in the task, before anything is read."""
    for key in [k for k, b in _begun.items() if b.until <= _now()]:
        del _begun[key]
    key = (owner, session_id)
    if _fresh(key) is not None or len(_begun) >= MOST:
        return False
    task = asyncio.get_running_loop().create_task(_read_if_allowed(owner, session_id))
    task.add_done_callback(_seen)
    _begun[key] = _Begun(task, _now() + TTL_S)
    return True


async def _read_if_allowed(owner: str, session_id: str) -> Opened:
    from chat_ui.access.policy import can_open

    if not await can_open(owner, session_id):
        raise LookupError(session_id)  # never read for someone who may not open it
    return await read(owner, session_id)


async def take(owner: str, session_id: str) -> Opened:
    """The chat for an open that has checked ``owner`` may see it: the read a page request
    began, if there is one and it succeeded, else a read now. Either serves this open only."""
    begun = _fresh((owner, session_id))
    if begun is not None:
        del _begun[(owner, session_id)]
        try:
            return await asyncio.shield(begun.task)
        except Exception:  # noqa: BLE001 - a failed early read: the open reads again and says why
            pass
    return await read(owner, session_id)


def forget(session_id: str) -> None:
    """The chat changed here (a turn, a rename, a delete): a copy read before is stale."""
    for key in [k for k in _begun if k[1] == session_id]:
        del _begun[key]


def clear() -> None:
    _begun.clear()


class ReadOnPageRequest:
    """An ASGI wrapper: a page request for ``/chat/<id>`` begins that chat's read for the visitor
    it comes from, and goes on at once (nothing is awaited on the page's way)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and scope.get("method") == "GET" and _enabled():
            found = _CHAT_PAGE.match(scope.get("path", ""))
            if found and "text/html" in header(scope, "accept"):
                self._begin(scope, found.group(1))
        await self.app(scope, receive, send)

    @staticmethod
    def _begin(scope: Scope, session_id: str) -> None:
        from chat_ui.access.visitor import GUEST_HEADER, visitor_from_headers

        try:
            visitor = visitor_from_headers({"cookie": header(scope, "cookie"), GUEST_HEADER: header(scope, GUEST_HEADER)})
            if visitor.owner and not visitor.guest:
                begin(visitor.owner, session_id)
        except Exception:  # noqa: BLE001 - an early read is a head start, never the page's failure
            log.exception("Could not begin reading %s for its page", session_id)


def _enabled() -> bool:
    from chat_ui.turns import redis_url

    return not redis_url()
