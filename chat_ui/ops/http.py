"""``/metrics``, ``/healthz`` and ``/readyz``: open through the password gate (their paths are
in :data:`chat_ui.access.asgi.HEALTH_PATHS`); ``/metrics`` wants ``CHAT_UI_METRICS_TOKEN`` as a
bearer token, or, when that is unset, a request from loopback."""

from __future__ import annotations

import hmac
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from chat_ui.ops import drain, metrics, probes

METRICS_PATH, HEALTH_PATH, READY_PATH = "/metrics", "/healthz", "/readyz"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
NO_STORE = {"cache-control": "no-store"}
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _allowed(request: Request) -> bool:
    token = os.environ.get("CHAT_UI_METRICS_TOKEN", "").strip()
    if token:
        return hmac.compare_digest(request.headers.get("authorization", "").encode(), f"Bearer {token}".encode())
    from chat_ui.access.asgi import client_address

    address = client_address(request.scope)
    return address in LOOPBACK or address.startswith("127.")


async def metrics_endpoint(request: Request) -> Response:
    if not _allowed(request):
        return PlainTextResponse("Not found", status_code=404, headers=NO_STORE)
    return Response(metrics.exposition(), media_type=CONTENT_TYPE, headers=NO_STORE)


async def healthz(_request: Request) -> Response:
    return JSONResponse({"status": "ok"}, headers=NO_STORE)


async def readyz(_request: Request) -> Response:
    failed = await probes.readiness()
    if drain.draining():
        failed["draining"] = "this worker is shutting down"
    if failed:
        return JSONResponse({"status": "unavailable", "failed": failed}, status_code=503, headers=NO_STORE)
    return JSONResponse({"status": "ok"}, headers=NO_STORE)


def ops_app() -> Starlette:
    return Starlette(routes=[
        Route(METRICS_PATH, metrics_endpoint, methods=["GET"]),
        Route(HEALTH_PATH, healthz, methods=["GET", "HEAD"]),
        Route(READY_PATH, readyz, methods=["GET", "HEAD"]),
    ])
