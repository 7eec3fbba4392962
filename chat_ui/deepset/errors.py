"""deepset Cloud's failure replies in words a person can act on.

deepset answers errors as ``{"errors": [...]}`` (strings, or objects with a message); its
validation errors are FastAPI's ``{"detail": ...}``. Pipeline endpoints have their own statuses
(409 not deployed, 503 rebalancing, 591 on standby) whose meaning the bare code does not say.
"""

from __future__ import annotations

from typing import Any

import httpx

from chat_ui.api.errors import APIStatusError, status_error_class
from chat_ui.api.replies import detail_message, error_body

_MAX_MESSAGES = 3


def errors_message(body: Any) -> str | None:
    """The readable text of ``{"errors": [...]}`` (or FastAPI's ``detail``), else None."""
    if isinstance(body, dict) and isinstance(body.get("errors"), list):
        parts = [_one_error(item) for item in body["errors"][:_MAX_MESSAGES]]
        text = "; ".join(p for p in parts if p)
        if text:
            return text
    return detail_message(body)


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


def friendly_status(status: int, *, pipeline: str | None) -> str:
    """What the status means for deepset Cloud; ``pipeline`` is set for pipeline endpoints."""
    if status == 401:
        return "deepset Cloud did not accept the API key (HTTP 401). Check DEEPSET_API_KEY."
    if status == 403:
        return "This deepset Cloud API key may not use this workspace or pipeline (HTTP 403)."
    if status == 404:
        if pipeline:
            return f"deepset Cloud has no pipeline named {pipeline!r} in this workspace (HTTP 404). Check DEEPSET_PIPELINE and DEEPSET_WORKSPACE."
        return "deepset Cloud could not find that workspace or chat (HTTP 404). Check DEEPSET_WORKSPACE."
    if status == 408:
        return "The deepset pipeline took too long to answer (HTTP 408). Try again in a moment."
    if status == 409 and pipeline:
        return f"The deepset pipeline {pipeline!r} is not deployed (HTTP 409). Deploy it in deepset Cloud and try again."
    if status == 429:
        return "The deepset pipeline is getting too many requests (HTTP 429). Try again in a moment."
    if status == 503:
        return "deepset Cloud is rebalancing the pipeline (HTTP 503). Try again in a moment."
    if status == 591:
        return "The deepset pipeline is on standby and waking up (HTTP 591); try again in a minute."
    if status >= 500:
        return f"deepset Cloud failed (HTTP {status}). Try again in a moment."
    return f"deepset Cloud refused the request (HTTP {status})."


def deepset_status_error(response: httpx.Response, *, pipeline: str | None = None) -> APIStatusError:
    """The typed error for a non-2xx reply (body already read): what the status means, and
    what deepset said about it when it said something."""
    status = response.status_code
    body, is_json = error_body(response)
    said = errors_message(body) if is_json else None
    message = friendly_status(status, pipeline=pipeline)
    if said and said.rstrip(".") not in message:
        message = f"{message} deepset Cloud said: {said}"
    return status_error_class(status)(message, status_code=status, body=body)
