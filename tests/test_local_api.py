"""The local chat API over real HTTP: sessions, validation, indexes, turns, persistence, faults."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from chat_ui.api.models import SessionDetail, SessionPage, SessionSummary, Stop, ToolCall, ToolResult, parse_event
from chat_ui.local.app import DISCONNECTED, create_app
from tests.conftest import local_settings
from tests.support.servers import serve

REPORTS = "idx-quarterly-reports"
HANDBOOK = "idx-handbook"


def parse_sse(body: str) -> list[tuple[str, dict]]:
    """(event name, data) per frame; comment frames come back as ("comment", {"text": …})."""
    frames = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        if not block.strip():
            continue
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith(":"):
                frames.append(("comment", {"text": line[1:].strip()}))
            elif line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        if data:
            frames.append((name, json.loads("\n".join(data))))
    return frames


def turn(client: httpx.Client, sid: str, prompt: str, index_ids: list[str]) -> httpx.Response:
    return client.post(f"/api/v1/chat/{sid}/messages/stream", json={"index_ids": index_ids, "prompt": prompt},
                       headers={"Accept": "application/json"})


@pytest.fixture
def client(local_api: str):
    with httpx.Client(base_url=local_api, timeout=10) as c:
        yield c


# ---------------------------------------------------------------------------- sessions


def test_create_get_summary_delete(client: httpx.Client) -> None:
    r = client.post("/api/v1/chat", params={"project_id": "p", "organization_id": "o"})
    assert r.status_code == 201
    unbound = SessionSummary.model_validate(r.json())
    assert unbound.session_id.startswith("ses-") and unbound.index_ids is None and unbound.job_metadata is None
    assert "T" in unbound.last_updated_at and not unbound.last_updated_at.endswith("Z")

    bound = SessionSummary.model_validate(client.post("/api/v1/chat", json={"index_ids": [REPORTS]}).json())
    assert bound.index_ids == [REPORTS]
    assert client.post("/api/v1/chat", json={"index_ids": None}).json()["index_ids"] is None

    detail = SessionDetail.model_validate(client.get(f"/api/v1/chat/{bound.session_id}").json())
    assert detail.events == [] and detail.index_ids == [REPORTS]
    assert client.get(f"/api/v1/chat/{bound.session_id}/summary").json()["session_id"] == bound.session_id

    r = client.delete(f"/api/v1/chat/{bound.session_id}")
    assert r.status_code == 204 and r.content == b""
    for method, path in [("GET", ""), ("GET", "/summary"), ("DELETE", "")]:
        r = client.request(method, f"/api/v1/chat/{bound.session_id}{path}")
        assert r.status_code == 404 and isinstance(r.json()["detail"], str)


def test_list_pages_newest_first(client: httpx.Client) -> None:
    ids = [client.post("/api/v1/chat").json()["session_id"] for _ in range(5)]
    seen, token, pages = [], None, 0
    while True:
        params = {"page_size": 2, **({"page_token": token} if token else {})}
        page = SessionPage.model_validate(client.get("/api/v1/chat", params=params).json())
        seen += [s.session_id for s in page.items]
        pages += 1
        token = page.next_page_token
        if not token:
            break
    assert seen == list(reversed(ids)) and pages == 3
    assert len(client.get("/api/v1/chat").json()["items"]) == 5  # default page size 20
    assert client.get("/api/v1/chat", params={"page_token": "garbage!"}).status_code == 422


def test_the_title_comes_a_little_after_the_first_turn(tmp_path) -> None:
    """As the service does it: no ``/title`` route, and ``generated_title`` empty until a while
    after the first turn has ended, then the first message on one line."""
    long = "What were the main findings in the third quarter report about revenue, margins and hiring?"
    with serve(create_app(local_settings(tmp_path, title_delay_s=0.4))) as url, httpx.Client(base_url=url) as c:
        sid = c.post("/api/v1/chat").json()["session_id"]
        assert c.post(f"/api/v1/chat/{sid}/title", json={"first_message": long}).status_code in (404, 405)
        turn(c, sid, long, [REPORTS])
        assert c.get(f"/api/v1/chat/{sid}/summary").json()["generated_title"] is None
        time.sleep(0.5)
        title = c.get(f"/api/v1/chat/{sid}/summary").json()["generated_title"]
        assert title.endswith("…") and len(title) <= 61 and long.startswith(title[:-1])
        turn(c, sid, "And the second quarter?", [REPORTS])  # a later turn keeps the first one's title
        assert c.get("/api/v1/chat").json()["items"][0]["generated_title"] == title


def test_create_validation(client: httpx.Client) -> None:
    r = client.post("/api/v1/chat", json={"index_ids": ["idx-nope"]})
    assert r.status_code == 404 and "idx-nope" in r.json()["detail"]
    r = client.post("/api/v1/chat", json={"index_ids": [f"idx-{i}" for i in range(11)]})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "index_ids"]
    r = client.post("/api/v1/chat", content=b"{nope", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"][0]["type"] == "json_invalid"


def test_stream_validation(client: httpx.Client) -> None:
    unbound = client.post("/api/v1/chat").json()["session_id"]
    r = turn(client, unbound, "hello", [])
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["loc"] == ["body", "index_ids"] and err["type"] == "too_short" and "msg" in err
    r = turn(client, unbound, "x" * 1001, [REPORTS])
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "prompt"]
    assert r.json()["detail"][0]["ctx"] == {"max_length": 1000}
    r = client.post(f"/api/v1/chat/{unbound}/messages/stream", json={"prompt": "hi"})
    assert r.status_code == 422 and r.json()["detail"][0]["type"] == "missing"
    assert turn(client, "ses-missing", "hi", [REPORTS]).status_code == 404
    bound = client.post("/api/v1/chat", json={"index_ids": [REPORTS]}).json()["session_id"]
    assert turn(client, bound, "hello", []).status_code == 422  # a bound session too: the spec's minItems 1
    for sid in (unbound, bound):
        assert client.get(f"/api/v1/chat/{sid}").json()["events"] == []  # nothing stored by rejected turns


def test_no_cap_on_a_turns_indexes_and_unknown_ones_are_skipped(client: httpx.Client) -> None:
    """The spec caps a session's indexes at creation (10), not a turn's; an index a turn cannot
    query is named in its stop's ``skipped_index_ids``, not refused with a 404."""
    sid = client.post("/api/v1/chat").json()["session_id"]
    many = [REPORTS, *(f"idx-nope-{i}" for i in range(11))]
    r = turn(client, sid, "What was Q3 revenue?", many)
    assert r.status_code == 200
    stop = parse_event(parse_sse(r.text)[-1][1])
    assert isinstance(stop, Stop) and not stop.is_error and stop.skipped_index_ids == many[1:]


