"""What the page shows of a transcript: readable tool results, labels, times."""

import json
from dataclasses import asdict
from datetime import datetime, timezone

from chat_ui.i18n.message import render
from chat_ui import transcript as t
from chat_ui.api import models as m
from chat_ui.views import (
    MAX_HITS,
    block_view,
    relative_time,
    session_view,
    summarize_result,
    thinking_label,
    turn_view,
    usage_text,
)

RETRIEVAL = {
    "results": [
        {"content": "Revenue grew  18%\nyear over year.", "score": 0.8123,
         "metadata": {"file_name": "q3.pdf", "page": 3},
         "static_fields": {"parsed_directory_file_id": "dfl-1", "page_range_start": 3}},
        {"content": "Parental leave is 20 weeks.", "score": 0.5, "metadata": {"file_name": "time-off.md"}},
        {"content": "No metadata here", "score": None, "static_fields": {"parsed_directory_file_id": "dfl-9", "page_range_start": 2}},
    ]
}


def test_retrieval_results_read_as_passages():
    summary = summarize_result(RETRIEVAL)
    hits = summary.hits
    assert render("en", summary.line) == "3 passages from 3 files" and summary.left_out_text() == ""
    assert (hits[0].file, hits[0].page, hits[0].score, hits[0].snippet) == ("q3.pdf", "3", "0.81", "Revenue grew 18% year over year.")
    assert hits[2].file == "dfl-9" and hits[2].page == "2" and hits[2].score == ""


def test_other_results_summarised_not_crashed():
    assert render("en", summarize_result({"results": []}).line) == "No passages found"
    assert summarize_result({"results": []}).hits == []
    assert render("en", summarize_result({"items": [{"file_name": "a.md"}]}).line) == "1 item"
    assert summarize_result({"content": "hello"}).line == "hello"
    assert summarize_result("plain text").line == "plain text"
    assert render("en", summarize_result(42).line) == "Result"


def huge_result(rows: int = 10_000) -> dict:
    """About 5 MB of JSON: what a retrieval with a huge top_k can return."""
    return {"results": [
        {"content": "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8 + str(i), "score": 0.5,
         "metadata": {"file_name": f"report-{i % 37}.pdf", "page": i % 50 + 1}}
        for i in range(rows)
    ]}


def test_a_huge_result_shows_a_capped_number_of_hits_and_says_how_many_were_left_out():
    result = huge_result()
    assert len(json.dumps(result)) > 5_000_000
    block = t.ToolBlock(call_id="c", name="retrieve", arguments={"query": "everything"}, status="done", result=result)
    view = block_view(block, "t0-b0")
    assert len(view.hits) == MAX_HITS
    assert render("en", view.tool_summary) == "10,000 passages from 37 files"
    assert render("en", view.hits_left_out) == "9,980 more passages are not shown here; the raw result has them all."
    # What the browser receives for this card stays small: the raw JSON is not in it.
    assert len(json.dumps(asdict(view))) < 20_000


def test_huge_arguments_are_cut_and_say_so():
    view = block_view(t.ToolBlock(call_id="c", name="grep", arguments={"pattern": "x" * 50_000}), "k")
    assert len(view.tool_args) < 5_000
    cut = len(json.dumps({"pattern": "x" * 50_000}, indent=2)) - len(view.tool_args)
    # The note is a kept message shown under the JSON, in the reader's language, not JSON text.
    assert render("en", view.tool_args_cut) == f"{cut:,} more characters not shown"
    assert render("de", view.tool_args_cut).endswith("weitere Zeichen nicht angezeigt")
    small = block_view(t.ToolBlock(call_id="c", name="grep", arguments={"pattern": "x"}), "k")
    assert small.tool_args_cut == ""


def test_tool_block_view_with_screenshot_label():
    tool = t.ToolBlock(call_id="c", name="retrieve", arguments={"query": "Q3 revenue", "top_k": 5}, status="done",
                       result=RETRIEVAL, image=m.ImageAttachment(attachment_name="screenshots/page_3.jpg", source_id="dfl-1"))
    view = block_view(tool, "k")
    assert view.kind == "tool" and render("en", view.tool_args_short) == "“Q3 revenue”" and '"top_k": 5' in view.tool_args
    assert view.image_key == "dfl-1/screenshots/page_3.jpg" and render("en", view.image_label) == "q3.pdf · page 3"
    scoped = block_view(t.ToolBlock(call_id="c", name="retrieve", arguments={"query": "leave", "index_id": "idx-handbook"}), "k")
    assert render("en", scoped.tool_args_short) == "“leave” in idx-handbook"
    # The quotes and the "in" are the reader's; the query and the index are never translated.
    assert render("de", scoped.tool_args_short) == "„leave“ in idx-handbook"
    assert render("fr", scoped.tool_args_short) == "« leave » dans idx-handbook"
    other = block_view(t.ToolBlock(call_id="c", name="list", arguments={"path": "/"}), "k")
    assert other.tool_args_short == "path=/"  # no words of the app's: the arguments as they are
    running = block_view(t.ToolBlock(call_id="c", name="retrieve"), "k")
    assert render("en", running.tool_summary) == "Running…" and not running.has_result


def test_live_blocks_carry_no_streaming_text():
    turn = t.Turn(prompt="q", blocks=(t.ThinkingBlock(text="hmm"), t.TextBlock(text="partial")))
    live = turn_view(turn, "t1", live=True)
    assert [b.text for b in live.blocks] == ["", ""] and [b.key for b in live.blocks] == ["t1-b0", "t1-b1"]
    done = turn_view(t.Turn(prompt="q", blocks=(t.TextBlock(text="all", done=True),), status="done"), "t1", live=True)
    assert done.blocks[0].text == "all"


def test_labels_and_usage():
    assert render("en", thinking_label(t.ThinkingBlock())) == "Thinking…"
    assert render("en", thinking_label(t.ThinkingBlock(done=True))) == "Thought"
    assert render("en", thinking_label(t.ThinkingBlock(done=True, duration_ms=2345))) == "Thought for 2.3 s"
    usage = m.Usage(total_input_tokens=1234, total_output_tokens=56, turns=2, duration_ms=3400)
    assert usage_text(usage) == "1,234 in · 56 out · 2 turns · 3.4 s"


def test_relative_time_and_session_view():
    now = datetime(2026, 4, 22, 12, 0, tzinfo=timezone.utc)
    assert render("en", relative_time("2026-04-22T11:59:50.1", now)) == "just now"
    assert render("en", relative_time("2026-04-22T11:55:00", now)) == "5 min ago"
    assert render("en", relative_time("2026-04-20T12:00:00", now)) == "2 d ago"
    assert relative_time("not a date", now) == "not a date"
    summary = m.SessionSummary(session_id="ses-1", last_updated_at="2026-04-22T11:00:00", index_ids=["idx-a", "idx-b"],
                               job_metadata=m.JobMetadata(total_input_tokens=1500, total_output_tokens=20, turns=2,
                                                          duration_ms=1500, is_error=True, error="boom"))
    view = session_view(summary, now)
    assert (view.title, render("en", view.updated), view.index_ids, view.input_tokens, view.turns, view.duration, view.is_error, view.error) == (
        "", "1 h ago", "idx-a, idx-b", "1,500", "2", "1.5 s", True, "boom")
