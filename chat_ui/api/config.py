"""Connection settings for the LlamaCloud client, read from the same environment variables the
official SDK uses, so one shell setup serves both."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_BASE_URL = "https://api.cloud.llamaindex.ai"


@dataclass(frozen=True)
class ClientSettings:
    # repr=False: settings objects end up in logs and tracebacks; the key must not.
    api_key: str | None = field(default=None, repr=False)
    base_url: str = DEFAULT_BASE_URL
    project_id: str | None = None
    organization_id: str | None = None
    # ``CHAT_UI_REQUIRE_ALL_INDEXES=1``: a turn that cannot search every index it asks fails
    # (the API's ``require_all_indexes``) instead of answering from the others.
    require_all_indexes: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ClientSettings:
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            # An exported-but-empty variable means "not set", not "use an empty key".
            value = env.get(name, "").strip()
            return value or None

        return cls(
            api_key=get("LLAMA_CLOUD_API_KEY"),
            base_url=get("LLAMA_CLOUD_BASE_URL") or DEFAULT_BASE_URL,
            project_id=get("LLAMA_CLOUD_PROJECT_ID"),
            organization_id=get("LLAMA_CLOUD_ORGANIZATION_ID"),
            require_all_indexes=get("CHAT_UI_REQUIRE_ALL_INDEXES") in ("1", "true", "yes"),
        )
