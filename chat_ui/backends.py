"""Which chat backend this process talks to, chosen from the environment.

LlamaCloud when ``LLAMA_CLOUD_API_KEY`` is set, deepset Cloud when ``CHAT_UI_BACKEND=deepset``,
otherwise the embedded local API, which the Reflex app mounts into its own backend and reaches
over HTTP like the real one, with a token only the app's server knows.
"""

from __future__ import annotations

import os
import re
from typing import Literal
from urllib.parse import urlsplit

from chat_ui.api.backend import ChatBackend
from chat_ui.api.client import LlamaCloudClient
from chat_ui.api.config import ClientSettings
from chat_ui.per_loop import PerLoop

BackendKind = Literal["llamacloud", "deepset", "local"]


def backend_kind() -> BackendKind:
    choice = os.environ.get("CHAT_UI_BACKEND", "").strip().lower()
    if choice in ("deepset", "local", "llamacloud"):
        return choice  # type: ignore[return-value]
    return "llamacloud" if ClientSettings.from_env().api_key else "local"


def local_base_url() -> str:
    """The embedded API is served by this app's own backend; tests may point elsewhere."""
    explicit = os.environ.get("CHAT_UI_LOCAL_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    from reflex_base.config import get_config

    port = get_config().backend_port or 8000
    return f"http://127.0.0.1:{port}"


def _create() -> ChatBackend:
    kind = backend_kind()
    if kind == "deepset":
        from chat_ui.deepset.client import DeepsetClient

        return DeepsetClient.from_env()
    if kind == "local":
        # The mounted API answers only requests that carry the app's own token.
        from chat_ui.access.secret import internal_api_token

        return LlamaCloudClient(api_key=internal_api_token(), base_url=local_base_url(),
                                require_all_indexes=ClientSettings.from_env().require_all_indexes)
    return LlamaCloudClient.from_env()


# One client per event loop: an httpx pool belongs to the loop that opened it.
_backends: PerLoop[ChatBackend] = PerLoop()


def get_backend() -> ChatBackend:
    return _backends.get(_create)


def browser_url(url: str) -> str:
    """Presigned URLs of the embedded API name its internal address; the browser must reach them
    through the app's own origin, so they become origin-relative paths."""
    if backend_kind() == "local":
        base = local_base_url()
        if url.startswith(base):
            return url[len(base):] or "/"
    return url


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")


def image_origin() -> str:
    """The origin page screenshots may come from besides the app's own and any https one: a
    LlamaCloud-compatible backend's own, whatever its scheme (a stand-in served over http
    presigns URLs on itself). "" when there is none to add (the embedded API's URLs are the
    app's own; deepset has no screenshots)."""
    if backend_kind() != "llamacloud":
        return ""
    parts = urlsplit(ClientSettings.from_env().base_url)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    return origin if _ORIGIN.match(origin) else ""
