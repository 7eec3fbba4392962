"""A scripted stand-in of the deepset Cloud endpoints the deepset backend uses, for tests over real
HTTP and for browser demos: ``python -m tests.support.deepset_standin --port P``.

It holds search sessions and search history in memory and answers ``chat-stream`` by replaying
frames: a queued script if a test gave one, otherwise a realistic default turn (a tool call, the
answer in small deltas, a final result with documents). Shapes follow what deepset's own code
and published spec show (``/work/shared/reference/deepset-api-shapes.md``); where they are
unknown (session list items), this picks one plausible shape and the client reads others leniently.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Literal, Union

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

API_KEY = "standin-key"
WORKSPACE = "default"
PIPELINE = "rag-chat"
PREFIX = "/api/v1"


@dataclass(frozen=True)
class Reply:
    """A canned non-stream reply, e.g. ``Reply(591, {"errors": ["Pipeline is on standby"]})``."""

    status: int
    body: Any = None


# A script is the frames of one chat-stream reply: dicts are sent as ``data: <json>``, strings
# verbatim (comments, ``data: [DONE]``, junk). It ends when the list ends, result or not.
Script = Union[list[Union[dict[str, Any], str]], Reply]


@dataclass(frozen=True)
class Document:
    id: str
    file_name: str
    page: int
    content: str


CORPUS = (
    Document("doc-1", "employee-handbook.pdf", 4, "Employees get 28 days of paid leave a year, plus public holidays. Unused leave of up to 5 days carries over to the next year."),
    Document("doc-2", "employee-handbook.pdf", 9, "Remote work is allowed up to three days a week after the probation period, with the manager's agreement."),
    Document("doc-3", "travel-policy.pdf", 2, "Travel must be booked through the company portal. Economy class is the default for flights under six hours."),
    Document("doc-4", "q3-report.pdf", 7, "Revenue grew 12% in the third quarter, driven by subscriptions in Europe; operating costs rose 4%."),
)


@dataclass
class StandinState:
    api_key: str = API_KEY
    workspace: str = WORKSPACE
    pipeline: str = PIPELINE
    pipeline_id: str = "00000000-0000-4000-8000-000000000001"
    pace_s: float = 0.0
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)  # used in order by chat-stream, then the default
    failures: dict[str, list[Reply]] = field(default_factory=dict)  # route name -> replies to give first
    # search_history's ``after``: "time" pages by the time cursor deepset's client sends; "ignored"
    # and "rejected" (422) play a server that only knows the spec's page_number.
    history_after: Literal["time", "ignored", "rejected"] = "time"
    reasoning: bool = False  # the default turn reasons first, when the request asks include_reasoning
    seen: list[dict[str, Any]] = field(default_factory=list)
    _clock: datetime = field(default_factory=lambda: datetime(2026, 4, 22, 9, 0, tzinfo=timezone.utc))

    def tick(self) -> str:
        """A strictly increasing timestamp, so ordering never depends on the wall clock."""
        self._clock += timedelta(seconds=1)
        return self._clock.isoformat()

    def fail(self, route: str, *replies: Reply) -> None:
        self.failures.setdefault(route, []).extend(replies)

    def add_session(self, session_id: str | None = None) -> str:
        """A session as the list shows it (its item shape is unpublished: one plausible guess).
        It names its pipeline from its first turn on, since creating one names none."""
        session_id = session_id or str(uuid.uuid4())
        self.sessions[session_id] = {"search_session_id": session_id, "created_at": self.tick()}
        return session_id

    def used_by_pipeline(self, session_id: str) -> None:
        self.sessions[session_id].setdefault("pipeline", {"name": self.pipeline, "pipeline_id": self.pipeline_id})

    def add_history(
        self, session_id: str, query: str, result: dict[str, Any] | None, *, failed: bool = False, query_id: str | None = None
    ) -> dict[str, Any]:
        """A stored turn in the shape deepset publishes (``SearchHistoryEntry``): the question at
        ``request.query``, the time at ``time``, each answer in a ``response`` entry's ``result``
        beside the documents, ``status`` success or failed. No field says why a turn failed."""
        answers = (result or {}).get("answers") or []
        documents = (result or {}).get("documents") or []
        item = {
            "search_history_id": query_id or str(uuid.uuid4()),
            "session_id": session_id,
            "request": {"query": query, "filters": {}, "params": {}},
            "response": [
                {"search_result_history_id": str(uuid.uuid4()), "type": "answer", "rank": rank, "result": answer, "documents": documents}
                for rank, answer in enumerate(answers, start=1)
            ],
            "time": self.tick(),
            "status": "failed" if failed else "success",
            "pipeline": {"name": self.pipeline},
            "pipeline_version_id": None,
            "labels": [],
        }
        self.history.append(item)
        return item


# ---------------------------------------------------------------------------- the default turn


def rank(query: str, corpus: tuple[Document, ...] = CORPUS, top: int = 3) -> list[tuple[Document, float]]:
    words = set(re.findall(r"\w+", query.lower()))
    scored = []
    for i, doc in enumerate(corpus):
        overlap = len(words & set(re.findall(r"\w+", doc.content.lower())))
        scored.append((doc, round(0.5 + 0.1 * overlap - 0.01 * i, 3)))
    return sorted(scored, key=lambda pair: -pair[1])[:top]


def document_json(doc: Document, score: float) -> dict[str, Any]:
    return {
        "id": doc.id,
        "content": doc.content,
        "content_type": "text",
        "meta": {"file_name": doc.file_name, "page_number": doc.page},
        "score": score,
        "file": {"id": f"file-{doc.file_name}", "name": doc.file_name},
    }


def split_in_two(word: str) -> list[str]:
    cut = max(1, len(word) // 2)
    return [p for p in (word[:cut], word[cut:]) if p]


def reasoning_frames(query: str, query_id: str) -> list[dict[str, Any]]:
    """A reasoning model's thoughts, a few words per frame, as ``{reasoning_text, extra}``."""
    thought = f"The question is about {query.rstrip('?')}. I should search the documents before answering."
    words = re.findall(r"\S+\s*", thought)
    return [
        {"query_id": query_id, "type": "reasoning", "reasoning": {"reasoning_text": "".join(words[i : i + 3]), "extra": {}}}
        for i in range(0, len(words), 3)
    ]


