"""A stored session and the hub's turn, put together when a tab opens a chat: every turn once."""

from __future__ import annotations

from chat_ui import transcript as t
from chat_ui.api import models as m
from chat_ui.turns.entries import TurnInfo
from chat_ui.turns.hub import Current
from chat_ui.turns.reconcile import split_history


def stored(*turns: tuple[str, bool]) -> t.Transcript:
    """Turns as (prompt, finished)."""
    events: list = []
    for prompt, finished in turns:
        events += [m.UserInput(content=prompt), m.TextDelta(content="answer to " + prompt)]
        if finished:
            events.append(m.Stop())
    return t.fold(events)


def hub_turn(prompt: str, ordinal: int, running: bool) -> Current:
    return Current(TurnInfo("ses-1", f"t{ordinal}-abcd", prompt, ordinal), running)


def prompts(transcript) -> list[str]:
    return [turn.prompt for turn in transcript]


def test_no_turn_in_the_hub_shows_the_stored_session_with_a_cut_turn_closed():
    history, follow = split_history(stored(("a", True), ("b", False)), None)
    assert prompts(history) == ["a", "b"] and not follow
    assert history[-1].status == "interrupted"


def test_a_running_turn_whose_prompt_is_stored_is_shown_once_live():
    history, follow = split_history(stored(("a", True), ("b", False)), hub_turn("b", 1, True))
    assert prompts(history) == ["a"] and follow


def test_a_running_turn_not_stored_yet_follows_the_history():
    history, follow = split_history(stored(("a", True)), hub_turn("b", 1, True))
    assert prompts(history) == ["a"] and follow


def test_a_finished_turn_the_hub_still_holds_replaces_its_stored_copy():
    # e.g. stopped on purpose: the hub says "stopped", the upstream stored a cut connection
    history, follow = split_history(stored(("a", True), ("b", True)), hub_turn("b", 1, False))
    assert prompts(history) == ["a"] and follow


def test_the_same_prompt_asked_twice_is_told_apart_by_its_place():
    history, follow = split_history(stored(("a", True), ("a", True)), hub_turn("a", 0, False))
    assert prompts(history) == ["a", "a"] and not follow  # the hub's is the first: it is stored
    history, follow = split_history(stored(("a", True)), hub_turn("a", 1, True))
    assert prompts(history) == ["a"] and follow


def test_a_turn_that_ended_before_it_was_stored_is_not_lost():
    history, follow = split_history(stored(("a", True)), hub_turn("b", 1, False))
    assert prompts(history) == ["a"] and follow


def test_an_older_finished_turn_in_the_hub_is_left_to_the_history():
    history, follow = split_history(stored(("a", True), ("b", True), ("c", True)), hub_turn("b", 1, False))
    assert prompts(history) == ["a", "b", "c"] and not follow
