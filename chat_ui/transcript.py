"""The one reducer: folds typed events into a transcript.

Pure (no I/O, no Reflex, no clock): the same code folds a live stream and a stored session's
``events``, so a reopened session looks exactly like the live turn did. Time, where a block
wants it, comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Union

from chat_ui.api import models as m
from chat_ui.i18n.message import msg

INTERRUPTED = msg("turn.interrupted")  # a kept message: shown in the reader's language (pure: no I/O)

TurnStatus = Literal["streaming", "done", "error", "stopped", "interrupted"]
ToolStatus = Literal["running", "done", "error"]


# ---------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class ThinkingBlock:
    text: str = ""
    done: bool = False
    started_at: float | None = None
    duration_ms: float | None = None
    kind: Literal["thinking"] = "thinking"


@dataclass(frozen=True)
class TextBlock:
    text: str = ""
    done: bool = False
    kind: Literal["text"] = "text"


@dataclass(frozen=True)
class ToolBlock:
    call_id: str
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    status: ToolStatus = "running"
    result: Any = None
    image: m.ImageAttachment | None = None
    has_call: bool = True  # False for a result whose call never arrived
    kind: Literal["tool"] = "tool"


@dataclass(frozen=True)
class NoticeBlock:
    text: str
    level: Literal["warning", "info"] = "warning"
    kind: Literal["notice"] = "notice"


Block = Union[ThinkingBlock, TextBlock, ToolBlock, NoticeBlock]


@dataclass(frozen=True)
class Turn:
    prompt: str = ""
    blocks: tuple[Block, ...] = ()
    status: TurnStatus = "streaming"
    error: str | None = None
    usage: m.Usage | None = None
    skipped_index_ids: tuple[str, ...] = ()
    # Display names of ids its events carry (a passage's file, a skipped index), as looked up
    # outside the reducer and folded in with :class:`Named`.
    names: tuple[tuple[str, str], ...] = ()

    @property
    def answer(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if isinstance(b, TextBlock) and b.text)

    @property
    def is_open(self) -> bool:
        return self.status == "streaming"


Transcript = tuple[Turn, ...]


# ---------------------------------------------------------------------------- client-side events


@dataclass(frozen=True)
class TurnStarted:
    """The person sent a prompt: the turn shows at once, before the wire says anything."""

    prompt: str


@dataclass(frozen=True)
class TurnEnded:
    """The turn ended without a ``stop`` from upstream: the person stopped it, or it failed."""

    status: Literal["stopped", "interrupted", "error"]
    error: str | None = None


@dataclass(frozen=True)
class Named:
    """Names for ids the turn's events carry, found by a lookup (I/O, so never here): the wire
    names a passage's file only by id. It belongs to the latest turn, ended or not, so names that
    arrive after the end of a turn still reach it; a stored session folds them in the same way."""

    names: tuple[tuple[str, str], ...]


ReducerEvent = Union[m.Event, TurnStarted, TurnEnded, Named]


# ---------------------------------------------------------------------------- reducer


def apply(transcript: Transcript, event: ReducerEvent, now: float | None = None) -> Transcript:
    """Return the transcript with ``event`` folded in; ``now`` (seconds) times thinking blocks."""
    if isinstance(event, TurnStarted):
        return (*_closed_last(transcript, "interrupted"), Turn(prompt=event.prompt))
    if isinstance(event, Named):
        if not transcript:
            return transcript
        last = transcript[-1]
        names = tuple({**dict(last.names), **dict(event.names)}.items())
        return transcript if names == last.names else (*transcript[:-1], replace(last, names=names))
    if isinstance(event, m.UserInput):
        last = transcript[-1] if transcript else None
        if last is not None and last.is_open and not last.blocks and last.prompt == event.content:
            return transcript  # the live echo of a prompt already shown
        return (*_closed_last(transcript, "interrupted"), Turn(prompt=event.content))

    turns = transcript if transcript and transcript[-1].is_open else (*transcript, Turn())
    turn = turns[-1]
    return (*turns[:-1], _apply_to_turn(turn, event, now))


def fold(events: Iterable[ReducerEvent], transcript: Transcript = ()) -> Transcript:
    """Fold events in order; a turn still open at the end stays open (a live stream in flight)."""
    for event in events:
        transcript = apply(transcript, event)
    return transcript


def fold_stored(events: Iterable[ReducerEvent]) -> Transcript:
    """A stored session: a last turn with no ``stop`` did not finish, so it shows as interrupted,
    exactly as the live stream that produced it ended."""
    return closed(fold(events))


def closed(transcript: Transcript) -> Transcript:
    """The transcript with a last turn that never ended shown as interrupted."""
    return _closed_last(transcript, "interrupted")


def _apply_to_turn(turn: Turn, event: ReducerEvent, now: float | None) -> Turn:
    blocks = turn.blocks
    if isinstance(event, m.TextDelta):
        return replace(turn, blocks=_append_delta(blocks, TextBlock, event.content, now))
    if isinstance(event, m.ThinkingDelta):
        return replace(turn, blocks=_append_delta(blocks, ThinkingBlock, event.content, now))
    if isinstance(event, m.Text):
        return replace(turn, blocks=_complete(blocks, TextBlock, event.content, now, event))
    if isinstance(event, m.Thinking):
        return replace(turn, blocks=_complete(blocks, ThinkingBlock, event.content, now, event))
    if isinstance(event, m.ToolCall):
        tool = ToolBlock(call_id=event.call_id, name=event.name, arguments=dict(event.arguments))
        return replace(turn, blocks=(*_close_streaming(blocks, now), tool))
    if isinstance(event, m.ToolResult):
        return replace(turn, blocks=_with_result(blocks, event, now))
    if isinstance(event, m.Warning):
        return replace(turn, blocks=(*blocks, NoticeBlock(text=event.text, level="warning")))
    if isinstance(event, m.Stop):
        status: TurnStatus = "error" if event.is_error else "done"
        error = (event.error or "The agent reported an error.") if event.is_error else None
        ended = _end(turn, status, error, now)
        return replace(ended, usage=event.usage, skipped_index_ids=tuple(event.skipped_index_ids or ()))
    if isinstance(event, TurnEnded):
        return _end(turn, event.status, event.error, now)
    if isinstance(event, m.UnknownEvent):
        return replace(turn, blocks=(*blocks, NoticeBlock(text=f"{event.type}: {event.text}", level="info")))
    return turn


def _append_delta(blocks: tuple[Block, ...], kind: type, content: str, now: float | None) -> tuple[Block, ...]:
    # A notice (a warning, an unknown event) arriving mid-answer does not cut the text in two.
    i = len(blocks) - 1
    while i >= 0 and isinstance(blocks[i], NoticeBlock):
        i -= 1
    last = blocks[i] if i >= 0 else None
    if isinstance(last, kind) and not last.done:
        return (*blocks[:i], replace(last, text=last.text + content), *blocks[i + 1:])
    opened = ThinkingBlock(text=content, started_at=now) if kind is ThinkingBlock else TextBlock(text=content)
    return (*_close_streaming(blocks, now), opened)


def _complete(blocks: tuple[Block, ...], kind: type, content: str, now: float | None, event: m.Text | m.Thinking) -> tuple[Block, ...]:
    """The complete event replaces what its deltas built (the latest open block of its kind)."""
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if isinstance(block, kind) and not block.done:
            return (*blocks[:i], _finish(replace(block, text=content), now, event), *blocks[i + 1 :])
    if kind is ThinkingBlock:
        closed = _finish(ThinkingBlock(text=content, started_at=None), now, event)
    else:
        closed = TextBlock(text=content, done=True)
    return (*_close_streaming(blocks, now), closed)


def _finish(block: Block, now: float | None, event: Any = None) -> Block:
    if isinstance(block, ThinkingBlock):
        duration = block.duration_ms
        upstream = getattr(event, "duration_ms", None) if event is not None else None
        if isinstance(upstream, (int, float)):
            duration = float(upstream)
        elif duration is None and block.started_at is not None and now is not None:
            duration = max(0.0, (now - block.started_at) * 1000)
        return replace(block, done=True, duration_ms=duration)
    if isinstance(block, TextBlock):
        return replace(block, done=True)
    return block


def _close_streaming(blocks: tuple[Block, ...], now: float | None) -> tuple[Block, ...]:
    """A new block starting means the open thinking before it has ended (its timer stops)."""
    return tuple(_finish(b, now) if isinstance(b, ThinkingBlock) and not b.done else b for b in blocks)


def _with_result(blocks: tuple[Block, ...], event: m.ToolResult, now: float | None) -> tuple[Block, ...]:
    """A result answers the oldest call with its id still waiting, so calls that repeat an id
    (some agents number calls per step) are answered in order and no result is lost."""
    status: ToolStatus = "error" if _looks_failed(event.result) else "done"
    for i in range(len(blocks)):
        block = blocks[i]
        if isinstance(block, ToolBlock) and block.call_id == event.call_id and block.has_call and block.result is None:
            done = replace(block, status=status, result=event.result, image=event.image_attachment, name=block.name or event.name)
            return (*blocks[:i], done, *blocks[i + 1 :])
    orphan = ToolBlock(
        call_id=event.call_id, name=event.name, status=status, result=event.result,
        image=event.image_attachment, has_call=False,
    )
    return (*_close_streaming(blocks, now), orphan)


def _looks_failed(result: Any) -> bool:
    return isinstance(result, dict) and (result.get("is_error") is True or (isinstance(result.get("error"), str) and bool(result["error"])))


def _end(turn: Turn, status: TurnStatus, error: str | None, now: float | None) -> Turn:
    tool_end: ToolStatus = "done" if status == "done" else "error"
    blocks = tuple(
        replace(b, status=tool_end) if isinstance(b, ToolBlock) and b.status == "running" else _finish(b, now)
        for b in turn.blocks
    )
    return replace(turn, blocks=blocks, status=status, error=error)


def _closed_last(transcript: Transcript, status: TurnStatus) -> Transcript:
    if transcript and transcript[-1].is_open:
        error = INTERRUPTED if status == "interrupted" else None
        return (*transcript[:-1], _end(transcript[-1], status, error, None))
    return transcript
