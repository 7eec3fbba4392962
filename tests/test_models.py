"""Event parsing never raises: unknown and malformed events become generic ones."""

import pytest

from chat_ui.api import models as m


@pytest.mark.parametrize(
    "data, cls",
    [
        ({"type": "text_delta", "content": "a"}, m.TextDelta),
        ({"type": "thinking_delta", "content": "a"}, m.ThinkingDelta),
        ({"type": "text", "content": "a"}, m.Text),
        ({"type": "thinking", "content": "a"}, m.Thinking),
        ({"type": "user_input", "content": "a"}, m.UserInput),
        ({"type": "tool_call", "call_id": "c", "name": "retrieve", "arguments": {"q": 1}}, m.ToolCall),
        ({"type": "tool_result", "call_id": "c", "name": "retrieve", "result": [1], "image_attachment": None}, m.ToolResult),
        ({"type": "stop", "is_error": False, "error": None, "usage": {"duration_ms": 1.5, "turns": 2}}, m.Stop),
        ({"type": "warning", "message": "skipped idx-2"}, m.Warning),
    ],
)
def test_known_events(data, cls):
    assert isinstance(m.parse_event(data), cls)


def test_tool_result_keeps_attachment_and_extra_fields():
    e = m.parse_event({
        "type": "tool_result", "call_id": "c", "name": "r", "result": {"results": []},
        "image_attachment": {"attachment_name": "screenshots/page_7.jpg", "source_id": "dfl-1"}, "new_field": 3,
    })
    assert e.image_attachment.attachment_name == "screenshots/page_7.jpg"
    assert e.model_extra == {"new_field": 3}


def test_stop_keeps_skipped_indexes_and_usage():
    e = m.parse_event({"type": "stop", "is_error": True, "error": "boom", "skipped_index_ids": ["idx-2"],
                       "usage": {"total_input_tokens": 3, "total_output_tokens": 4, "turns": 1, "duration_ms": 9}})
    assert e.is_error and e.error == "boom" and e.skipped_index_ids == ["idx-2"] and e.usage.total_output_tokens == 4


@pytest.mark.parametrize("data", [{"type": "mystery", "x": 1}, {"no_type": True}, [1, 2], "text", None,
                                  {"type": "tool_call", "name": "missing call id"}, {"type": 7}])
def test_unknown_or_malformed_never_raises(data):
    e = m.parse_event(data)
    assert isinstance(e, m.UnknownEvent) and isinstance(e.text, str)


def test_warning_of_unknown_shape_keeps_its_fields():
    e = m.parse_event({"type": "warning", "code": "skipped", "index_ids": ["idx-1"]})
    assert isinstance(e, m.Warning) and "idx-1" in e.text


def test_session_detail_events_typed_lazily():
    d = m.SessionDetail.model_validate({
        "session_id": "ses-1", "last_updated_at": "2026-04-22T12:34:41.342245",
        "events": [{"type": "user_input", "content": "hi"}, {"type": "odd"}],
    })
    assert [type(e) for e in d.typed_events()] == [m.UserInput, m.UnknownEvent]
