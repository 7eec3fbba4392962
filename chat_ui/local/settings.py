"""Configuration of the embedded local chat API, read from ``CHAT_UI_LOCAL_*`` variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# chat_ui/local/settings.py -> repo root is three levels up; resolved from the package, not cwd.
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "assets" / "corpus"
DEFAULT_DELTA_INTERVAL_S = 0.02
# The service makes a session's title a little after its first turn, not at once.
DEFAULT_TITLE_DELAY_S = 1.5


@dataclass
class LocalSettings:
    db_path: Path
    corpus_dir: Path = DEFAULT_CORPUS
    delta_interval_s: float = DEFAULT_DELTA_INTERVAL_S
    # Empty: use a random secret generated once and stored in the db, so signed URLs survive restarts.
    signing_secret: str = ""
    # Force every answer to exactly this many text deltas (benchmarks); None: natural length.
    answer_deltas: int | None = None
    # Honour ``[fault:…]`` directives in prompts (tests of the UI's error paths).
    faults: bool = False
    # How long after its first turn ends a session gets its ``generated_title``.
    title_delay_s: float = DEFAULT_TITLE_DELAY_S
    # Indexes still building their first sync: listed as syncing, never synced, nothing to find yet.
    syncing: frozenset[str] = frozenset()

    @classmethod
    def from_env(cls) -> LocalSettings:
        env = os.environ
        db_path = Path(env.get("CHAT_UI_LOCAL_DB") or "data/local.sqlite3").expanduser().resolve()
        db_path.parent.mkdir(parents=True, exist_ok=True)
        corpus = Path(env["CHAT_UI_LOCAL_CORPUS"]).expanduser().resolve() if env.get("CHAT_UI_LOCAL_CORPUS") else DEFAULT_CORPUS
        interval_ms = env.get("CHAT_UI_LOCAL_DELTA_INTERVAL_MS")
        deltas = env.get("CHAT_UI_LOCAL_ANSWER_DELTAS")
        title_ms = env.get("CHAT_UI_LOCAL_TITLE_DELAY_MS")
        return cls(
            db_path=db_path,
            corpus_dir=corpus,
            delta_interval_s=float(interval_ms) / 1000 if interval_ms not in (None, "") else DEFAULT_DELTA_INTERVAL_S,
            signing_secret=env.get("CHAT_UI_LOCAL_SECRET", ""),
            answer_deltas=int(deltas) if deltas not in (None, "") else None,
            faults=env.get("CHAT_UI_LOCAL_FAULTS", "") == "1",
            title_delay_s=float(title_ms) / 1000 if title_ms not in (None, "") else DEFAULT_TITLE_DELAY_S,
            syncing=frozenset(i.strip() for i in env.get("CHAT_UI_LOCAL_SYNCING", "").split(",") if i.strip()),
        )
