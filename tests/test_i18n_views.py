"""The words chat_ui.views builds for the page are kept messages: a German, French, Spanish or
Japanese reader reads them in their language, while exports and records still read English."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from chat_ui import transcript as t
from chat_ui.api import models as m
from chat_ui.export import to_markdown
from chat_ui.i18n.catalog import SHIPPED
from chat_ui.i18n.message import MARK, is_msg, render
from chat_ui.state.sessions import matches
from chat_ui.views import block_view, image_label, index_view, relative_time, session_view, summarize_result
from chat_ui.views import HitView

NOW = datetime(2026, 4, 22, 12, 0, tzinfo=timezone.utc)
RETRIEVAL = {"results": [
    {"content": "a", "metadata": {"file_name": "q3.pdf", "page": 3}},
    {"content": "b", "metadata": {"file_name": "q3.pdf", "page": 4}},
    {"content": "c", "metadata": {"file_name": "board.md"}},
]}


def test_relative_time_in_each_language():
    five_min, one_day, two_days = "2026-04-22T11:55:00", "2026-04-21T12:00:00", "2026-04-20T12:00:00"
    assert render("en", relative_time(five_min, NOW)) == "5 min ago"
    assert render("fr", relative_time(five_min, NOW)) == "il y a 5 min"
    assert render("de", relative_time(two_days, NOW)) == "vor 2 Tagen"
    assert render("de", relative_time(one_day, NOW)) == "vor 1 Tag"
    assert render("es", relative_time(two_days, NOW)) == "hace 2 días"
    assert render("ja", relative_time("2026-04-22T09:00:00", NOW)) == "3 時間前"
    assert render("fr", relative_time("2026-04-22T11:59:50", NOW)) == "à l’instant"
    assert render("es", relative_time("2024-04-22T12:00:00", NOW)) == "hace 2 años"
    assert relative_time("not a date", NOW) == "not a date"  # not a time: shown as it came
    ago = {"2026-04-22T11:58:00": "2 min ago", "2026-04-22T10:00:00": "2 h ago", "2026-04-20T12:00:00": "2 d ago",
           "2026-04-08T12:00:00": "2 w ago", "2026-02-21T12:00:00": "2 mo ago", "2024-04-22T12:00:00": "2 y ago"}
    for iso, english in ago.items():  # every unit names a message the catalogs have, in every language
        assert render("en", relative_time(iso, NOW)) == english
        for lang in SHIPPED:
            assert "ago" not in render(lang, relative_time(iso, NOW)) or lang == "en"


def test_result_summaries_in_german_and_english():
    line = summarize_result(RETRIEVAL).line
    assert is_msg(line)
    assert render("en", line) == "3 passages from 2 files"
    assert render("de", line) == "3 Passagen aus 2 Dateien"
    assert render("ja", line) == "2 件のファイルから3 件の箇所"
    assert render("fr", summarize_result({"results": [{"content": "x"}]}).line) == "1 passage"
    assert render("de", summarize_result({"results": []}).line) == "Keine Passagen gefunden"
    assert render("es", summarize_result({"items": [{}, {}]}).line) == "2 elementos"
    assert render("fr", summarize_result([1]).line) == "1 élément"
    assert render("de", summarize_result(42).line) == "Ergebnis"
    assert summarize_result({"content": "the tool's own words"}).line == "the tool's own words"  # not the app's: as it is


def test_many_hits_left_out_say_so_in_the_readers_numbers():
    rows = {"results": [{"content": str(i), "metadata": {"file_name": f"f{i % 3}.pdf"}} for i in range(1234)]}
    view = block_view(t.ToolBlock(call_id="c", name="retrieve", status="done", result=rows), "k")
    assert render("en", view.tool_summary) == "1,234 passages from 3 files"
    assert render("de", view.tool_summary) == "1.234 Passagen aus 3 Dateien"
    assert render("en", view.hits_left_out) == "1,214 more passages are not shown here; the raw result has them all."
    assert render("fr", view.hits_left_out).startswith("1\u202f214 autres passages") or render("fr", view.hits_left_out).startswith("1 214 autres passages")


def test_the_screenshot_label_in_each_language():
    hits = [HitView(file="q3.pdf", page="3")]
    assert render("en", image_label("screenshots/page_3.jpg", hits)) == "q3.pdf · page 3"
    assert render("de", image_label("screenshots/page_3.jpg", hits)) == "q3.pdf · Seite 3"
    assert render("es", image_label("screenshots/page_7.jpg", hits)) == "Página 7"
    assert render("ja", image_label("screenshots/page_7.jpg", [])) == "7 ページ"
    assert image_label("shots/cover.png", hits) == "cover.png"


def _index(**fields) -> m.Index:
    return m.Index(id="idx-1", name="Handbook", description="HR policies", **fields)


def test_the_index_tip_in_each_language():
    ready = index_view(_index(last_synced_at="2026-04-22T11:55:00", sync_in_progress=False), NOW)
    assert render("en", ready.tip) == "HR policies Last synced 5 min ago."
    assert render("de", ready.tip) == "HR policies Zuletzt synchronisiert vor 5 Min."
    syncing = index_view(_index(sync_in_progress=True), NOW)
    assert render("en", syncing.synced) == "Not synced yet."
    assert render("en", syncing.tip) == "HR policies Still syncing: it cannot be picked until it is ready. Not synced yet."
    assert render("fr", syncing.tip) == ("HR policies Synchronisation en cours : il ne peut pas être choisi avant d’être prêt. "
                                         "Pas encore synchronisé.")
    failed = index_view(_index(metadata={"status": "failed"}, last_synced_at="2026-04-20T12:00:00"), NOW)
    assert render("es", failed.tip) == ("HR policies Su última creación falló: las respuestas pueden omitir documentos. "
                                        "Última sincronización hace 2 días")
    unknown = index_view(_index(), NOW)
    assert unknown.tip == "HR policies" and unknown.synced == ""  # the backend said nothing: its description as it is


def test_sharing_and_the_stand_in_title():
    base = dict(session_id="ses-1", last_updated_at="2026-04-22T11:00:00")
    read_only = session_view(m.SessionSummary(**base, shared_access="read_only"), NOW)
    assert render("de", read_only.sharing) == "Nur lesen" and render("en", read_only.sharing) == "Read only"
    assert render("ja", session_view(m.SessionSummary(**base, shared_access="query"), NOW).sharing) == "質問可"
    assert session_view(m.SessionSummary(**base, shared_access="org_query"), NOW).sharing == "org_query"
    # No title yet: the row keeps "" (the list writes "New chat" itself), so no marker reaches a
    # filter, an aria label or the page's title; and the filter never matches English words.
    untitled = session_view(m.SessionSummary(**base), NOW)
    assert untitled.title == "" and not matches(untitled, "new chat") and MARK not in untitled.title
    assert untitled.duration_ms == -1.0  # not known: the history page leaves the cell empty
    timed = session_view(m.SessionSummary(**base, job_metadata=m.JobMetadata(duration_ms=1500)), NOW)
    assert (timed.duration, timed.duration_ms) == ("1.5 s", 1500.0)  # the page writes 1500 ms the reader's way
    titled = session_view(m.SessionSummary(**base, generated_title="Q3 revenue"), NOW)
    assert titled.title == "Q3 revenue" and matches(titled, "revenue")


@pytest.mark.parametrize("lang", [lang for lang in SHIPPED if lang != "en"])
def test_each_new_message_reads_differently_from_english(lang):
    values = [relative_time("2026-04-22T11:55:00", NOW), summarize_result(RETRIEVAL).line,
              summarize_result({"results": []}).line, image_label("s/page_3.jpg", [HitView(file="a.pdf", page="3")]),
              index_view(_index(sync_in_progress=True), NOW).tip, session_view(
                  m.SessionSummary(session_id="s", last_updated_at="2026-04-22T11:00:00", shared_access="read_only"), NOW).sharing]
    for value in values:
        assert MARK not in render(lang, value)
        # French writes "a.pdf · page 3" as English does; every other one reads in its language
        if not (lang == "fr" and "screenshot.label" in value):
            assert render(lang, value) != render("en", value), (lang, render(lang, value))


def test_an_export_still_says_english():
    detail = m.SessionDetail(session_id="ses-1", last_updated_at="2026-04-22T11:00:00", events=[
        {"type": "user_input", "content": "How much?"},
        {"type": "tool_call", "call_id": "c1", "name": "retrieve", "arguments": {"query": "revenue"}},
        {"type": "tool_result", "call_id": "c1", "name": "retrieve", "result": RETRIEVAL},
        {"type": "text", "content": "A lot [1]."},
        {"type": "stop", "is_error": False},
    ])
    md = to_markdown(detail)
    assert "(3 passages from 2 files)" in md and MARK not in md


def _js(component) -> str:
    import json

    return json.dumps(component.render(), default=str).replace('\\"', '"')


def test_the_lists_write_the_stand_in_title_and_the_kept_labels_in_the_browser():
    """What the rows compile to: an untitled row's link, aria labels and delete dialog read
    "New chat" from the catalogs; the index tooltip, the sharing column, the left-out count and
    the screenshot's label go through chatUiMsg."""
    import chat_ui.chat_ui  # noqa: F401  (the app's states)
    from chat_ui.components.composer_bar import index_picker
    from chat_ui.components.screenshot import _screenshot_card
    from chat_ui.components.sidebar import sidebar_content
    from chat_ui.pages.chat import chat_page
    from chat_ui.pages.history import history_page

    stand_in = '? session_rx_state_?.["title"] : (chatUiT('  # title != "" ? title : chatUiT(lang, "chat.new")
    for page in (sidebar_content(), history_page()):
        js = _js(page)
        assert js.count(stand_in) >= 3 and '["title"] : session_rx_state_?.["title"] }' not in js

    def shown(js: str, field: str) -> bool:
        return f'lang_rx_state_, {field})' in js  # chatUiMsg(lang, <field>)

    assert shown(_js(history_page()), 'session_rx_state_?.["sharing"]')
    assert 'chatUiDur(reflex___state____state__chat_ui___state___lang____lang_state.lang_rx_state_, session_rx_state_?.["duration_ms"])' in _js(history_page())
    picker = _js(index_picker())
    assert shown(picker, 'index_rx_state_?.["tip"]') and shown(picker, "reflex___state____state__chat_ui___state___chat____chat_state.bound_syncing_rx_state_")
    assert shown(_js(chat_page()), 'b_rx_state_?.["hits_left_out"]')
    assert _js(_screenshot_card._definition.component).count("chatUiMsg(") >= 4  # the error, and the label in text, alt and title
