"""A person's tabs through Reflex's real event pipeline (``CHAT_UI_AUTH=header``: people, no
provider needed): the chat belongs to the account in every tab of every browser, and a tab whose
sign-in ended keeps the typed message and is sent to sign in, back to the same page."""

from __future__ import annotations

import asyncio
import time

import pytest

from chat_ui.access.cookies import OWNER_COOKIE, new_owner
from chat_ui.access.person import PERSON_COOKIE, Person, person_value
from chat_ui.access.policy import SIGNED_OUT
from chat_ui.state.chat import ChatState
from chat_ui.state.live import LiveState
from chat_ui.state.sessions import SessionsState
from chat_ui.store import accounts

PROMPT = "What is the parental leave policy?"


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    monkeypatch.setenv("CHAT_UI_AUTH", "header")
    return local_api


def jar(person: Person) -> str:
    return f"{OWNER_COOKIE}={new_owner()[1]}; {PERSON_COOKIE}={person_value(person)}"


async def test_a_persons_chat_is_theirs_in_every_browser_and_nobody_elses(api, tabs):
    alice = await accounts.sign_in("header", "alice@x.test", email="alice@x.test", name="Alice")
    bob = await accounts.sign_in("header", "bob@x.test", email="bob@x.test", name="Bob")
    later = time.time() + 600
    laptop = tabs(browser="laptop")
    laptop.cookie = jar(Person(alice.id, "Alice", "alice@x.test", False, later))
    await laptop.run(ChatState.load_indexes)
    await laptop.run(LiveState.send(PROMPT))
    await laptop.idle()
    chat_id = (await laptop.state(ChatState)).current_id
    phone = tabs(browser="phone")
    phone.cookie = jar(Person(alice.id, "Alice", "alice@x.test", False, later))
    other = tabs(browser="other")
    other.cookie = jar(Person(bob.id, "Bob", "bob@x.test", False, later))
    await phone.run(SessionsState.refresh)
    await other.run(SessionsState.refresh)
    mine, theirs = await phone.state(SessionsState), await other.state(SessionsState)
    assert [s.session_id for s in mine.sessions] == [chat_id] and theirs.sessions == []
    assert (mine.person_name, mine.person_email) == ("Alice", "alice@x.test")
    assert (theirs.person_name, theirs.person_email) == ("Bob", "bob@x.test")


async def test_a_tab_whose_sign_in_ended_keeps_the_message_and_goes_to_sign_in(api, tabs):
    alice = await accounts.sign_in("header", "alice@x.test", email="alice@x.test", name="Alice")
    tab = tabs(browser="laptop")
    tab.cookie = jar(Person(alice.id, "Alice", "alice@x.test", False, time.time() + 1.0))
    await tab.run(ChatState.load_indexes)
    time.sleep(1.1)  # the sign-in ends under the open tab
    await tab.run(LiveState.send("Draft I typed"))
    live = await tab.wait_for(lambda lv: lv.send_error, 10, "the refusal")
    assert live.send_error == SIGNED_OUT and live.draft == "Draft I typed" and not live.turn.key
    await asyncio.sleep(0.2)
    scripts = [str(ev.payload) for u in tab.ns.of(tab.token) if hasattr(u, "events") for ev in u.events
               if ev.name == "_call_script"]
    assert any('window.location.assign("/auth/sign-in' in js for js in scripts)  # a full page load, to the server


async def test_a_sign_out_elsewhere_ends_an_open_tabs_sending(api, tabs, monkeypatch):
    """``oidc``: the tab's person carries the sign-in's expiry, the store whether it is still open;
    a sign-out in another tab (which ends the session everywhere) refuses this tab's next send."""
    from chat_ui.access import signin_cookie

    monkeypatch.setenv("CHAT_UI_AUTH", "oidc")
    monkeypatch.setenv("CHAT_UI_OIDC_ISSUER", "http://127.0.0.1:9/never-asked")
    monkeypatch.setenv("CHAT_UI_OIDC_CLIENT_ID", "chat-app")
    monkeypatch.setenv("CHAT_UI_PUBLIC_URL", "http://127.0.0.1:3000")
    alice = await accounts.sign_in("oidc", "alice", email="alice@x.test", name="Alice")
    token = await accounts.open_signin(alice.id, 600)
    tab = tabs(browser="laptop")
    session = f"{signin_cookie.SESSION_COOKIE}={signin_cookie.session_value(token)}"
    tab.cookie = f"{jar(Person(alice.id, 'Alice', 'alice@x.test', False, time.time() + 600))}; {session}"
    await tab.run(ChatState.load_indexes)
    await tab.run(LiveState.send(PROMPT))  # signed in: it goes
    await tab.idle()
    assert (await tab.state(ChatState)).current_id

    await accounts.close_signin(token)  # signed out in another tab of this browser
    signin_cookie.forget(token)
    await tab.run(LiveState.send("Draft I typed"))
    live = await tab.wait_for(lambda lv: lv.send_error, 10, "the refusal")
    assert live.send_error == SIGNED_OUT and live.draft == "Draft I typed"
