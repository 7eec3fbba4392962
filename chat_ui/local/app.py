"""The embedded local chat API: the LlamaCloud chat endpoints over HTTP, offline.

Routes are absolute ``/api/v1/...`` paths so the Reflex backend can mount this same app and the
browser reaches screenshots on the app's own origin. Errors use FastAPI's shapes:
``{"detail": "<text>"}``, and 422 ``{"detail": [{"type", "loc", "msg", "input", "ctx"?}]}``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypeVar
from urllib.parse import quote

import anyio.to_thread
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from chat_ui.api.models import Event, Index, IndexPage, PresignedUrl, SessionPage, Stop, UserInput, event_to_json
from chat_ui.local.agent import TurnRecorder, run_turn
from chat_ui.local.corpus import Corpus, LocalIndex, page_of_attachment
from chat_ui.local.faults import (
    DROP_MESSAGE,
    SLOW_DELTAS,
    SLOW_INTERVAL_S,
    UNPACED_HEADER,
    SimulatedDrop,
    find_fault,
    http_fault_response,
)
from chat_ui.local.journal import TurnJournal
from chat_ui.local.settings import LocalSettings
from chat_ui.local.store import Store

MAX_INDEXES = 10
MAX_PROMPT = 1000
KEEPALIVE_S = 10.0
URL_TTL = timedelta(minutes=10)
LOCAL_PROJECT_ID = "00000000-0000-4000-8000-000000000000"
DISCONNECTED = "Stopped: the connection closed before the answer finished."


# ---------------------------------------------------------------------------- request bodies


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SessionCreateBody(_Body):
    index_ids: list[str] | None = Field(default=None, max_length=MAX_INDEXES)
    shared_access: Literal["query", "read_only"] | None = None


class ChatParams(_Body):
    """As the spec has it: at least one index (a bound session too), no upper limit."""

    index_ids: list[str] = Field(min_length=1)
    prompt: str = Field(max_length=MAX_PROMPT)
    require_all_indexes: bool = False


_B = TypeVar("_B", bound=BaseModel)


class RequestValidationError(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("request validation failed")
        self.errors = errors


def _pydantic_errors(exc: ValidationError, where: str) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors(include_url=False):
        item = {"type": err["type"], "loc": [where, *err["loc"]], "msg": err["msg"], "input": err.get("input")}
        if err.get("ctx"):
            item["ctx"] = {k: v if isinstance(v, (str, int, float, bool, type(None))) else str(v) for k, v in err["ctx"].items()}
        out.append(item)
    return out


async def _parse_body(request: Request, model: type[_B], *, optional: bool = False) -> _B:
    raw = await request.body()
    if not raw.strip():
        if optional:
            return model()
        raise RequestValidationError([{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}])
    try:
        data = json.loads(raw)
    except ValueError as exc:
        pos = getattr(exc, "pos", 0)
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ["body", pos], "msg": "JSON decode error", "input": {}, "ctx": {"error": str(exc)}}]
        ) from None
    if data is None and optional:
        return model()
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(_pydantic_errors(exc, "body")) from None


def _query_int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        return max(lo, min(hi, int(raw)))
    except ValueError:
        raise RequestValidationError(
            [{"type": "int_parsing", "loc": ["query", name], "msg": "Input should be a valid integer, unable to parse string as an integer", "input": raw}]
        ) from None


# ---------------------------------------------------------------------------- the app


class _Service:
    """What the handlers share: settings, the store, and the corpus (loaded on first use)."""

    def __init__(self, settings: LocalSettings) -> None:
        self.settings = settings
        self.store = Store(settings.db_path, title_delay_s=settings.title_delay_s)
        self.secret = (settings.signing_secret or self.store.signing_secret()).encode()
        self._corpus: Corpus | None = None
        self._corpus_lock = threading.Lock()

    def _load_corpus(self) -> Corpus:
        with self._corpus_lock:
            if self._corpus is None:
                self._corpus = Corpus(self.settings.corpus_dir)
            return self._corpus

    async def corpus(self) -> Corpus:
        return self._corpus or await anyio.to_thread.run_sync(self._load_corpus)

    def sign(self, source_id: str, name: str, expires: int) -> str:
        msg = f"{source_id}\n{name}\n{expires}".encode()
        return hmac.new(self.secret, msg, hashlib.sha256).hexdigest()


def create_app(settings: LocalSettings | None = None) -> Starlette:
    svc = _Service(settings or LocalSettings.from_env())
    store = svc.store

    def session_or_404(session_id: str):
        summary = store.get_summary(session_id)
        if summary is None:
            raise HTTPException(404, f"Chat session {session_id} not found")
        return summary

    async def check_indexes(index_ids: list[str]) -> None:
        corpus = await svc.corpus()
        unknown = [i for i in index_ids if i not in corpus.indexes]
        if unknown:
            known = ", ".join(corpus.indexes) or "none"
            raise HTTPException(404, f"Index not found: {', '.join(unknown)} (available: {known})")

    # ------------------------------------------------------------------ sessions

    async def list_sessions(request: Request) -> Response:
        size = _query_int(request, "page_size", 20, 1, 100)
        try:
            items, token = store.list_sessions(size, request.query_params.get("page_token") or None)
        except ValueError:
            raise RequestValidationError(
                [{"type": "value_error", "loc": ["query", "page_token"], "msg": "Value error, invalid page_token", "input": request.query_params.get("page_token")}]
            ) from None
        return JSONResponse(SessionPage(items=items, next_page_token=token).model_dump(mode="json"))

    async def create_session(request: Request) -> Response:
        body = await _parse_body(request, SessionCreateBody, optional=True)
        ids = list(dict.fromkeys(body.index_ids)) if body.index_ids is not None else None
        if ids:
            await check_indexes(ids)
        summary = store.create_session(ids or None, body.shared_access)
        return JSONResponse(summary.model_dump(mode="json"), status_code=201)

    async def get_session(request: Request) -> Response:
        session_or_404(request.path_params["session_id"])
        detail = store.get_detail(request.path_params["session_id"])
        return JSONResponse(detail.model_dump(mode="json"))  # type: ignore[union-attr]

    async def delete_session(request: Request) -> Response:
        if not store.delete_session(request.path_params["session_id"]):
            raise HTTPException(404, f"Chat session {request.path_params['session_id']} not found")
        return Response(status_code=204)

    async def get_summary(request: Request) -> Response:
        return JSONResponse(session_or_404(request.path_params["session_id"]).model_dump(mode="json"))

    # ------------------------------------------------------------------ the turn

    async def stream_turn(request: Request) -> Response:
        sid = request.path_params["session_id"]
        summary = session_or_404(sid)
        body = await _parse_body(request, ChatParams)
        requested = list(dict.fromkeys(body.index_ids))
        bound = summary.index_ids
        if bound is not None and set(requested) != set(bound) and store.has_events(sid):
            raise HTTPException(
                422,
                f"The indexes are locked for this session after its first message: it uses {', '.join(bound)}. "
                "Start a new chat to ask other indexes.",
            )
        fault = find_fault(body.prompt, svc.settings.faults)
        failure = http_fault_response(fault)
        if failure is not None:
            return failure
        corpus = await svc.corpus()
        # An index the turn cannot query is reported in its stop, not refused before it starts.
        skipped = [i for i in requested if i not in corpus.indexes or (fault == "skip-index" and i == requested[0])]
        use = [i for i in requested if i not in skipped]
        turn_id = store.begin_turn(sid, body.prompt, event_to_json(UserInput(content=body.prompt)))
        interval, deltas = svc.settings.delta_interval_s, svc.settings.answer_deltas
        if fault == "slow":
            interval, deltas = max(interval, SLOW_INTERVAL_S), SLOW_DELTAS
        elif svc.settings.faults and request.headers.get(UNPACED_HEADER) == "1":
            interval = 0.0  # a test filling a chat with many turns "asked long ago" need not wait for each
        events = run_turn(corpus, body.prompt, use, delta_interval_s=interval, answer_deltas=deltas, fault=fault,
                          skipped=skipped, require_all=body.require_all_indexes, syncing=svc.settings.syncing)
        return StreamingResponse(
            _sse(events, TurnJournal(store, sid, turn_id, TurnRecorder(body.prompt))),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    # ------------------------------------------------------------------ indexes and attachments

    def index_reply(ix: LocalIndex, *, expand: bool = False) -> Index:
        """``sync_in_progress`` only when asked for (``expand``), as the service reports it."""
        syncing = ix.id in svc.settings.syncing
        synced = None if syncing or ix.synced_at is None else _iso(ix.synced_at)
        return Index(
            id=ix.id, name=ix.name, description=ix.description, project_id=LOCAL_PROJECT_ID,
            source_directory_id=f"dir-local-{ix.folder.name}", output_directory_id=ix.output_directory_id,
            sync_config_id=f"sync-local-{ix.folder.name}", export_config_id=f"exp-local-{ix.folder.name}",
            created_at=None, updated_at=synced, last_synced_at=synced, last_exported_at=synced,
            sync_in_progress=syncing if expand else None,
            metadata={"status": "syncing"} if syncing else {"status": "ready", "chunks": len(ix.chunks)},
        )

    async def list_indexes(request: Request) -> Response:
        corpus = await svc.corpus()
        items = [index_reply(ix) for ix in sorted(corpus.indexes.values(), key=lambda i: i.name.lower())]
        return JSONResponse(IndexPage(items=items, next_page_token=None).model_dump(mode="json"))

    async def get_index(request: Request) -> Response:
        index_id = request.path_params["index_id"]
        ix = (await svc.corpus()).indexes.get(index_id)
        if ix is None:
            raise HTTPException(404, f"Index {index_id} not found")
        expand = {part for value in request.query_params.getlist("expand") for part in value.split(",")}
        return JSONResponse(index_reply(ix, expand="sync_in_progress" in expand).model_dump(mode="json"))

    async def directory_file(request: Request) -> Response:
        directory_id, file_id = request.path_params["directory_id"], request.path_params["directory_file_id"]
        src = (await svc.corpus()).directory_file(directory_id, file_id)
        if src is None:
            raise HTTPException(404, f"Directory file {file_id} not found in directory {directory_id}")
        changed = _iso(src.path.stat().st_mtime)
        return JSONResponse({
            "id": src.source_id, "directory_id": directory_id, "display_name": src.file_name,
            "project_id": LOCAL_PROJECT_ID, "unique_id": src.relative_path, "file_id": None,
            "metadata": {}, "created_at": changed, "updated_at": changed, "deleted_at": None, "download_url": None,
        })

    async def attachment_url(request: Request) -> Response:
        name = request.path_params["attachment_name"]
        source_id = request.query_params.get("source_id")
        if not source_id:
            raise RequestValidationError([{"type": "missing", "loc": ["query", "source_id"], "msg": "Field required", "input": None}])
        page = page_of_attachment(name)
        pages = (await svc.corpus()).page_count(source_id)
        if not pages or page is None or not 1 <= page <= pages:
            raise HTTPException(404, f"Attachment {name} not found for source {source_id}")
        expires_at = datetime.now(UTC).replace(microsecond=0) + URL_TTL
        expires = int(expires_at.timestamp())
        url = (
            f"{str(request.base_url).rstrip('/')}/api/v1/local-files/{quote(source_id)}/{quote(name, safe='/')}"
            f"?expires={expires}&sig={svc.sign(source_id, name, expires)}"
        )
        body = PresignedUrl(url=url, expires_at=expires_at.isoformat().replace("+00:00", "Z"), form_fields=None)
        return JSONResponse(body.model_dump(mode="json"))

    async def local_file(request: Request) -> Response:
        source_id = request.path_params["source_id"]
        name = request.path_params["attachment_name"]
        try:
            expires = int(request.query_params.get("expires", ""))
        except ValueError:
            raise HTTPException(403, "Missing or malformed signature") from None
        sig = request.query_params.get("sig", "")
        if not hmac.compare_digest(sig, svc.sign(source_id, name, expires)):
            raise HTTPException(403, "Invalid signature")
        remaining = expires - int(time.time())
        if remaining <= 0:
            raise HTTPException(403, "This link has expired; request a new one")
        corpus = await svc.corpus()
        page = page_of_attachment(name)
        pages = corpus.page_count(source_id)
        if not pages or page is None or not 1 <= page <= pages:
            raise HTTPException(404, f"Attachment {name} not found for source {source_id}")
        data = await anyio.to_thread.run_sync(corpus.render_page, source_id, page)
        return Response(data, media_type="image/jpeg", headers={"Cache-Control": f"private, max-age={remaining}"})

    # ------------------------------------------------------------------ errors

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return JSONResponse({"detail": exc.errors}, status_code=422)

    async def server_error(request: Request, exc: Exception) -> Response:
        return JSONResponse({"detail": f"Internal server error: {type(exc).__name__}"}, status_code=500)

    routes = [
        Route("/api/v1/chat", list_sessions, methods=["GET"]),
        Route("/api/v1/chat", create_session, methods=["POST"]),
        Route("/api/v1/chat/{session_id}", get_session, methods=["GET"]),
        Route("/api/v1/chat/{session_id}", delete_session, methods=["DELETE"]),
        Route("/api/v1/chat/{session_id}/summary", get_summary, methods=["GET"]),
        Route("/api/v1/chat/{session_id}/messages/stream", stream_turn, methods=["POST"]),
        Route("/api/v1/indexes", list_indexes, methods=["GET"]),
        Route("/api/v1/indexes/{index_id}", get_index, methods=["GET"]),
        Route("/api/v1/beta/directories/{directory_id}/files/{directory_file_id}", directory_file, methods=["GET"]),
        Route("/api/v1/beta/attachments/{attachment_name:path}", attachment_url, methods=["GET"]),
        Route("/api/v1/local-files/{source_id}/{attachment_name:path}", local_file, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, RequestValidationError: validation_error, Exception: server_error},
    )
    app.state.local = svc
    return app


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


# ---------------------------------------------------------------------------- SSE


def _frame(event: Event) -> str:
    name = "delta" if event.type.endswith("_delta") else "message"
    return f"event: {name}\ndata: {json.dumps(event_to_json(event), separators=(',', ':'))}\n\n"


async def _sse(events, journal: TurnJournal) -> Any:
    """SSE frames of a turn, with keep-alive comments; the turn is stored as it goes and closed
    however it ends."""
    error = DISCONNECTED
    it = events.__aiter__()
    pending: asyncio.Future | None = None
    try:
        yield ": keep-alive\n\n"
        while True:
            if pending is None:
                pending = asyncio.ensure_future(it.__anext__())
            done, _ = await asyncio.wait({pending}, timeout=KEEPALIVE_S)
            if not done:
                yield ": keep-alive\n\n"
                continue
            task, pending = pending, None
            try:
                event = task.result()
            except StopAsyncIteration:
                break
            event = journal.record(event)
            yield _frame(event)
            if event.type == "stop":
                break
    except SimulatedDrop:
        error = DROP_MESSAGE  # close without a stop frame, as a broken upstream would
    except Exception as exc:  # noqa: BLE001 - report it as the turn's error, the only way mid-stream
        error = f"Local agent failed: {type(exc).__name__}: {exc}"
        if journal.recorder.stopped is None:
            stop = journal.record(Stop(is_error=True, error=error, skipped_index_ids=[]))
            yield _frame(stop)
    finally:
        if pending is not None and not pending.done():
            pending.cancel()
        journal.close(error)
