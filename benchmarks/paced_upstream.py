"""A paced chat upstream for load benchmarks, run as its own process: the LlamaCloud chat API's
shape, reduced to what a turn needs, with every text delta stamped with its emission time.

Each turn streams ``PACED_DELTAS`` text deltas at ``PACED_RATE`` per second on an absolute
schedule (no drift), the first one at once. A delta reads ``[i t] `` — its index and the
wall-clock time (``time.time()``) just before it was written — so a reader on the same machine
can tell how late each delta reached it, and whether any was lost or shown twice.

A bare ASGI app (no framework) served by Granian, so the upstream spends as little of the
machine as it can: the figures are about the app, not about this stand-in.

    python -m granian --interface asgi --host 127.0.0.1 --port 9000 benchmarks.paced_upstream:app
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import time
from datetime import datetime, timezone
from typing import Any

INDEX_ID = "idx-load"
DELTAS = int(os.environ.get("PACED_DELTAS", "200"))
RATE = float(os.environ.get("PACED_RATE", "20"))
# Seconds a session list or summary call takes (exercise slow backends); 0: at once.
SLOW_LIST_S = float(os.environ.get("PACED_SLOW_LIST_S", "0"))

_sessions: dict[str, dict[str, Any]] = {}


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


def _summary(session_id: str) -> dict[str, Any]:
    s = _sessions[session_id]
    return {"session_id": session_id, "last_updated_at": s["updated"], "generated_title": s["title"],
            "index_ids": s["index_ids"], "job_metadata": None, "shared_access": None}


async def _json(send, status: int, body: Any) -> None:
    raw = json.dumps(body, separators=(",", ":")).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]})
    await send({"type": "http.response.body", "body": raw})


async def _body(receive) -> Any:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    raw = b"".join(chunks)
    return json.loads(raw) if raw else {}


def _frame(event: dict[str, Any]) -> bytes:
    name = "delta" if event["type"].endswith("_delta") else "message"
    return f"event: {name}\ndata: {json.dumps(event, separators=(',', ':'))}\n\n".encode()


async def _stream(send, session_id: str, prompt: str) -> None:
    start = time.monotonic()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]})
    for i in range(DELTAS):
        delay = start + i / RATE - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        frame = _frame({"type": "text_delta", "content": f"[{i} {time.time():.6f}] "})
        await send({"type": "http.response.body", "body": frame, "more_body": True})
    usage = {"duration_ms": (time.monotonic() - start) * 1000, "total_input_tokens": 10, "total_output_tokens": DELTAS, "turns": 1}
    await send({"type": "http.response.body", "body": _frame({"type": "stop", "is_error": False, "usage": usage}), "more_body": False})
    s = _sessions.get(session_id)
    if s is not None:
        s["updated"] = _now_iso()
        s["title"] = s["title"] or prompt[:40]


async def app(scope, receive, send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    method, parts = scope["method"], [p for p in scope["path"].split("/") if p]
    if parts[:2] != ["api", "v1"]:
        return await _json(send, 404, {"detail": "Not Found"})
    parts = parts[2:]
    if parts == ["indexes"]:
        return await _json(send, 200, {"items": [{"id": INDEX_ID, "name": "Load", "description": None}], "next_page_token": None})
    if parts == ["chat"] and method == "POST":
        body = await _body(receive)
        session_id = "ses-" + secrets.token_hex(8)
        _sessions[session_id] = {"updated": _now_iso(), "title": None, "index_ids": body.get("index_ids")}
        return await _json(send, 201, _summary(session_id))
    if parts == ["chat"]:
        if SLOW_LIST_S:
            await asyncio.sleep(SLOW_LIST_S)
        return await _json(send, 200, {"items": [], "next_page_token": None})
    if len(parts) >= 2 and parts[0] == "chat":
        session_id = parts[1]
        if session_id not in _sessions:
            return await _json(send, 404, {"detail": f"Chat session {session_id} not found"})
        rest = parts[2:]
        if rest == ["messages", "stream"] and method == "POST":
            body = await _body(receive)
            return await _stream(send, session_id, str(body.get("prompt", "")))
        if rest == ["summary"] or (rest == ["title"] and method == "POST"):
            if SLOW_LIST_S:
                await asyncio.sleep(SLOW_LIST_S)
            return await _json(send, 200, _summary(session_id))
        if not rest and method == "GET":
            return await _json(send, 200, {**_summary(session_id), "events": []})
        if not rest and method == "DELETE":
            _sessions.pop(session_id, None)
            await send({"type": "http.response.start", "status": 204, "headers": []})
            return await send({"type": "http.response.body", "body": b""})
    return await _json(send, 404, {"detail": "Not Found"})
