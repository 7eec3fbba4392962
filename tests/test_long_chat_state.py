"""A long chat opens with its latest turns and loads earlier ones a window at a time; the page
never carries the whole history at once, and nothing is lost or shown twice."""

from __future__ import annotations

from chat_ui.state import history
from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from tests.support.tabs import answer_of, make_chat


async def test_a_long_chat_opens_with_its_latest_turns_and_loads_earlier_ones_on_demand(local_api, monkeypatch, tabs):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    tab = tabs()
    sid = await make_chat(tab, 25)
    await tab.open(f"/chat/{sid}")
    chat = await tab.state(ChatState)
    assert [v.key for v in chat.turns] == [f"h{i}" for i in range(15, 25)]
    assert chat.earlier == 15 and chat.turns[-1].prompt == "Question 24 about time off"
    sent = [u.delta for u in tab.ns.of(tab.token)]
    assert not any("Question 3 about" in str(d) for d in sent), "the page got turns it does not show"

    await tab.run(ChatState.show_earlier)
    chat = await tab.state(ChatState)
    assert [v.key for v in chat.turns] == [f"h{i}" for i in range(5, 25)] and chat.earlier == 5

    history._views.clear()  # another worker, or the cache let go: the session is folded again
    await tab.run(ChatState.show_earlier)
    chat = await tab.state(ChatState)
    assert [v.prompt for v in chat.turns] == [f"Question {i} about time off" for i in range(25)]
    assert chat.earlier == 0
    await tab.run(ChatState.show_earlier)  # nothing above: no change
    assert len((await tab.state(ChatState)).turns) == 25

    # A new turn in the long chat is numbered after all of them, loaded or not.
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send("And the travel policy?"))
    live = await tab.idle()
    assert live.turn.key.startswith("t25-") and answer_of(live)


async def test_a_reconnect_keeps_what_the_reader_had_scrolled_up_to(local_api, monkeypatch, tabs):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    tab = tabs()
    sid = await make_chat(tab, 14)
    await tab.open(f"/chat/{sid}")
    await tab.run(ChatState.show_earlier)
    assert len((await tab.state(ChatState)).turns) == 14
    await tab.open(f"/chat/{sid}")  # the socket reconnected: on_load runs again
    chat = await tab.state(ChatState)
    assert len(chat.turns) == 14 and chat.earlier == 0