def test_require_all_indexes_fails_a_turn_that_cannot_query_one(client: httpx.Client) -> None:
    sid = client.post("/api/v1/chat").json()["session_id"]
    r = client.post(f"/api/v1/chat/{sid}/messages/stream",
                    json={"index_ids": [HANDBOOK, REPORTS], "prompt": "Q3 revenue? [fault:skip-index]", "require_all_indexes": True})
    (stop,) = [parse_event(d) for n, d in parse_sse(r.text) if n != "comment"]
    assert stop.is_error and stop.skipped_index_ids == [HANDBOOK] and HANDBOOK in stop.error
    r = turn(client, sid, "Q3 revenue? [fault:skip-index]", [HANDBOOK, REPORTS])  # without it: answered from the rest
    events = [parse_event(d) for n, d in parse_sse(r.text) if n != "comment"]
    assert [e.arguments["index_id"] for e in events if isinstance(e, ToolCall)] == [REPORTS]
    assert not events[-1].is_error and events[-1].skipped_index_ids == [HANDBOOK]


def test_index_locking(client: httpx.Client) -> None:
    sid = client.post("/api/v1/chat", json={"index_ids": [REPORTS]}).json()["session_id"]
    assert turn(client, sid, "What was Q3 revenue?", [REPORTS]).status_code == 200
    r = turn(client, sid, "And the hotel limit?", [HANDBOOK])
    assert r.status_code == 422 and "locked" in r.json()["detail"]
    assert turn(client, sid, "And Q2?", [REPORTS]).status_code == 200  # same indexes are fine

    unbound = client.post("/api/v1/chat").json()["session_id"]  # unbound stays so: any indexes, per message
    assert turn(client, unbound, "What was Q3 revenue?", [REPORTS]).status_code == 200
    assert client.get(f"/api/v1/chat/{unbound}/summary").json()["index_ids"] is None
    assert turn(client, unbound, "And the hotel limit?", [HANDBOOK]).status_code == 200


