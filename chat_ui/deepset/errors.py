"""deepset Cloud's failure replies in words a person can act on.

deepset's error body is not one shape; its own clients read ``{"errors": [str | {message}]}``,
FastAPI's ``{"detail": ...}``, ``{"message": ...}`` and pipeline validation's
``{"details": [{code, message}]}``. Pipeline endpoints have their own statuses (408 timed out,
409 not deployed, 503 rebalancing, 591 on standby) whose meaning the bare code does not say.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from chat_ui.api.errors import APIStatusError, status_error_class
from chat_ui.api.replies import detail_message, error_body
from chat_ui.api.retry import requested_wait, wait_msg
from chat_ui.i18n.message import msg, render

_MAX_MESSAGES = 3
_MAX_RAW = 300


def errors_message(body: Any) -> str | None:
    """The readable text of a deepset error body, read in this order: ``errors``, ``detail``,
    ``message``, ``details`` (then a lone ``error`` string, seen elsewhere); None when it has none."""
    if not isinstance(body, dict):
        return None
    for read in (_errors, _detail, _message, _details, _error):
        text = read(body)
        if text:
            return text
    return None


def _errors(body: dict[str, Any]) -> str | None:
    items = body.get("errors")
    if isinstance(items, str):
        return items.strip() or None
    if isinstance(items, list):
        return _joined(_one_error(item) for item in items[:_MAX_MESSAGES])
    return None


def _detail(body: dict[str, Any]) -> str | None:
    """FastAPI's string or validation list; a dict is read as a deepset body of its own."""
    detail = body.get("detail")
    if isinstance(detail, dict):
        return errors_message(detail)
    if isinstance(detail, (str, list)):
        return detail_message({"detail": detail})
    return None


def _message(body: dict[str, Any]) -> str | None:
    message = body.get("message")
    return (message.strip() or None) if isinstance(message, str) else None


def _error(body: dict[str, Any]) -> str | None:
    error = body.get("error")
    return (error.strip() or None) if isinstance(error, str) else None


def _details(body: dict[str, Any]) -> str | None:
    items = body.get("details")
    return _joined(_one_error(item) for item in items[:_MAX_MESSAGES]) if isinstance(items, list) else None


def _joined(parts: Any) -> str | None:
    return "; ".join(p for p in parts if p) or None


def _one_error(item: Any) -> str:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict):
        for key in ("message", "msg", "detail", "error", "description"):
            if isinstance(item.get(key), str) and item[key].strip():
                return item[key].strip()
        code = item.get("code")
        return str(code) if code else ""
    return "" if item is None else str(item)


def raw_message(body: Any) -> str | None:
    """A non-JSON body (or a bare JSON string) is shown when it reads as a short sentence; an HTML
    page from a proxy is not something a person can read in a chat."""
    if not isinstance(body, str):
        return None
    text = " ".join(body.split())
    if not text or re.match(r"<(!doctype|html|\?xml|head|body|[a-z]+[\s>])", text, re.IGNORECASE):
        return None
    return text if len(text) <= _MAX_RAW else text[:_MAX_RAW].rsplit(" ", 1)[0] + "…"


def friendly_status(status: int, *, pipeline: str | None, wait: float | None = None) -> str:
    """What the status means for deepset Cloud, a kept message (shown in the reader's language);
    ``pipeline`` is set for pipeline endpoints; ``wait``: how long the server said to wait."""
    then = wait_msg(wait) if wait is not None else msg("api.retry_moment")
    if status == 401:
        return msg("ds.unauthorized")
    if status == 403:
        return msg("ds.forbidden")
    if status == 404:
        return msg("ds.no_pipeline", pipeline=repr(pipeline)) if pipeline else msg("ds.not_found")
    if status == 408:
        return msg("api.then", message=msg("ds.timeout"), then=then)
    if status == 409 and pipeline:
        return msg("ds.not_deployed", pipeline=repr(pipeline))
    if status == 422:
        return msg("ds.invalid")
    if status == 429:
        return msg("api.then", message=msg("ds.busy"), then=then)
    if status == 503:
        return msg("api.then", message=msg("ds.rebalancing"), then=then)
    if status == 591:
        return msg("ds.standby")
    if status >= 500:
        return msg("api.then", message=msg("ds.failed", status=status), then=then)
    return msg("ds.refused", status=status)


def deepset_status_error(response: httpx.Response, *, pipeline: str | None = None) -> APIStatusError:
    """The typed error for a non-2xx reply (body already read): what the status means, and
    what deepset said about it when it said something (in its own words)."""
    status = response.status_code
    body, _ = error_body(response)
    said = errors_message(body) if isinstance(body, dict) else raw_message(body)
    message = friendly_status(status, pipeline=pipeline, wait=requested_wait(response.headers))
    if said and said.rstrip(".") not in render("en", message):
        message = msg("ds.said", message=message, detail=said)
    return status_error_class(status)(message, status_code=status, body=body)
