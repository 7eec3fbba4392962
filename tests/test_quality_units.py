"""The quality loop's pure parts: the snapshot of an answer (numbers, citations, cut results), the
review's filters and views, usage percentiles, and the exports (CSV quoting, formulas defused,
JSON Lines, and 100,000 rows streamed a batch at a time)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import time
import tracemalloc

import pytest

from chat_ui import transcript as t
from chat_ui.access.visitor import Visitor
from chat_ui.api.models import Usage
from chat_ui.i18n import t as message
from chat_ui.quality import exports
from chat_ui.quality.review import feedback_id_from_path, person_label, person_view, to_filter
from chat_ui.quality.snapshot import NOTE, feedback_snapshot, kept_result, passages, rendered_turn, view_of
from chat_ui.quality.usage import percentile
from chat_ui.sharing.snapshot import share_id_from_path
from chat_ui.store.feedback import Feedback, FeedbackFilter
from chat_ui.views import numbered_passages, raw_results, turn_view


def row(file: str, page: int, text: str) -> dict:
    return {"content": text, "score": 0.5, "metadata": {"file_name": file, "page": page}}


def a_turn() -> t.Turn:
    first = {"results": [row("q3.pdf", 1, "Revenue was $48.2M."), row("q3.pdf", 3, "Costs fell.")]}
    second = {"results": [row("handbook.md", 0, "Leave is 16 weeks."), "not a passage", row("notes.md", 2, "Board met.")]}
    return t.Turn(
        prompt="Revenue and leave?",
        blocks=(
            t.ThinkingBlock(text="Search both.", done=True, duration_ms=1200),
            t.ToolBlock(call_id="a", name="retrieve", arguments={"query": "revenue", "index_id": "idx-q"}, status="done", result=first),
            t.ToolBlock(call_id="b", name="retrieve", arguments={"query": "leave", "index_id": "idx-h"}, status="done", result=second),
            t.TextBlock(text="Revenue was $48.2M [1]; leave is 16 weeks [3, 9]. See `[2]`.", done=True),
        ),
        status="done",
        usage=Usage(total_input_tokens=1200, total_output_tokens=80, turns=2, duration_ms=3400),
    )


def test_a_snapshot_numbers_its_passages_as_the_page_does_and_lists_what_was_cited():
    turn = a_turn()
    view, results = turn_view(turn, "h4"), raw_results(turn, "h4")
    numbered = passages(view, results)
    assert [(p["number"], p["file"], p["page"]) for p in numbered] == [
        (p.number, p.hit.file, p.hit.page) for p in numbered_passages(turn)]
    snap = feedback_snapshot(view, results, session_id="ses-1", ordinal=4, bound=["idx-q"], backend="local",
                             who=Visitor(owner="o-1", name="Ann"), when=0.0, timings={"first_token_ms": 250.0})
    record = json.loads(snap.record)
    assert [(p["number"], p["file"], p["text"]) for p in record["cited"]] == [
        (1, "q3.pdf", "Revenue was $48.2M."), (3, "handbook.md", "Leave is 16 weeks.")]
    assert record["cited_missing"] == [9] and [p["number"] for p in record["passages"]] == [2, 4]  # `[2]` is code
    assert record["tools"][0] == {"name": "retrieve", "arguments": {"query": "revenue", "index_id": "idx-q"},
                                  "status": "done", "summary": "2 passages from 1 file"}
    assert record["indexes"] == ["idx-q", "idx-h"] and snap.index_ids == ("idx-q", "idx-h")
    assert record["usage"] == {"input_tokens": 1200, "output_tokens": 80, "turns": 2, "duration_ms": 3400}
    assert record["timings"] == {"thinking": ["Thought for 1.2 s"], "first_token_ms": 250.0}
    assert record["who"]["name"] == "Ann" and record["when"] == "1970-01-01T00:00:00Z" and record["turn"] == 4
    assert (snap.prompt, snap.answer) == (turn.prompt, turn.answer)
    again = json.loads(snap.rendered)
    assert view_of(again) == view and again["results"] == results  # what the page showed, whole


def test_a_huge_result_is_kept_cut_to_its_first_passages():
    big = {"results": [row("big.pdf", i, "x" * 1000) for i in range(3000)], "meta": 1}
    kept = kept_result(big, limit=100_000)
    assert kept["meta"] == 1 and kept["results"] == big["results"][: len(kept["results"])]
    assert 50 < len(kept["results"]) < 100 and kept[NOTE].endswith("more passages were not kept in this snapshot.")
    assert len(json.dumps(kept)) < 110_000
    assert NOTE in kept_result({"blob": "y" * 200_000}, limit=100_000)
    small = {"results": [row("a.md", 1, "fine")]}
    assert kept_result(small) is small
    turn = t.Turn(prompt="p", blocks=(t.ToolBlock(call_id="c", name="retrieve", result=big, status="done"),), status="done")
    assert len(json.dumps(rendered_turn(turn_view(turn, "h0"), raw_results(turn, "h0")))) < 1_200_000


def test_the_reviews_filters_from_the_pages_controls():
    f, error = to_filter(rating="bad", tag="Wrong", since="2026-03-01", until="2026-03-01", text="  q3  ")
    assert error == "" and (f.rating, f.tag, f.text) == ("bad", "Wrong", "q3")
    assert f.until - f.since == 86400  # the end day is included
    assert to_filter(rating="meh")[0].rating == ""
    assert "year-month-day" in message("en", to_filter(since="03/01/2026")[1])  # a message id, read in the reader's language
    f, error = to_filter(since="2026-03-02", until="2026-03-01")
    assert "before the start" in message("en", error) and "Startdatum" in message("de", error) and f.since is None and f.until is None
    assert feedback_id_from_path("/review/answer/abc") == "abc" and feedback_id_from_path("/review/usage") == ""
    assert share_id_from_path("/shared/xyz") == "xyz" and share_id_from_path("/shared") == ""
    assert share_id_from_path("/chat/xyz") == "" and share_id_from_path("/shared/a/b") == ""
    assert person_label("acct:1", "Ann", "a@x") == "Ann <a@x>" and person_label("Zq9xLmP2abc", "", "") == "Anonymous Zq9xLmP2"
    # The page names a browser without an account itself, in the reader's language; exports keep person_label.
    assert person_view("acct:1", "Ann", "") == ("Ann", "") and person_view("Zq9xLmP2abc", "", "") == ("", "Zq9xLmP2")


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (50.0, 95.0, 100.0)
    assert percentile([7.0], 95) == 7.0 and percentile([], 50) is None


def fb(i: int, **over) -> Feedback:
    values = dict(id=f"f{i}", owner="o", person="Ann", email="", session_id="ses", ordinal=i, rating="bad",
                  tags=("Wrong", "Hard to read"), comment="", prompt="p", answer="a", backend="local",
                  index_ids=("idx-a",), created_at=0.0, updated_at=0.0)
    return Feedback(**{**values, **over})


def test_csv_quotes_what_it_must_and_defuses_formulas():
    nasty = fb(1, comment='He said "no", then\nleft; =cmd|"/c calc"!A1', prompt="-2+3", answer="@SUM(A1)")
    record = {"cited": [{"number": 1, "file": "q3.pdf", "page": "3"}, {"number": 4, "file": ""}],
              "usage": {"input_tokens": 10, "output_tokens": 2, "duration_ms": 1234.5}}
    line = exports.csv_line(exports.feedback_values(nasty, record))
    [parsed] = list(csv.reader(io.StringIO(line)))
    by = dict(zip(exports.FEEDBACK_COLUMNS, parsed))
    assert by["comment"] == nasty.comment and by["prompt"] == "'-2+3" and by["answer"] == "'@SUM(A1)"
    assert by["tags"] == "Wrong; Hard to read" and by["cited"] == "[1] q3.pdf p. 3; [4] Untitled"
    assert (by["input_tokens"], by["agent_duration_ms"], by["given_at"]) == ("10", "1234", "1970-01-01T00:00:00Z")
    assert exports.safe_cell("=1") == "'=1" and exports.safe_cell("a=1") == "a=1" and exports.safe_cell(None) == ""
    one = json.loads(exports.feedback_json(nasty, {"prompt": "p", "cited": []}))
    assert one["comment"] == nasty.comment and one["snapshot"] == {"prompt": "p", "cited": []} and one["tags"] == list(nasty.tags)


async def fill(n: int) -> None:
    """``n`` feedback rows, newest first ``00000000``; every third tagged "Wrong"."""
    from sqlalchemy import insert

    from chat_ui.store.engine import run, writing
    from chat_ui.store.models import feedback, feedback_tags

    record = json.dumps({"cited": [{"number": 1, "file": "q3.pdf", "page": "3", "text": "t" * 200}], "usage": None})
    now = time.time()

    def write() -> None:
        with writing() as conn:
            for start in range(0, n, 10_000):
                conn.execute(insert(feedback), [dict(
                    id=f"{i:08d}", owner=f"o{i % 7}", person="", email="", session_id=f"ses-{i}", ordinal=0,
                    rating="good" if i % 3 else "bad", comment="c, \"q\"\nline", prompt=f"prompt {i}", answer="a" * 100,
                    backend="local", record=record, rendered="{}", created_at=now - i, updated_at=now - i, day="2026-01-01",
                ) for i in range(start, min(n, start + 10_000))])
            conn.execute(insert(feedback_tags), [{"feedback_id": f"{i:08d}", "tag": "Wrong"} for i in range(0, n, 3)])

    await run(write)


async def test_100000_rows_export_streamed_a_batch_at_a_time():
    n = 100_000
    await fill(n)
    tracemalloc.start()
    chunks = total = lines = 0
    first = ""
    async for chunk in exports.feedback_export(FeedbackFilter(), "csv"):
        chunks += 1
        total += len(chunk)
        text = chunk.decode()
        lines += text.count("\r\n")  # a comment's own newline stays inside its quoted cell
        first = first or (text.split("\r\n", 1)[0] if chunks == 2 else "")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\n{n:,} rows: {total / 1e6:.1f} MB of CSV in {chunks:,} chunks, peak {peak / 1e6:.1f} MB traced")
    assert lines == n + 1 and first.startswith("00000000,")
    assert chunks == n // exports.BATCH + 1 and peak < total / 5, "it held a batch at a time, not the export"


async def test_json_lines_export_the_filtered_set(store_url):
    await fill(1000)
    lines = b"".join([c async for c in exports.feedback_export(FeedbackFilter(tag="Wrong"), "jsonl", batch=70)]).splitlines()
    assert len(lines) == len(range(0, 1000, 3))
    first = json.loads(lines[0])
    assert first["id"] == "00000000" and first["tags"] == ["Wrong"] and first["comment"] == 'c, "q"\nline'
    assert first["snapshot"]["cited"][0]["text"] == "t" * 200 and first["given_at"].endswith("Z")


def test_an_export_is_refused_an_unknown_format():
    with pytest.raises(ValueError):
        asyncio.run(anext(exports.feedback_export(FeedbackFilter(), "xlsx")))


@pytest.mark.parametrize("where", ["memory", "redis"])
async def test_a_persons_feedback_version_per_chat(where, request, monkeypatch):
    from chat_ui.quality import signals

    if where == "redis":
        monkeypatch.setenv("REFLEX_REDIS_URL", request.getfixturevalue("redis_url"))
    before = await signals.version("alice", "ses-1")
    await signals.changed("alice", "ses-1")
    await signals.changed("alice", "ses-1")
    assert await signals.version("alice", "ses-1") == before + 2
    assert await signals.version("bob", "ses-1") == 0 and await signals.version("alice", "ses-2") == 0


def test_a_snapshot_stored_with_an_older_view_still_opens():
    # Views once carried "usage_text" (English); the page now writes the numbers itself.
    old = {"view": {"key": "h0", "prompt": "p", "usage_text": "1,200 in · 80 out", "has_usage": True, "input_tokens": 1200,
                    "blocks": [{"key": "h0-b0", "kind": "text", "text": "a"}]}}
    view = view_of(old)
    assert (view.prompt, view.input_tokens, view.has_usage, view.blocks[0].text) == ("p", 1200, True, "a")


def test_a_snapshot_from_when_thinking_carried_its_english_label_keeps_its_time():
    blocks = [{"key": "h0-b0", "kind": "thinking", "text": "hm", "duration": "Thought for 1.2 s"},
              {"key": "h0-b1", "kind": "thinking", "text": "hm", "duration": "Thought for 2 min 5 s"},
              {"key": "h0-b2", "kind": "thinking", "text": "hm", "duration": "Thought"}]
    view = view_of({"view": {"key": "h0", "prompt": "p", "blocks": blocks}})
    assert [b.duration_ms for b in view.blocks] == [1200.0, 125000.0, -1.0]