def test_indexes(client: httpx.Client) -> None:
    body = client.get("/api/v1/indexes", params={"project_id": "p"}).json()
    assert body["next_page_token"] is None
    by_id = {i["id"]: i for i in body["items"]}
    assert {REPORTS, HANDBOOK} <= set(by_id)
    for item in body["items"]:
        assert item["name"] and item["description"] and item["project_id"] and item["output_directory_id"]
        assert item["last_synced_at"] and item["metadata"]["status"] == "ready"
        assert item["sync_in_progress"] is None  # listing does not expand it
    one = client.get(f"/api/v1/indexes/{REPORTS}", params={"expand": "sync_in_progress"}).json()
    assert one["id"] == REPORTS and one["sync_in_progress"] is False
    assert client.get(f"/api/v1/indexes/{REPORTS}").json()["sync_in_progress"] is None
    assert client.get("/api/v1/indexes/idx-nope").status_code == 404


def test_a_syncing_index_is_listed_as_such_and_has_nothing_to_find(tmp_path) -> None:
    with serve(create_app(local_settings(tmp_path, syncing=frozenset({HANDBOOK})))) as url, httpx.Client(base_url=url) as c:
        listed = {i["id"]: i for i in c.get("/api/v1/indexes").json()["items"]}
        assert listed[HANDBOOK]["last_synced_at"] is None and listed[HANDBOOK]["metadata"]["status"] == "syncing"
        assert c.get(f"/api/v1/indexes/{HANDBOOK}", params={"expand": "sync_in_progress"}).json()["sync_in_progress"] is True
        sid = c.post("/api/v1/chat").json()["session_id"]
        events = [parse_event(d) for n, d in parse_sse(turn(c, sid, "How many weeks of parental leave?", [HANDBOOK]).text)
                  if n != "comment"]
        assert next(e for e in events if isinstance(e, ToolResult)).result == {"results": []}


def test_a_passages_file_is_named_by_its_indexs_directory(client: httpx.Client) -> None:
    """Passages carry no file name, as the service's do; the directories endpoint has it."""
    sid = client.post("/api/v1/chat").json()["session_id"]
    events = [parse_event(d) for n, d in parse_sse(turn(client, sid, "What was Q3 revenue?", [REPORTS]).text) if n != "comment"]
    (row, *_) = next(e for e in events if isinstance(e, ToolResult)).result["results"]
    assert row["metadata"] == {}
    file_id = row["static_fields"]["parsed_directory_file_id"]
    directory = client.get(f"/api/v1/indexes/{REPORTS}").json()["output_directory_id"]
    file = client.get(f"/api/v1/beta/directories/{directory}/files/{file_id}").json()
    assert file["id"] == file_id and file["directory_id"] == directory and file["display_name"].endswith((".pdf", ".md"))
    other = client.get(f"/api/v1/indexes/{HANDBOOK}").json()["output_directory_id"]
    r = client.get(f"/api/v1/beta/directories/{other}/files/{file_id}")  # not in that index's directory
    assert r.status_code == 404 and isinstance(r.json()["detail"], str)


# ---------------------------------------------------------------------------- turns


