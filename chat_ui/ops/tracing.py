"""Traces (the ``otel`` extra), on when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set or a test installs a
provider: a span per turn, children for the upstream request, the first token and each tool call,
and the W3C ``traceparent`` header on the backend request. When off, nothing of OpenTelemetry is
imported and every call here is a no-op costing a function call.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

_tracer: Any = None
_configured = False


def enabled() -> bool:
    return _tracer is not None


def configure(provider: Any = None) -> None:
    """Set up the tracer once per process; ``provider`` (tests: an SDK provider with an in-memory
    exporter) wins over the environment."""
    global _tracer, _configured
    if provider is None and (_configured or not os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip()):
        _configured = True
        return
    _configured = True
    from opentelemetry import trace

    if provider is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        provider = TracerProvider(resource=Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", "chat_ui")}))
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace.set_tracer_provider(provider)
    _tracer = provider.get_tracer("chat_ui")


@contextlib.contextmanager
def span(name: str, **attributes: Any) -> Iterator[Any]:
    """A span (a child of the current one), or nothing when tracing is off."""
    if _tracer is None:
        yield None
        return
    with _tracer.start_as_current_span(name, attributes={k: v for k, v in attributes.items() if v is not None}) as s:
        yield s


def event(s: Any, name: str, **attributes: Any) -> None:
    if s is not None:
        s.add_event(name, attributes=attributes)


def set_attributes(s: Any, **attributes: Any) -> None:
    if s is not None:
        s.set_attributes({k: v for k, v in attributes.items() if v is not None})


def inject(headers: dict[str, str]) -> dict[str, str]:
    """``headers`` with the current span's ``traceparent`` added (unchanged when tracing is off)."""
    if _tracer is None:
        return headers
    from opentelemetry.propagate import inject as _inject

    _inject(headers)
    return headers
