"""The deepset frame translator, without HTTP: every frame kind, tool calls assembled from
fragments, and what the UI's reducer makes of the result."""

from __future__ import annotations

import json

import pytest

from chat_ui.api.models import Stop, Text, TextDelta, ThinkingDelta, ToolCall, ToolResult, UnknownEvent
from chat_ui.deepset.translate import STREAM_ERROR, DeepsetTranslator, parse_arguments, tool_result_value
from chat_ui.transcript import TextBlock, ThinkingBlock, ToolBlock, fold
from tests.support.deepset_standin import default_script

Q = "How many days of leave do I get?"


def feed_all(frames: list, query: str = Q) -> list:
    t = DeepsetTranslator(query=query)
    events = [e for f in frames for e in t.feed(f)]
    return events + t.finish()


def delta(text: str) -> dict:
    return {"query_id": "q", "type": "delta", "delta": {"text": text}}


def call_delta(index: int, **part) -> dict:
    return {"query_id": "q", "type": "tool_call_delta", "tool_call_delta": {"index": index, **part}}


def call_result(result: str, name: str, arguments: dict, call_id: str | None = None, error: bool = False) -> dict:
    origin = {"tool_name": name, "arguments": arguments, **({"id": call_id} if call_id else {})}
    return {"type": "tool_call_result", "tool_call_result": {"result": result, "origin": origin, "error": error}}


RESULT = {
    "type": "result",
    "result": {
        "query": Q,
        "answers": [{"answer": "You get 28 days.", "files": [{"id": "f1", "name": "handbook.pdf"}], "document_ids": ["d1"]}],
        "documents": [
            {"id": "d1", "content": "28 days of paid leave", "score": 0.91, "meta": {"page": 4}, "file": {"id": "f1", "name": "handbook.pdf"}},
            {"id": "d2", "content": "carry over 5 days", "score": 0.5, "meta": {"name": "policy.md"}},
        ],
    },
}


def test_deltas_become_text_deltas_and_empty_ones_are_dropped():
    assert feed_all([delta("You "), delta(""), delta("get")]) == [TextDelta(content="You "), TextDelta(content="get")]


def test_a_delta_carrying_meta_is_just_its_text():
    frame = {"query_id": "q", "type": "delta", "delta": {"text": "Hi", "meta": {"model": "gpt", "finish_reason": None}}}
    assert feed_all([frame]) == [TextDelta(content="Hi")]


def reasoning(text: str) -> dict:
    return {"query_id": "q", "type": "reasoning", "reasoning": {"reasoning_text": text, "extra": {"signature": "x"}}}


def test_reasoning_frames_become_thinking_deltas():
    events = feed_all([reasoning("Look up "), reasoning(""), reasoning("the policy."), delta("28 days")])
    assert events == [ThinkingDelta(content="Look up "), ThinkingDelta(content="the policy."), TextDelta(content="28 days")]
    assert feed_all([{"reasoning": {"reasoning_text": "untyped"}}]) == [ThinkingDelta(content="untyped")]


def test_folding_reasoning_gives_a_finished_thinking_block_before_the_answer():
    (turn,) = fold(feed_all([reasoning("Look up "), reasoning("the policy."), delta("28 days"), RESULT]))
    thinking, *rest = turn.blocks
    assert isinstance(thinking, ThinkingBlock) and thinking.text == "Look up the policy." and thinking.done
    assert turn.status == "done" and turn.answer == "You get 28 days."


def test_ping_frames_are_ignored_and_do_not_end_a_tool_call_being_assembled():
    t = DeepsetTranslator()
    assert t.feed(call_delta(0, id="c", tool_name="search", arguments='{"q": ')) == []
    assert t.feed({"query_id": "q", "type": "ping"}) == []
    assert t.feed(call_delta(0, arguments='"x"}')) == []
    assert t.finish() == [ToolCall(call_id="c", name="search", arguments={"q": "x"})]


def test_arguments_split_over_several_frames_become_one_call_when_a_delta_follows():
    events = feed_all([
        call_delta(0, id="c1", tool_name="search"),
        call_delta(0, arguments='{"que'),
        call_delta(0, arguments='ry": "lea'),
        call_delta(0, arguments='ve", "top_k": 3}'),
        delta("Answer"),
    ])
    assert events == [ToolCall(call_id="c1", name="search", arguments={"query": "leave", "top_k": 3}), TextDelta(content="Answer")]


def test_two_interleaved_calls_are_kept_apart_by_index_and_results_find_them():
    events = feed_all([
        call_delta(0, id="a", tool_name="search", arguments='{"q":'),
        call_delta(1, tool_name="lookup", arguments='{"id"'),
        call_delta(0, arguments=' "x"}'),
        call_delta(1, arguments=': 7}'),
        call_result('{"hits": 2}', "lookup", {"id": 7}),
        call_result("plain words", "search", {"q": "x"}, call_id="a"),
    ])
    assert events == [
        ToolCall(call_id="a", name="search", arguments={"q": "x"}),
        ToolCall(call_id="call-1", name="lookup", arguments={"id": 7}),
        ToolResult(call_id="call-1", name="lookup", result={"hits": 2}),
        ToolResult(call_id="a", name="search", result={"content": "plain words"}),
    ]


