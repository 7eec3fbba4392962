"""The access layer's parts on their own: signed cookies, the owner store (SQLite and Redis),
the rate limiter (in process and Redis), the shared secret, and the URL checks."""

from __future__ import annotations

import asyncio

import pytest

from chat_ui.access import cookies, secret
from chat_ui.access.gate import safe_next
from chat_ui.access.limits import MemoryLimiter, RedisLimiter
from chat_ui.state.screenshots import safe_image_url


@pytest.fixture
def access_redis(redis_url):
    """The session's redis-server, in a database of its own (3), emptied after each test: other
    tests' keys (the turn hub's, a running cluster's) stay untouched."""
    import redis

    url = redis_url.rsplit("/", 1)[0] + "/3"
    yield url
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()


# ---------------------------------------------------------------------------- cookies


def test_owner_cookie_round_trips_and_rejects_forgeries():
    owner, value = cookies.new_owner()
    assert len(owner) >= 22 and owner in value
    assert cookies.owner_from_value(value) == owner
    assert cookies.owner_from_header(f"other=1; {cookies.OWNER_COOKIE}={value}; x=y") == owner
    forged = value.replace(owner, "someone-else")
    assert cookies.owner_from_value(forged) == ""
    assert cookies.owner_from_value(owner) == ""  # an unsigned id is no owner
    assert cookies.owner_from_header("") == ""


def test_owner_cookie_of_another_secret_is_refused(monkeypatch):
    _, value = cookies.new_owner()
    monkeypatch.setenv("CHAT_UI_SECRET", "another-deployment")
    assert cookies.owner_from_value(value) == ""


def test_gate_cookie_opens_for_its_password_only():
    value = cookies.gate_value("correct horse")
    header = f"{cookies.GATE_COOKIE}={value}"
    assert cookies.gate_open(header, "correct horse")
    assert not cookies.gate_open(header, "changed password")  # a new password signs everyone out
    assert not cookies.gate_open("", "correct horse")
    assert not cookies.gate_open(f"{cookies.GATE_COOKIE}=ok", "correct horse")
    assert cookies.gate_open("", "")  # no password: always open
    # The owner cookie never opens the gate, even though both come from one secret.
    _, owner_value = cookies.new_owner()
    assert not cookies.gate_open(f"{cookies.GATE_COOKIE}={owner_value}", "correct horse")


def test_set_cookie_header_is_httponly_and_lax():
    text = cookies.set_cookie_header("n", "v", max_age=10, secure=False)
    assert "HttpOnly" in text and "SameSite=Lax" in text and "Path=/" in text and "Secure" not in text
    assert "Secure" in cookies.set_cookie_header("n", "v", max_age=10, secure=True)


# ---------------------------------------------------------------------------- secret


def test_internal_token_is_derived_not_the_secret():
    token = secret.internal_api_token()
    assert "test-secret" not in token and len(token) == 64


# ---------------------------------------------------------------------------- limits


@pytest.fixture(params=["memory", "redis"])
async def limiter(request):
    if request.param == "memory":
        yield MemoryLimiter()
        return
    limiter = RedisLimiter(request.getfixturevalue("access_redis"))
    yield limiter
    await limiter._r.aclose()


async def test_limiter_allows_the_limit_then_says_how_long_to_wait(limiter):
    assert [await limiter.hit("k", 3, 60) for _ in range(3)] == [0, 0, 0]
    wait = await limiter.hit("k", 3, 60)
    assert 55 < wait <= 60
    assert await limiter.hit("other", 3, 60) == 0  # keys are apart
    assert await limiter.hit("k", 0, 60) == 0  # 0: no limit


async def test_limiter_window_slides(limiter):
    assert await limiter.hit("w", 1, 0.3) == 0
    assert await limiter.hit("w", 1, 0.3) > 0
    await asyncio.sleep(0.35)
    assert await limiter.hit("w", 1, 0.3) == 0


async def test_memory_limiter_forgets_keys_once_their_window_has_passed():
    """A script that drops its cookies is a new owner, a new key, per connection."""
    limiter = MemoryLimiter()
    for i in range(200):
        assert await limiter.hit(f"turn:owner-{i}", 5, 0.2) == 0
    assert await limiter.hit("signin:1.2.3.4", 5, 0.1) == 0
    assert len(limiter._hits) == 201
    await asyncio.sleep(0.25)
    assert await limiter.hit("turn:owner-new", 5, 0.2) == 0
    assert list(limiter._hits) == ["turn:owner-new"]
    # A key still inside its window is kept, and still counted.
    assert [await limiter.hit("turn:owner-new", 2, 0.2) for _ in range(2)] == [0, pytest.approx(0.2, abs=0.05)]


