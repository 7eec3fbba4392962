"""Read one chat turn's Server-Sent Events into typed events.

The real stream's framing is undocumented (the OpenAPI spec even declares ``application/json``
for it), so this parser is lenient about everything except the one thing that matters: each
``data:`` payload is an event object dispatched on its JSON ``type``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_sse import EventSource

from chat_ui.i18n.message import msg
from chat_ui.api.errors import StreamInterrupted
from chat_ui.api.models import KNOWN_TYPES, Event, Stop, Warning, parse_event

log = logging.getLogger(__name__)

# Kept messages (chat_ui/i18n/message.py): a turn shows them in the reader's language.
CONNECTION_LOST = msg("turn.connection_lost")
EARLY_END = msg("turn.early_end")
UNREADABLE = msg("turn.unreadable")


class _AnyContentType(EventSource):
    # httpx-sse refuses anything but text/event-stream; the API may label the stream
    # application/json, and the status code has already been checked by the caller.
    def _check_content_type(self) -> None:
        return None


@dataclass(frozen=True)
class JSONFrame:
    """One SSE message whose ``data`` parsed as JSON; ``done`` marks a ``data: [DONE]`` end marker;
    ``unreadable`` one whose data is not JSON (``data`` then holds the start of its text)."""

    event: str
    data: Any = None
    done: bool = False
    unreadable: bool = False


async def iter_json_frames(response: httpx.Response, *, keep_unreadable: bool = False) -> AsyncIterator[JSONFrame]:
    """Yield every JSON ``data`` payload (non-JSON ones are logged and skipped, or yielded as
    ``unreadable`` frames when asked). Ends quietly at EOF, because only the caller knows whether
    that was early; a dropped connection raises :class:`StreamInterrupted` after everything
    before it was yielded."""
    try:
        async for sse in _AnyContentType(response).aiter_sse():
            data = sse.data.strip()
            if not data:
                continue
            if data == "[DONE]":
                yield JSONFrame(sse.event, done=True)
                continue
            try:
                payload = json.loads(data)
            except ValueError:
                log.warning("Skipping a non-JSON stream line: %.200r", data)
                if keep_unreadable:
                    yield JSONFrame(sse.event, data[:200], unreadable=True)
                continue
            yield JSONFrame(sse.event, payload)
    except (httpx.RequestError, httpx.StreamError) as exc:
        raise StreamInterrupted(CONNECTION_LOST) from exc


async def iter_events(response: httpx.Response) -> AsyncIterator[Event]:
    """Yield events until ``stop``. Everything received is yielded before a
    :class:`StreamInterrupted` is raised for an early end, so the UI can keep the partial answer.
    A frame that is not JSON is skipped, and said once per turn: the answer may have a gap."""
    told = False
    async with aclosing(iter_json_frames(response, keep_unreadable=True)) as frames:
        async for frame in frames:
            if frame.unreadable:
                if not told:
                    told = True
                    yield Warning(message=UNREADABLE)
                continue
            if frame.done:
                # An explicit end marker without a stop: the server says the turn is complete,
                # so finish the way a normal turn finishes rather than report an interruption.
                yield Stop()
                return
            payload = frame.data
            if isinstance(payload, dict) and "type" not in payload and frame.event in KNOWN_TYPES:
                payload = {**payload, "type": frame.event}
            event = parse_event(payload)
            yield event
            if isinstance(event, Stop):
                return
    raise StreamInterrupted(EARLY_END)