def test_streamed_turn_frames(client: httpx.Client) -> None:
    sid = client.post("/api/v1/chat", json={"index_ids": [REPORTS]}).json()["session_id"]
    r = turn(client, sid, "What was Q3 revenue and operating margin?", [REPORTS])
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    assert r.headers["cache-control"] == "no-cache" and r.headers["x-accel-buffering"] == "no"
    frames = parse_sse(r.text)
    assert frames[0] == ("comment", {"text": "keep-alive"})
    events = [(name, parse_event(data)) for name, data in frames if name != "comment"]
    kinds = [e.type for _, e in events]
    for name, e in events:
        assert name == ("delta" if e.type.endswith("_delta") else "message")
        assert e.type != "unknown"

    # order: thinking deltas, thinking, tool_call, tool_result, text deltas, text, stop
    first_non_thinking_delta = kinds.index("thinking")
    assert first_non_thinking_delta > 0 and set(kinds[:first_non_thinking_delta]) == {"thinking_delta"}
    assert kinds[first_non_thinking_delta + 1 : first_non_thinking_delta + 3] == ["tool_call", "tool_result"]
    t = kinds.index("text")
    assert set(kinds[first_non_thinking_delta + 3 : t]) == {"text_delta"} and kinds[t:] == ["text", "stop"]

    thinking_text = "".join(e.content for _, e in events if e.type == "thinking_delta")
    assert thinking_text == next(e.content for _, e in events if e.type == "thinking")
    answer = next(e.content for _, e in events if e.type == "text")
    assert "".join(e.content for _, e in events if e.type == "text_delta") == answer
    assert "$48.2 million" in answer and "[1]" in answer and "Sources" in answer
    assert "northwind-q3-2025-report.pdf, page 1" in answer

    call = next(e for _, e in events if isinstance(e, ToolCall))
    assert call.name == "retrieve" and call.arguments["index_id"] == REPORTS and call.arguments["top_k"] == 5
    result = next(e for _, e in events if isinstance(e, ToolResult))
    assert result.call_id == call.call_id
    hits = result.result["results"]
    assert hits and {"content", "score", "metadata", "static_fields"} <= set(hits[0])
    pdf_hits = [h for h in hits if h["static_fields"]["page_range_start"] and h["static_fields"]["attachments"]]
    assert pdf_hits and all(h["static_fields"]["attachments"][0]["type"] == "screenshot" for h in pdf_hits)
    assert all(h["static_fields"]["attachments"] == [] for h in hits if h not in pdf_hits)
    assert result.image_attachment is not None
    assert result.image_attachment.attachment_name == "screenshots/page_1.jpg"
    assert result.image_attachment.source_id.startswith("dfl-")

    stop = events[-1][1]
    assert isinstance(stop, Stop) and not stop.is_error and stop.error is None
    assert stop.usage and stop.usage.total_input_tokens > 0 and stop.usage.total_output_tokens > 0
    assert stop.usage.turns == 2 and stop.usage.duration_ms >= 0

    # stored: the complete events, no deltas; job_metadata mirrors stop; title from the first message
    time.sleep(0.05)  # the title follows the end of the first turn
    detail = SessionDetail.model_validate(client.get(f"/api/v1/chat/{sid}").json())
    assert [e.type for e in detail.typed_events()] == ["user_input", "thinking", "tool_call", "tool_result", "text", "stop"]
    assert detail.events[0]["content"] == "What was Q3 revenue and operating margin?"
    assert detail.events[4]["content"] == answer
    assert detail.generated_title == "What was Q3 revenue and operating margin?"
    assert detail.job_metadata and detail.job_metadata.is_error is False
    assert detail.job_metadata.total_output_tokens == stop.usage.total_output_tokens


def test_two_indexes_and_no_hits(client: httpx.Client) -> None:
    sid = client.post("/api/v1/chat").json()["session_id"]
    events = [parse_event(d) for n, d in parse_sse(turn(client, sid, "How many weeks of parental leave?", [HANDBOOK, REPORTS]).text) if n != "comment"]
    calls = [e for e in events if e.type == "tool_call"]
    assert [c.arguments["index_id"] for c in calls] == [HANDBOOK, REPORTS]
    answer = next(e.content for e in events if e.type == "text")
    assert "20 weeks" in answer and "time-off.md" in answer

    sid = client.post("/api/v1/chat", json={"index_ids": [HANDBOOK]}).json()["session_id"]
    events = [parse_event(d) for n, d in parse_sse(turn(client, sid, "zebra xylophone", [HANDBOOK]).text) if n != "comment"]
    result = next(e for e in events if e.type == "tool_result")
    assert result.result == {"results": []} and result.image_attachment is None
    assert "could not find" in next(e.content for e in events if e.type == "text")
    assert events[-1].type == "stop" and not events[-1].is_error


