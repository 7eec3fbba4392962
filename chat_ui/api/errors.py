"""Typed failures of a chat backend, each carrying a message a person can read."""

from __future__ import annotations

from typing import Any


class ChatAPIError(Exception):
    """Base of every failure the UI may show. ``str(exc)`` is the readable message."""

    def __init__(self, message: str, *, status_code: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.body = body


class APIConnectionError(ChatAPIError):
    """The backend could not be reached (refused, DNS, TLS, timeout before any reply)."""


class APITimeoutError(APIConnectionError):
    """The backend took too long to answer."""


class APIStatusError(ChatAPIError):
    """The backend answered with a 4xx/5xx status."""


class BadRequestError(APIStatusError):  # 400
    pass


class AuthenticationError(APIStatusError):  # 401
    pass


class PermissionDeniedError(APIStatusError):  # 403
    pass


class NotFoundError(APIStatusError):  # 404
    pass


class ConflictError(APIStatusError):  # 409
    pass


class ValidationFailed(APIStatusError):  # 422
    pass


class RateLimitError(APIStatusError):  # 429
    pass


class ServerError(APIStatusError):  # >= 500
    pass


class StreamInterrupted(ChatAPIError):
    """The event stream ended (EOF or a dropped connection) before its ``stop`` event."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationFailed,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIStatusError)
