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
    """The stored reply as a query response. deepset publishes ``response`` as a list of result
    entries (``type`` answer or document, the object in ``result``); older or other versions
    keep query results, bare answers, one object, or a top-level ``answer``."""
    raw = item.get("response")
    if isinstance(raw, dict):
        return query_response(raw)
    if isinstance(raw, list):
        dicts = [r for r in raw if isinstance(r, dict)]
        if any("result" in entry for entry in dicts):
            return _result_entries(dicts)
        for entry in dicts:
            if "answer" not in entry and ("answers" in entry or "documents" in entry or "results" in entry):
                return query_response(entry)
        answers = [r for r in dicts if "answer" in r]
        documents = [d for a in answers for d in (a.get("documents") or []) if isinstance(d, dict)]
        return {"answers": answers, "documents": documents}
    answer = item.get("answer")
    return {"answers": [{"answer": answer}]} if isinstance(answer, str) else {}


def _result_entries(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """deepset's ``SearchResultHistoryEntry`` list, best rank first. ``type`` is documented as
    "answer" or "document" but typed as an int, so the result's own keys decide when it is neither."""
    ranked = sorted(entries, key=lambda e: e["rank"] if isinstance(e.get("rank"), (int, float)) else float("inf"))
    answers: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    for entry in ranked:
        kind = str(entry.get("type") or "").lower()
        result = entry.get("result")
        if isinstance(result, str) and kind == "answer":
            result = {"answer": result}
        if isinstance(result, dict):
            if kind == "answer" or (kind != "document" and "answer" in result):
                answers.append(result)
            elif kind == "document" or "content" in result:
                documents.append(result)
        documents += [d for d in entry.get("documents") or [] if isinstance(d, dict)]
    return {"answers": answers, "documents": _unique(documents)}


def _unique(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An answer's documents and the document entries overlap; keep each id once."""
    seen: set[str] = set()
    kept = []
    for doc in documents:
        key = str(doc.get("id") or doc.get("document_id") or "") or None
        if key is None or key not in seen:
            kept.append(doc)
            if key is not None:
                seen.add(key)
    return kept


def history_events(item: dict[str, Any]) -> list[Event]:
    """One stored question and answer, as the live stream gave it."""
    query = history_query(item)
    response = history_response(item)
    events: list[Event] = [UserInput(content=query)]
    events += sources_events(query, response.get("documents"))
    text = answer_text(response)
    if text is not None:
        events.append(Text(content=text))
    status = str(item.get("status") or "").lower()  # deepset: "success" or "failed"
    if status in FAILED_STATUSES:
        error = _first_str(item, "error", "error_message", "message") or FAILED_TURN
        events.append(Stop(is_error=True, error=error))
    else:
        events.append(Stop(is_error=False))
    return events


def history_time(item: dict[str, Any]) -> str | None:
    """When the question was asked: deepset publishes ``time``; others were seen as ``created_at``."""
    return _first_str(item, "time", "created_at", "timestamp")