# ---------------------------------------------------------------------------- URLs


@pytest.mark.parametrize("url, ok", [
    ("/api/v1/local-files/src/page_1.jpg?sig=x", True),
    ("https://bucket.s3.amazonaws.com/p.jpg?X-Amz=1", True),
    ("http://example.com/p.jpg", True),
    ("javascript:alert(1)", False),
    ("data:image/svg+xml,<svg onload=alert(1)>", False),
    ("//evil.example/p.jpg", False),
    ("/\\evil.example/p.jpg", False),
    ("https:///nohost", False),
    ("page.jpg", False),
])
def test_only_http_or_same_origin_screenshot_urls_are_shown(url, ok):
    assert (safe_image_url(url) == url) is ok


@pytest.mark.parametrize("value, expected", [
    ("/chat/ses-1?x=1", "/chat/ses-1?x=1"), ("/", "/"), ("//evil.example", "/"), ("/\\evil.example", "/"),
    ("https://evil.example", "/"), ("", "/"), ("/_auth/sign-out", "/"),
    ("/\t/evil.example/x", "/"), ("/\n/evil.example", "/"), ("/x\x7f", "/"), ("/a\\b", "/"),
])
def test_sign_in_returns_only_to_paths_on_this_site(value, expected):
    assert safe_next(value) == expected


# ---------------------------------------------------------------------------- CSP


def test_csp_allows_the_built_pages_inline_scripts_by_hash_only(tmp_path):
    import base64
    import hashlib

    from chat_ui.access.headers import content_security_policy, inline_script_hashes

    (tmp_path / "chat").mkdir()
    (tmp_path / "index.html").write_text('<script>window.a=1;</script><script type="module" src="/x.js"></script>')
    (tmp_path / "chat" / "index.html").write_text('<script type="module" async="">import "/m.js";</script><script> </script>')
    hashes = inline_script_hashes(tmp_path)
    expected = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                for s in ("window.a=1;", 'import "/m.js";')}
    assert set(hashes) == expected
    csp = content_security_policy(hashes)
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0] and "'unsafe-eval'" in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    # No built pages (a development server serves them): inline scripts are allowed instead.
    assert "script-src 'self' 'unsafe-eval' 'unsafe-inline'" in content_security_policy(inline_script_hashes(tmp_path / "none"))


@pytest.mark.parametrize(("env", "origin"), [
    ({"LLAMA_CLOUD_API_KEY": "k", "LLAMA_CLOUD_BASE_URL": "http://127.0.0.1:8765/"}, "http://127.0.0.1:8765"),
    ({"LLAMA_CLOUD_API_KEY": "k", "LLAMA_CLOUD_BASE_URL": "https://API.cloud.eu.llamaindex.ai"}, "https://api.cloud.eu.llamaindex.ai"),
    ({"LLAMA_CLOUD_API_KEY": "k", "LLAMA_CLOUD_BASE_URL": "http://user:pw@host:1"}, ""),  # not an origin a header may carry
    ({}, ""),  # the embedded API: its screenshot URLs are the app's own
    ({"CHAT_UI_BACKEND": "deepset"}, ""),  # no screenshots
])
def test_csp_lets_screenshots_come_from_the_backends_own_origin(monkeypatch, env, origin):
    """A LlamaCloud-compatible backend over plain http presigns URLs on itself: without its
    origin in img-src every page screenshot would be blocked."""
    from chat_ui.access.headers import content_security_policy
    from chat_ui.backends import image_origin

    for name in ("LLAMA_CLOUD_API_KEY", "LLAMA_CLOUD_BASE_URL", "CHAT_UI_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert image_origin() == origin
    images = content_security_policy([], image_origin()).split("img-src ")[1].split(";")[0]
    assert images == f"'self' data: blob: https: {origin}".rstrip()


async def test_with_redis_every_worker_counts_the_same_turns(access_redis, monkeypatch):
    """Workers are separate processes; here another client of the same Redis stands in for one.
    (Who owns what is in the durable store, which every worker shares: tests/test_store.py.)"""
    from chat_ui.access import policy

    monkeypatch.setenv("REFLEX_REDIS_URL", access_redis)
    monkeypatch.setenv("CHAT_UI_TURNS_PER_MINUTE", "1")
    await policy.claim("alice", "ses-r1")
    other_limiter = RedisLimiter(access_redis)
    assert await policy.can_open("alice", "ses-r1") and not await policy.can_open("bob", "ses-r1")
    assert await policy.admit_turn("alice", "ses-r1") == ""
    assert await other_limiter.hit("turn:alice", 1, 60) > 0  # the other worker counts that turn
    await other_limiter._r.aclose()
