"""The local React component wrappers compile to the props and events the .jsx expects.

Fast and browser-free: it renders the wrappers to JSX strings. The behaviour of
the .jsx files themselves was checked in Chromium against a throwaway app.
"""

from __future__ import annotations

import json

import reflex as rx

from chat_ui.components import client
from chat_ui.components.client import (
    composer,
    follow_scroll,
    live_text,
    text_wire,
    when_visible,
)
from chat_ui.state import wire


class ClientDemoState(rx.State):
    """Just enough state to bind vars and handlers."""

    text: str = ""
    done: bool = False
    streaming: bool = False
    pins: int = 0

    @rx.event
    def send(self, text: str):
        """Receive a prompt."""

    @rx.event
    def stop(self):
        """Stop the stream."""

    @rx.event
    def shown(self):
        """Lazy content became visible."""


def _imports(component: rx.Component) -> set[str]:
    return set(component._get_all_imports())


def test_modules_import_from_public_assets_without_version_query():
    for path in (client._LIVE_TEXT, client._COMPOSER, client._FOLLOW_SCROLL, client._WHEN_VISIBLE):
        assert path.startswith("$/public/external/chat_ui/components/js/")
        assert path.endswith(".jsx") and "?" not in path


def test_live_text_props():
    out = str(live_text("a1", ClientDemoState.text, ClientDemoState.done))
    assert out.startswith("jsx(LiveText,{")
    assert 'streamKey:"a1"' in out and 'format:"markdown"' in out
    assert "text_rx_state_" in out and "done_rx_state_" in out
    assert client._LIVE_TEXT in _imports(live_text("a1"))
    assert 'format:"plain"' in str(live_text("t", "x", True, format="plain"))
    assert {"react-markdown@10.1.0", "remark-gfm@4.0.1"} <= set(client.LiveText.create().lib_dependencies)


def test_composer_props_and_events():
    c = composer(
        ClientDemoState.send,
        ClientDemoState.stop,
        streaming=ClientDemoState.streaming,
        limit=1000,
        disabled=True,
        disabled_reason="No backend",
        draft="again",
        draft_seq=3,
    )
    out = str(c)
    assert out.startswith("jsx(Composer,{")
    for prop in ("limit:1000", "disabled:true", 'disabledReason:"No backend"', 'draft:"again"', "draftSeq:3"):
        assert prop in out
    assert "streaming_rx_state_" in out
    # on_send passes the text argument through; on_stop takes none.
    assert 'onSend:((_ev_0) =>' in out and '["text"] : _ev_0' in out
    assert "onStop:" in out and ".stop" in out
    assert client._COMPOSER in _imports(c)


def test_follow_scroll_and_when_visible():
    fs = str(follow_scroll(rx.text("x"), pin_signal=ClientDemoState.pins, id="log"))
    assert fs.startswith("jsx(FollowScroll,{") and "pinSignal:" in fs and "pins_rx_state_" in fs
    wv = str(when_visible(rx.text("x"), on_visible=ClientDemoState.shown, reset_key="s1"))
    assert wv.startswith("jsx(WhenVisible,{") and 'resetKey:"s1"' in wv
    assert "onVisible:" in wv and ".shown" in wv


def test_text_wire_wraps_the_root_and_carries_text_as_its_own_socket_event():
    assert str(text_wire()).startswith("jsx(TextWire,")
    assert client._TEXT_WIRE in _imports(text_wire()) and client._TEXT_WIRE.endswith("/text_wire.js")
    # The payload is data, never code: the browser applies it without eval.
    assert wire.payload(replace={"a1": 'x</script>"\n'}, append={"t1": "é"}, reset=["a0"]) == {
        "s": {"a1": 'x</script>"\n'}, "a": {"t1": "é"}, "r": ["a0"]}
    assert wire.payload() == {}
    assert json.dumps(wire.payload(append={"k": "é"}), ensure_ascii=False) == '{"a": {"k": "é"}}'


async def test_text_goes_only_to_a_socket_this_worker_holds():
    sent = []

    class Channel:
        def sid(self, token):
            return {"here": "sid-1"}.get(token)

        async def emit(self, event, data, to):
            sent.append((event, data, to))

    wire.use_channel(Channel())
    try:
        assert await wire.send_text("here", append={"k": "hi"})
        assert not await wire.send_text("elsewhere", append={"k": "hi"})
        assert not await wire.send_text("here")  # nothing to say
    finally:
        wire.use_channel(None)
    assert sent == [(wire.EVENT, {"a": {"k": "hi"}}, "sid-1")]


def test_chat_not_found_links_straight_to_a_new_chat():
    """Not to "/", whose on_load only redirects there: one round trip fewer."""
    from chat_ui.pages.chat import _not_found
    from chat_ui.state.chat import NEW_CHAT

    assert f"ReactRouterLink,{{to:{json.dumps(NEW_CHAT)}}}" in str(_not_found())
