"""Lenient readers of deepset's partly documented shapes: error bodies, session list items,
stored history items, titles; and the stand-in's command line, which browser tests start."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from chat_ui.i18n.message import render
from chat_ui.api.models import Stop, Text, ToolCall, ToolResult, UserInput
from chat_ui.deepset.client import DeepsetClient
from chat_ui.deepset.errors import deepset_status_error, errors_message
from chat_ui.deepset.history import FAILED_TURN, history_events, history_time, session_summary, title_from
from tests.support.deepset_standin import API_KEY, PIPELINE, PREFIX, WORKSPACE
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"errors": ["Pipeline not found"]}, "Pipeline not found"),
        ({"errors": [{"code": "x", "message": "Too many"}, "second"]}, "Too many; second"),
        ({"errors": [{"msg": "field required", "type": "missing"}]}, "field required"),
        ({"errors": [{"code": "standby"}]}, "standby"),
        ({"errors": []}, None),
        ({"detail": "Not authenticated"}, "Not authenticated"),
        ({"detail": [{"loc": ["body", "query"], "msg": "Field required", "type": "missing"}]}, "query: Field required"),
        ({"detail": {"errors": ["Pipeline is not deployed"]}}, "Pipeline is not deployed"),
        ({"message": "Workspace is read-only"}, "Workspace is read-only"),
        ({"details": [{"code": "INVALID_YAML", "message": "Line 3 is not valid YAML", "category": "x"}, {"code": "E2"}]},
         "Line 3 is not valid YAML; E2"),
        ({"error": "Gateway said no"}, "Gateway said no"),
        ({"unrelated": 1}, None),
        ("plain", None),
    ],
)
def test_errors_message(body, expected):
    assert errors_message(body) == expected


def test_errors_message_reads_errors_then_detail_then_message_then_details():
    body = {"details": [{"message": "d4"}], "message": "m3", "detail": "d2", "errors": ["e1"]}
    assert errors_message(body) == "e1"
    del body["errors"]
    assert errors_message(body) == "d2"
    del body["detail"]
    assert errors_message(body) == "m3"
    del body["message"]
    assert errors_message(body) == "d4"


def _reply(status: int, **kwargs) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request("POST", "http://x/chat-stream"), **kwargs)


def test_status_error_without_json_body_still_reads():
    error = deepset_status_error(_reply(502, text="<html>Bad gateway</html>"))
    assert render("en", str(error)) == "deepset Cloud failed (HTTP 502). Try again in a moment." and error.status_code == 502


def test_status_error_falls_back_to_a_plain_text_body():
    error = deepset_status_error(_reply(500, text="upstream   connect error\n"))
    assert render("en", str(error)) == "deepset Cloud failed (HTTP 500). Try again in a moment. deepset Cloud said: upstream connect error"
    long = render("en", str(deepset_status_error(_reply(500, text="word " * 200))))
    assert long.endswith("…") and len(long) < 400
    assert render("en", str(deepset_status_error(_reply(500, json={"unrelated": 1})))) == "deepset Cloud failed (HTTP 500). Try again in a moment."


@pytest.mark.parametrize(
    ("status", "body", "words"),
    [
        (408, {"errors": ["Request timed out"]}, ["took too long to answer (HTTP 408)", "Request timed out"]),
        (422, {"detail": [{"loc": ["body", "query"], "msg": "Field required"}]}, ["rejected the request as invalid (HTTP 422)", "query: Field required"]),
    ],
)
def test_408_and_422_have_their_own_wording(status, body, words):
    error = deepset_status_error(_reply(status, json=body), pipeline="rag-chat")
    shown = render("en", str(error))
    assert "refused the request" not in shown
    for word in words:
        assert word in shown


@pytest.mark.parametrize(
    ("item", "title"),
    [
        ({"search_session_id": "s", "created_at": "2026-01-01T00:00:00Z"}, None),
        ({"search_session_id": "s", "first_query": "What is   the leave policy?"}, "What is the leave policy?"),
        ({"id": "s", "first_search": {"query": "Hi"}}, "Hi"),
    ],
)
def test_session_summary_title_only_from_a_query_the_item_carries(item, title):
    summary = session_summary(item)
    assert summary is not None and summary.session_id == "s" and summary.generated_title == title
    assert summary.last_updated_at


def test_session_items_without_an_id_are_skipped():
    assert session_summary({"created_at": "x"}) is None


@pytest.mark.parametrize(
    "response",
    [
        {"response": [{"answers": [{"answer": "A"}], "documents": [{"content": "c", "file": {"name": "f.pdf"}}]}]},
        {"response": [{"answer": "A", "documents": [{"content": "c", "meta": {"file_name": "f.pdf"}}]}]},
        {"response": {"results": [{"answers": [{"answer": "A"}], "documents": [{"content": "c", "meta": {"name": "f.pdf"}}]}]}},
    ],
)
def test_history_items_of_every_known_shape_replay_the_same(response):
    events = history_events({"request": {"query": "Q"}, "status": "success", **response})
    assert [type(e) for e in events] == [UserInput, ToolCall, ToolResult, Text, Stop]
    assert events[2].result["results"][0]["metadata"]["file_name"] == "f.pdf"
    assert events[3] == Text(content="A") and events[4] == Stop()


def test_history_item_in_deepsets_published_shape():
    """``SearchHistoryEntry``: no top-level query or created_at; answers inside ``response[i].result``."""
    doc = {"id": "d1", "content": "28 days", "file": {"name": "handbook.pdf"}}
    item = {
        "search_history_id": "h1", "session_id": "s",
        "request": {"query": "How much leave?", "filters": {}}, "time": "2026-04-22T09:00:01+00:00", "status": "success",
        "response": [
            {"type": "document", "rank": 3, "result": {"id": "d2", "content": "5 days carry over", "meta": {"file_name": "policy.md"}}},
            {"type": "answer", "rank": 2, "result": {"answer": "Second best"}, "documents": [doc]},
            {"type": "answer", "rank": 1, "result": {"answer": "You get 28 days."}, "documents": [doc]},
        ],
    }
    events = history_events(item)
    assert events[0] == UserInput(content="How much leave?")
    assert [h["metadata"]["file_name"] for h in events[2].result["results"]] == ["handbook.pdf", "policy.md"]
    assert events[3:] == [Text(content="You get 28 days."), Stop()]
    assert history_time(item) == "2026-04-22T09:00:01+00:00"
    assert history_time({"created_at": "c", "time": "t"}) == "t"


def test_failed_history_item_is_an_error_stop_and_a_string_result_of_an_answer_is_its_text():
    item = {"request": {"query": "Q"}, "status": "failed", "response": [{"type": "answer", "result": "Partial"}]}
    assert history_events(item) == [UserInput(content="Q"), Text(content="Partial"), Stop(is_error=True, error=FAILED_TURN)]


def test_history_item_with_only_a_top_level_answer():
    events = history_events({"query": "Q", "answer": "A"})
    assert events == [UserInput(content="Q"), Text(content="A"), Stop()]


def test_title_from():
    assert title_from("") is None and title_from("   ") is None
    assert title_from("short") == "short"
    assert title_from("a" * 80) == "a" * 60 + "…"


async def test_standin_runs_from_the_command_line_with_a_paced_default_turn():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.deepset_standin", "--port", str(port), "--pace-ms", "1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, "stand-in did not start"
            time.sleep(0.05)
        async with DeepsetClient(API_KEY, WORKSPACE, PIPELINE, f"http://127.0.0.1:{port}{PREFIX}") as client:
            session = await client.create_session()
            events = [e async for e in client.stream_turn(session.session_id, "How much paid leave?", [])]
        assert isinstance(events[-1], Stop) and not events[-1].is_error
        assert any(isinstance(e, ToolResult) and e.name == "sources" for e in events)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
