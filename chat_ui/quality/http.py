"""The review's downloads over HTTP: an export streams, which a websocket event cannot.

The review page asks for an export with an event (where the reviewer is checked); the answer is a
link to :data:`EXPORT_PATH` carrying a token signed by the server: what to export, for which
visitor, valid for :data:`TOKEN_AGE_S` seconds. The link checks the token, that the request comes
from the same visitor and that they may still review, then streams. Anything else is "Not found".
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from chat_ui.access.secret import derived_key
from chat_ui.access.visitor import Visitor, visitor_from_headers
from chat_ui.i18n import t
from chat_ui.i18n.request import request_lang
from chat_ui.quality.exports import FORMATS, feedback_export, usage_export
from chat_ui.quality.settings import may_review
from chat_ui.store.feedback import FeedbackFilter

EXPORT_PATH = "/_review/export"
TOKEN_AGE_S = 120
KINDS = ("feedback.csv", "feedback.jsonl", "usage.csv")


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(derived_key("review-export"), salt="chat_ui.review-export")


def export_link(visitor: Visitor, kind: str, params: dict[str, Any]) -> str:
    """The link that downloads ``kind`` ("feedback.csv", "feedback.jsonl", "usage.csv") for this reviewer."""
    if kind not in KINDS:
        raise ValueError(f"unknown export {kind!r}")
    return f"{EXPORT_PATH}/" + _serializer().dumps({"owner": visitor.owner, "kind": kind, "params": params})


def feedback_params(f: FeedbackFilter) -> dict[str, Any]:
    return dataclasses.asdict(f)


def _not_found(request: Request) -> Response:
    lang = request_lang(request.headers.get("cookie", ""), request.headers.get("accept-language", ""))
    return PlainTextResponse(t(lang, "server.not_found"), status_code=404,
                             headers={"cache-control": "no-store", "content-language": lang})


async def export(request: Request) -> Response:
    try:
        data = _serializer().loads(request.path_params["token"], max_age=TOKEN_AGE_S)
        kind, params, owner = data["kind"], data["params"], data["owner"]
    except (BadSignature, KeyError, TypeError):
        return _not_found(request)
    visitor = visitor_from_headers(request.headers)
    if kind not in KINDS or not owner or visitor.owner != owner or not may_review(visitor):
        return _not_found(request)
    what, fmt = kind.split(".")
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    if what == "feedback":
        body = feedback_export(FeedbackFilter(**params), fmt)
    else:
        body = usage_export(params["since"], params["until"], params.get("owner", ""))
    return StreamingResponse(body, media_type=FORMATS[fmt][1], headers={
        "content-disposition": f'attachment; filename="{what}-{stamp}.{FORMATS[fmt][0]}"',
        "cache-control": "no-store",
    })


def export_app() -> Starlette:
    """Mounted in front of the Reflex backend, behind the deployment's gate."""
    return Starlette(routes=[Route(EXPORT_PATH + "/{token}", export, methods=["GET"])])
