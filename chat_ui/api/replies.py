"""Turn HTTP replies and transport failures into validated models or typed errors whose message
a person can read: the UI shows ``str(exc)`` as is, so no raw JSON or pydantic trace may leak."""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from chat_ui.api.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ChatAPIError,
    status_error_class,
)
from chat_ui.api.retry import requested_wait, wait_msg
from chat_ui.i18n.message import msg, render

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

_MAX_BODY = 2000
# FastAPI prefixes each validation error's location with where the value came from; a person
# cares about the field, not the transport.
_LOCATION_KINDS = {"body", "query", "path", "header", "cookie"}


class UnexpectedReply(ChatAPIError):
    """A 2xx reply whose body is not the shape the API promises (version drift, a proxy page…)."""


def parse_reply(model: type[M] | TypeAdapter[T], response: httpx.Response) -> M | T:
    """Validate a JSON reply; a wrong shape becomes :class:`UnexpectedReply`."""
    try:
        data = response.json()
    except ValueError:
        raise UnexpectedReply(
            msg("api.unexpected_not_json", request=request_line(response)),  # kept: in the reader's language
            status_code=response.status_code,
            body=response.text[:_MAX_BODY],
        ) from None
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(data)
        return model.model_validate(data)
    except ValidationError as exc:
        raise UnexpectedReply(
            msg("api.unexpected_shape", detail=summarise_validation(exc), request=request_line(response)),
            status_code=response.status_code,
            body=data,
        ) from exc


def summarise_validation(exc: ValidationError, limit: int = 3) -> str:
    parts = []
    for err in exc.errors()[:limit]:
        loc = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else str(err.get("msg", "invalid")))
    more = exc.error_count() - limit
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts) or "invalid data"


def status_error(response: httpx.Response) -> APIStatusError:
    """The typed error for a non-2xx reply (body already read): what the status means, what the
    service said, and — when it said how long — when to try again."""
    status = response.status_code
    body, is_json = error_body(response)
    detail = detail_message(body) if is_json else None
    message = status_message(status, detail, requested_wait(response.headers))
    return status_error_class(status)(message, status_code=status, body=body)


def status_message(status: int, detail: str | None, wait: float | None = None) -> str:
    """The service's own words where they are specific (a missing session, an invalid field);
    the status's meaning first where they are not (a bad key, overload, an outage). The app's
    words are a kept message (:mod:`chat_ui.i18n.message`), shown in the reader's language; the
    service's own stay as it wrote them."""
    if status in (401, 403, 429) or status >= 500:
        message = generic_message(status, wait)
        if detail and detail.rstrip(".") not in render("en", message):
            message = msg("api.said", message=message, detail=detail)
        return message
    return detail or generic_message(status)


def error_body(response: httpx.Response) -> tuple[Any, bool]:
    """An error reply's body: its JSON, or the start of its text when it is not JSON."""
    try:
        return response.json(), True
    except ValueError:
        return response.text[:_MAX_BODY], False


def detail_message(body: Any) -> str | None:
    """A readable message from FastAPI's ``{"detail": ...}`` (string or validation-error list)."""
    if not isinstance(body, dict):
        return None
    detail = body.get("detail", body.get("message", body.get("error")))
    if isinstance(detail, str):
        return detail.strip() or None
    if isinstance(detail, list):
        lines = [_validation_line(item) for item in detail]
        return "; ".join(line for line in lines if line) or None
    if isinstance(detail, dict):
        return detail_message(detail)
    return None


def _validation_line(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    loc = [str(p) for p in item.get("loc") or []]
    if loc and loc[0] in _LOCATION_KINDS:
        loc = loc[1:]
    msg = str(item.get("msg") or "is invalid")
    return f"{'.'.join(loc)}: {msg}" if loc else msg


def generic_message(status: int, wait: float | None = None) -> str:
    """What ``status`` means, and when to try again where that helps (``wait``: what the server
    said, else "in a moment")."""
    if status == 401:
        return msg("api.unauthorized")
    if status == 403:
        return msg("api.forbidden")
    if status == 404:
        return msg("api.not_found")
    if status == 429:
        meaning = msg("api.busy")
    elif status == 503:
        meaning = msg("api.unavailable")
    elif status >= 500:
        meaning = msg("api.failed", status=status)
    else:
        return msg("api.refused", status=status)
    return msg("api.then", message=meaning, then=wait_msg(wait) if wait is not None else msg("api.retry_moment"))


def transport_error(exc: httpx.TransportError, host: str) -> APIConnectionError:
    """Connection-level failures, phrased for a person and naming the host (never the key)."""
    if isinstance(exc, httpx.TimeoutException):
        if isinstance(exc, httpx.PoolTimeout):
            return APITimeoutError(msg("api.pool"))
        if isinstance(exc, httpx.ConnectTimeout):
            return APITimeoutError(msg("api.connect_timeout", host=host))
        return APITimeoutError(msg("api.read_timeout", host=host))
    if isinstance(exc, httpx.UnsupportedProtocol):
        return APIConnectionError(msg("api.bad_url", host=repr(host)))
    return APIConnectionError(msg("api.unreachable", host=host))


def request_line(response: httpx.Response) -> str:
    try:
        request = response.request
    except RuntimeError:
        return f"HTTP {response.status_code}"
    return f"{request.method} {request.url.path}"


def json_or_none(response: httpx.Response) -> Any:
    """The body as JSON, or None for a body that is not JSON (an HTML error page, say)."""
    try:
        return response.json()
    except ValueError:
        return None
