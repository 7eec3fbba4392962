"""deepset ``chat-stream`` frames → the typed events every backend produces.

Pure and stateful per turn: feed it each JSON frame, it returns the events that frame completes.
No HTTP here, so every wire shape is unit-testable. The state it keeps is what deepset spreads
over several frames: tool-call arguments arrive as JSON fragments per ``index``.

Frame kinds deepset publishes: ``delta``, ``reasoning`` (sent when asked with
``include_reasoning``), ``tool_call_delta``, ``tool_call_result``, ``result``, ``error`` and the
keep-alive ``ping``. Any other kind is kept as a generic event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from chat_ui.api.models import Event, Stop, TextDelta, ThinkingDelta, ToolCall, ToolResult, UnknownEvent
from chat_ui.deepset.errors import errors_message
from chat_ui.deepset.sources import result_events

FRAME_KINDS = ("delta", "reasoning", "tool_call_delta", "tool_call_result", "result", "error")
STREAM_ERROR = "deepset Cloud reported an error while answering."
TOOL_FAILED = "The tool failed."


def frame_kind(frame: dict[str, Any], event_name: str = "") -> str:
    """The frame's ``type``; failing that the SSE event name, or the one payload key it carries."""
    kind = frame.get("type")
    if isinstance(kind, str) and kind:
        return kind
    if event_name in FRAME_KINDS:
        return event_name
    return next((k for k in FRAME_KINDS if frame.get(k) is not None), "unknown")


@dataclass
class _PendingCall:
    """A tool call whose arguments are still arriving."""

    index: int
    call_id: str | None = None
    name: str = ""
    parts: list[str] = field(default_factory=list)

    def to_event(self) -> ToolCall:
        return ToolCall(
            call_id=self.call_id or f"call-{self.index}", name=self.name, arguments=parse_arguments("".join(self.parts))
        )


def parse_arguments(raw: str) -> dict[str, Any]:
    """Joined argument fragments as an object; text that is not a JSON object is kept as ``raw``."""
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
        if isinstance(value, str):  # some models double-encode their arguments
            value = json.loads(value)
    except ValueError:
        return {"raw": raw}
    return value if isinstance(value, dict) else {"raw": raw}


def tool_result_value(raw: Any, failed: bool) -> Any:
    """deepset sends results as strings: JSON when the tool returned data, prose otherwise. A
    failure becomes ``{"error": text}``, which the reducer shows as a failed tool."""
    if failed:
        text = raw if isinstance(raw, str) else ("" if raw is None else json.dumps(raw))
        return {"error": text.strip() or TOOL_FAILED}
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except ValueError:
            return {"content": raw}
        return value if isinstance(value, (dict, list)) else {"content": raw}
    if isinstance(raw, (dict, list)):
        return raw
    return {"content": "" if raw is None else str(raw)}


