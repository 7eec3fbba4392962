"""Fault directives: ``[fault:<kind>]`` in a prompt makes the local API fail on purpose.

Honoured only when ``LocalSettings.faults`` is on; they exist so the UI's error paths can be
tested against a real HTTP service.

- ``[fault:http-500]``   HTTP 500 ``{"detail": "Simulated upstream failure"}`` before streaming
- ``[fault:http-429]``   HTTP 429 with ``retry-after: 1``
- ``[fault:stop-error]`` some text, then ``stop`` with ``is_error: true, error: "Simulated agent error"``
- ``[fault:drop]``       some text deltas, then the connection closes without ``stop``
- ``[fault:slow]``       a long answer (250 deltas), 40 ms apart: time to reload, open a second
                         tab, stop from it, or kill the worker running it
- ``[fault:stall]``      some text, then ``STALL_S`` seconds without a byte, then the rest
- ``[fault:huge]``       the first retrieval returns ``HUGE_BYTES`` (5 MB) of passages
- ``[fault:many]``       the first retrieval that finds anything returns ``MANY_PASSAGES`` passages (its hits repeated:
                         the corpus is small), more than a tool card shows, and the answer also
                         cites the last of them
- ``[fault:skip-index]`` the first index the turn asks cannot be queried this turn: the turn answers
                         from the others and its ``stop`` names it in ``skipped_index_ids`` (with
                         ``require_all_indexes`` the turn fails instead)

With faults on, a turn requested with the header ``x-chat-ui-unpaced: 1`` streams without the
pause between deltas (tests that fill a chat with many earlier turns).
"""

from __future__ import annotations

import re

from starlette.responses import JSONResponse

KINDS = ("http-500", "http-429", "stop-error", "drop", "slow", "stall", "huge", "many", "skip-index")
STALL_S = 4.0  # shorter than the HTTP layer's keep-alive interval, so the silence is total
HUGE_BYTES = 5_000_000
MANY_PASSAGES = 30
_DIRECTIVE = re.compile(r"\[fault:([a-z0-9-]+)\]")

STOP_ERROR_MESSAGE = "Simulated agent error"
SLOW_INTERVAL_S = 0.04
SLOW_DELTAS = 250
DROP_MESSAGE = "Simulated connection drop"
UNPACED_HEADER = "x-chat-ui-unpaced"


class SimulatedDrop(Exception):
    """Raised by the agent to make the HTTP layer close the stream without ``stop``."""


def find_fault(prompt: str, enabled: bool) -> str | None:
    if not enabled:
        return None
    for kind in _DIRECTIVE.findall(prompt):
        if kind in KINDS:
            return kind
    return None


def strip_directives(prompt: str) -> str:
    return " ".join(_DIRECTIVE.sub(" ", prompt).split())


def http_fault_response(fault: str | None) -> JSONResponse | None:
    if fault == "http-500":
        return JSONResponse({"detail": "Simulated upstream failure"}, status_code=500)
    if fault == "http-429":
        return JSONResponse({"detail": "Simulated rate limit: retry shortly"}, status_code=429, headers={"retry-after": "1"})
    return None
