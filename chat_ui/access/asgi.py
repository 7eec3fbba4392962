"""Small helpers for the ASGI middleware: read headers, add headers, answer a request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

INTERNAL = "chat_ui.internal"  # scope key: the request carries the app's own API token

# The endpoints a load balancer, Prometheus or the test harness polls; never gated.
HEALTH_PATHS = frozenset({"/ping", "/_health", "/healthz", "/readyz", "/metrics"})  # /metrics checks its own token
EVENT_PATH = "/_event"


def header(scope: Scope, name: str) -> str:
    """A request header (several values joined as a browser would send one)."""
    key = name.lower().encode()
    sep = "; " if name.lower() == "cookie" else ", "
    return sep.join(v.decode("latin-1") for k, v in scope.get("headers", []) if k == key)


def with_headers(message: Message, extra: Iterable[tuple[str, str]], *, replace: bool = False) -> Message:
    """``message`` (a response start or websocket accept) with ``extra`` headers added; a header
    the app already set is kept unless ``replace`` (a Set-Cookie is always added)."""
    headers = list(message.get("headers", []))
    have = {k.lower() for k, _ in headers}
    for name, value in extra:
        key = name.lower().encode()
        if key in have and not replace and key != b"set-cookie":
            continue
        if replace:
            headers = [(k, v) for k, v in headers if k.lower() != key]
        headers.append((key, value.encode("latin-1")))
    return {**message, "headers": headers}


def client_address(scope: Scope) -> str:
    """The client's address; behind ``trusted_proxy_hops`` proxies (Reflex's own setting, env
    ``REFLEX_TRUSTED_PROXY_HOPS``), the one the nearest trusted proxy saw, as Reflex reads it."""
    from reflex_base.config import get_config

    client = scope.get("client") or ("", 0)
    hops = get_config().trusted_proxy_hops
    if hops:
        forwarded = [ip.strip() for ip in header(scope, "x-forwarded-for").split(",") if ip.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(client[0])


def is_secure(scope: Scope) -> bool:
    """HTTPS as the browser sees it (directly, or at a trusted proxy that says so)."""
    from reflex_base.config import get_config

    if scope.get("scheme") in ("https", "wss"):
        return True
    return bool(get_config().trusted_proxy_hops) and header(scope, "x-forwarded-proto").split(",")[0].strip() == "https"


def is_page(scope: Scope) -> bool:
    """A GET of a page (not a file, an API call or the event socket): what a person navigates to."""
    path = scope.get("path", "")
    last = path.rsplit("/", 1)[-1]
    return (
        scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD") and "." not in last
        and not path.startswith(("/api/", EVENT_PATH, "/_upload")) and path not in HEALTH_PATHS
    )


async def respond(send: Send, status: int, body: bytes, content_type: str,
                  headers: Iterable[tuple[str, str]] = ()) -> None:
    start = {"type": "http.response.start", "status": status, "headers": [
        (b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        *((k.lower().encode(), v.encode("latin-1")) for k, v in headers),
    ]}
    await send(start)
    await send({"type": "http.response.body", "body": body})


async def refuse_websocket(receive: Receive, send: Send) -> None:
    """Close a websocket before accepting it: the server answers the handshake with 403."""
    message = await receive()
    if message.get("type") == "websocket.connect":
        await send({"type": "websocket.close", "code": 1008})
