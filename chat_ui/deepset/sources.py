"""Read deepset's final query response (``DeepsetCloudQueryResponse``) into the events the UI
already knows: a "sources" tool block in the retrieval ``results[]`` shape, then the answer.

Shared by the live stream and by stored history, so a reopened chat shows what the live one did.
"""

from __future__ import annotations

from typing import Any

from chat_ui.api.models import Event, Text, ToolCall, ToolResult

SOURCES = "sources"


def query_response(result: Any) -> dict[str, Any]:
    """The response object; ``/search``-style replies wrap it as ``{"results": [it]}``."""
    if not isinstance(result, dict):
        return {}
    if "answers" not in result and "documents" not in result:
        inner = result.get("results")
        if isinstance(inner, list) and inner and isinstance(inner[0], dict):
            return inner[0]
    return result


def answer_text(response: dict[str, Any]) -> str | None:
    """The first answer's text, if there is a non-empty one."""
    answers = response.get("answers")
    if isinstance(answers, list):
        for answer in answers:
            text = answer.get("answer") if isinstance(answer, dict) else None
            if isinstance(text, str) and text.strip():
                return text
    return None


def source_hit(document: dict[str, Any]) -> dict[str, Any]:
    """One document as a retrieval hit: content, score, and the file name and page people look for."""
    meta = document.get("meta") if isinstance(document.get("meta"), dict) else {}
    file = document.get("file") if isinstance(document.get("file"), dict) else {}
    metadata: dict[str, Any] = {"file_name": file.get("name") or meta.get("file_name") or meta.get("name") or ""}
    page = meta.get("page") if meta.get("page") is not None else meta.get("page_number")
    if page is not None:
        metadata["page"] = page
    if document.get("id"):
        metadata["document_id"] = document["id"]
    if file.get("id"):
        metadata["file_id"] = file["id"]
    score = document.get("score")
    return {
        "content": document.get("content") if isinstance(document.get("content"), str) else "",
        "score": score if isinstance(score, (int, float)) else None,
        "metadata": metadata,
    }


def sources_events(query: str, documents: Any) -> list[Event]:
    """A finished "sources" tool call for the documents; nothing when there are none."""
    docs = [d for d in documents if isinstance(d, dict)] if isinstance(documents, list) else []
    if not docs:
        return []
    return [
        ToolCall(call_id=SOURCES, name=SOURCES, arguments={"query": query}),
        ToolResult(call_id=SOURCES, name=SOURCES, result={"results": [source_hit(d) for d in docs]}),
    ]


def result_events(result: Any, query: str) -> list[Event]:
    """Sources, then the complete answer (which replaces the streamed deltas, never doubles them)."""
    response = query_response(result)
    asked = response.get("query") if isinstance(response.get("query"), str) and response.get("query") else query
    events = sources_events(asked, response.get("documents"))
    text = answer_text(response)
    if text is not None:
        events.append(Text(content=text))
    return events
