"""What a running turn publishes: a numbered log of its changes, which any tab can replay.

A log opens with a snapshot and goes on with changes. A snapshot carries everything so far, so
a reader that starts late (a reload, a second tab) or falls behind a trimmed log syncs from it;
the follower *replaces* text with a snapshot's and *appends* a change's, so no text is ever
shown twice, however often a tab reconnects.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from pydantic import TypeAdapter

from chat_ui.i18n.message import msg
from chat_ui.views import TurnView

EntryKind = Literal["snap", "change", "end"]

_view = TypeAdapter(TurnView)


@dataclass(frozen=True)
class TurnInfo:
    """A turn as the hub knows it, before any of its entries."""

    session_id: str
    turn_id: str  # also the key of the turn's view and of its blocks' text buffers
    prompt: str
    ordinal: int = 0  # turns before this one, as the sender saw them
    started_at: float = field(default_factory=time.time)  # wall clock, seconds
    owner: str = ""
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")  # runs it

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @staticmethod
    def from_json(raw: str | bytes) -> TurnInfo:
        return TurnInfo(**json.loads(raw))


def new_turn_id(ordinal: int) -> str:
    """Unique, and names the turn's place in the session, where its raw results can be found
    again once the hub has let go of them."""
    return f"t{ordinal}-{secrets.token_hex(8)}"


def ordinal_of(key: str) -> int | None:
    """``t3-9f2c…-b1`` (a live turn's block) or ``h3-b1`` (a stored turn's) → 3."""
    head = key.split("-", 1)[0]
    return int(head[1:]) if head[:1] in ("t", "h") and head[1:].isdigit() else None


@dataclass(frozen=True)
class Entry:
    seq: int
    kind: EntryKind
    view: TurnView | None = None  # the turn's structure, when it changed (always in snap and end)
    text: dict[str, str] = field(default_factory=dict)  # snap: all text of open blocks; change: new text

    def to_json(self) -> str:
        data: dict[str, Any] = {"seq": self.seq, "kind": self.kind}
        if self.view is not None:
            data["view"] = asdict(self.view)
        if self.text:
            data["text"] = self.text
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def from_json(raw: str | bytes) -> Entry:
        data = json.loads(raw)
        view = _view.validate_python(data["view"]) if data.get("view") is not None else None
        return Entry(seq=data["seq"], kind=data["kind"], view=view, text=data.get("text") or {})


@dataclass
class TurnSoFar:
    """What a log says so far: the latest view and the whole text of the open blocks. A reader
    keeps one, so it can end a turn whose runner died with the text that had arrived."""

    view: TurnView | None = None
    text: dict[str, str] = field(default_factory=dict)
    seq: int = -1
    ended: bool = False

    def add(self, entry: Entry) -> None:
        if entry.view is not None:
            self.view = entry.view
        if entry.kind == "snap":
            self.text = dict(entry.text)
        else:
            for key, piece in entry.text.items():
                self.text[key] = self.text.get(key, "") + piece
        self.seq = entry.seq
        self.ended = self.ended or entry.kind == "end"

    def interrupted(self, error: str) -> Entry:
        """The end entry the runner would have written had it not died."""
        view = self.view or TurnView()
        blocks = []
        for block in view.blocks:
            if block.kind in ("text", "thinking") and not block.done:
                block = replace(block, text=self.text.get(block.key, block.text), done=True)
            elif block.kind == "tool" and block.tool_status == "running":
                block = replace(block, tool_status="error", tool_summary=msg("tool.no_result"))
            blocks.append(block)
        return Entry(self.seq + 1, "end", replace(view, blocks=blocks, status="interrupted", error=error, waiting=""))
