"""Indexes as the service reports them, through Reflex's real event pipeline: a syncing index is
marked and cannot be picked for a new chat, whatever the client sends; an index a turn could
not search is named on the turn; and a chat that needs every index fails clearly, prompt kept."""

from __future__ import annotations

import pytest

from chat_ui.i18n.message import render
from chat_ui.local.app import create_app
from chat_ui.state.chat import SYNCING, ChatState
from chat_ui.state.live import LiveState
from chat_ui.state.sessions import SessionsState  # noqa: F401 - a new chat's send reaches it: in the tree from the start
from tests.conftest import local_settings
from tests.support.servers import serve

HANDBOOK, REPORTS = "idx-handbook", "idx-quarterly-reports"


@pytest.fixture
def syncing_api(tmp_path, monkeypatch):
    with serve(create_app(local_settings(tmp_path, syncing=frozenset({HANDBOOK})))) as url:
        monkeypatch.setenv("CHAT_UI_LOCAL_URL", url)
        yield url


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    return local_api


async def test_a_syncing_index_is_marked_and_cannot_be_picked(syncing_api, tabs):
    a = tabs()
    await a.run(ChatState.load_indexes)
    chat = await a.state(ChatState)
    by_id = {i.id: i for i in chat.indexes}
    assert by_id[HANDBOOK].state == "syncing" and not by_id[HANDBOOK].pickable and render("en", by_id[HANDBOOK].synced) == "Not synced yet."
    assert "Still syncing" in render("en", by_id[HANDBOOK].tip)
    assert by_id[REPORTS].state == "ready" and by_id[REPORTS].pickable and render("en", by_id[REPORTS].synced).startswith("Last synced ")
    assert chat.selected_index_ids == [REPORTS]  # not picked for the new chat

    await a.run(ChatState.toggle_index(HANDBOOK))  # a client may send it anyway
    assert (await a.state(ChatState)).selected_index_ids == [REPORTS]
    await a.run(ChatState.toggle_index(REPORTS))
    await a.run(ChatState.toggle_index(HANDBOOK))
    assert (await a.state(ChatState)).selected_index_ids == []
    await a.run(LiveState.send("What is the parental leave policy?"))
    live = await a.live()
    assert render("en", live.send_error) == "Pick at least one index to search." and live.draft == "What is the parental leave policy?"


async def test_a_chosen_index_that_starts_syncing_is_left_out_of_the_send(syncing_api, tabs):
    a = tabs()
    await a.run(ChatState.load_indexes)
    root = await a.state(ChatState)
    root.selected_index_ids = [HANDBOOK]  # chosen before it began to sync
    await a.run(LiveState.send("What is the parental leave policy?"))
    live = await a.live()
    assert live.send_error == SYNCING and live.draft == "What is the parental leave policy?"


async def test_a_skipped_index_is_named_on_the_turn(api, tabs):
    a = tabs()
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send("How much did revenue grow in Q3? [fault:skip-index]"))
    live = await a.idle()
    assert live.turn.status == "done"
    assert render("en", live.turn.skipped) == "Company handbook could not be searched: this answer leaves out what it holds."
    assert [render("en", b.tool_args_short) for b in live.blocks if b.kind == "tool"] == [f"“How much did revenue grow in Q3?” in {REPORTS}"]


async def test_a_chat_that_needs_every_index_fails_clearly_and_keeps_the_prompt(api, tabs, monkeypatch):
    monkeypatch.setenv("CHAT_UI_REQUIRE_ALL_INDEXES", "1")
    a = tabs()
    await a.run(ChatState.load_indexes)
    prompt = "How much did revenue grow in Q3? [fault:skip-index]"
    await a.run(LiveState.send(prompt))
    live = await a.idle()
    assert live.turn.status == "error" and live.turn.prompt == prompt  # Retry and Edit send it again
    assert render("en", live.turn.error) == "Company handbook could not be searched, and this answer needs every index it asks. Try again in a moment."
    assert live.turn.skipped == "" and not [b for b in live.blocks if b.kind == "tool"]
