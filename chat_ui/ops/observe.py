"""The narrow calls the turn runner and the send path make: one turn's metrics, log lines and
span, kept together so the runner names each moment once (started, upstream, error, ended)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

from chat_ui.ops import logs, metrics, tracing


def _backend() -> str:
    from chat_ui.backends import backend_kind

    return backend_kind()


def refused(reason: str) -> None:
    """A send refused: ``busy`` (a turn runs in that chat), ``rate_limit``, ``worker_full``."""
    metrics.refused(reason)


def hub_published(seconds: float) -> None:
    metrics.hub_published(seconds)


def list_loaded(seconds: float) -> None:
    """A page of the chat list reached the tab's state, ``seconds`` after it was asked of the store."""
    metrics.list_loaded(seconds)


def follower_joined() -> None:
    metrics.follower_joined()


def follower_left() -> None:
    metrics.follower_left()


class TurnWatch:
    """One running turn, from the runner's side: started on creation, ended by :meth:`ended`."""

    def __init__(self, info: Any) -> None:
        self.info = info
        self.backend = _backend()
        self.began = time.monotonic()
        self._token = None
        self.span = None
        self.first_text_at: float | None = None  # monotonic: the upstream's first text
        if tracing.enabled():
            from opentelemetry import context, trace

            self.span = tracing._tracer.start_span("chat_ui.turn", attributes={
                "chat_ui.turn_id": info.turn_id, "chat_ui.session_id": info.session_id, "chat_ui.backend": self.backend})
            self._token = context.attach(trace.set_span_in_context(self.span))
        metrics.turn_started(self.backend)
        fields = self._ids()
        if logs.log_content():
            fields["prompt"] = info.prompt
        logs.turn_line("started", **fields)

    def _ids(self) -> dict[str, Any]:
        return {"session_id": self.info.session_id, "turn_id": self.info.turn_id,
                "person_id": logs.person_id(self.info.owner), "backend": self.backend}

    async def upstream(self, events: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """The backend's stream, inside an ``upstream`` span with ``first_token`` and ``tool`` children."""
        from chat_ui.api.models import TextDelta, ThinkingDelta

        if self.span is None:  # only until the first text: the rest of the stream passes untouched
            async for event in events:
                yield event
                if isinstance(event, (TextDelta, ThinkingDelta)):
                    self.first_text_at = time.monotonic()
                    break
            async for event in events:
                yield event
            return

        tracer = tracing._tracer
        with tracer.start_as_current_span("chat_ui.upstream", attributes={"chat_ui.backend": self.backend}):
            first = tracer.start_span("chat_ui.first_token")
            tools: dict[str, Any] = {}
            try:
                async for event in events:
                    if first is not None and isinstance(event, (TextDelta, ThinkingDelta)):
                        self.first_text_at = time.monotonic()
                        first.end()
                        first = None
                    self._tool_spans(tracer, event, tools)
                    yield event
            finally:
                if first is not None:
                    first.end()
                for s in tools.values():
                    s.end()

    @staticmethod
    def _tool_spans(tracer: Any, event: Any, tools: dict[str, Any]) -> None:
        from chat_ui.api.models import ToolCall, ToolResult

        if isinstance(event, ToolCall) and event.call_id not in tools:
            tools[event.call_id] = tracer.start_span("chat_ui.tool", attributes={"chat_ui.tool": event.name})
        elif isinstance(event, ToolResult) and event.call_id in tools:
            tools.pop(event.call_id).end()

    def upstream_error(self, exc: Any) -> None:
        metrics.upstream_error(self.backend, getattr(exc, "status_code", None))

    def ended(self, turn: Any, *, first_token_s: float | None, duration_s: float, upstream_status: int | None) -> None:
        usage = getattr(turn, "usage", None)
        tokens_in = (usage.total_input_tokens or 0) if usage else 0
        tokens_out = (usage.total_output_tokens or 0) if usage else 0
        outcome = turn.status
        if self.first_text_at is not None:  # as the upstream sent it, even when it all came in one batch
            first_token_s = self.first_text_at - self.began
        metrics.turn_finished(self.backend, outcome, first_token_s=first_token_s, duration_s=duration_s,
                              input_tokens=tokens_in, output_tokens=tokens_out)
        fields = {**self._ids(), "outcome": outcome, "first_token_s": first_token_s, "duration_s": round(duration_s, 3),
                  "input_tokens": tokens_in, "output_tokens": tokens_out, "upstream_status": upstream_status}
        if logs.log_content():
            fields["answer"] = "".join(getattr(b, "text", "") for b in turn.blocks)
        logs.turn_line("ended", **fields)
        if self.span is not None:
            from opentelemetry import context

            tracing.set_attributes(self.span, **{"chat_ui.outcome": outcome, "chat_ui.output_tokens": tokens_out})
            self.span.end()
            if self._token is not None:
                context.detach(self._token)