class DeepsetTranslator:
    """One turn's translation. ``feed`` each frame; call ``finish`` when the stream ends."""

    def __init__(self, query: str = "") -> None:
        self.query = query
        self.finished = False  # a ``result`` or ``error`` frame ended the turn
        self._pending: dict[int, _PendingCall] = {}
        self._awaiting: list[ToolCall] = []  # calls shown, their results not yet
        self._results = 0

    def feed(self, frame: Any, event_name: str = "") -> list[Event]:
        if self.finished:
            return []
        if not isinstance(frame, dict):
            return [UnknownEvent(type="unknown", value=frame)]
        kind = frame_kind(frame, event_name)
        if kind == "ping":
            return []  # a keep-alive: nothing happened, not even the end of a tool call
        if kind == "tool_call_delta":
            return self._tool_call_delta(frame)
        events = self._flush()
        if kind == "delta":
            events += self._delta(frame)
        elif kind == "reasoning":
            events += self._reasoning(frame)
        elif kind == "tool_call_result":
            events += self._tool_call_result(frame)
        elif kind == "result":
            self.finished = True
            events += [*result_events(frame.get("result"), self.query), Stop(is_error=False, usage=None)]
        elif kind == "error":
            self.finished = True
            events.append(Stop(is_error=True, error=_error_text(frame.get("error"))))
        else:
            events.append(UnknownEvent(**{**{k: v for k, v in frame.items() if k != "query_id"}, "type": kind}))
        return events

    def finish(self) -> list[Event]:
        """The stream ended: tool calls still being assembled are complete now."""
        return self._flush()

    # ------------------------------------------------------------------ frame kinds

    def _delta(self, frame: dict[str, Any]) -> list[Event]:
        """``{text, meta?}``; the meta is about the generator, not for the reader."""
        delta = frame.get("delta")
        text = delta.get("text") if isinstance(delta, dict) else delta
        return [TextDelta(content=text)] if isinstance(text, str) and text else []

    def _reasoning(self, frame: dict[str, Any]) -> list[Event]:
        """``{reasoning_text, extra}``: the model's reasoning, shown as a thinking card."""
        payload = frame.get("reasoning")
        if isinstance(payload, dict):
            text = payload.get("reasoning_text", payload.get("text"))
        else:
            text = payload if isinstance(payload, str) else frame.get("reasoning_text")
        return [ThinkingDelta(content=text)] if isinstance(text, str) and text else []

    def _tool_call_delta(self, frame: dict[str, Any]) -> list[Event]:
        part = frame.get("tool_call_delta")
        part = part if isinstance(part, dict) else {}
        # deepset's envelope carries the index at the top level; the payload may repeat it.
        index = next((i for i in (frame.get("index"), part.get("index")) if isinstance(i, int)), 0)
        events: list[Event] = []
        call = self._pending.get(index)
        new_id = part.get("id") or None
        if call is not None and new_id and call.call_id and call.call_id != new_id:
            # The same index reused for a new call: the previous one is complete.
            events.append(self._emit(self._pending.pop(index)))
            call = None
        if call is None:
            call = self._pending[index] = _PendingCall(index=index)
        if new_id:
            call.call_id = str(new_id)
        if part.get("tool_name"):
            call.name = str(part["tool_name"])
        if isinstance(part.get("arguments"), str):
            call.parts.append(part["arguments"])
        return events

    def _tool_call_result(self, frame: dict[str, Any]) -> list[Event]:
        payload = frame.get("tool_call_result")
        payload = payload if isinstance(payload, dict) else {}
        origin = payload.get("origin") if isinstance(payload.get("origin"), dict) else {}
        name = str(origin.get("tool_name") or payload.get("tool_name") or "")
        arguments = origin.get("arguments") if isinstance(origin.get("arguments"), dict) else {}
        origin_id = str(origin["id"]) if origin.get("id") else None
        events: list[Event] = []
        call = self._match(origin_id, name, arguments)
        if call is None:
            # No streamed call to attach to: show the call from the result's origin.
            self._results += 1
            call = ToolCall(call_id=origin_id or f"result-{self._results}", name=name, arguments=arguments)
            events.append(call)
        value = tool_result_value(payload.get("result"), payload.get("error") is True)
        events.append(ToolResult(call_id=call.call_id, name=name or call.name, result=value))
        return events

    # ------------------------------------------------------------------ tool-call bookkeeping

    def _flush(self) -> list[Event]:
        events = [self._emit(self._pending[i]) for i in sorted(self._pending)]
        self._pending.clear()
        return events

    def _emit(self, call: _PendingCall) -> ToolCall:
        event = call.to_event()
        self._awaiting.append(event)
        return event

    def _match(self, origin_id: str | None, name: str, arguments: dict[str, Any]) -> ToolCall | None:
        """The shown call this result answers: same id; else (for calls whose id was made up
        here, or a result without one) same name, preferring the same arguments."""
        found = next((c for c in self._awaiting if origin_id and c.call_id == origin_id), None)
        if found is None:
            candidates = [
                c for c in self._awaiting
                if c.name == name and (origin_id is None or c.call_id.startswith("call-"))
            ]
            found = next((c for c in candidates if c.arguments == arguments), candidates[0] if candidates else None)
        if found is not None:
            self._awaiting.remove(found)
        return found


def _error_text(error: Any) -> str:
    """A string, or an object in any shape deepset's error bodies take (``{"errors": [{message}]}``
    among them): read the same way as an HTTP error's body."""
    if isinstance(error, str) and error.strip():
        return error.strip()
    return errors_message(error) or STREAM_ERROR
