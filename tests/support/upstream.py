"""A scripted LlamaCloud-shaped chat API over real HTTP: healthy by default, faulty on demand.

Every route answers like the real API (sessions, indexes, the SSE turn, attachments) from
memory. A test queues one-shot replies per route with :meth:`Upstream.next`; each is used once,
in order, then the route is healthy again — so "the app is usable afterwards" can be checked
against the same server. A turn's body is a list of steps: text/bytes to send, a float to pause
that many seconds, or :data:`RESET` to abort the connection mid-body.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Union

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.support.servers import serve

Reply = Callable[[Request], Response]


class _Reset:
    """Abort the connection mid-body (uvicorn drops it without the closing chunk)."""


RESET = _Reset()
Step = Union[str, bytes, float, _Reset]

STOP = {"type": "stop", "is_error": False, "error": None,
        "usage": {"duration_ms": 12.0, "total_input_tokens": 10, "total_output_tokens": 5, "turns": 1}}
HEALTHY_ANSWER = "All good."
INDEX = {"id": "idx-1", "name": "Reports", "description": "Quarterly reports"}
# A 1x1 PNG: the healthy screenshot.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2d8b2d80000000049454e44ae426082"
)


def frame(obj: dict[str, Any], event: str | None = "message") -> str:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(obj, separators=(',', ':'))}\n\n"


def delta(text: str) -> str:
    return frame({"type": "text_delta", "content": text}, "delta")


def json_error(status: int, detail: Any, headers: dict[str, str] | None = None) -> Reply:
    return lambda request: JSONResponse({"detail": detail}, status_code=status, headers=headers)


def sse(*steps: Step) -> Reply:
    """A turn's body, step by step."""

    async def body():
        for step in steps:
            if isinstance(step, _Reset):
                raise ConnectionResetError("scripted reset")
            if isinstance(step, float):
                await asyncio.sleep(step)
                continue
            yield step.encode() if isinstance(step, str) else step

    return lambda request: StreamingResponse(
        body(), media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )


def healthy_turn(answer: str = HEALTHY_ANSWER) -> list[Step]:
    half = len(answer) // 2
    return [": keep-alive\n\n", delta(answer[:half]), delta(answer[half:]), frame({"type": "text", "content": answer}), frame(STOP)]


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


@dataclass
class Upstream:
    """One scripted upstream; ``url`` is set once it is served."""

    url: str = ""
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    queued: dict[str, list[Reply]] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)  # (route, method path)

    def next(self, route: str, *replies: Reply) -> None:
        """Queue one-shot replies for ``route``: indexes, list, create, get, summary, delete,
        stream, attachment, file."""
        self.queued.setdefault(route, []).extend(replies)

    def count(self, route: str) -> int:
        return sum(1 for r, _ in self.seen if r == route)

    def add_session(self, events: list[dict[str, Any]] | None = None) -> str:
        sid = "ses-" + secrets.token_hex(4)
        self.sessions[sid] = {"session_id": sid, "last_updated_at": _now(), "generated_title": None,
                              "index_ids": ["idx-1"], "events": list(events or [])}
        return sid

    # ------------------------------------------------------------------ the app

    def app(self) -> Starlette:
        def route(name: str, healthy: Reply) -> Callable:
            async def handle(request: Request) -> Response:
                request.state.body = await request.body()
                self.seen.append((name, f"{request.method} {request.url.path}"))
                queue = self.queued.get(name)
                reply = queue.pop(0) if queue else healthy
                return reply(request)

            return handle

        return Starlette(routes=[
            Route("/api/v1/indexes", route("indexes", lambda r: JSONResponse({"items": [INDEX]})), methods=["GET"]),
            Route("/api/v1/chat", route("list", self._list), methods=["GET"]),
            Route("/api/v1/chat", route("create", self._create), methods=["POST"]),
            Route("/api/v1/chat/{sid}", route("get", self._get), methods=["GET"]),
            Route("/api/v1/chat/{sid}", route("delete", self._delete), methods=["DELETE"]),
            Route("/api/v1/chat/{sid}/summary", route("summary", self._summary), methods=["GET"]),
            Route("/api/v1/chat/{sid}/messages/stream", route("stream", self._stream), methods=["POST"]),
            Route("/api/v1/beta/attachments/{name:path}", route("attachment", self._attachment), methods=["GET"]),
            Route("/files/{name:path}", route("file", lambda r: Response(PNG, media_type="image/png")), methods=["GET"]),
        ])

    def _summary_of(self, sid: str) -> dict[str, Any]:
        return {k: v for k, v in self.sessions[sid].items() if k != "events"}

    def _missing(self, sid: str) -> Response:
        return JSONResponse({"detail": f"Chat session {sid} not found"}, status_code=404)

    def _list(self, request: Request) -> Response:
        return JSONResponse({"items": [self._summary_of(s) for s in reversed(self.sessions)], "next_page_token": None})

    def _create(self, request: Request) -> Response:
        return JSONResponse(self._summary_of(self.add_session()), status_code=201)

    def _get(self, request: Request) -> Response:
        sid = request.path_params["sid"]
        return JSONResponse(self.sessions[sid]) if sid in self.sessions else self._missing(sid)

    def _summary(self, request: Request) -> Response:
        sid = request.path_params["sid"]
        return JSONResponse(self._summary_of(sid)) if sid in self.sessions else self._missing(sid)

    def _delete(self, request: Request) -> Response:
        sid = request.path_params["sid"]
        return Response(status_code=204) if self.sessions.pop(sid, None) else self._missing(sid)

    def _stream(self, request: Request) -> Response:
        sid = request.path_params["sid"]
        if sid not in self.sessions:
            return self._missing(sid)
        prompt = json.loads(request.state.body or b"{}").get("prompt", "")
        session = self.sessions[sid]
        session["events"] += [{"type": "user_input", "content": prompt}, {"type": "text", "content": HEALTHY_ANSWER}, STOP]
        session["generated_title"] = session["generated_title"] or prompt[:60]
        return sse(*healthy_turn())(request)

    def _attachment(self, request: Request) -> Response:
        name = request.path_params["name"]
        expires = (datetime.now(UTC) + timedelta(minutes=10)).isoformat().replace("+00:00", "Z")
        return JSONResponse({"url": f"{self.url}/files/{name}", "expires_at": expires, "form_fields": None})


def serve_upstream() -> Iterator[Upstream]:
    """Serve a fresh :class:`Upstream` for as long as the generator is open."""
    upstream = Upstream()
    with serve(upstream.app()) as url:
        upstream.url = url
        yield upstream
