"""Behind a proxy named in the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) the upstream
clients go through it, calls and turn streams alike, and NO_PROXY hosts still go direct: httpx
honours these only with its own pool, which the sharded one replaced."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from starlette.responses import JSONResponse, Response

from chat_ui.api import pool
from chat_ui.api.client import LlamaCloudClient
from chat_ui.api.models import Stop
from chat_ui.api.pool import ShardedTransport
from tests.support.servers import serve

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
SUMMARY = {"session_id": "ses-1", "last_updated_at": "2026-04-22T12:34:41.342245", "generated_title": "via proxy"}
STOP = {"type": "stop", "is_error": False, "error": None, "usage": {"duration_ms": 5, "turns": 1}}


@pytest.fixture(autouse=True)
def no_proxy_env(monkeypatch) -> None:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setattr(pool, "_told_proxy", False)


@pytest.fixture
def proxy() -> Iterator[tuple[str, list[str]]]:
    """A forward proxy for plain http:// URLs that answers every request itself and records the
    absolute-form target it was asked for."""
    seen: list[str] = []

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        seen.append(f"{scope['method']} {scope['path']}")
        if scope["method"] == "POST":
            reply: Response = Response(f"event: message\ndata: {json.dumps(STOP)}\n\n", media_type="text/event-stream")
        else:
            reply = JSONResponse(SUMMARY)
        await reply(scope, receive, send)

    with serve(app) as url:
        yield url, seen


async def test_calls_and_turn_streams_go_through_the_env_proxy(proxy, monkeypatch, caplog):
    url, seen = proxy
    monkeypatch.setenv("HTTP_PROXY", url)
    caplog.set_level(logging.INFO, logger=pool.__name__)
    # upstream.invalid does not resolve: only the proxy can answer for it
    async with LlamaCloudClient("k", "http://upstream.invalid") as client:
        assert (await client.get_summary("ses-1")).generated_title == "via proxy"
        events = [event async for event in client.stream_turn("ses-1", "hi", [])]
    assert isinstance(events[-1], Stop)
    assert seen == ["GET http://upstream.invalid/api/v1/chat/ses-1/summary",
                    "POST http://upstream.invalid/api/v1/chat/ses-1/messages/stream"]
    assert sum("proxy" in r.getMessage() for r in caplog.records) == 1  # said once, for both pools


async def test_no_proxy_hosts_go_direct(proxy, local_api, monkeypatch):
    url, seen = proxy
    monkeypatch.setenv("HTTP_PROXY", url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with LlamaCloudClient(None, local_api) as client:
        session = await client.create_session()
        assert (await client.get_summary(session.session_id)).session_id == session.session_id
    assert seen == []


def test_without_a_proxy_the_pools_stay_sharded(monkeypatch):
    client = LlamaCloudClient("k", "http://127.0.0.1:9")
    assert isinstance(client._http._transport, ShardedTransport)
    assert isinstance(client._streams._transport, ShardedTransport)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "*")  # httpx ignores every proxy then
    assert isinstance(LlamaCloudClient("k", "http://127.0.0.1:9")._http._transport, ShardedTransport)


async def test_the_embedded_backend_on_this_machine_never_goes_through_the_proxy(proxy, local_api, monkeypatch):
    """A deployment behind a proxy, on the embedded backend, NO_PROXY unset: loopback goes direct."""
    url, seen = proxy
    monkeypatch.setenv("HTTP_PROXY", url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    async with LlamaCloudClient(None, local_api) as client:
        session = await client.create_session()
        assert (await client.get_summary(session.session_id)).session_id == session.session_id
    assert seen == []