def test_persists_across_restart(tmp_path) -> None:
    settings = local_settings(tmp_path)
    with serve(create_app(settings)) as url, httpx.Client(base_url=url) as c:
        sid = c.post("/api/v1/chat").json()["session_id"]
        turn(c, sid, "What is the hotel limit in London?", [HANDBOOK])
        before = c.get(f"/api/v1/chat/{sid}").json()
        link = c.get("/api/v1/beta/attachments/screenshots/page_2.jpg",
                     params={"source_id": _pdf_source(c)}).json()["url"]
    with serve(create_app(local_settings(tmp_path))) as url, httpx.Client(base_url=url) as c:
        assert c.get(f"/api/v1/chat/{sid}").json() == before
        assert sid in [s["session_id"] for s in c.get("/api/v1/chat").json()["items"]]
        # the signing secret lives in the db, so links survive a restart (path + query reused)
        assert c.get(httpx.URL(link).raw_path.decode()).status_code == 200


def test_answer_deltas_forced(tmp_path) -> None:
    with serve(create_app(local_settings(tmp_path, answer_deltas=2000))) as url, httpx.Client(base_url=url) as c:
        sid = c.post("/api/v1/chat").json()["session_id"]
        frames = parse_sse(turn(c, sid, "What was Q3 revenue?", [REPORTS]).text)
        deltas = [d for n, d in frames if d.get("type") == "text_delta"]
        assert len(deltas) == 2000
        text = next(d["content"] for n, d in frames if d.get("type") == "text")
        assert "".join(d["content"] for d in deltas) == text


# ---------------------------------------------------------------------------- attachments


def _pdf_source(c: httpx.Client) -> str:
    sid = c.post("/api/v1/chat").json()["session_id"]
    frames = parse_sse(turn(c, sid, "Q3 revenue by segment", [REPORTS]).text)
    return next(d for n, d in frames if d.get("type") == "tool_result")["image_attachment"]["source_id"]


