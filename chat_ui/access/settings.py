"""The access settings, read from ``CHAT_UI_*`` variables (see README and docs/security.md)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Literal

History = Literal["private", "all"]

DEFAULT_TURNS_PER_MINUTE = 10  # a person reading answers sends far fewer; a script is slowed down
DEFAULT_SIGNIN_PER_MINUTE = 5  # wrong passwords per client address


def _int(raw: str | None, default: int) -> int:
    try:
        return max(0, int(raw)) if raw not in (None, "") else default
    except ValueError:
        return default


@dataclass(frozen=True)
class AccessSettings:
    history: History = "private"
    # Empty: no password. Held here only; it never reaches a log line, a state var or a page.
    password: str = ""
    turns_per_minute: int = DEFAULT_TURNS_PER_MINUTE  # 0: no limit
    signin_per_minute: int = DEFAULT_SIGNIN_PER_MINUTE
    redis_url: str = ""

    @property
    def private(self) -> bool:
        return self.history == "private"

    def __repr__(self) -> str:  # never show the password
        return f"AccessSettings(history={self.history!r}, password={'set' if self.password else 'unset'}, ...)"

    @classmethod
    def from_env(cls) -> AccessSettings:
        env = os.environ
        history = env.get("CHAT_UI_HISTORY", "").strip().lower()
        return cls(
            history="all" if history == "all" else "private",
            password=env.get("CHAT_UI_PASSWORD", ""),
            turns_per_minute=_int(env.get("CHAT_UI_TURNS_PER_MINUTE"), DEFAULT_TURNS_PER_MINUTE),
            signin_per_minute=_int(env.get("CHAT_UI_SIGNIN_PER_MINUTE"), DEFAULT_SIGNIN_PER_MINUTE),
            redis_url=env.get("REFLEX_REDIS_URL", "").strip(),
        )


_NAMES = ("CHAT_UI_HISTORY", "CHAT_UI_PASSWORD", "CHAT_UI_TURNS_PER_MINUTE", "CHAT_UI_SIGNIN_PER_MINUTE",
          "REFLEX_REDIS_URL")


def settings() -> AccessSettings:
    """The current settings; asked on every request, so parsed once per distinct environment
    (tests change it between cases)."""
    return _parsed(tuple(os.environ.get(name) for name in _NAMES))


@functools.lru_cache(maxsize=8)
def _parsed(_values: tuple[str | None, ...]) -> AccessSettings:
    return AccessSettings.from_env()
