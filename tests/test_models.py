"""Event parsing never raises: unknown and malformed events become generic ones."""

import pytest

from chat_ui.i18n.message import render
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


def test_an_unknown_shared_access_parses_and_shows_as_it_came():
    """An enum that grows: one new value must not break the chat list."""
    from chat_ui.views import session_view

    page = m.SessionPage.model_validate({"items": [
        {"session_id": "ses-1", "last_updated_at": "2026-04-22T12:34:41", "shared_access": "read_only"},
        {"session_id": "ses-2", "last_updated_at": "2026-04-22T12:34:41", "shared_access": "org_query"},
        {"session_id": "ses-3", "last_updated_at": "2026-04-22T12:34:41"},
    ]})
    assert [render("en", session_view(s).sharing) for s in page.items] == ["Read only", "org_query", ""]


def test_null_numbers_parse_where_the_sdk_allows_them():
    job = {"duration_ms": None, "error": None, "is_error": None, "total_input_tokens": None,
           "total_output_tokens": None, "turns": None, "export_config_ids": None}
    summary = m.SessionSummary.model_validate({"session_id": "s", "last_updated_at": "2026-04-22T12:34:41", "job_metadata": job})
    from chat_ui.views import session_view

    view = session_view(summary)
    assert (view.turns, view.duration, view.input_tokens, view.is_error) == ("", "", "", False)
    stop = m.parse_event({"type": "stop", "is_error": False, "error": None,
                          "usage": {"duration_ms": None, "total_input_tokens": None, "total_output_tokens": None, "turns": None}})
    assert isinstance(stop, m.Stop) and stop.usage.turns is None


@pytest.mark.parametrize("usage", [None, {}, {"duration_ms": None, "turns": None, "total_input_tokens": None}])
def test_a_stop_without_usage_numbers_still_ends_the_answer_as_done(usage):
    from chat_ui import transcript as t
    from chat_ui.views import turn_view, usage_text

    events = [m.UserInput(content="q"), m.parse_event({"type": "text", "content": "a"}),
              m.parse_event({"type": "stop", "is_error": None, "error": None, "usage": usage})]
    (turn,) = t.fold(events)
    view = turn_view(turn, "t0")
    assert turn.status == view.status == "done" and view.error == ""
    assert view.duration_ms == 0.0 and view.input_tokens == 0  # numbers, which the page writes in the reader's locale
    assert "None" not in (usage_text(turn.usage) if turn.usage else "")  # and so does an export


def test_an_index_reads_its_state_leniently():
    listed = m.Index.model_validate({"id": "idx-1", "name": "A", "metadata": {"status": "failed", "why": "x"},
                                     "last_synced_at": "2026-04-22T12:34:41Z", "brand_new": True})
    assert listed.build_status == "failed" and listed.sync_in_progress is None and listed.output_directory_id is None
    assert m.Index.model_validate({"id": "idx-2", "metadata": {"status": 3}}).build_status == ""
