"""Exports: Markdown says what the page shows (prompts, answers, cited passages with file and page,
thinking and tool calls folded); JSON keeps the stored events exactly; only an owner exports."""

from __future__ import annotations

import json

import pytest

from chat_ui.api.models import SessionDetail
from chat_ui.export import export, filename, to_json, to_markdown
from chat_ui.state.chat import ChatState
from chat_ui.state.export import ExportState
from chat_ui.state.live import LiveState
from chat_ui.state.sessions import SessionsState  # noqa: F401 - a new chat's send reaches it: in the tree from the start

RETRIEVAL = {"results": [
    {"content": "Revenue was $48.2 million.", "score": 0.91, "metadata": {"file_name": "q3.pdf", "page": 1},
     "static_fields": {"attachments": [{"type": "screenshot", "attachment_name": "screenshots/page_1.jpg", "source_id": "dfl-1"}]}},
    {"content": "Guidance was raised.", "score": 0.42, "metadata": {"file_name": "board.md"}},
]}
EVENTS = [
    {"type": "user_input", "content": "How much did revenue grow?\nAnd why?"},
    {"type": "thinking", "content": "Look in the quarterly report."},
    {"type": "tool_call", "call_id": "c1", "name": "retrieve", "arguments": {"query": "revenue", "index_id": "idx-r"}},
    {"type": "tool_result", "call_id": "c1", "name": "retrieve", "result": RETRIEVAL,
     "image_attachment": {"attachment_name": "screenshots/page_1.jpg", "source_id": "dfl-1"}, "vendor_field": {"kept": True}},
    {"type": "text", "content": "Revenue was $48.2 million [1].\n\n```python\nrows[2]\n```"},
    {"type": "stop", "is_error": False, "error": None,
     "usage": {"duration_ms": 2300, "total_input_tokens": 1200, "total_output_tokens": 80, "turns": 2}},
    {"type": "user_input", "content": "And the margin?"},
    {"type": "text_delta", "content": "Partial ans"},
    {"type": "surprise", "whatever": 1},
]


def detail(**overrides) -> SessionDetail:
    data = {"session_id": "ses-1", "last_updated_at": "2026-04-22T12:00:00", "generated_title": "Q3 revenue: growth & why?",
            "index_ids": ["idx-r"], "events": EVENTS}
    return SessionDetail.model_validate({**data, **overrides})


def test_markdown_has_prompts_answers_sources_and_folded_steps():
    md = to_markdown(detail())
    assert md.startswith("# Q3 revenue: growth & why?\n")
    assert "- Session: `ses-1`" in md and "- Indexes: `idx-r`" in md and "- Turns: 2" in md
    assert "## 1. How much did revenue grow? And why?" in md
    assert "> How much did revenue grow?\n> And why?" in md
    assert "<details>\n<summary>Thinking</summary>\n\nLook in the quarterly report.\n\n</details>" in md
    assert "<summary>Tool call: retrieve “revenue” in idx-r (2 passages from 2 files)</summary>" in md
    assert "- [1] q3.pdf, page 1 (score 0.91): Revenue was $48.2 million." in md
    assert "- [2] board.md (score 0.42): Guidance was raised." in md
    assert "**Answer:**\n\nRevenue was $48.2 million [1].\n\n```python\nrows[2]\n```" in md
    # Sources: the passages the answer cites (not the [2] inside its code), with file and page.
    cited = md.split("**Cited passages:**\n\n", 1)[1].split("\n\n", 1)[0]
    assert cited == "- [1] q3.pdf, page 1 (score 0.91)"
    assert "_1,200 in · 80 out · 2 turns · 2.3 s_" in md
    # The second turn never ended in the store: it reads as it shows, interrupted, with its partial text.
    second = md.split("## 2. And the margin?", 1)[1]
    assert "Partial ans" in second and "> The answer was interrupted before it finished." in second
    assert "surprise" in second  # an unknown event is a note, as on the page


def test_markdown_cannot_be_broken_out_of_by_the_content():
    events = [{"type": "user_input", "content": "q"},
              {"type": "tool_call", "call_id": "c", "name": "grep", "arguments": {"pattern": "```"}},
              {"type": "tool_result", "call_id": "c", "name": "grep", "result": {"content": "</details> ```` x"}},
              {"type": "stop", "is_error": True, "error": "Upstream <b>failed</b>"}]
    md = to_markdown(detail(events=events, generated_title=None))
    assert md.startswith("# q\n")
    assert "<summary>Tool call: grep “```” (&lt;/details&gt; ```` x)</summary>" in md
    assert "`````json\n{\n  \"content\": \"</details> ```` x\"\n}\n`````" in md
    assert "> **Error:** Upstream <b>failed</b>" in md


def test_json_keeps_the_events_exactly():
    data = json.loads(to_json(detail()))
    assert data["events"] == EVENTS  # unknown types, extra fields and deltas included, nothing filled in
    assert (data["session_id"], data["title"], data["index_ids"]) == ("ses-1", "Q3 revenue: growth & why?", ["idx-r"])


@pytest.mark.parametrize(("title", "session_id", "fmt", "name"), [
    ("Q3 revenue: growth & why?", "ses-1", "markdown", "q3-revenue-growth-why.md"),
    ("Congés parentaux – règles", "ses-1", "json", "congés-parentaux-règles.json"),
    ("../../etc/passwd", "ses-1", "markdown", "etc-passwd.md"),
    ("???", "ses-9", "json", "ses-9.json"),
    ("x" * 200, "ses-1", "markdown", "x" * 60 + ".md"),
])
def test_file_names_come_from_the_title(title, session_id, fmt, name):
    assert filename(title, session_id, fmt) == name


def test_export_names_and_types():
    assert export(detail(), "markdown")[1:] == ("q3-revenue-growth-why.md", "text/markdown")
    assert export(detail(generated_title=None), "json")[1:] == ("how-much-did-revenue-grow-and-why.json", "application/json")
    with pytest.raises(ValueError):
        export(detail(), "pdf")


# ------------------------------------------------------------------ through the event pipeline


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    return local_api


def downloads(tab) -> list[dict]:
    return [e.payload for u in tab.ns.of(tab.token) for e in getattr(u, "events", []) if e.name == "_download"]


async def test_an_owner_exports_and_another_browser_cannot(api, tabs):
    a = tabs(browser="A")
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send("What is the parental leave policy?"))
    await a.idle()
    session_id = (await a.state(ChatState)).current_id

    await a.run(ExportState.export_chat("", "markdown"))  # the chat on the page
    await a.run(ExportState.export_chat(session_id, "json"))  # a history row
    md, js = downloads(a)
    assert md["filename"].endswith(".md") and md["url"].startswith("data:text/markdown;base64,")
    assert js["filename"].endswith(".json") and js["url"].startswith("data:application/json;base64,")

    b = tabs(browser="B")
    await b.run(ExportState.export_chat(session_id, "json"))
    await b.run(ExportState.export_chat("ses-0000000000000000", "json"))
    await b.run(ExportState.export_chat("", "markdown"))
    assert downloads(b) == []
    said = str([e.payload for u in b.ns.of(b.token) for e in getattr(u, "events", [])])
    assert said.count("does not exist") == 3 and "parental" not in said
