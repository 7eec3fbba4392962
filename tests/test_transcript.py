"""The reducer: live deltas and stored complete events fold to the same transcript."""

from chat_ui.api import models as m
from chat_ui.transcript import (
    INTERRUPTED,
    NoticeBlock,
    TextBlock,
    ThinkingBlock,
    ToolBlock,
    TurnEnded,
    TurnStarted,
    apply,
    fold,
    fold_stored,
)

ATTACH = m.ImageAttachment(attachment_name="screenshots/page_2.jpg", source_id="dfl-1")
USAGE = m.Usage(duration_ms=1200, total_input_tokens=900, total_output_tokens=120, turns=2)


def deltas(kind, text, size=3):
    return [kind(content=text[i : i + size]) for i in range(0, len(text), size)]


def live_turn(prompt="What grew in Q3?"):
    """A turn as the stream sends it: deltas, each followed by its complete event."""
    return [
        m.UserInput(content=prompt),
        *deltas(m.ThinkingDelta, "I should search the reports."),
        m.Thinking(content="I should search the reports."),
        m.ToolCall(call_id="c1", name="retrieve", arguments={"query": "Q3 growth", "top_k": 5}),
        m.ToolResult(call_id="c1", name="retrieve", result={"results": [{"content": "Revenue grew 12%"}]}, image_attachment=ATTACH),
        *deltas(m.TextDelta, "Revenue grew 12% [1]."),
        m.Text(content="Revenue grew 12% [1]."),
        m.Stop(is_error=False, error=None, usage=USAGE),
    ]


def stored_turn(prompt="What grew in Q3?"):
    """The same turn as a stored session keeps it: only complete events."""
    return [e for e in live_turn(prompt) if not isinstance(e, (m.TextDelta, m.ThinkingDelta))]


def test_live_turn_builds_blocks_in_arrival_order():
    (turn,) = fold(live_turn())
    assert turn.prompt == "What grew in Q3?"
    assert [b.kind for b in turn.blocks] == ["thinking", "tool", "text"]
    thinking, tool, text = turn.blocks
    assert thinking == ThinkingBlock(text="I should search the reports.", done=True)
    assert tool.status == "done" and tool.arguments["top_k"] == 5 and tool.image == ATTACH
    assert text == TextBlock(text="Revenue grew 12% [1].", done=True)
    assert turn.status == "done" and turn.usage == USAGE and turn.error is None


def test_complete_event_replaces_deltas_never_doubles():
    events = [m.UserInput(content="q"), *deltas(m.TextDelta, "Hello world"), m.Text(content="Hello world")]
    assert fold(events)[0].answer == "Hello world"
    # even when the complete text differs from what the deltas built, it wins
    events = [m.UserInput(content="q"), *deltas(m.TextDelta, "Helo wrld"), m.Text(content="Hello world")]
    assert [b.text for b in fold(events)[0].blocks] == ["Hello world"]


def test_stored_session_folds_like_the_live_stream():
    live = fold([*live_turn("one"), *live_turn("two")])
    stored = fold_stored([*stored_turn("one"), *stored_turn("two")])
    both = fold_stored([*live_turn("one"), *stored_turn("two")])
    assert live == stored == both
    assert [t.prompt for t in live] == ["one", "two"]


def test_interleaved_thinking_tools_and_text():
    events = [
        m.UserInput(content="compare"),
        *deltas(m.ThinkingDelta, "First the handbook."),
        m.ToolCall(call_id="a", name="retrieve", arguments={"index_id": "idx-1"}),
        m.ToolCall(call_id="b", name="retrieve", arguments={"index_id": "idx-2"}),
        m.ToolResult(call_id="b", name="retrieve", result={"results": []}),
        *deltas(m.ThinkingDelta, "Now the reports."),
        m.ToolResult(call_id="a", name="retrieve", result={"results": [1]}),
        *deltas(m.TextDelta, "Both agree."),
        m.Stop(usage=USAGE),
    ]
    (turn,) = fold(events)
    kinds = [b.kind for b in turn.blocks]
    assert kinds == ["thinking", "tool", "tool", "thinking", "text"]
    assert turn.blocks[0].text == "First the handbook." and turn.blocks[0].done
    assert turn.blocks[1].call_id == "a" and turn.blocks[1].result == {"results": [1]}
    assert turn.blocks[2].call_id == "b" and turn.blocks[2].result == {"results": []}
    assert turn.blocks[3].text == "Now the reports." and turn.blocks[3].done  # closed by stop
    assert all(b.status == "done" for b in turn.blocks if isinstance(b, ToolBlock))


def test_tool_result_without_call_is_kept():
    (turn,) = fold([m.UserInput(content="q"), m.ToolResult(call_id="zz", name="grep", result={"items": []})])
    (tool,) = turn.blocks
    assert tool.has_call is False and tool.name == "grep" and tool.status == "done"


def test_tool_result_reporting_an_error():
    (turn,) = fold([
        m.UserInput(content="q"),
        m.ToolCall(call_id="c", name="retrieve", arguments={}),
        m.ToolResult(call_id="c", name="retrieve", result={"error": "index offline"}),
    ])
    assert turn.blocks[0].status == "error"