def test_the_top_level_index_keeps_interleaved_calls_apart():
    def top(index: int, **part) -> dict:
        return {"query_id": "q", "type": "tool_call_delta", "index": index, "tool_call_delta": part}

    events = feed_all([
        top(0, id="a", tool_name="search", arguments='{"q":'),
        top(1, id="b", tool_name="lookup", arguments='{"id"'),
        top(0, arguments=' "x"}'),
        top(1, arguments=': 7}'),
    ])
    assert events == [
        ToolCall(call_id="a", name="search", arguments={"q": "x"}),
        ToolCall(call_id="b", name="lookup", arguments={"id": 7}),
    ]


def test_same_index_with_a_new_id_starts_a_new_call():
    events = feed_all([call_delta(0, id="a", tool_name="t", arguments="{}"), call_delta(0, id="b", tool_name="t", arguments="{}")])
    assert [e.call_id for e in events] == ["a", "b"]


def test_pending_calls_are_emitted_at_the_end_of_the_stream():
    t = DeepsetTranslator()
    assert t.feed(call_delta(0, tool_name="search", arguments='{"q": 1')) == []
    assert t.finish() == [ToolCall(call_id="call-0", name="search", arguments={"raw": '{"q": 1'})]
    assert t.finished is False


def test_failed_tool_result_is_an_error_dict_and_a_result_without_a_call_shows_its_origin():
    events = feed_all([call_result("Index unavailable", "search", {"q": "x"}, call_id="z", error=True)])
    assert events == [
        ToolCall(call_id="z", name="search", arguments={"q": "x"}),
        ToolResult(call_id="z", name="search", result={"error": "Index unavailable"}),
    ]


def test_result_gives_sources_then_the_answer_then_stop_and_ends_the_turn():
    t = DeepsetTranslator(query=Q)
    events = t.feed(RESULT)
    assert t.finished and t.feed(delta("late")) == []
    call, result, text, stop = events
    assert call == ToolCall(call_id="sources", name="sources", arguments={"query": Q})
    assert result.result["results"] == [
        {"content": "28 days of paid leave", "score": 0.91, "metadata": {"file_name": "handbook.pdf", "page": 4, "document_id": "d1", "file_id": "f1"}},
        {"content": "carry over 5 days", "score": 0.5, "metadata": {"file_name": "policy.md", "document_id": "d2"}},
    ]
    assert text == Text(content="You get 28 days.")
    assert stop == Stop(is_error=False, usage=None)


def test_result_without_documents_or_answers_is_just_a_stop():
    assert feed_all([{"type": "result", "result": {"answers": [], "documents": []}}]) == [Stop()]


def test_error_frame_is_an_error_stop_after_pending_calls():
    events = feed_all([call_delta(0, id="c", tool_name="s", arguments="{}"), {"type": "error", "error": "LLM quota exceeded"}])
    assert events == [ToolCall(call_id="c", name="s"), Stop(is_error=True, error="LLM quota exceeded")]
    assert feed_all([{"type": "error", "error": None}])[0].error


def test_frames_without_type_are_recognised_by_their_payload_and_unknown_kinds_kept():
    assert feed_all([{"delta": {"text": "hi"}}]) == [TextDelta(content="hi")]
    (unknown,) = feed_all([{"query_id": "q", "type": "heartbeat", "n": 1}])
    assert isinstance(unknown, UnknownEvent) and unknown.type == "heartbeat"


def test_argument_and_result_parsing():
    assert parse_arguments("") == {}
    assert parse_arguments(json.dumps(json.dumps({"a": 1}))) == {"a": 1}
    assert parse_arguments("[1, 2]") == {"raw": "[1, 2]"}
    assert tool_result_value("42", False) == {"content": "42"}
    assert tool_result_value("[1]", False) == [1]
    assert tool_result_value(None, True) == {"error": "The tool failed."}


def test_folding_a_streamed_turn_shows_the_text_once_and_the_sources_with_hits():
    frames = default_script(Q)
    (turn,) = fold(feed_all(frames))
    texts = [b for b in turn.blocks if isinstance(b, TextBlock)]
    tools = [b for b in turn.blocks if isinstance(b, ToolBlock)]
    answer = frames[-1]["result"]["answers"][0]["answer"]
    assert turn.status == "done" and turn.answer == answer and len(texts) == 1
    assert [t.name for t in tools] == ["search_documents", "sources"]
    assert all(t.status == "done" for t in tools)
    assert tools[0].arguments == {"query": Q, "top_k": 3}
    hits = tools[1].result["results"]
    assert len(hits) == 3 and hits[0]["metadata"]["file_name"] == "employee-handbook.pdf" and hits[0]["score"] > 0


def test_folding_a_failed_tool_marks_it_failed():
    (turn,) = fold(feed_all([call_result("boom", "search", {}, call_id="c", error=True), RESULT]))
    tool = next(b for b in turn.blocks if isinstance(b, ToolBlock) and b.name == "search")
    assert tool.status == "error"


@pytest.mark.parametrize(("error", "shown"), [
    ({"errors": [{"message": "Pipeline crashed"}]}, "Pipeline crashed"),
    ({"errors": ["Out of credits", {"code": "E42"}]}, "Out of credits; E42"),
    ({"detail": "Bad filter"}, "Bad filter"),
    ({"message": "Timeout"}, "Timeout"),
    ({}, STREAM_ERROR),
])
def test_an_error_frame_in_object_form_shows_its_message(error, shown):
    (stop,) = DeepsetTranslator().feed({"type": "error", "error": error})
    assert stop.is_error and stop.error == shown
