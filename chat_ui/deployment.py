"""How chat_ui may be deployed: one worker in memory, or several on Redis — never several apart.

Several workers without Redis each keep their own state and their own turns: a tab's updates
are lost whenever its events land on another worker. Reflex would start them anyway
(``GRANIAN_WORKERS`` is not checked against Redis), so the app refuses at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


def workers(environ: Mapping[str, str] | None = None) -> int:
    raw = (environ if environ is not None else os.environ).get("GRANIAN_WORKERS", "").strip()
    try:
        return int(raw) if raw else 1
    except ValueError:
        return 1


DEFAULT_MAX_TURNS = 250  # one worker of a 2-core machine streams 200 answers within the targets


def max_turns_per_worker(environ: Mapping[str, str] | None = None) -> int:
    """``CHAT_UI_MAX_TURNS_PER_WORKER``: turns one worker runs at once (0: no cap). Past it a send
    is refused at once (:mod:`chat_ui.turns.capacity`), and each worker's upstream pool for turn
    streams is this big."""
    raw = (environ if environ is not None else os.environ).get("CHAT_UI_MAX_TURNS_PER_WORKER", "").strip()
    try:
        return max(0, int(raw)) if raw else DEFAULT_MAX_TURNS
    except ValueError:
        return DEFAULT_MAX_TURNS


def refusal(environ: Mapping[str, str] | None = None) -> str | None:
    """Why this environment cannot run, or None."""
    env = environ if environ is not None else os.environ
    count = workers(env)
    if count <= 1:
        return None
    if not env.get("REFLEX_REDIS_URL", "").strip():
        return (
            f"chat_ui: GRANIAN_WORKERS={count} needs REFLEX_REDIS_URL. Each worker would keep its own "
            "state and turns, so a tab would lose updates whenever its events reached another worker. "
            "Set REFLEX_REDIS_URL (or run `make cluster`, which starts Redis), or use one worker."
        )
    mode = env.get("REFLEX_STATE_MANAGER_MODE", "").strip().lower()
    if mode and mode != "redis":
        return (
            f"chat_ui: GRANIAN_WORKERS={count} with REFLEX_STATE_MANAGER_MODE={mode}: workers would not share "
            "state. Unset REFLEX_STATE_MANAGER_MODE so Reflex uses Redis."
        )
    return None


def check() -> None:
    reason = refusal()
    if reason:
        raise SystemExit(reason)
    from chat_ui.access.settings import check as check_access

    problems = check_access()
    if problems:  # a gate that is not the one asked for never starts
        raise SystemExit("chat_ui: " + "; ".join(problems) + ". See docs/security.md.")
