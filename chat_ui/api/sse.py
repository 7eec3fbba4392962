"""Read one chat turn's Server-Sent Events into typed events.

The real stream's framing is undocumented (the OpenAPI spec even declares ``application/json``
for it), so this parser is lenient about everything except the one thing that matters: each
``data:`` payload is an event object dispatched on its JSON ``type``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

import httpx
from httpx_sse import EventSource

from chat_ui.api.errors import StreamInterrupted
from chat_ui.api.models import KNOWN_TYPES, Event, Stop, parse_event

log = logging.getLogger(__name__)

INTERRUPTED = "The answer was interrupted before it finished"


class _AnyContentType(EventSource):
    # httpx-sse refuses anything but text/event-stream; the API may label the stream
    # application/json, and the status code has already been checked by the caller.
    def _check_content_type(self) -> None:
        return None


async def iter_events(response: httpx.Response) -> AsyncIterator[Event]:
    """Yield events until ``stop``. Everything received is yielded before a
    :class:`StreamInterrupted` is raised for an early end, so the UI can keep the partial answer."""
    try:
        async for sse in _AnyContentType(response).aiter_sse():
            data = sse.data.strip()
            if not data:
                continue
            if data == "[DONE]":
                # An explicit end marker without a stop: the server says the turn is complete,
                # so finish the way a normal turn finishes rather than report an interruption.
                yield Stop()
                return
            try:
                payload = json.loads(data)
            except ValueError:
                log.warning("Skipping a non-JSON stream line: %.200r", data)
                continue
            if isinstance(payload, dict) and "type" not in payload and sse.event in KNOWN_TYPES:
                payload = {**payload, "type": sse.event}
            event = parse_event(payload)
            yield event
            if isinstance(event, Stop):
                return
    except (httpx.RequestError, httpx.StreamError) as exc:
        raise StreamInterrupted(
            f"{INTERRUPTED}: the connection to the chat service was lost. What arrived so far is kept."
        ) from exc
    raise StreamInterrupted(f"{INTERRUPTED}: the chat service ended the stream early. What arrived so far is kept.")