def test_turn_without_stop_stays_open_live_and_interrupted_when_stored():
    events = [m.UserInput(content="q"), *deltas(m.TextDelta, "partial ans")]
    (live,) = fold(events)
    assert live.status == "streaming" and live.answer == "partial ans"
    (stored,) = fold_stored(events)
    assert stored.status == "interrupted" and stored.error == INTERRUPTED and stored.answer == "partial ans"
    assert fold([*events, TurnEnded("interrupted", INTERRUPTED)]) == fold_stored(events)


def test_running_tool_ends_as_error_when_the_turn_fails():
    (turn,) = fold([
        m.UserInput(content="q"),
        m.ToolCall(call_id="c", name="retrieve", arguments={}),
        m.Stop(is_error=True, error="Index unavailable", usage=USAGE, skipped_index_ids=["idx-9"]),
    ])
    assert turn.status == "error" and turn.error == "Index unavailable"
    assert turn.blocks[0].status == "error"
    assert turn.skipped_index_ids == ("idx-9",)


def test_error_stop_without_message_still_explains():
    (turn,) = fold([m.UserInput(content="q"), m.Stop(is_error=True, error=None)])
    assert turn.error


def test_prompt_shown_at_once_and_echo_not_duplicated():
    transcript = apply((), TurnStarted("hello"))
    assert transcript[0].prompt == "hello" and transcript[0].status == "streaming"
    transcript = fold([m.UserInput(content="hello"), *deltas(m.TextDelta, "hi there")], transcript)
    assert len(transcript) == 1 and transcript[0].answer == "hi there"


def test_stop_by_the_person_keeps_the_partial():
    transcript = fold([TurnStarted("q"), *deltas(m.TextDelta, "half an ans"), TurnEnded("stopped")])
    (turn,) = transcript
    assert turn.status == "stopped" and turn.answer == "half an ans" and turn.blocks[0].done


def test_warning_and_unknown_events_become_notices():
    events = [
        m.UserInput(content="q"),
        m.parse_event({"type": "warning", "message": "Index idx-2 was skipped"}),
        m.parse_event({"type": "citation_added", "detail": "new kind"}),
        m.parse_event({"type": "text", "content": 5}),  # malformed known type
    ]
    (turn,) = fold(events)
    assert all(isinstance(b, NoticeBlock) for b in turn.blocks)
    assert turn.blocks[0].text == "Index idx-2 was skipped" and turn.blocks[0].level == "warning"
    assert turn.blocks[1].text.startswith("citation_added") and turn.blocks[1].level == "info"


def test_events_before_any_user_input_open_a_turn():
    (turn,) = fold([*deltas(m.TextDelta, "orphan text"), m.Stop()])
    assert turn.prompt == "" and turn.answer == "orphan text" and turn.status == "done"


def test_thinking_duration_from_the_clock_or_the_event():
    t = apply((), TurnStarted("q"))
    t = apply(t, m.ThinkingDelta(content="hmm"), now=10.0)
    t = apply(t, m.ThinkingDelta(content=" ok"), now=10.5)
    t = apply(t, m.ToolCall(call_id="c", name="retrieve"), now=12.25)
    assert t[0].blocks[0].done and t[0].blocks[0].duration_ms == 2250.0
    (turn,) = fold([m.UserInput(content="q"), m.parse_event({"type": "thinking", "content": "x", "duration_ms": 800})])
    assert turn.blocks[0].duration_ms == 800.0


def test_reducer_does_not_mutate_its_input():
    before = fold([m.UserInput(content="q"), m.TextDelta(content="a")])
    after = apply(before, m.TextDelta(content="b"))
    assert before[0].answer == "a" and after[0].answer == "ab"


def test_a_repeated_call_id_is_answered_in_order_and_nothing_is_lost():
    (turn,) = fold([
        m.UserInput(content="q"),
        m.ToolCall(call_id="call_0", name="retrieve", arguments={"query": "first"}),
        m.ToolCall(call_id="call_0", name="retrieve", arguments={"query": "second"}),
        m.ToolResult(call_id="call_0", name="retrieve", result={"results": [1]}),
        m.ToolResult(call_id="call_0", name="retrieve", result={"results": [2]}),
        m.ToolResult(call_id="call_0", name="retrieve", result={"results": [3]}),  # one more than was called
        m.Stop(),
    ])
    tools = [b for b in turn.blocks if b.kind == "tool"]
    assert [(b.arguments.get("query"), b.result) for b in tools] == [
        ("first", {"results": [1]}), ("second", {"results": [2]}), (None, {"results": [3]}),
    ]
    assert [b.has_call for b in tools] == [True, True, False]
    assert all(b.status == "done" for b in tools)


def test_a_notice_mid_answer_does_not_cut_the_text_in_two():
    (turn,) = fold([
        m.UserInput(content="q"),
        m.TextDelta(content="Revenue "),
        m.Warning(message="part of the reply could not be read"),
        m.TextDelta(content="grew."),
        m.Text(content="Revenue grew."),
        m.Stop(),
    ])
    assert turn.answer == "Revenue grew."
    assert [b.kind for b in turn.blocks] == ["text", "notice"]
