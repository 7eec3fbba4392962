"""deepset search sessions and search history → the session models and events the UI folds.

A stored turn becomes exactly what the live stream gave (question, sources, answer, stop), so a
reopened chat looks like it did live. Item shapes are only partly documented: every field is
read leniently and a missing one falls back rather than fails.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from chat_ui.api.models import Event, SessionSummary, Stop, Text, UserInput
from chat_ui.deepset.sources import answer_text, query_response, sources_events

TITLE_LENGTH = 60
FAILED_STATUSES = {"failed", "failure", "error", "errored"}
FAILED_TURN = "The deepset pipeline failed on this question."


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


def title_from(text: str | None, limit: int = TITLE_LENGTH) -> str | None:
    """A short title from a first message: first line, spaces collapsed, cut at a word."""
    if not text:
        return None
    line = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    if len(line) <= limit:
        return line or None
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip(" ,.;:-") + "…"


def session_id_of(item: dict[str, Any]) -> str | None:
    value = item.get("search_session_id") or item.get("session_id") or item.get("id")
    return str(value) if value else None


def _first_str(item: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def session_summary(item: dict[str, Any]) -> SessionSummary | None:
    """One search-session list item; None when it carries no id."""
    session_id = session_id_of(item)
    if session_id is None:
        return None
    first = _first_str(item, "title", "first_query", "query", "name")
    if first is None and isinstance(item.get("first_search"), dict):
        first = _first_str(item["first_search"], "query")
    updated = _first_str(item, "last_updated_at", "updated_at", "last_search_at", "last_query_at", "created_at")
    return SessionSummary(session_id=session_id, last_updated_at=updated or now_iso(), generated_title=title_from(first))


def history_query(item: dict[str, Any]) -> str:
    request = item.get("request") if isinstance(item.get("request"), dict) else {}
    return _first_str(request, "query") or _first_str(item, "query") or ""


def history_response(item: dict[str, Any]) -> dict[str, Any]:
    """The stored reply as a query response: ``response`` is a list of results or of answers
    depending on the API version, and some versions keep only a top-level ``answer``."""
    raw = item.get("response")
    if isinstance(raw, dict):
        return query_response(raw)
    if isinstance(raw, list):
        dicts = [r for r in raw if isinstance(r, dict)]
        for entry in dicts:
            if "answer" not in entry and ("answers" in entry or "documents" in entry or "results" in entry):
                return query_response(entry)
        answers = [r for r in dicts if "answer" in r]
        documents = [d for a in answers for d in (a.get("documents") or []) if isinstance(d, dict)]
        return {"answers": answers, "documents": documents}
    answer = item.get("answer")
    return {"answers": [{"answer": answer}]} if isinstance(answer, str) else {}


def history_events(item: dict[str, Any]) -> list[Event]:
    """One stored question and answer, as the live stream gave it."""
    query = history_query(item)
    response = history_response(item)
    events: list[Event] = [UserInput(content=query)]
    events += sources_events(query, response.get("documents"))
    text = answer_text(response)
    if text is not None:
        events.append(Text(content=text))
    status = str(item.get("status") or "").lower()
    if status in FAILED_STATUSES:
        error = _first_str(item, "error", "error_message", "message") or FAILED_TURN
        events.append(Stop(is_error=True, error=error))
    else:
        events.append(Stop(is_error=False))
    return events


def history_time(item: dict[str, Any]) -> str | None:
    return _first_str(item, "created_at", "time", "timestamp")
