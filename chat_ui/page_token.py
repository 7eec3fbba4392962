"""Opaque keyset cursors for paged lists: the last row's sort key and id, so the next page
starts strictly after it however the list changed meanwhile."""

from __future__ import annotations

import base64
import json


def encode(key: str | float, row_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([key, row_id]).encode()).decode().rstrip("=")


def decode(token: str) -> tuple[str | float, str]:
    """Raises ``ValueError`` for anything this module did not write."""
    try:
        key, row_id = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except Exception as exc:  # noqa: BLE001 - any garbage token is the caller's error
        raise ValueError("invalid page_token") from exc
    if not isinstance(key, str | int | float) or isinstance(key, bool) or not isinstance(row_id, str):
        raise ValueError("invalid page_token")
    return key, row_id
