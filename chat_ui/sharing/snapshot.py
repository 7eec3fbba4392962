"""A shared chat's snapshot: its finished turns as the page showed them, with their raw results
(each cut as a feedback snapshot cuts it), its title, who shared it and when.

Read back on every open after the store says the link is alive and who may open it; the parsed
snapshot of a link's current version is kept for a few links per worker, so a citation opened on
a shared page does not parse megabytes again.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from chat_ui.access.visitor import Visitor
from chat_ui.quality.snapshot import VERSION, dumps, iso, rendered_turn, view_of
from chat_ui.sharing.policy import may_open
from chat_ui.store import shares
from chat_ui.store.shares import Share
from chat_ui.views import TurnView

SHARED_PATH = "/shared"
KEEP = 8  # parsed snapshots per worker


def share_id_from_path(path: str) -> str:
    """``/shared/<id>`` → ``<id>``; any other path → ""."""
    parts = [p for p in path.split("/") if p]
    return parts[1] if len(parts) == 2 and parts[0] == SHARED_PATH.strip("/") else ""


def link_of(share_id: str) -> str:
    return f"{SHARED_PATH}/{share_id}"


@dataclass(frozen=True)
class SharedChat:
    share: Share
    title: str
    shared_by: str
    shared_at: str  # ISO 8601, UTC
    turns: list[TurnView]
    results: dict[str, Any]  # raw results by block key, every turn's
    images: frozenset[tuple[str, str]]  # (source id, attachment name) of every page screenshot shown


def chat_snapshot(turns: list[tuple[TurnView, dict[str, Any]]], *, session_id: str, title: str,
                  indexes: list[str], backend: str, shared_by: str, when: float) -> str:
    """The snapshot JSON of a chat's finished turns (views and raw results, in order)."""
    return dumps({
        "version": VERSION, "session_id": session_id, "title": title, "indexes": indexes, "backend": backend,
        "shared_by": shared_by, "shared_at": iso(when),
        "turns": [rendered_turn(view, results) for view, results in turns],
    })


def _images(views: list[TurnView]) -> frozenset[tuple[str, str]]:
    found = set()
    for view in views:
        for block in view.blocks:
            if block.image_source and block.image_name:
                found.add((block.image_source, block.image_name))
            found.update((h.image_source, h.image_name) for h in block.hits if h.image_source and h.image_name)
    return frozenset(found)


def parse(share: Share, raw: str) -> SharedChat:
    data = json.loads(raw)
    views = [view_of(t) for t in data.get("turns", [])]
    results: dict[str, Any] = {}
    for turn in data.get("turns", []):
        results.update(turn.get("results") or {})
    return SharedChat(share=share, title=data.get("title") or share.title, shared_by=share.shared_by,
                      shared_at=data.get("shared_at", ""), turns=views, results=results, images=_images(views))


_parsed: OrderedDict[tuple[str, float], SharedChat] = OrderedDict()


async def open_share(visitor: Visitor, share_id: str) -> SharedChat | None:
    """The shared chat, if the link is alive and ``visitor`` may open it; None, exactly the same,
    when it never existed, was stopped, or is for people signed in and the visitor is not."""
    share = await shares.get(share_id)
    if not may_open(visitor, share):
        return None
    key = (share.id, share.updated_at)
    found = _parsed.get(key)
    if found is None:
        raw = await shares.snapshot(share)
        if raw is None:  # shared again (or stopped) between the two reads
            return None
        found = await asyncio.to_thread(parse, share, raw)
        _parsed[key] = found
        while len(_parsed) > KEEP:
            _parsed.popitem(last=False)
    _parsed.move_to_end(key)
    return found