def default_script(query: str, query_id: str = "q-1", *, reasoning: bool = False) -> list[dict[str, Any] | str]:
    """A realistic turn: optionally reasoning, a search tool call whose arguments arrive in
    pieces, a keep-alive ping, its result, the answer two deltas per word, then the final result
    with the documents."""
    hits = rank(query)
    top, _ = hits[0]
    answer = f"According to {top.file_name} (page {top.page}): {top.content}"
    args = json.dumps({"query": query, "top_k": len(hits)})
    thirds = [args[: len(args) // 3], args[len(args) // 3 : 2 * len(args) // 3], args[2 * len(args) // 3 :]]
    frames: list[dict[str, Any] | str] = [
        *(reasoning_frames(query, query_id) if reasoning else []),
        {"query_id": query_id, "type": "tool_call_delta", "index": 0, "tool_call_delta": {"index": 0, "id": "call_search_1", "tool_name": "search_documents"}},
        *({"query_id": query_id, "type": "tool_call_delta", "index": 0, "tool_call_delta": {"index": 0, "arguments": part}} for part in thirds),
        {"query_id": query_id, "type": "ping"},
        {
            "query_id": query_id,
            "type": "tool_call_result",
            "tool_call_result": {
                "result": json.dumps({"documents": [{"file_name": d.file_name, "page": d.page, "score": s} for d, s in hits]}),
                "origin": {"tool_name": "search_documents", "arguments": json.loads(args), "id": "call_search_1"},
                "error": False,
            },
        },
    ]
    words = re.findall(r"\S+\s*", answer)
    frames += [{"query_id": query_id, "type": "delta", "delta": {"text": piece}} for w in words for piece in split_in_two(w)]
    docs = [document_json(d, s) for d, s in hits]
    frames.append(
        {
            "query_id": query_id,
            "type": "result",
            "result": {
                "query_id": query_id,
                "query": query,
                "answers": [
                    {
                        "answer": answer,
                        "type": "generative",
                        "document_ids": [d["id"] for d in docs],
                        "files": [d["file"] for d in docs],
                        "meta": {},
                    }
                ],
                "documents": docs,
            },
        }
    )
    return frames


# ---------------------------------------------------------------------------- the app


def create_app(state: StandinState | None = None) -> Starlette:
    state = state or StandinState()

    def errors(status: int, *messages: str) -> JSONResponse:
        return JSONResponse({"errors": list(messages)}, status_code=status)

    async def guard(request: Request, route: str) -> Response | None:
        """Record the call; answer auth, workspace and queued failures before the handler runs."""
        raw = await request.body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode(errors="replace")
        state.seen.append(
            {"route": route, "method": request.method, "path": request.url.path,
             "query": dict(request.query_params), "headers": dict(request.headers), "body": body}
        )
        if request.headers.get("authorization") != f"Bearer {state.api_key}":
            return errors(401, "Invalid or missing API key.")
        if request.path_params.get("workspace") != state.workspace:
            return errors(404, f"Workspace {request.path_params.get('workspace')!r} not found.")
        if "pipeline" in request.path_params and request.path_params["pipeline"] != state.pipeline:
            return errors(404, f"Pipeline {request.path_params['pipeline']!r} not found.")
        queued = state.failures.get(route)
        if queued:
            reply = queued.pop(0)
            return JSONResponse(reply.body, status_code=reply.status)
        return None

    async def get_pipeline(request: Request) -> Response:
        if (early := await guard(request, "pipeline")) is not None:
            return early
        return JSONResponse({"pipeline_id": state.pipeline_id, "name": state.pipeline, "status": "DEPLOYED"})

    async def create_session(request: Request) -> Response:
        """deepset's spec: no request body (FastAPI would ignore one), 201 with the new id."""
        if (early := await guard(request, "create_session")) is not None:
            return early
        return JSONResponse({"search_session_id": state.add_session()}, status_code=201)

    async def list_sessions(request: Request) -> Response:
        if (early := await guard(request, "list_sessions")) is not None:
            return early
        limit = int(request.query_params.get("limit", 10))
        page = int(request.query_params.get("page_number", 1))
        ordered = sorted(state.sessions.values(), key=lambda s: s["created_at"], reverse=True)
        chunk = ordered[(page - 1) * limit : page * limit]
        return JSONResponse({"data": chunk, "has_more": page * limit < len(ordered), "total": len(ordered)})

    async def search_history(request: Request) -> Response:
        """Filtered by session, sorted by ``field``/``order``, paged by the ``after`` time cursor
        (as deepset's client sends it) or by ``page_number``."""
        if (early := await guard(request, "history")) is not None:
            return early
        params = request.query_params
        match = re.fullmatch(r"(?:search_)?session_id eq '((?:[^']|'')*)'", params.get("filter", ""))
        if match is None:
            return errors(400, "Unsupported filter.")
        if params.get("field", "created_at") != "created_at":
            return errors(400, "Unsupported sort field.")
        session_id = match.group(1).replace("''", "'")
        limit = int(params.get("limit", 10))
        items = sorted((h for h in state.history if h["session_id"] == session_id), key=lambda h: h.get("time", ""))
        after = params.get("after")
        if after is not None and state.history_after == "rejected":
            return JSONResponse({"detail": [{"loc": ["query", "after"], "msg": "Input should be a valid UUID"}]}, status_code=422)
        if after is not None and state.history_after == "time":
            items = [h for h in items if h.get("time", "") > after]
        if params.get("order", "ASC").upper() == "DESC":
            items.reverse()
        page = int(params.get("page_number", 1))
        chunk = items[(page - 1) * limit : page * limit]
        return JSONResponse({"data": chunk, "has_more": page * limit < len(items), "total": len(items)})

    async def chat_stream(request: Request) -> Response:
        if (early := await guard(request, "chat_stream")) is not None:
            return early
        body = state.seen[-1]["body"] or {}
        session_id = body.get("search_session_id")
        if session_id not in state.sessions:
            return errors(404, f"Search session {session_id!r} not found.")
        state.used_by_pipeline(session_id)
        query = str(body.get("query") or "")
        query_id = str(uuid.uuid4())
        reasoning = state.reasoning and body.get("include_reasoning") is True
        script = state.scripts.pop(0) if state.scripts else default_script(query, query_id, reasoning=reasoning)
        if isinstance(script, Reply):
            return JSONResponse(script.body, status_code=script.status)
        return StreamingResponse(
            _replay(state, script, session_id, query, query_id),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    base = f"{PREFIX}/workspaces/{{workspace}}"
    return Starlette(
        routes=[
            Route(f"{base}/pipelines/{{pipeline}}", get_pipeline, methods=["GET"]),
            Route(f"{base}/pipelines/{{pipeline}}/chat-stream", chat_stream, methods=["POST"]),
            Route(f"{base}/search_sessions", create_session, methods=["POST"]),
            Route(f"{base}/search_sessions", list_sessions, methods=["GET"]),
            Route(f"{base}/search_history", search_history, methods=["GET"]),
        ]
    )


async def _replay(
    state: StandinState, script: list[dict[str, Any] | str], session_id: str, query: str, query_id: str
) -> AsyncIterator[str]:
    """Send the frames, then store the turn in the history as deepset would."""
    result: dict[str, Any] | None = None
    error: str | None = None
    for i, frame in enumerate(script):
        if i and state.pace_s:
            await asyncio.sleep(state.pace_s)
        if isinstance(frame, str):
            yield frame
            continue
        if frame.get("type") == "result":
            result = frame.get("result")
        elif frame.get("type") == "error":
            error = str(frame.get("error"))
        yield f"data: {json.dumps(frame)}\n\n"
    if result is None and error is None:
        return  # an interrupted turn leaves no history, as an unfinished query would
    state.add_history(session_id, query, result, failed=error is not None, query_id=query_id)


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description="A scripted deepset Cloud stand-in for chat_ui.")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--pace-ms", type=float, default=10.0, help="delay between stream frames")
    parser.add_argument("--api-key", default=API_KEY)
    parser.add_argument("--workspace", default=WORKSPACE)
    parser.add_argument("--pipeline", default=PIPELINE)
    parser.add_argument("--reasoning", action="store_true", help="the default turn sends reasoning frames first")
    args = parser.parse_args(argv)
    state = StandinState(
        api_key=args.api_key, workspace=args.workspace, pipeline=args.pipeline, pace_s=args.pace_ms / 1000,
        reasoning=args.reasoning,
    )
    print(
        f"deepset stand-in on http://{args.host}:{args.port}{PREFIX}  "
        f"(DEEPSET_API_KEY={args.api_key} DEEPSET_WORKSPACE={args.workspace} DEEPSET_PIPELINE={args.pipeline})",
        flush=True,
    )
    uvicorn.run(create_app(state), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
