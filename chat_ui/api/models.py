"""Typed shapes of the LlamaCloud chat API: sessions, indexes, presigned URLs and stream events.

Every event kind is one model in a union discriminated on ``type``; :func:`parse_event` turns any
JSON object into one of them and never raises, so a new upstream event type renders generically
instead of breaking a turn.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError


class _Model(BaseModel):
    # Upstream adds fields over time; keep them rather than fail or drop them silently.
    model_config = ConfigDict(extra="allow")


# ---------------------------------------------------------------------------- sessions


# Numbers are nullable as in the SDK's models (every field ``Optional``): a ``null`` is "not
# reported", never a reason to throw away the summary or the event that carries it.


class JobMetadata(_Model):
    duration_ms: float | None = 0.0
    error: str | None = None
    export_config_ids: list[str] | None = None
    is_error: bool | None = False
    total_input_tokens: int | None = None
    total_output_tokens: int | None = None
    turns: int | None = 1


class SessionSummary(_Model):
    session_id: str
    last_updated_at: str
    generated_title: str | None = None
    index_ids: list[str] | None = None
    job_metadata: JobMetadata | None = None
    # An enum that grows ("query", "read_only" in SDK 2.19): a value this client does not know is
    # kept and shown as it is, so one new value never breaks the chat list.
    shared_access: str | None = None


class SessionPage(_Model):
    items: list[SessionSummary] = Field(default_factory=list)
    next_page_token: str | None = None


class PresignedUrl(_Model):
    url: str
    expires_at: str
    form_fields: dict[str, str] | None = None


class Index(_Model):
    """An index as ``GET /api/v1/indexes`` lists it. ``sync_in_progress`` is only filled by
    ``GET /api/v1/indexes/{id}?expand=sync_in_progress``; ``metadata`` is open, and only its
    ``status`` (``ready`` or ``failed``) is stable."""

    id: str
    name: str = ""
    description: str | None = None
    output_directory_id: str | None = None  # the directory whose files its passages name
    last_synced_at: str | None = None
    sync_in_progress: bool | None = None
    metadata: dict[str, Any] | None = None

    @property
    def build_status(self) -> str:
        status = (self.metadata or {}).get("status")
        return status if isinstance(status, str) else ""


class IndexPage(_Model):
    items: list[Index] = Field(default_factory=list)
    next_page_token: str | None = None


class DirectoryFile(_Model):
    """``GET /api/v1/beta/directories/{directory_id}/files/{directory_file_id}``: where a
    passage's ``parsed_directory_file_id`` gets the name a person knows the file by."""

    id: str
    directory_id: str = ""
    display_name: str = ""


# ---------------------------------------------------------------------------- events


class Usage(_Model):
    duration_ms: float | None = 0.0
    total_input_tokens: int | None = None
    total_output_tokens: int | None = None
    turns: int | None = 1


class ImageAttachment(_Model):
    attachment_name: str
    source_id: str


class TextDelta(_Model):
    type: Literal["text_delta"] = "text_delta"
    content: str = ""


class ThinkingDelta(_Model):
    type: Literal["thinking_delta"] = "thinking_delta"
    content: str = ""


class Text(_Model):
    type: Literal["text"] = "text"
    content: str = ""


class Thinking(_Model):
    type: Literal["thinking"] = "thinking"
    content: str = ""


class UserInput(_Model):
    type: Literal["user_input"] = "user_input"
    content: str = ""


class ToolCall(_Model):
    type: Literal["tool_call"] = "tool_call"
    call_id: str
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class ToolResult(_Model):
    type: Literal["tool_result"] = "tool_result"
    call_id: str
    name: str = ""
    result: Any = None
    image_attachment: ImageAttachment | None = None


class Stop(_Model):
    type: Literal["stop"] = "stop"
    is_error: bool | None = False  # None reads as False: the turn ended, and said no error
    error: str | None = None
    usage: Usage | None = None
    skipped_index_ids: list[str] | None = None


class Warning(_Model):  # noqa: A001 - the wire name
    """Named by the chat guide ("e.g. skipped indexes") but never specified; every field is kept."""

    type: Literal["warning"] = "warning"
    message: str | None = None
    content: str | None = None

    @property
    def text(self) -> str:
        return self.message or self.content or _describe_extra(self)


class UnknownEvent(_Model):
    """Any ``type`` this client does not know: kept whole, shown generically."""

    type: str = "unknown"

    @property
    def text(self) -> str:
        return _describe_extra(self)


KnownEvent = Annotated[
    Union[TextDelta, ThinkingDelta, Text, Thinking, UserInput, ToolCall, ToolResult, Stop, Warning],
    Field(discriminator="type"),
]
Event = Union[TextDelta, ThinkingDelta, Text, Thinking, UserInput, ToolCall, ToolResult, Stop, Warning, UnknownEvent]

_known = TypeAdapter(KnownEvent)
KNOWN_TYPES = frozenset(
    {"text_delta", "thinking_delta", "text", "thinking", "user_input", "tool_call", "tool_result", "stop", "warning"}
)


def parse_event(data: Any) -> Event:
    """Validate one JSON object as an event. Unknown or malformed events become :class:`UnknownEvent`."""
    if not isinstance(data, dict):
        return UnknownEvent(type="unknown", value=data)
    if data.get("type") in KNOWN_TYPES:
        try:
            return _known.validate_python(data)
        except ValidationError as exc:
            return UnknownEvent(**{**data, "type": str(data.get("type")), "invalid": str(exc)})
    kind = data.get("type")
    return UnknownEvent(**{**data, "type": kind if isinstance(kind, str) and kind else "unknown"})


def event_to_json(event: Event) -> dict[str, Any]:
    return event.model_dump(mode="json", exclude_none=False)


class SessionDetail(SessionSummary):
    events: list[Any] = Field(default_factory=list)

    def typed_events(self) -> list[Event]:
        return [parse_event(e) for e in self.events]


def _describe_extra(model: BaseModel) -> str:
    extra = {k: v for k, v in (model.model_extra or {}).items() if k != "invalid"}
    for key in ("message", "detail", "content", "text", "error"):
        if isinstance(extra.get(key), str):
            return extra[key]
    return ", ".join(f"{k}={v!r}" for k, v in extra.items()) or "(no details)"