def test_attachment_signed_url(client: httpx.Client, local_api: str) -> None:
    source = _pdf_source(client)
    for path in ("screenshots%2Fpage_2.jpg", "screenshots/page_2.jpg"):
        r = client.get(f"/api/v1/beta/attachments/{path}", params={"source_id": source, "project_id": "p"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["form_fields"] is None and body["expires_at"]
        assert body["url"].startswith(local_api + "/api/v1/local-files/")
    img = httpx.get(body["url"])
    assert img.status_code == 200 and img.headers["content-type"] == "image/jpeg"
    assert img.content[:3] == b"\xff\xd8\xff" and len(img.content) > 5000
    assert img.headers["cache-control"].startswith("private, max-age=")

    tampered = body["url"].replace("page_2", "page_3")
    assert httpx.get(tampered).status_code == 403
    bad_sig = body["url"][:-4] + ("0000" if not body["url"].endswith("0000") else "1111")
    r = httpx.get(bad_sig)
    assert r.status_code == 403 and isinstance(r.json()["detail"], str)

    assert httpx.get(body["url"].split("?")[0]).status_code == 403  # no signature at all

    for name, src in [("screenshots/page_99.jpg", source), ("screenshots/page_1.jpg", "dfl-nope"), ("other.png", source)]:
        assert client.get(f"/api/v1/beta/attachments/{name}", params={"source_id": src}).status_code == 404
    assert client.get("/api/v1/beta/attachments/screenshots/page_1.jpg").status_code == 422


def test_expired_link_is_403(tmp_path) -> None:
    app = create_app(local_settings(tmp_path, signing_secret="s3cret"))
    svc = app.state.local
    with serve(app) as url, httpx.Client(base_url=url) as c:
        source = _pdf_source(c)
        past = int(time.time()) - 1
        sig = svc.sign(source, "screenshots/page_1.jpg", past)
        r = c.get(f"/api/v1/local-files/{source}/screenshots/page_1.jpg", params={"expires": past, "sig": sig})
        assert r.status_code == 403 and "expired" in r.json()["detail"]
        future = int(time.time()) + 60
        ok = c.get(f"/api/v1/local-files/{source}/screenshots/page_1.jpg",
                   params={"expires": future, "sig": svc.sign(source, "screenshots/page_1.jpg", future)})
        assert ok.status_code == 200


# ---------------------------------------------------------------------------- faults


def test_fault_http_errors(client: httpx.Client) -> None:
    sid = client.post("/api/v1/chat").json()["session_id"]
    r = turn(client, sid, "hi [fault:http-500]", [REPORTS])
    assert r.status_code == 500 and r.json() == {"detail": "Simulated upstream failure"}
    r = turn(client, sid, "hi [fault:http-429]", [REPORTS])
    assert r.status_code == 429 and r.headers["retry-after"] == "1" and isinstance(r.json()["detail"], str)
    assert client.get(f"/api/v1/chat/{sid}").json()["events"] == []


def test_fault_stop_error(client: httpx.Client) -> None:
    sid = client.post("/api/v1/chat").json()["session_id"]
    events = [parse_event(d) for n, d in parse_sse(turn(client, sid, "Q3 revenue [fault:stop-error]", [REPORTS]).text) if n != "comment"]
    assert any(e.type == "text_delta" for e in events) and not any(e.type == "text" for e in events)
    assert events[-1].type == "stop" and events[-1].is_error and events[-1].error == "Simulated agent error"
    detail = client.get(f"/api/v1/chat/{sid}").json()
    assert [e["type"] for e in detail["events"]][-2:] == ["text", "stop"]  # partial text kept
    assert detail["job_metadata"]["is_error"] and detail["job_metadata"]["error"] == "Simulated agent error"


def test_fault_drop(client: httpx.Client) -> None:
    sid = client.post("/api/v1/chat").json()["session_id"]
    frames = parse_sse(turn(client, sid, "Q3 revenue [fault:drop]", [REPORTS]).text)
    kinds = [d.get("type") for n, d in frames if n != "comment"]
    assert "text_delta" in kinds and "stop" not in kinds and "text" not in kinds
    detail = client.get(f"/api/v1/chat/{sid}").json()
    assert detail["events"][-1]["type"] == "stop" and detail["events"][-1]["is_error"]


def test_faults_off_by_default(tmp_path) -> None:
    with serve(create_app(local_settings(tmp_path, faults=False))) as url, httpx.Client(base_url=url) as c:
        sid = c.post("/api/v1/chat").json()["session_id"]
        assert turn(c, sid, "hi [fault:http-500]", [REPORTS]).status_code == 200


def test_unpaced_header_only_with_faults_on(tmp_path) -> None:
    from chat_ui.local.faults import UNPACED_HEADER

    def took(faults: bool, unpaced: bool) -> float:
        settings = local_settings(tmp_path / str(faults), faults=faults, delta_interval_s=0.02, answer_deltas=60)
        with serve(create_app(settings)) as url, httpx.Client(base_url=url, timeout=30) as c:
            sid = c.post("/api/v1/chat").json()["session_id"]
            started = time.monotonic()
            r = c.post(f"/api/v1/chat/{sid}/messages/stream", json={"index_ids": [REPORTS], "prompt": "Q3 revenue"},
                       headers={UNPACED_HEADER: "1"} if unpaced else {})
            assert r.status_code == 200 and '"type": "stop"' in r.text.replace('"type":"stop"', '"type": "stop"')
            return time.monotonic() - started

    assert took(True, True) < 0.6  # 60+ deltas at 20 ms would take over 1.2 s
    assert took(False, True) > 1.2  # the header means nothing with faults off
    assert took(True, False) > 1.2


# ---------------------------------------------------------------------------- disconnect


def test_client_disconnect_keeps_the_turn(tmp_path) -> None:
    settings = local_settings(tmp_path, delta_interval_s=0.005, answer_deltas=1000)
    with serve(create_app(settings)) as url, httpx.Client(base_url=url) as c:
        sid = c.post("/api/v1/chat").json()["session_id"]
        with c.stream("POST", f"/api/v1/chat/{sid}/messages/stream",
                      json={"index_ids": [REPORTS], "prompt": "What was Q3 revenue?"}) as r:
            for line in r.iter_lines():
                if '"text_delta"' in line:
                    break
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            events = c.get(f"/api/v1/chat/{sid}").json()["events"]
            if events and events[-1]["type"] == "stop":
                break
            time.sleep(0.05)
        assert events[-1] == {**events[-1], "type": "stop", "is_error": True, "error": DISCONNECTED}
        assert [e["type"] for e in events] == ["user_input", "thinking", "tool_call", "tool_result", "text", "stop"]
        assert 0 < len(events[4]["content"])
