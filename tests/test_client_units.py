"""Client pieces that need no server: settings, retry timing, error wording, transport failures."""

from __future__ import annotations

from email.utils import format_datetime
from datetime import datetime, timezone

import httpx
import pytest

from chat_ui.i18n.message import render
from chat_ui.api.client import LlamaCloudClient
from chat_ui.api.config import DEFAULT_BASE_URL, ClientSettings
from chat_ui.api.errors import APITimeoutError, StreamInterrupted
from chat_ui.api.replies import detail_message
from chat_ui.api.retry import RetryPolicy, retry_after_seconds


def test_settings_from_env_treat_empty_as_unset():
    s = ClientSettings.from_env(
        {
            "LLAMA_CLOUD_API_KEY": "sk-secret",
            "LLAMA_CLOUD_BASE_URL": "",
            "LLAMA_CLOUD_PROJECT_ID": "proj-1",
            "LLAMA_CLOUD_ORGANIZATION_ID": " ",
        }
    )
    assert (s.api_key, s.base_url, s.project_id, s.organization_id) == ("sk-secret", DEFAULT_BASE_URL, "proj-1", None)
    assert "sk-secret" not in repr(s)


async def test_from_env_builds_client_without_leaking_key():
    c = LlamaCloudClient.from_env({"LLAMA_CLOUD_API_KEY": "sk-secret", "LLAMA_CLOUD_BASE_URL": "http://h:1/"})
    try:
        assert c.base_url == "http://h:1"
        assert "sk-secret" not in repr(c)
    finally:
        await c.aclose()


def test_retry_after_forms():
    now = 1_000_000.0
    date = format_datetime(datetime.fromtimestamp(now + 30, tz=timezone.utc), usegmt=True)
    assert retry_after_seconds(httpx.Headers({"retry-after": "2"})) == 2
    assert retry_after_seconds(httpx.Headers({"retry-after": date}), now=now) == pytest.approx(30)
    assert retry_after_seconds(httpx.Headers({"retry-after": "120"})) is None  # too long: use backoff
    assert retry_after_seconds(httpx.Headers({"retry-after": "soon"})) is None
    assert retry_after_seconds(httpx.Headers({"retry-after-ms": "250"})) == 0.25


def test_backoff_doubles_and_caps():
    policy = RetryPolicy()
    delays = [policy.delay(n) for n in range(6)]
    assert 0.375 <= delays[0] <= 0.5
    assert all(6 <= d <= 8 for d in delays[4:])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"detail": "Invalid authentication token"}, "Invalid authentication token"),
        ({"detail": [{"loc": ["query", "page_size"], "msg": "Input should be a valid integer"}]},
         "page_size: Input should be a valid integer"),
        ({"detail": [{"loc": ["body"], "msg": "Field required"}]}, "Field required"),
        ({"detail": {"message": "quota exceeded"}}, "quota exceeded"),
        ({"detail": ""}, None),
        (["not", "a", "dict"], None),
    ],
)
def test_detail_rendering(body, expected):
    assert detail_message(body) == expected


async def test_read_timeout_on_plain_call_is_api_timeout_after_retries():
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ReadTimeout("slow", request=request)

    async def no_sleep(_: float) -> None:
        return None

    async with LlamaCloudClient(
        "k", "http://api.test", transport=httpx.MockTransport(handler), retry_policy=RetryPolicy(sleep=no_sleep)
    ) as c:
        with pytest.raises(APITimeoutError) as info:
            await c.get_summary("ses-1")
        assert "api.test took too long" in render("en", str(info.value))
    assert calls == 4


class _StallingStream(httpx.AsyncByteStream):
    async def __aiter__(self):
        yield b'data: {"type": "text_delta", "content": "Rev"}\n\n'
        raise httpx.ReadTimeout("no bytes for 300 s")


async def test_read_timeout_mid_stream_keeps_partial():
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=_StallingStream())
    )
    got = []
    async with LlamaCloudClient("k", "http://api.test", transport=transport) as c:
        with pytest.raises(StreamInterrupted, match="turn.connection_lost"):  # a kept message id
            async for event in c.stream_turn("ses-1", "hi", ["idx-1"]):
                got.append(event.content)
    assert got == ["Rev"]
