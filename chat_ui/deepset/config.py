"""deepset Cloud connection settings from the environment. A missing value is reported as a
readable :class:`ChatAPIError` when the backend is first built, never as a crash at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from chat_ui.api.errors import ChatAPIError

DEFAULT_BASE_URL = "https://api.cloud.deepset.ai/api/v1"

_REQUIRED = {
    "DEEPSET_API_KEY": "a deepset Cloud API key",
    "DEEPSET_WORKSPACE": "the workspace name",
    "DEEPSET_PIPELINE": "the name of a deployed chat pipeline",
}


class ConfigurationError(ChatAPIError):
    """The deepset backend was chosen but is not fully configured."""


@dataclass(frozen=True)
class DeepsetSettings:
    # repr=False: settings end up in logs and tracebacks; the key must not.
    api_key: str = field(repr=False)
    workspace: str
    pipeline: str
    base_url: str = DEFAULT_BASE_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DeepsetSettings:
        env = os.environ if environ is None else environ

        def get(name: str) -> str:
            # An exported-but-empty variable means "not set".
            return env.get(name, "").strip()

        missing = [name for name in _REQUIRED if not get(name)]
        if missing:
            needs = "; ".join(f"{name} ({_REQUIRED[name]})" for name in missing)
            raise ConfigurationError(
                f"CHAT_UI_BACKEND=deepset needs these environment variables set: {needs}."
            )
        return cls(
            api_key=get("DEEPSET_API_KEY"),
            workspace=get("DEEPSET_WORKSPACE"),
            pipeline=get("DEEPSET_PIPELINE"),
            base_url=(get("DEEPSET_BASE_URL") or DEFAULT_BASE_URL).rstrip("/"),
        )
